// `sitekit probe`: SSH to the planned nodes at once (or import a capture made by hand), store
// inventories and host-key pins in the site workspace, check the hardware against the plan
// and propose plan edits; `--fill` writes them into site.yaml. Secrets never come as
// arguments: a password from a 0600 file or SITEKIT_SSH_PASSWORD, a key passphrase from
// SITEKIT_SSH_PASSPHRASE, the pull secret from a 0600 file (--pull-secret): of it only the
// mirror registry's login goes to the nodes, and only to nodes whose host key was pinned before
// this run. `--disk-speed` is the one thing that writes on a node (a temporary test file).
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { readTextBounded } from '../core/fs/read-bounded';
import { parsePullSecret } from '../core/generate/bundle/iso-inputs';
import { plantFactsOf } from '../core/plant/describe';
import { credentialHosts, plantProbeSetup } from '../core/plant/probe-options';
import { judgeTlsResults } from '../core/plant/tls-judge';
import { importCaptureFile, lostFacts } from '../core/probe/import';
import type { NodeInventory, ProbeResult } from '../core/probe/inventory';
import { probeNodes, type ProbeOptions, type ProbeProgress } from '../core/probe/probe';
import { applyProposals, type Proposal } from '../core/probe/proposals';
import type { JumpHost, SshCredentials } from '../core/probe/ssh/types';
import { loadInventory, loadPins, mergePins, saveInventory, savePins } from '../core/probe/store';
import { reviewProbe } from '../core/probe/review';
import { checkSiteText, MAX_SITE_BYTES } from '../core/site/check';
import type { Site } from '../core/site/schema';
import type { Finding } from '../core/validation/finding';
import { formatFindings, formatUnusable } from './format';
import type { Command } from 'commander';
import { paint, runHint, type CliIo } from './io';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface ProbeCommandOptions {
  node?: string[];
  json?: boolean;
  fill?: boolean;
  accept?: string[];
  acceptNewHostKeys?: boolean;
  identity?: string;
  passwordFile?: string;
  jump?: string;
  timeout?: string;
  import?: string;
  replace?: boolean;
  diskSpeed?: boolean;
  pullSecret?: string;
}

/** A password file is a line of text; anything larger is the wrong file. */
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;
/** A pull secret is a few KiB of JSON. */
const MAX_PULL_SECRET_BYTES = 64 * 1024;

/** Said before the disk test runs: what it writes, where. */
export const DISK_SPEED_WARNING =
  'The install-disk speed test WRITES test data over the first 22 MiB of the disk the boot hint selects on every probed node ' +
  '(as the Assisted Installer does), then writes zeros over the first 23 MiB; only a disk whose first 23 MiB read as zeros and that has ' +
  'no partitions, file system or other signature is tested, any other is refused with nothing written.';

export class UsageError extends Error {}

