// probe.run and probe.applyProposals through the contract, against the real OpenSSH test bed,
// over each transport: the password comes from the secret store (never the input), unknown
// host keys are shown and refused, the fingerprints the technician accepted are pinned, and
// the proposals are applied to site.yaml keeping its comments.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitekitEvent } from '../../../main/contract/api';
import { FileSecretStore } from '../../../main/host/secret-store';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { TRANSPORTS } from '../../unit/contract/transports';
import { blankBedSite, siteYaml } from './bed-site';

let bed: TestBed;
let dir: string;
beforeAll(async () => {
  bed = await startTestBed();
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-probe-contract-'));
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopTestBed(bed);
  if (dir) await rm(dir, { recursive: true, force: true });
}, TESTBED_HOOK_MS);

describe.each(TRANSPORTS)('probe over $name against the test bed', (transport) => {
  it('refuses unknown keys, pins accepted ones, probes with the stored password, applies proposals', async () => {
    const base = path.join(dir, transport.name.replace(/\W+/g, '-'));
    const siteDir = path.join(base, 'site');
    await mkdir(siteDir, { recursive: true });
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(blankBedSite(bed)));
    const { api, stop } = await transport.start({
      settingsDir: path.join(base, 'data'),
      secrets: new FileSecretStore(path.join(base, 'data', 'secrets.json')),
    });
    const events: SitekitEvent[] = [];
    const answers: unknown[] = [];
    const off = api.onEvent((e) => events.push(e));
    try {
      await new Promise((r) => setTimeout(r, 100));
      await api.secrets.set({ name: 'ssh-password', value: bed.password });

      const refused = await api.probe.run({ sitePath: file, connectTimeoutSeconds: 10 });
      answers.push(refused);
      expect(refused.results.map((r) => r.status)).toEqual(bed.nodes.map(() => 'host-key-unknown'));
      expect(refused.results.map((r) => r.fingerprint)).toEqual(bed.nodes.map((n) => n.hostKeyFingerprint));
      await expect(readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8')).rejects.toThrow();

      const accepted = await api.probe.run({
        sitePath: file,
        connectTimeoutSeconds: 10,
        acceptNewHostKeys: refused.results.map((r) => ({ node: r.node, fingerprint: r.fingerprint! })),
      });
      answers.push(accepted);
      expect(accepted.results.map((r) => [r.node, r.status])).toEqual(bed.nodes.map((n) => [n.name, 'ok']));
      const pins = JSON.parse(await readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8')) as {
        pins: Record<string, { sha256: string; algorithm: string }>;
      };
      for (const node of bed.nodes) {
        expect(pins.pins[node.name]?.sha256).toBe(node.hostKeyFingerprint);
        expect(pins.pins[node.name]?.algorithm).toBe('ssh-ed25519');
      }
      const phases = new Set(events.filter((e) => e.event === 'probe.progress').map((e) => (e.payload as { phase: string }).phase));
      expect([...phases]).toEqual(expect.arrayContaining(['connecting', 'collecting', 'done']));

      // The pins are used from now on, without accepting anything again.
      const again = await api.probe.run({ sitePath: file, connectTimeoutSeconds: 10, nodes: ['tb-1'] });
      answers.push(again);
      expect(again.results.map((r) => r.status)).toEqual(['ok']);

      const fill = accepted.proposals.filter((p) => !p.replaces && p.id.startsWith('mac:'));
      expect(fill.length).toBeGreaterThan(0);
      const saved = await api.probe.applyProposals({ sitePath: file, ids: fill.map((p) => p.id) });
      answers.push(saved);
      const written = await readFile(file, 'utf8');
      expect(written).toContain('# test bed plan');
      expect(saved.text).toBe(written);
      const mac = bed.nodes[0]!.hardware.nics.find((n) => n.name === 'eth0')!.mac;
      expect(written.toLowerCase()).toContain(mac.toLowerCase());

      expect(JSON.stringify({ answers, events })).not.toContain(bed.password);
    } finally {
      off();
      await stop();
    }
  }, 120_000);
});

describe('a fingerprint that is not the one the node shows', () => {
  it('stops that node and says which key it showed', async () => {
    const siteDir = path.join(dir, 'wrong-key');
    await mkdir(siteDir, { recursive: true });
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, siteYaml(blankBedSite(bed)));
    const { api, stop } = await TRANSPORTS[0]!.start({ secrets: new FileSecretStore(path.join(siteDir, 'secrets.json')) });
    try {
      await api.secrets.set({ name: 'ssh-password', value: bed.password });
      const wrong = `SHA256:${'B'.repeat(43)}`;
      const result = await api.probe.run({ sitePath: file, nodes: ['tb-1'], acceptNewHostKeys: [{ node: 'tb-1', fingerprint: wrong }] });
      expect(result.results[0]!.status).toBe('host-key-changed');
      expect(result.results[0]!.message).toContain(wrong);
      expect(result.results[0]!.message).toContain(bed.nodes[0]!.hostKeyFingerprint);
      expect(result.results[0]!.message).toMatch(/that you accepted/);
      await expect(readFile(path.join(siteDir, '.sitekit', 'known_hosts.json'), 'utf8')).rejects.toThrow();
    } finally {
      await stop();
    }
  });
});
