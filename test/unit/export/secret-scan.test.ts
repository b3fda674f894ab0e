// The secret scanner: for every kind, a planted secret is caught at its line and a near miss
// (public material, a reference, a placeholder) passes. No finding ever carries the secret.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSecretFinding, scanFiles, scanText, type SecretKind } from '../../../main/core/export/secret-scan';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url)), 'utf8');
const RACKS = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-b-racks.site.yaml', import.meta.url)), 'utf8');

interface Case {
  name: string;
  kind: SecretKind;
  /** Text with the secret on the line marked by the 0-based index `line`. */
  planted: string;
  line: number;
  /** Text that must pass. */
  nearMiss: string;
  /** The secret value that must not appear in any message. */
  secret: string;
}

const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AWS = 'AKIA' + 'Q3EGRZ7PLMNB4XYT';
const AUTH = 'dXNlcjpwYXNzd29yZC1mb3ItdGhlLXJlZ2lzdHJ5';

const CASES: Case[] = [
  {
    name: 'PEM private key',
    kind: 'private-key',
    planted: 'a: 1\nkey: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEow==\n',
    line: 3,
    nearMiss: '-----BEGIN CERTIFICATE-----\nMIIBjDCC\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\n',
    secret: 'MIIEow==',
  },
  {
    name: 'OpenSSH private key inside JSON evidence',
    kind: 'private-key',
    planted: '{\n  "stdout": "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n"\n}\n',
    line: 2,
    nearMiss: '{\n  "sshPublicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB5PDweaqMSvw9MneWr5W3vxLjUlioCv3iu7L4woM/KE tech@x"\n}\n',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAA',
  },
  {
    name: 'pull secret (auths JSON)',
    kind: 'pull-secret',
    planted: `x\n{"auths":{"quay.io":{"auth":"${AUTH}"}}}\n`,
    line: 2,
    nearMiss: 'pullSecret:\n  secretRef: pull-secret   # the "auths" map lives in the secret store\n',
    secret: AUTH,
  },
  {
    name: 'pull secret (base64 dockerconfigjson)',
    kind: 'pull-secret',
    planted: `data:\n  .dockerconfigjson: ${Buffer.from(`{"auths":{"r":{"auth":"${AUTH}"}}}`).toString('base64')}\n`,
    line: 2,
    nearMiss: 'data:\n  ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n',
    secret: AUTH,
  },
  {
    name: 'GitHub token',
    kind: 'token',
    planted: `# push with\nGIT_TOKEN=${GH}\n`,
    line: 2,
    nearMiss: 'GitHub tokens start with ghp_ and are never committed\n',
    secret: GH,
  },
  {
    name: 'GitHub fine-grained token',
    kind: 'token',
    planted: 'x: github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123\n',
    line: 1,
    nearMiss: 'prefix: github_pat_\n',
    secret: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123',
  },
  {
    name: 'GitLab token',
    kind: 'token',
    planted: 'a\nb\nremote: glpat-Xy12Ab34Cd56Ef78Gh90\n',
    line: 3,
    nearMiss: 'GitLab personal tokens look like glpat-...\n',
    secret: 'glpat-Xy12Ab34Cd56Ef78Gh90',
  },
  {
    name: 'AWS access key',
    kind: 'token',
    planted: `aws_access_key_id = ${AWS}\n`,
    line: 1,
    nearMiss: 'serial: AKIA123\nmodel: PowerEdge R660\n',
    secret: AWS,
  },
  {
    name: 'Slack token',
    kind: 'token',
    planted: 'hook: xoxb-123456789012-abcdefABCDEF\n',
    line: 1,
    nearMiss: 'channel: xox-plant-a\n',
    secret: 'xoxb-123456789012-abcdefABCDEF',
  },
  {
    name: 'Authorization header',
    kind: 'token',
    planted: 'curl -H "Authorization: Bearer abcdef0123456789abcdef" https://api\n',
    line: 1,
    nearMiss: 'the API wants an Authorization: Bearer header\n',
    secret: 'abcdef0123456789abcdef',
  },
  {
    name: 'token field with a long value',
    kind: 'token',
    planted: '{\n  "name": "x",\n  "token": "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA"\n}\n',
    line: 3,
    nearMiss: '{\n  "tokenSecretRef": "git-token",\n  "token": ""\n}\n',
    secret: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA',
  },
  {
    name: 'password in YAML',
    kind: 'password',
    planted: 'bmc:\n  username: root\n  password: calvin123\n',
    line: 3,
    nearMiss: 'bmc:\n  credentials:\n    secretRef: bmc-acp-1\n  passwordSecretRef: bmc-acp-1\n  password:\n    secretRef: bmc\n  passwordFile: /run/secrets/bmc\n',
    secret: 'calvin123',
  },
  {
    name: 'passwd / pass keys',
    kind: 'password',
    planted: 'user: admin\npass: hunter22\n',
    line: 2,
    nearMiss: 'passphrase: ""\npasswd: ~\npass: ${BMC_PASS}\n802-3-ethernet.wake-on-lan-password:    --\n802-1x.password: <hidden>\nbmcPassword: "********"\n',
    secret: 'hunter22',
  },
  {
    name: 'password in JSON',
    kind: 'password',
    planted: '{\n  "user": "admin",\n  "adminPassword": "S3cret!"\n}\n',
    line: 3,
    nearMiss: '{\n  "password": "",\n  "passwordRef": "bmc",\n  "stdout": "PasswordAuthentication no"\n}\n',
    secret: 'S3cret!',
  },
  {
    name: 'password inside raw output kept as a JSON string',
    kind: 'password',
    planted: '{\n  "sections": {\n    "bmc": { "stdout": "user: root\\npassword: calvin-raw\\n" }\n  }\n}\n',
    line: 3,
    nearMiss: '{\n  "stdout": "PasswordAuthentication no\\nPermitRootLogin prohibit-password\\npassword:\\n"\n}\n',
    secret: 'calvin-raw',
  },
  {
    name: 'kubeconfig with a client key',
    kind: 'kubeconfig',
    planted: 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk=\n',
    line: 6,
    nearMiss: 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\nusers:\n- name: oidc\n  user:\n    exec:\n      command: oc\n',
    secret: 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk=',
  },
  {
    name: 'kubeconfig with a token',
    kind: 'kubeconfig',
    planted: 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: sha256~abc\n',
    line: 6,
    nearMiss: 'kind: Config\nusers:\n- name: admin\n  user:\n    tokenFile: /var/run/token\n',
    secret: 'sha256~abc',
  },
  {
    name: 'htpasswd line',
    kind: 'htpasswd',
    planted: 'htpasswd: |\n  admin:$2y$05$abcdefghijklmnopqrstuuJ5lJ5W6o7X8y9Z0a1B2c3D4e5F6g7H8\n',
    line: 2,
    nearMiss: 'hostKey: SHA256:Fz7GfNvJrOq7/fJxlvFPhsZd0SWGpQrUCWFk3K0pwnM\n3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b  site.yaml\n',
    secret: 'abcdefghijklmnopqrstuuJ5lJ5W6o7X8y9Z0a1B2c3D4e5F6g7H8',
  },
  {
    name: 'URL with credentials',
    kind: 'url-credentials',
    planted: 'repoURL: https://tech:hunter22@git.example.com/sites.git\n',
    line: 1,
    nearMiss: 'repoURL: https://git.example.com/sites.git\nmirror: mirror.plant-a.example.com:8443\nssh: ssh://git@host/x\n',
    secret: 'hunter22',
  },
];