export async function probeCommand(file: string, options: ProbeCommandOptions, io: CliIo, env = process.env): Promise<number> {
  let text: string;
  try {
    text = await readTextBounded(file, { maxBytes: MAX_SITE_BYTES, what: 'a site file' });
  } catch (error) {
    io.err(`sitekit probe: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const check = checkSiteText(text);
  if (check.status !== 'ok' || !check.site) {
    if (check.status === 'unusable') io.err(formatUnusable(file, check));
    else io.err(formatFindings(file, check.findings, io.errColor) + `${file}: fix the plan before probing.\n`);
    return EXIT_UNUSABLE;
  }
  const site = check.site;
  const siteDir = path.dirname(path.resolve(file));

  let results: ProbeResult[];
  let fresh: NodeInventory[];
  try {
    const known = new Set(site.nodes.map((n) => n.hostname));
    const unknown = (options.node ?? []).filter((n) => !known.has(n));
    if (unknown.length) throw new UsageError(`no node named ${unknown.join(', ')} in ${file} (nodes: ${[...known].join(', ')})`);
    if (options.import) {
      if (options.node?.length !== 1) throw new UsageError('--import needs exactly one --node <name>: the node the capture was made on');
      if (options.diskSpeed || options.pullSecret) throw new UsageError('--disk-speed and --pull-secret are for probing over SSH, not for --import');
      const [inventory] = judgeTlsResults(site, [await importCaptureFile(options.import, options.node[0]!)]) as [NodeInventory];
      // A capture that knows less than the stored inventory replaces it only when asked to.
      const stored = await loadInventory(siteDir, inventory.node).catch(() => undefined);
      const lost = stored ? lostFacts(stored, inventory) : [];
      if (lost.length > 0 && options.replace !== true) {
        io.err(
          `sitekit probe: ${options.import} knows less about ${inventory.node} than its inventory from ${stored!.collectedAt} ` +
            `(${stored!.source === 'ssh' ? 'probed over SSH' : 'imported'}); importing it would lose:\n` +
            lost.map((l) => `  - ${l}\n`).join('') +
            `Nothing was changed. If this capture is the right one, import it again with --replace:\n` +
            `  ${runHint(io, 'probe', file, '--import', options.import, '--node', inventory.node, '--replace')}\n`,
        );
        return EXIT_UNUSABLE;
      }
      results = [{ node: inventory.node, status: 'ok', message: `Imported ${options.import}.`, inventory }];
    } else {
      const pins = await loadPins(siteDir);
      const wanted = site.nodes.filter((n) => !options.node?.length || options.node.includes(n.hostname));
      // Without --accept-new-host-keys a node without a pin is refused before any login anyway.
      const firstSeen = options.acceptNewHostKeys ? wanted.filter((n) => !pins[n.hostname]).map((n) => n.hostname) : [];
      const pullSecret = await pullSecretFor(site, options, firstSeen, io);
      if (options.diskSpeed) io.err(paint(io.errColor, 'yellow', DISK_SPEED_WARNING) + '\n');
      const plant = plantProbeSetup(site, pullSecret, options.diskSpeed === true);
      for (const problem of plant.problems) io.err(`${problem}\n`);
      const probeOptions: ProbeOptions = {
        credentials: await credentials(options, env),
        pins,
        acceptNewHostKeys: options.acceptNewHostKeys === true,
        onProgress: (event) => io.err(progressLine(event, io.errColor)),
        ...(options.node?.length ? { nodes: options.node } : {}),
        ...timeouts(options.timeout),
        ...(plant.options ? { plant: plant.options } : {}),
      };
      if (options.jump) probeOptions.jumpHost = jumpHost(options.jump, probeOptions.credentials!);
      results = await probeNodes(site, probeOptions);
      const merged = mergePins(pins, results);
      if (JSON.stringify(merged) !== JSON.stringify(pins)) await savePins(siteDir, merged);
    }
    fresh = results.flatMap((r) => (r.inventory ? [r.inventory] : []));
    for (const inventory of fresh) await saveInventory(siteDir, inventory);
  } catch (error) {
    io.err(`sitekit probe: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }

  const { findings, proposals } = await reviewProbe(site, text, siteDir, results);

  // --fill writes what fills a blank; a value the technician typed is replaced only when that
  // proposal is named with --accept, after it was shown with its current value.
  const unknownIds = (options.accept ?? []).filter((id) => !proposals.some((p) => p.id === id));
  if (unknownIds.length > 0) {
    io.err(`No proposal with the id ${unknownIds.join(', ')}; run ${runHint(io, 'probe', file)} without --accept to list them.\n`);
    return EXIT_UNUSABLE;
  }
  const chosen = proposals.filter((p) => options.accept?.includes(p.id) || (options.fill === true && !p.replaces));
  const written = new Set<string>();
  if (chosen.length > 0) {
    const updated = applyProposals(text, proposals, chosen.map((p) => p.id));
    if (updated !== text) {
      await writeFileAtomic(file, updated);
      for (const p of chosen) written.add(p.id);
    }
  }
  const filled = written.size;

  if (options.json) {
    io.out(
      JSON.stringify(
        {
          // Per node, the plant checks' requests and answers (no secret is among them).
          results: results.map(({ inventory, ...rest }) => {
            const plant = inventory ? plantFactsOf(inventory) : undefined;
            return plant ? { ...rest, plant } : rest;
          }),
          findings,
          proposals,
          ...(options.fill || options.accept ? { written: [...written] } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    reportUnknownKeys(results, file, io);
    io.out(formatFindings(file, findings, io.color));
    io.out(formatProposals(proposals, written, io.color));
    io.out(summary(site.metadata.name, results, findings, filled));
  }
  const unknownKeys = results.some((r) => r.status === 'host-key-unknown');
  return findings.some((f) => f.severity === 'error') || unknownKeys ? EXIT_FINDINGS : EXIT_OK;
}

async function credentials(options: ProbeCommandOptions, env: NodeJS.ProcessEnv): Promise<SshCredentials> {
  const creds: SshCredentials = {};
  if (env.SITEKIT_SSH_PASSPHRASE) creds.passphrase = env.SITEKIT_SSH_PASSPHRASE;
  if (options.passwordFile) creds.password = await readPasswordFile(options.passwordFile);
  else if (env.SITEKIT_SSH_PASSWORD) creds.password = env.SITEKIT_SSH_PASSWORD;
  if (options.identity) {
    if (!existsSync(options.identity)) throw new UsageError(`the identity file ${options.identity} does not exist`);
    creds.privateKeyPath = options.identity;
  } else if (!creds.password) {
    if (env.SSH_AUTH_SOCK) creds.agent = env.SSH_AUTH_SOCK;
    const home = env.HOME ?? homedir();
    const key = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((k) => path.join(home, '.ssh', k)).find((k) => existsSync(k));
    if (key && !creds.agent) creds.privateKeyPath = key;
  }
  return creds;
}

/** A password file must be readable by its owner only, like an SSH key. */
async function readPasswordFile(file: string): Promise<string> {
  const text = await readPrivateFile(file, 'password file', MAX_PASSWORD_FILE_BYTES);
  return text.replace(/\r?\n$/, '');
}

/** A secret file: it must exist and be readable by its owner only (mode 0600), like an SSH key. */
async function readPrivateFile(file: string, what: string, maxBytes: number): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError(`the ${what} ${file} does not exist`);
  if ((info.mode & 0o077) !== 0) {
    throw new UsageError(`the ${what} ${file} can be read by others (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${file}`);
  }
  return readTextBounded(file, { maxBytes, what: `a ${what}` });
}

/**
 * The pull secret of --pull-secret, when the plan has a mirror registry and every probed node's
 * host key is already pinned (a key first seen in this run gets no registry login). Notes on
 * stderr say why it is not used; its text is never printed.
 */
async function pullSecretFor(site: Site, options: ProbeCommandOptions, unpinned: readonly string[], io: CliIo): Promise<string | undefined> {
  if (options.pullSecret === undefined) return undefined;
  const text = await readPrivateFile(options.pullSecret, 'pull secret', MAX_PULL_SECRET_BYTES);
  const parsed = parsePullSecret(text);
  if (!parsed.ok) throw new UsageError(`the pull secret ${options.pullSecret} ${parsed.problem}`);
  if (credentialHosts(site).length === 0) {
    io.err('The plan has no mirror registry (cluster.mirror): the pull secret is not used; the public registries are asked without a login.\n');
    return undefined;
  }
  if (unpinned.length) {
    io.err(
      `The registry login is not sent in this run: ${unpinned.join(', ')} ${unpinned.length === 1 ? 'has' : 'have'} no pinned host key yet. ` +
        'Pin the keys first, then probe again with --pull-secret.\n',
    );
    return undefined;
  }
  return parsed.value;
}

function timeouts(value: string | undefined): Pick<ProbeOptions, 'connectTimeoutMs' | 'commandTimeoutMs'> {
  if (value === undefined) return {};
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes seconds, e.g. --timeout 60 (got "${value}")`);
  const ms = Math.round(seconds * 1000);
  return { commandTimeoutMs: ms, connectTimeoutMs: Math.min(ms, 15_000) };
}

/** `user@host:port` (user and port optional; IPv6 in brackets). */
export function jumpHost(spec: string, credentials: SshCredentials): JumpHost {
  const match = /^(?:([^@\s]+)@)?(\[[0-9a-fA-F:.]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/.exec(spec);
  if (!match) throw new UsageError(`--jump takes user@host:port, e.g. --jump core@10.0.0.5:22 (got "${spec}")`);
  const [, user, host, port] = match;
  return {
    host: host!.replace(/^\[|\]$/g, ''),
    ...(port ? { port: Number(port) } : {}),
    credentials: { ...credentials, ...(user ? { username: user } : {}) },
  };
}

const PHASE_WORDS: Record<ProbeProgress['phase'], string> = {
  connecting: 'connecting',
  authenticating: 'logging in',
  collecting: 'collecting hardware facts',
  parsing: 'reading the output',
  done: 'done',
  failed: 'failed',
};

function progressLine(event: ProbeProgress, color: boolean): string {
  const words = PHASE_WORDS[event.phase];
  if (event.phase === 'done') return `${event.node}: ${paint(color, 'cyan', words)}\n`;
  if (event.phase === 'failed') return `${event.node}: ${paint(color, 'red', words)}: ${event.message ?? event.status ?? ''}\n`;
  return paint(color, 'dim', `${event.node}: ${words}…`) + '\n';
}

function reportUnknownKeys(results: readonly ProbeResult[], file: string, io: CliIo): void {
  const unknown = results.filter((r) => r.status === 'host-key-unknown');
  if (unknown.length === 0) return;
  io.err('\nUnknown host keys (not pinned yet). Compare each fingerprint with the node console:\n');
  for (const r of unknown) io.err(`  ${r.node}  ${r.algorithm ?? ''} ${r.fingerprint ?? '?'}\n`);
  io.err(`Then pin them:\n  ${runHint(io, 'probe', file, '--accept-new-host-keys')}\n\n`);
}

export function formatProposals(proposals: readonly Proposal[], written: ReadonlySet<string>, color: boolean): string {
  if (proposals.length === 0) return '';
  const lines = [paint(color, 'bold', 'Proposed plan edits')];
  for (const p of proposals) {
    const change = p.current === undefined ? show(p.proposed) : `${show(p.current)} → ${show(p.proposed)}`;
    const state = written.has(p.id)
      ? paint(color, 'cyan', '  written to the site file')
      : p.replaces
        ? paint(color, 'yellow', `  replaces a value in the plan: written only with --accept ${p.id}`)
        : paint(color, 'dim', '  --fill writes it');
    lines.push(`  ${p.id}${state}`);
    lines.push(paint(color, 'dim', `    at ${p.path}`));
    lines.push(`    ${change}`);
    lines.push(`    ${p.reason}`);
  }
  return lines.map((l) => l + '\n').join('');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function summary(name: string, results: readonly ProbeResult[], findings: readonly Finding[], filled: number): string {
  const ok = results.filter((r) => r.status === 'ok').length;
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const parts = [`${ok} of ${results.length} node${results.length === 1 ? '' : 's'} probed`, `${count('error')} errors`, `${count('warning')} warnings`];
  if (count('info')) parts.push(`${count('info')} notes`);
  if (filled) parts.push(`${filled} plan edits written`);
  return `${name}: ${parts.join(', ')}\n`;
}

export function registerProbe(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('probe')
    .summary('SSH to the nodes, check their hardware against the plan, propose plan edits')
    .description(
      'Connect to every planned node at once over SSH (nodes[].ssh), run the read-only collection script, ' +
        'store each inventory and the host-key pins in <site dir>/.sitekit/, and check the hardware against ' +
        'the plan: CPU and memory, MACs and NIC names, links, speeds and MTUs, boot and ODF disks, clocks, ' +
        'LLDP cabling. Proposes plan edits (MACs, boot disk hint, ODF devices); --fill writes those that fill a\n' +
        'blank; one that would replace a value already in the plan is written only when named with --accept <id>.\n\n' +
        'Secrets are never arguments: a password comes from --password-file (mode 0600) or ' +
        'SITEKIT_SSH_PASSWORD, a key passphrase from SITEKIT_SSH_PASSPHRASE. A host key seen for the first ' +
        'time is shown and not trusted unless --accept-new-host-keys is given; a changed key stops that node.\n\n' +
        "From every node it also asks the plant's services: the DNS records of the cluster (from each planned DNS server " +
        "and the node's own resolvers), the mirror registry (TLS certificate, /v2/, the release image and the operator index), " +
        'the NTP servers, the gateway, and that the VIPs are still free. --pull-secret <file> (mode 0600) lets the nodes log in to ' +
        "the mirror registry: only the mirror's entry of the pull secret is sent, held in the node's memory, never written, and only " +
        'to nodes whose host key was pinned before. --disk-speed also measures the install disk as the Assisted Installer does: it ' +
        'WRITES test data over the first 22 MiB of the disk the boot hint selects, then zeros the first 23 MiB, and only on a disk without ' +
        'partitions, file system or other signature.\n\n' +
        'Exit code: 0 no errors, 1 errors found or unknown host keys, 2 the site or an option could not be used.',
    )
    .argument('<site.yaml>', 'the site to probe')
    .option('--node <name...>', 'probe only these nodes (plan hostnames); with --import, the node the capture is from')
    .option('--json', "print results (with each node's plant checks: what was asked, what came back), findings and proposals as JSON")
    .option('--fill', 'write the proposed plan edits that fill blanks into site.yaml (atomic, comments kept)')
    .option('--accept <id...>', 'also write these proposals, even where they replace a value in the plan')
    .option('--accept-new-host-keys', 'pin host keys seen for the first time (compare the fingerprints first)')
    .option('--identity <keyfile>', 'private key to log in with (passphrase from SITEKIT_SSH_PASSPHRASE)')
    .option('--password-file <file>', 'file (mode 0600) holding the SSH password')
    .option('--jump <user@host:port>', 'reach the nodes through this SSH jump host')
    .option('--timeout <seconds>', 'time allowed per node for the collection (default 120)')
    .option('--import <file>', 'check a capture made by hand with sitekit collect-script instead of probing (needs --node)')
    .option('--replace', 'with --import: replace the stored inventory even though the capture knows less (it lists what would be lost)')
    .option('--pull-secret <file>', "pull secret JSON file (mode 0600): the nodes log in to the mirror registry with its entry for that registry only")
    .option('--disk-speed', 'also measure the install disk (WRITES over the first 22 MiB of the boot-hint disk, then zeros the first 23 MiB; empty disks only)')
    .addHelpText(
      'after',
      '\nExamples:\n  sitekit probe site.yaml --accept-new-host-keys\n  sitekit probe site.yaml --node acp-2 --identity ~/.ssh/id_ed25519\n' +
        '  sitekit probe site.yaml --fill\n  sitekit probe site.yaml --pull-secret ~/pull-secret.json --disk-speed\n' +
        '  sitekit probe site.yaml --import acp-3.txt --node acp-3\n',
    )
    .action(async (file: string, options: ProbeCommandOptions) => {
      setCode(await probeCommand(file, options, io));
    });
}
