// Certificates (made with openssl by the test API server's certs.ts) and a plain node:https
// server on 127.0.0.1 for the tests that look at TLS itself: server identity, pins, and the
// real errors Node and client-node throw. It answers every request with `respond`, or never
// answers (`hang`) to produce a real timeout.
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClientCertificates, makeServingCertificates, type ClientCertificates, type ServingCertificates } from '../../../kube/api-server/certs';
import { renderKubeconfig } from '../../../kube/api-server/kubeconfig';

export const API_NAME = 'api.acp.plant-a.example.com';

export interface TlsBed {
  dir: string;
  serving: ServingCertificates;
  /** A second, unrelated serving CA + leaf (for "signed by another CA" and rotation tests). */
  other: ServingCertificates;
  client: ClientCertificates;
  kubeconfig(server: string, caPem?: string): string;
  close(): Promise<void>;
}

export async function makeTlsBed(): Promise<TlsBed> {
  const dir = await mkdtemp(join(tmpdir(), 'sitekit-tls-bed-'));
  const serving = await makeServingCertificates(dir, API_NAME, 0);
  const other = await makeServingCertificates(dir, API_NAME, 1);
  const client = await makeClientCertificates(dir);
  return {
    dir,
    serving,
    other,
    client,
    kubeconfig: (server, caPem = serving.ca.certPem) =>
      renderKubeconfig({
        clusterName: 'acp',
        server,
        caPem,
        user: { kind: 'client-certificate', name: 'admin', certPem: client.admin.certPem, keyPem: client.admin.keyPem },
      }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface PlainServer {
  port: number;
  close(): Promise<void>;
}

export async function startPlainHttps(
  certs: { leaf: { certPem: string; keyPem: string }; ca: { certPem: string } },
  options: { respond?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void; hang?: boolean; sendChain?: boolean } = {},
): Promise<PlainServer> {
  const server = https.createServer(
    { cert: options.sendChain ? certs.leaf.certPem + certs.ca.certPem : certs.leaf.certPem, key: certs.leaf.keyPem },
    (req, res) => {
      if (options.hang) return;
      if (options.respond) return options.respond(req, res);
      res.setHeader('content-type', 'application/json');
      res.end('{"gitVersion":"v1.31.6","major":"1","minor":"31","platform":"linux/amd64"}');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
