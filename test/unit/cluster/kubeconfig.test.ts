import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterError } from '../../../main/core/cluster/failure';
import { checkKubeconfig, kubeConfigFor, serverThrough } from '../../../main/core/cluster/kubeconfig';
import { renderKubeconfig } from '../../kube/api-server/kubeconfig';
import { API_NAME, makeTlsBed, type TlsBed } from './helpers/tls-bed';

let bed: TlsBed;
const SERVER = `https://${API_NAME}:6443`;

beforeAll(async () => {
  bed = await makeTlsBed();
});
afterAll(async () => {
  await bed?.close();
});

function refusal(text: string): ClusterError {
  try {
    checkKubeconfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterError);
    const e = error as ClusterError;
    expect(e.failure.kind).toBe('bad-kubeconfig');
    expect(e.failure.retryable).toBe(false);
    // Never a credential in the sentence.
    expect(e.message).not.toContain(Buffer.from(bed.client.admin.keyPem).toString('base64').slice(0, 40));
    expect(e.message).not.toContain('sha256~');
    return e;
  }
  throw new Error('the kubeconfig was accepted');
}

/** Edits one line of the installer-shaped kubeconfig. */
function withLine(text: string, after: string, line: string): string {
  return text.replace(after, `${after}\n${line}`);
}

describe('checkKubeconfig', () => {
  it("reads openshift-install's auth/kubeconfig: server, context, the identity of the client certificate, the CA", () => {
    const info = checkKubeconfig(bed.kubeconfig(SERVER));
    expect(info).toMatchObject({ server: SERVER, context: 'admin', cluster: 'acp', user: 'admin', auth: 'client-certificate', identity: 'system:admin' });
    expect(info.caPem).toBe(bed.serving.ca.certPem.trim() + '\n');
    expect(JSON.stringify(info)).not.toContain('PRIVATE KEY');
  });

  it('accepts a token user without showing the token', () => {
    const text = renderKubeconfig({ clusterName: 'acp', server: SERVER, caPem: bed.serving.ca.certPem, user: { kind: 'token', name: 'kube:admin', token: 'sha256~secret-token-value' } });
    const info = checkKubeconfig(text);
    expect(info).toMatchObject({ auth: 'token', user: 'kube:admin' });
    expect(JSON.stringify(info)).not.toContain('secret-token-value');
  });

  it('keeps a CA bundle of several certificates (the installer puts several signers in it)', () => {
    const text = bed.kubeconfig(SERVER, bed.other.ca.certPem + bed.serving.ca.certPem);
    expect(checkKubeconfig(text).caPem?.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('refuses insecure-skip-tls-verify', () => {
    const e = refusal(withLine(bed.kubeconfig(SERVER), `    server: ${SERVER}`, '    insecure-skip-tls-verify: true'));
    expect(e.message).toMatch(/insecure-skip-tls-verify.*trust any server/);
  });

  it('refuses exec and auth-provider users: they would run programs named in the file', () => {
    const exec = bed.kubeconfig(SERVER).replace(/ {2}user:\n[\s\S]*$/, '  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /tmp/steal\n');
    expect(refusal(exec).message).toMatch(/running a program \(exec\)/);
    const provider = bed.kubeconfig(SERVER).replace(/ {2}user:\n[\s\S]*$/, '  user:\n    auth-provider:\n      name: oidc\n      config: {}\n');
    expect(refusal(provider).message).toMatch(/auth-provider plugin/);
  });

  it('refuses references to other files of the laptop', () => {
    const caFile = bed.kubeconfig(SERVER).replace(/certificate-authority-data: \S+/, 'certificate-authority: /etc/ssl/ca.crt');
    expect(refusal(caFile).message).toMatch(/certificate-authority file/);
    const certFile = bed.kubeconfig(SERVER).replace(/client-certificate-data: \S+/, 'client-certificate: ./admin.crt');
    expect(refusal(certFile).message).toMatch(/points to a file \(client-certificate\)/);
  });

  it('names the field that is wrong', () => {
    expect(refusal(bed.kubeconfig('http://api.acp.plant-a.example.com:6443')).message).toMatch(/not https/);
    expect(refusal(bed.kubeconfig(SERVER).replace('current-context: admin', 'current-context: other')).message).toMatch(/current-context "other"/);
    expect(refusal(bed.kubeconfig(SERVER).replace('    cluster: acp', '    cluster: elsewhere')).message).toMatch(/cluster "elsewhere"/);
    expect(refusal(bed.kubeconfig(SERVER).replace(/ {4}client-key-data: \S+\n/, '')).message).toMatch(/client-certificate-data without client-key-data/);
    expect(refusal(bed.kubeconfig(SERVER).replace(/certificate-authority-data: \S+/, 'certificate-authority-data: bm90IGEgY2VydA==')).message).toMatch(/certificate-authority-data/);
    expect(refusal(bed.kubeconfig(SERVER).replace(/ {2}user:\n[\s\S]*$/, '  user: {}\n')).message).toMatch(/no credentials/);
    expect(refusal('apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n').message).toMatch(/a Secret, not a kubeconfig/);
    expect(refusal('clusters: [\n').message).toMatch(/not valid YAML/);
  });

  it('is bounded: at most 1 MiB and 50 contexts', () => {
    expect(refusal(`# ${'x'.repeat(1024 * 1024)}\n`).message).toMatch(/larger than 1 MiB/);
    const contexts = Array.from({ length: 51 }, (_, i) => `- context: {cluster: acp, user: admin}\n  name: c${i}`).join('\n');
    const many = bed.kubeconfig(SERVER).replace(/contexts:\n- context:\n {4}cluster: acp\n {4}user: admin\n {2}name: admin/, `contexts:\n${contexts}`);
    expect(refusal(many).message).toMatch(/51 contexts/);
  });
});

describe('kubeConfigFor', () => {
  it('goes through the API VIP with the API name kept as the TLS server name', () => {
    const kc = kubeConfigFor(bed.kubeconfig(SERVER), { route: { server: SERVER, viaAddress: '10.10.0.5' } });
    const cluster = kc.getCurrentCluster();
    expect(cluster).toMatchObject({ server: 'https://10.10.0.5:6443', tlsServerName: API_NAME, skipTLSVerify: false });
    expect(kc.getCurrentUser()?.certData).toBeTruthy();
  });

  it('trusts exactly the pinned CA when one is given', () => {
    const kc = kubeConfigFor(bed.kubeconfig(SERVER, bed.other.ca.certPem + bed.serving.ca.certPem), { caPem: bed.serving.ca.certPem });
    expect(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString('utf8')).toBe(bed.serving.ca.certPem);
    expect(kc.getCurrentCluster()?.server).toBe(SERVER);
  });

  it('puts an IPv6 VIP in brackets', () => {
    expect(serverThrough(SERVER, 'fd00:10::5')).toBe('https://[fd00:10::5]:6443');
  });
});
