// Certificates for one test API server, made with the openssl CLI (ECDSA P-256: quick) in a
// temporary directory the server removes on close. The layout follows an OpenShift cluster:
// the API serving certificate is signed by `kube-apiserver-lb-signer`, and the admin
// kubeconfig's client certificate (CN=system:admin, O=system:masters) by
// `admin-kubeconfig-signer` (openshift/installer pkg/asset/tls: kubeapiserver.go, adminkubeconfig.go).

import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface ServingCertificates {
  ca: KeyPair;
  leaf: KeyPair;
}

export interface ClientCertificates {
  ca: KeyPair;
  admin: KeyPair;
}

/** `SHA256:AB:CD:…`, the way the app shows a certificate to the technician. */
export function sha256Of(certPem: string): string {
  return `SHA256:${new X509Certificate(certPem).fingerprint256}`;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function makeCa(dir: string, file: string, subject: string): Promise<KeyPair> {
  await openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${file}.key`, '-out', `${file}.crt`, '-days', '3650', '-subj', subject,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
  ]);
  return read(dir, file);
}

async function makeSigned(
  dir: string,
  file: string,
  subject: string,
  ca: string,
  extensions: string,
): Promise<KeyPair> {
  await writeFile(join(dir, `${file}.ext`), extensions);
  await openssl(dir, [
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', subject,
  ]);
  await openssl(dir, [
    'x509', '-req', '-in', `${file}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-set_serial',
    `0x${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`,
    '-days', '365', '-sha256', '-extfile', `${file}.ext`, '-out', `${file}.crt`,
  ]);
  return read(dir, file);
}

async function read(dir: string, file: string): Promise<KeyPair> {
  const [certPem, keyPem] = await Promise.all([
    readFile(join(dir, `${file}.crt`), 'utf8'),
    readFile(join(dir, `${file}.key`), 'utf8'),
  ]);
  return { certPem, keyPem };
}

/**
 * A serving CA and a leaf for `hostName`, localhost and 127.0.0.1. `generation` keeps the files
 * of a rotated CA apart from the first one.
 */
export async function makeServingCertificates(dir: string, hostName: string, generation = 0): Promise<ServingCertificates> {
  const caFile = `serving-ca-${generation}`;
  const ca = await makeCa(dir, caFile, `/OU=openshift/CN=kube-apiserver-lb-signer`);
  const leaf = await makeSigned(
    dir,
    `serving-${generation}`,
    `/CN=${hostName}`,
    caFile,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${hostName},DNS:localhost,IP:127.0.0.1`,
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  return { ca, leaf };
}

/** The client CA the server trusts and the admin certificate of openshift-install's auth/kubeconfig. */
export async function makeClientCertificates(dir: string): Promise<ClientCertificates> {
  const ca = await makeCa(dir, 'client-ca', '/OU=openshift/CN=admin-kubeconfig-signer');
  const admin = await makeSigned(
    dir,
    'admin',
    '/O=system:masters/CN=system:admin',
    'client-ca',
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  return { ca, admin };
}
