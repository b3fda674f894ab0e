// Kubeconfig text byte for byte the way openshift-install writes auth/kubeconfig
// (openshift/installer pkg/asset/kubeconfig/kubeconfig.go; expected output in
// kubeconfig_test.go at ee20594d4aa9b21ca289352a116c8bb8f2487c80): cluster named after the
// install-config name, user and context `admin`, client certificate and key as base64 data.
// Token users (like `oc login` writes them) get `token:` instead of the certificate.

export type KubeconfigUser =
  | { kind: 'client-certificate'; name: string; certPem: string; keyPem: string }
  | { kind: 'token'; name: string; token: string };

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function renderKubeconfig(args: { clusterName: string; server: string; caPem: string; user: KubeconfigUser; tlsServerName?: string }): string {
  const { clusterName, server, caPem, user } = args;
  const credentials =
    user.kind === 'client-certificate'
      ? [`    client-certificate-data: ${b64(user.certPem)}`, `    client-key-data: ${b64(user.keyPem)}`]
      : [`    token: ${user.token}`];
  return [
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(caPem)}`,
    `    server: ${server}`,
    ...(args.tlsServerName ? [`    tls-server-name: ${args.tlsServerName}`] : []),
    `  name: ${clusterName}`,
    'contexts:',
    '- context:',
    `    cluster: ${clusterName}`,
    `    user: ${user.name}`,
    `  name: ${user.name}`,
    `current-context: ${user.name}`,
    'preferences: {}',
    'users:',
    `- name: ${user.name}`,
    '  user:',
    ...credentials,
    '',
  ].join('\n');
}
