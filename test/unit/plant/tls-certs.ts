// Certificates made by the real openssl CLI for the TLS verification tests: a root CA, an
// intermediate, leaves for the mirror host (right name, wrong name, CN only, expired, about to
// expire, self-signed) and a CA the plan does not know. OpenSSL 3.0 has no -not_before on
// `req`/`x509`, so the expired leaf is issued with `openssl ca -startdate -enddate`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const MIRROR_HOST = 'mirror.plant-a.example.com';
export const MIRROR_IP = '10.10.0.7';

export interface TestCerts {
  rootCa: string;
  intermediate: string;
  otherCa: string;
  /** Issued by the intermediate, SAN DNS:mirror… and IP:10.10.0.7, two years. */
  leaf: string;
  /** Issued by the root directly. */
  leafFromRoot: string;
  wrongName: string;
  cnOnly: string;
  /** Valid 2020-01-01 … 2021-01-01. */
  expired: string;
  /** Valid for 10 days. */
  expiring: string;
  /** Self-signed, CA:FALSE, SAN DNS:mirror…: as a registry made with `openssl req -x509`. */
  selfSigned: string;
  /** Issued by otherCa. */
  untrusted: string;
  /** An intermediate valid for 2 days and a two-year leaf under it. */
  shortIntermediate: string;
  leafUnderShort: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function key(dir: string, name: string): void {
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`]);
}

function selfSignedCa(dir: string, name: string, cn: string): void {
  key(dir, name);
  openssl(dir, ['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${cn}`, '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

/** A certificate for `cn` with the given extensions, signed by `issuer` (name of .pem/.key). */
function issue(dir: string, name: string, cn: string, issuer: string, extensions: string, days = 730): void {
  key(dir, name);
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial',
    '-out', `${name}.pem`, '-days', String(days), '-extfile', `${name}.ext`]);
}

const LEAF_EXT = (san: string) => `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`;

function expiredLeaf(dir: string): void {
  mkdirSync(path.join(dir, 'db'));
  writeFileSync(path.join(dir, 'db', 'index.txt'), '');
  writeFileSync(path.join(dir, 'db', 'serial'), '1000\n');
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ca]', 'default_ca = sk', '[sk]', 'database = db/index.txt', 'serial = db/serial', 'new_certs_dir = db',
      'certificate = intermediate.pem', 'private_key = intermediate.key', 'default_md = sha256', 'policy = any',
      'unique_subject = no', 'x509_extensions = leaf', '[any]', 'commonName = supplied',
      '[leaf]', 'basicConstraints = critical,CA:FALSE', `subjectAltName = DNS:${MIRROR_HOST}`, '',
    ].join('\n'),
  );
  key(dir, 'expired');
  openssl(dir, ['req', '-new', '-key', 'expired.key', '-out', 'expired.csr', '-subj', `/CN=${MIRROR_HOST}`]);
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-in', 'expired.csr', '-out', 'expired.pem', '-notext',
    '-startdate', '20200101000000Z', '-enddate', '20210101000000Z']);
}

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-tls-verify-'));
  try {
    selfSignedCa(dir, 'root', 'Plant A Test Root CA');
    selfSignedCa(dir, 'other', 'Somebody Else CA');
    issue(dir, 'intermediate', 'Plant A Test Issuing CA', 'root', 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n', 1825);
    issue(dir, 'leaf', MIRROR_HOST, 'intermediate', LEAF_EXT(`DNS:${MIRROR_HOST},IP:${MIRROR_IP}`));
    issue(dir, 'leaf-root', MIRROR_HOST, 'root', LEAF_EXT(`DNS:${MIRROR_HOST}`));
    issue(dir, 'wrong', 'registry.example.org', 'intermediate', LEAF_EXT('DNS:registry.example.org'));
    issue(dir, 'cn-only', MIRROR_HOST, 'intermediate', 'basicConstraints=critical,CA:FALSE\n');
    issue(dir, 'expiring', MIRROR_HOST, 'intermediate', LEAF_EXT(`DNS:${MIRROR_HOST}`), 10);
    issue(dir, 'untrusted', MIRROR_HOST, 'other', LEAF_EXT(`DNS:${MIRROR_HOST}`));
    issue(dir, 'short', 'Plant A Short CA', 'root', 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n', 2);
    issue(dir, 'under-short', MIRROR_HOST, 'short', LEAF_EXT(`DNS:${MIRROR_HOST}`));
    key(dir, 'self');
    openssl(dir, ['req', '-x509', '-new', '-key', 'self.key', '-out', 'self.pem', '-subj', `/CN=${MIRROR_HOST}`, '-days', '365',
      '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', `subjectAltName=DNS:${MIRROR_HOST}`]);
    expiredLeaf(dir);
    const pem = (name: string) => readFileSync(path.join(dir, `${name}.pem`), 'utf8');
    return {
      rootCa: pem('root'),
      intermediate: pem('intermediate'),
      otherCa: pem('other'),
      leaf: pem('leaf'),
      leafFromRoot: pem('leaf-root'),
      wrongName: pem('wrong'),
      cnOnly: pem('cn-only'),
      expired: pem('expired'),
      expiring: pem('expiring'),
      selfSigned: pem('self'),
      untrusted: pem('untrusted'),
      shortIntermediate: pem('short'),
      leafUnderShort: pem('under-short'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