describe('secret scan', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it(`finds the planted ${c.kind} at its line without printing it`, () => {
        const found = scanText('sites/plant-a/x.yaml', c.planted);
        expect(found).toContainEqual(expect.objectContaining({ path: 'sites/plant-a/x.yaml', line: c.line, kind: c.kind }));
        for (const f of found) expect(formatSecretFinding(f)).not.toContain(c.secret);
      });
      it('lets the near miss pass', () => {
        expect(scanText('x', c.nearMiss)).toEqual([]);
      });
    });
  }

  it('lets the example sites pass (CA certificate, SSH public key, secret references)', () => {
    expect(scanText('site.yaml', EXAMPLE)).toEqual([]);
    expect(scanText('site.yaml', RACKS)).toEqual([]);
  });

  it('names file and line as path:line: what', () => {
    const [f] = scanFiles([{ path: 'sites/plant-a/inventory/acp-1.json', content: '{\n'.repeat(11) + '"k": "-----BEGIN EC PRIVATE KEY-----"\n' }]);
    expect(f && formatSecretFinding(f)).toBe('sites/plant-a/inventory/acp-1.json:12: looks like a private key');
  });

  it('scans binary content too', () => {
    expect(scanFiles([{ path: 'blob', content: Buffer.from('\u0000\u0001-----BEGIN PRIVATE KEY-----\n') }])).toHaveLength(1);
  });
});
