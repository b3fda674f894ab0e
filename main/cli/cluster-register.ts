// `sitekit cluster status|bootstrap|verify|drift`: the options and help. The work is in
// cluster.ts, loaded only when a cluster command runs.
import type { Command } from 'commander';
import type { ClusterAction, ClusterCommandOptions } from './cluster';
import type { CliIo } from './io';

export function registerCluster(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const cluster = program
    .command('cluster')
    .summary('the live cluster: install status, GitOps bootstrap, verification, drift')
    .description(
      'Talk to the site\'s cluster with the installer\'s admin kubeconfig (--install-dir <install dir>, --kubeconfig ' +
        '<install dir>/auth/kubeconfig, or KUBECONFIG). The API server\'s CA is pinned like an SSH host key in .sitekit/cluster/api-pin.json next to the site ' +
        'file: the first contact shows its fingerprint and stops until --accept-ca names it; a changed CA stops. When the ' +
        'plant DNS does not resolve api.<cluster>.<domain> yet, --via-vip goes through the plan\'s API VIP (the name is kept ' +
        'for TLS).\n\n' +
        'Exit code: 0 ok, 1 problems found (checks that differ from the plan, a failed wave, drift), 2 the site, an ' +
        'option or the connection could not be used (no kubeconfig, no connection, CA not accepted, cancelled).',
    );
  const common = (command: Command) =>
    command
      .argument('<site.yaml>', 'the site file')
      .option('--kubeconfig <file>', "the installer's auth/kubeconfig (default: KUBECONFIG); it is never printed")
      .option(
        '--install-dir <dir>',
        'the folder openshift-install agent create image ran in: its auth/kubeconfig (instead of --kubeconfig) and, for status --watch --agent, ' +
          'the agent API token of its .openshift_install_state.json; nothing of them is printed',
      )
      .option('--via <address>', 'reach the API at this address, TLS still checking the API name')
      .option('--via-vip', "reach the API through the plan's API VIP")
      .option('--accept-ca <fingerprint>', "accept the API server's CA (SHA256:AB:CD:…) the first contact showed, after checking it as it says")
      .option('--json', 'print the result as JSON on stdout');
  const run = (action: ClusterAction) => async (file: string, options: ClusterCommandOptions) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    try {
      // Loaded on use: the cluster client is a third of a second of start-up other commands do not need.
      const { clusterCommand } = await import('./cluster');
      setCode(await clusterCommand(action, file, options, io, process.env, controller.signal));
    } finally {
      process.removeListener('SIGINT', stop);
    }
  };

  /** A subcommand with the common options, its words, and its examples after the options. */
  const subcommand = (name: ClusterAction, words: { summary: string; description: string; examples: string[] }) =>
    common(cluster.command(name))
      .summary(words.summary)
      .description(words.description)
      .addHelpText('after', `\n${words.examples.length > 1 ? 'Examples' : 'Example'}:\n${words.examples.map((e) => `  ${e}\n`).join('')}`);

  subcommand('status', {
    summary: 'where the install is, and the live cluster against the plan',
    description:
      'Show the install progress (ClusterVersion, ClusterOperators, nodes) and compare the live cluster with the plan: version, ' +
      'the three node names, their IPs and MACs, roles, schedulable masters, API and Ingress VIPs. --watch follows the install ' +
      'until it is done; with --agent also from the agent API on the rendezvous host while the nodes install (its token from ' +
      '--agent-token-file, or from the state file of --install-dir).',
    examples: [
      'sitekit cluster status site.yaml --kubeconfig install/auth/kubeconfig --via-vip',
      'sitekit cluster status site.yaml --install-dir install --watch --agent',
      'sitekit cluster status site.yaml --watch --agent --agent-token-file token.txt',
    ],
  })
    .option('--watch', 'follow the install until it is done (Ctrl-C stops)')
    .option('--agent [address]', "with --watch: also follow the agent API, address[:port] (default: the plan's rendezvous host, port 8090)")
    .option('--agent-token-file <file>', "a file with the agent API's token (WatcherAuthToken of .openshift_install_state.json); it is never printed")
    .action(run('status'));

  subcommand('bootstrap', {
    summary: 'apply the GitOps bootstrap and follow every wave until done',
    description:
      "Server-side apply (field manager sitekit) of the bundle's GitOps bootstrap: the GitOps operator, its CSV, the repository " +
      'credentials, the Argo CD health checks, the AppProject and the root Application; then every wave until its objects are ' +
      'healthy. Running it again changes nothing. A field another manager owns is shown, never forced. Ctrl-C stops.',
    examples: ['sitekit cluster bootstrap site.yaml --kubeconfig install/auth/kubeconfig --git-password-file ~/git-read-token'],
  })
    .option('--git-password-file <file>', 'the Git password Argo CD reads the repository with (gitops.credentials), one line')
    .action(run('bootstrap'));

  subcommand('verify', {
    summary: 'verify the live cluster for the handover report',
    description:
      'Check the live cluster: nodes, the checks against the plan, operators, ODF, Argo CD applications, drift from the bundle ' +
      'and HA readiness of the workloads. With --manifests also the HA readiness of the manifests in a folder of the sites ' +
      'repository (findings with file:line). The result is saved in .sitekit/cluster/verification.json; sitekit report shows it.',
    examples: [
      'sitekit cluster verify site.yaml --kubeconfig install/auth/kubeconfig && sitekit report site.yaml',
      'sitekit cluster verify site.yaml --install-dir install --manifests ~/sites-repo/sites/plant-a',
    ],
  })
    .option(
      '--manifests <dir>',
      'also check the *.yaml, *.yml and *.json manifests below this sites-repository folder for HA readiness ' +
        '(at most 2,000 files of 2 MiB, 64 MiB in all, 12 folders deep; .git, node_modules and links out of the folder are not read)',
    )
    .action(run('verify'));

  subcommand('drift', {
    summary: 'compare every object of the bundle with the live cluster',
    description:
      'Compare every object of the bundle (gitops/) with the live one, field by field, and say who keeps each in line (an Argo ' +
      'CD Application or nobody). Secret values are never shown. Exit 1 when an object differs, is missing or cannot be compared.',
    examples: ['sitekit cluster drift site.yaml --json > drift.json'],
  }).action(run('drift'));
}
