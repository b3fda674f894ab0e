import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterError } from '../../../main/core/cluster/failure';
import { inspectApiServer, loadPin, pinPath, savePin, sha256View } from '../../../main/core/cluster/pin';
import type { ApiPin } from '../../../main/core/cluster/types';
import { sha256Of } from '../../kube/api-server/certs';
import { API_NAME, closedPort, makeTlsBed, startPlainHttps, type PlainServer, type TlsBed } from './helpers/tls-bed';

let bed: TlsBed;
let leafOnly: PlainServer;
let withChain: PlainServer;
let siteDir: string;

beforeAll(async () => {
  bed = await makeTlsBed();
  leafOnly = await startPlainHttps(bed.serving);
  withChain = await startPlainHttps(bed.serving, { sendChain: true });
  siteDir = await mkdtemp(path.join(tmpdir(), 'sitekit-pin-'));
});
afterAll(async () => {
  await leafOnly?.close();
  await withChain?.close();
  await bed?.close();
  await rm(siteDir, { recursive: true, force: true });
});

const viaVip = (port: number) => ({ server: `https://${API_NAME}:${port}`, viaAddress: '127.0.0.1' });

describe('inspectApiServer', () => {
  it('through the VIP, keeps the API name for TLS and finds the kubeconfig CA that signed the leaf', async () => {
    // The installer's CA bundle holds several signers; the right one is picked.
    const seen = await inspectApiServer(viaVip(leafOnly.port), { caPem: bed.other.ca.certPem + bed.serving.ca.certPem });
    expect(seen.identity.leaf.sha256).toBe(sha256Of(bed.serving.leaf.certPem));
    expect(seen.identity.ca.sha256).toBe(sha256Of(bed.serving.ca.certPem));
    expect(seen.identity.ca.subject).toBe('OU=openshift, CN=kube-apiserver-lb-signer');
    expect(seen.identity.leaf.subject).toBe(`CN=${API_NAME}`);
    expect(Date.parse(seen.identity.leaf.notAfter)).toBeGreaterThan(Date.parse(seen.identity.leaf.notBefore));
    expect(seen).toMatchObject({ signedByKubeconfigCa: true, nameMatches: true });
    // What the CA card tells the technician: this CA is the kubeconfig's own.
    expect(seen.identity.caFromKubeconfig).toBe(true);
    expect(sha256View(seen.caPem)).toBe(seen.identity.ca.sha256);
  });

  it('without a kubeconfig CA: the top certificate the server presented', async () => {
    const chain = await inspectApiServer(viaVip(withChain.port));
    expect(chain.identity.ca.sha256).toBe(sha256Of(bed.serving.ca.certPem));
    expect(chain.signedByKubeconfigCa).toBe(false);
    expect(chain.identity.caFromKubeconfig).toBe(false);
    const leaf = await inspectApiServer(viaVip(leafOnly.port));
    expect(leaf.identity.ca.sha256).toBe(sha256Of(bed.serving.leaf.certPem));
  });

  it('says when the CA is not the kubeconfig one and when the name does not match', async () => {
    const foreign = await inspectApiServer(viaVip(leafOnly.port), { caPem: bed.other.ca.certPem });
    expect(foreign.signedByKubeconfigCa).toBe(false);
    expect(foreign.identity.caFromKubeconfig).toBe(false);
    const otherName = await inspectApiServer({ server: `https://api.other.example.com:${leafOnly.port}`, viaAddress: '127.0.0.1' });
    expect(otherName.nameMatches).toBe(false);
  });

  it('fails with the connection failure in one sentence', async () => {
    const port = await closedPort();
    const error = await inspectApiServer(viaVip(port)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).failure).toMatchObject({ kind: 'refused', retryable: true });
  });
});

describe('pin file', () => {
  const pin = (): ApiPin => ({
    server: `https://${API_NAME}:6443`,
    caSha256: sha256Of(bed.serving.ca.certPem),
    caPem: bed.serving.ca.certPem,
    acceptedAt: '2025-03-01T10:00:00.000Z',
  });

  it('saves and loads .sitekit/cluster/api-pin.json', async () => {
    expect(await loadPin(siteDir)).toBeUndefined();
    await savePin(siteDir, pin());
    expect(pinPath(siteDir)).toBe(path.join(siteDir, '.sitekit', 'cluster', 'api-pin.json'));
    expect(JSON.parse(await readFile(pinPath(siteDir), 'utf8'))).toEqual({ version: 1, pin: pin() });
    expect(await loadPin(siteDir)).toEqual(pin());
  });

  it('a pin file that cannot be trusted is an error, never "no pin"', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-pin-bad-'));
    try {
      await mkdir(path.dirname(pinPath(dir)), { recursive: true });
      await writeFile(pinPath(dir), '{not json');
      await expect(loadPin(dir)).rejects.toThrow(/not valid JSON; fix or remove it/);
      await writeFile(pinPath(dir), JSON.stringify({ version: 1, pin: { server: 'x' } }));
      await expect(loadPin(dir)).rejects.toThrow(/not a Sitekit API pin file/);
      await writeFile(pinPath(dir), JSON.stringify({ version: 1, pin: { ...pin(), caPem: bed.other.ca.certPem } }));
      await expect(loadPin(dir)).rejects.toThrow(/does not match its fingerprint/);
      // Read bounded: the file comes with the site folder, from anywhere.
      await writeFile(pinPath(dir), ' '.repeat(2 * 1024 * 1024));
      await expect(loadPin(dir)).rejects.toThrow(/more than the 256 KiB an API pin file may have; fix or remove it/);
      await rm(pinPath(dir));
      await mkdir(pinPath(dir));
      await expect(loadPin(dir)).rejects.toThrow(/cannot be used: it is a folder/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
