// `sitekit probe` end to end, as a technician runs it: a real CLI process against the real
// OpenSSH test bed. Unknown host keys are shown and refused, --accept-new-host-keys pins them,
// the pins are reused, a changed key stops that node naming both fingerprints; --fill writes
// the proposals into site.yaml keeping its comments; --import reads a capture made by hand.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jumpHost } from '../../../main/cli/probe';
import { collectScript } from '../../../main/core/probe/collect/script';
import { regenerateHostKey, startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { blankBedSite, partlyWrongBedSite, siteYaml } from './bed-site';
import { runSitekit, type CliRun } from '../../helpers/run-sitekit';


const sitekit = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  runSitekit(args, { env: { ...env, HOME: dir }, unset: ['SSH_AUTH_SOCK'] });

let bed: TestBed;
let dir: string;
beforeAll(async () => {
  bed = await startTestBed();
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-probe-cli-'));
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopTestBed(bed);
  if (dir) await rm(dir, { recursive: true, force: true });
}, TESTBED_HOOK_MS);

describe('sitekit probe against the test bed', () => {
  it('shows unknown host keys and refuses them, pins them when accepted, reuses the pins, stops a changed key', async () => {
    const siteDir = path.join(dir, 'keys');
    const file = path.join(siteDir, 'site.yaml');
    await rm(siteDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(siteDir, { recursive: true }));
    await writeFile(file, siteYaml(partlyWrongBedSite(bed)));

    const refused = await sitekit(['probe', file, '--identity', bed.identityFile, '--timeout', '20']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Unknown host keys');
    for (const node of bed.nodes) expect(refused.stderr).toContain(node.hostKeyFingerprint);
    expect(refused.stderr).toContain('--accept-new-host-keys');
    await expect(readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8')).rejects.toThrow();

    const accepted = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept-new-host-keys']);
    expect(accepted.code, accepted.stderr).toBe(1); // hardware errors: this machine is no compact node
    expect(accepted.stderr).toMatch(/tb-1: connecting…/);
    expect(accepted.stderr).not.toContain('Unknown host keys');
    const pins = JSON.parse(await readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8')) as {
      pins: Record<string, { sha256: string }>;
    };
    expect(Object.fromEntries(Object.entries(pins.pins).map(([k, v]) => [k, v.sha256]))).toEqual(
      Object.fromEntries(bed.nodes.map((n) => [n.name, n.hostKeyFingerprint])),
    );
    for (const node of bed.nodes) {
      const inventory = JSON.parse(await readFile(path.join(siteDir, '.sitekit', 'inventory', `${node.name}.json`), 'utf8'));
      expect(inventory.facts.hostname).toBe(node.name);
    }
    // Findings grouped by step, each at the line of the plan field.
    expect(accepted.stdout).toMatch(/^Networks$/m);
    expect(accepted.stdout).toMatch(new RegExp(`${file.replaceAll('/', '\\/')}:\\d+:\\d+  error  tb-1: no NIC has the planned MAC 02:00:00:00:00:99`));
    expect(accepted.stdout).toContain('at /nodes/0/interfaces/2/mac');
    expect(accepted.stdout).toMatch(/testbed: 3 of 3 nodes probed, \d+ errors/);

    const reused = await sitekit(['probe', file, '--identity', bed.identityFile, '--json']);
    const json = JSON.parse(reused.stdout) as { results: { node: string; status: string }[] };
    expect(json.results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);

    const old = bed.nodes[1]!.hostKeyFingerprint;
    const fresh = await regenerateHostKey(bed, bed.nodes[1]!);
    const changed = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept-new-host-keys', '--json']);
    expect(changed.code).toBe(1);
    const after = JSON.parse(changed.stdout) as { results: { node: string; status: string }[]; findings: { id: string; message: string }[] };
    expect(after.results.map((r) => [r.node, r.status])).toEqual([['tb-1', 'ok'], ['tb-2', 'host-key-changed'], ['tb-3', 'ok']]);
    const finding = after.findings.find((f) => f.id === 'probe.host-key-changed')!;
    expect(finding.message).toContain(old);
    expect(finding.message).toContain(fresh);
    // The pin is not replaced by the new key.
    const still = JSON.parse(await readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8'));
    expect(still.pins['tb-2'].sha256).toBe(old);
  });

  it('--fill writes MACs and boot disk hints into site.yaml, keeping its comments', async () => {
    const siteDir = await mkdtemp(path.join(dir, 'fill-'));
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(blankBedSite(bed), '# test bed plan — this comment stays'));
    const run = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept-new-host-keys', '--fill']);
    expect(run.stdout).toMatch(/mac:tb-1:eth0\s+written to the site file/);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('# test bed plan — this comment stays\n')).toBe(true);
    for (const node of bed.nodes) for (const nic of node.hardware.nics) expect(text).toContain(nic.mac);
    expect(text).toContain('/dev/disk/by-path/pci-0000:00:17.0-ata-1');
    const validate = await sitekit(['validate', file, '--json']);
    expect(validate.code, validate.stdout).not.toBe(2);
  });

  it('--fill never replaces a typed value; --accept <id> does, after showing it', async () => {
    const siteDir = await mkdtemp(path.join(dir, 'accept-'));
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(blankBedSite(bed)));
    const first = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept-new-host-keys', '--fill', '--node', 'tb-1']);
    expect(first.code, first.stderr).not.toBe(2);
    const realMac = bed.nodes[0]!.hardware.nics.find((n) => n.name === 'eth0')!.mac;
    const typed = '02:00:00:00:00:99';
    await writeFile(file, (await readFile(file, 'utf8')).replace(realMac, typed));

    const fill = await sitekit(['probe', file, '--identity', bed.identityFile, '--fill', '--node', 'tb-1']);
    expect(fill.stdout).toMatch(/mac:tb-1:eth0\s+replaces a value in the plan: written only with --accept mac:tb-1:eth0/);
    expect(fill.stdout).toContain(`${typed} → ${realMac}`);
    expect(await readFile(file, 'utf8')).toContain(typed);

    const unknown = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept', 'mac:tb-9:eth0', '--node', 'tb-1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No proposal with the id mac:tb-9:eth0');

    const accept = await sitekit(['probe', file, '--identity', bed.identityFile, '--accept', 'mac:tb-1:eth0', '--node', 'tb-1']);
    expect(accept.stdout).toMatch(/mac:tb-1:eth0\s+written to the site file/);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(realMac);
    expect(text).not.toContain(typed);
  });

  it('logs in with a password from a 0600 file, and refuses a file others can read', async () => {
    const siteDir = await mkdtemp(path.join(dir, 'pw-'));
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(blankBedSite(bed)));
    const secret = path.join(siteDir, 'password');
    await writeFile(secret, `${bed.password}\n`);
    await chmod(secret, 0o644);
    const open = await sitekit(['probe', file, '--password-file', secret, '--accept-new-host-keys']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('can be read by others');
    expect(open.stderr + open.stdout).not.toContain(bed.password);
    await chmod(secret, 0o600);
    const ok = await sitekit(['probe', file, '--password-file', secret, '--accept-new-host-keys', '--json', '--node', 'tb-3']);
    const json = JSON.parse(ok.stdout) as { results: { node: string; status: string }[] };
    expect(json.results).toEqual([expect.objectContaining({ node: 'tb-3', status: 'ok' })]);
    const wrong = await sitekit(['probe', file, '--accept-new-host-keys', '--json', '--node', 'tb-1'], { SITEKIT_SSH_PASSWORD: 'not-it' });
    expect((JSON.parse(wrong.stdout) as { results: { status: string }[] }).results[0]!.status).toBe('auth-failed');
    const passphrase = await sitekit(
      ['probe', file, '--identity', bed.encryptedIdentityFile, '--accept-new-host-keys', '--json', '--node', 'tb-2', '--jump', `${bed.user}@${bed.nodes[0]!.host}:22`],
      { SITEKIT_SSH_PASSPHRASE: bed.passphrase },
    );
    expect((JSON.parse(passphrase.stdout) as { results: { status: string }[] }).results[0]!.status, passphrase.stderr).toBe('ok');
  });

  it('--import checks a capture made by hand exactly like a probe', async () => {
    const siteDir = await mkdtemp(path.join(dir, 'import-'));
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(partlyWrongBedSite(bed)));
    const node = bed.nodes[0]!;
    // What a technician does on the console: run the exported script, save its output.
    const capture = await runScriptOverSsh(bed, node.host, collectScript());
    const captureFile = path.join(siteDir, 'tb-1.txt');
    await writeFile(captureFile, capture);
    const run = await sitekit(['probe', file, '--import', captureFile, '--node', 'tb-1', '--json']);
    const json = JSON.parse(run.stdout) as { results: { node: string; status: string }[]; findings: { id: string; path: string }[] };
    expect(json.results).toEqual([expect.objectContaining({ node: 'tb-1', status: 'ok' })]);
    expect(json.findings).toContainEqual(expect.objectContaining({ id: 'hw.mac-missing', path: '/nodes/0/interfaces/2/mac' }));
    const missingNode = await sitekit(['probe', file, '--import', captureFile]);
    expect(missingNode.code).toBe(2);
    expect(missingNode.stderr).toContain('--import needs exactly one --node');
  });
});

describe('sitekit probe --jump', () => {
  it('takes user@host:port, host alone, and bracketed IPv6', () => {
    expect(jumpHost('core@10.0.0.5:2222', { password: 'x' })).toEqual({ host: '10.0.0.5', port: 2222, credentials: { password: 'x', username: 'core' } });
    expect(jumpHost('bastion.example.com', {})).toEqual({ host: 'bastion.example.com', credentials: {} });
    expect(jumpHost('admin@[fd00::5]:22', {})).toEqual({ host: 'fd00::5', port: 22, credentials: { username: 'admin' } });
    expect(() => jumpHost('a@b@c', {})).toThrow('--jump takes user@host:port');
  });
});

async function runScriptOverSsh(testBed: TestBed, host: string, script: string): Promise<string> {
  const scriptFile = path.join(dir, 'collect.sh');
  await writeFile(scriptFile, script);
  const { stdout } = await promisify(execFile)(
    'sh',
    ['-c', `ssh -i "$0" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "$1" sh -s < "$2"`, testBed.identityFile, `${testBed.user}@${host}`, scriptFile],
    { maxBuffer: 32 * 1024 * 1024 },
  );
  return stdout;
}
