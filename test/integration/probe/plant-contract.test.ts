// probe.run through the contract with the plant checks, against the real OpenSSH test bed and
// Debian's docker-registry behind a basic login: the handler takes the pull secret from the
// secret store under the plan's secretRef and hands the nodes ONLY the mirror registry's entry
// (the release image is then found WITH the login), and no part of the pull secret — the mirror's
// auth, another registry's auth, the password — shows in any answer, event or stored file.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitekitEvent } from '../../../main/contract/api';
import { siteSchema } from '../../../main/core/site/schema';
import { FileSecretStore } from '../../../main/host/secret-store';
import { PLANT_OCTETS } from '../../testbed/services/addresses';
import { bedAddress } from '../../testbed/services/netns';
import { endpointOf, pullSecretFor, startRegistry, stopRegistry, type TestRegistry } from '../../testbed/services/registry';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { TRANSPORTS } from '../../unit/contract/transports';
import { blankBedSite, siteYaml } from './bed-site';

const VERSION = '4.18.12';
const OTHER_AUTH = Buffer.from('someone-else:quay-secret-value').toString('base64');

let bed: TestBed;
let registry: TestRegistry;
let dir: string;
beforeAll(async () => {
  bed = await startTestBed();
  registry = await startRegistry(bed, {
    lastOctet: PLANT_OCTETS.registryFirst,
    endpoints: [{ cert: 'trusted', auth: 'basic' }],
    images: [
      { repository: 'openshift/release-images', tag: `${VERSION}-x86_64` },
      { repository: 'redhat/redhat-operator-index', tag: 'v4.18', list: true },
    ],
  });
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-plant-contract-'));
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopRegistry(registry);
  await stopTestBed(bed);
  if (dir) await rm(dir, { recursive: true, force: true });
}, TESTBED_HOOK_MS);

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each(TRANSPORTS.filter((t) => t.name !== 'preload over IPC'))('plant checks over $name', (transport) => {
  it('logs in to the mirror with its entry of the stored pull secret and never shows any of it', async () => {
    const endpoint = endpointOf(registry, 'trusted', 'basic');
    const base = path.join(dir, transport.name.replace(/\W+/g, '-'));
    const siteDir = path.join(base, 'site');
    await mkdir(siteDir, { recursive: true });
    const file = path.join(siteDir, 'site.yaml');
    const site = blankBedSite(bed);
    const nothing = bedAddress(bed, 253); // nothing listens there
    site.cluster.openshiftVersion = VERSION;
    site.cluster.dnsServers = [nothing];
    site.cluster.ntpServers = [nothing];
    site.cluster.mirror = { registry: endpoint.host, caBundle: registry.caPem };
    await writeFile(file, siteYaml(siteSchema.parse(site)));

    const pullSecret = JSON.parse(pullSecretFor(registry, endpoint)) as { auths: Record<string, { auth: string }> };
    pullSecret.auths['quay.io'] = { auth: OTHER_AUTH };
    const mirrorAuth = pullSecret.auths[endpoint.host]!.auth;
    const { api, stop } = await transport.start({
      settingsDir: path.join(base, 'data'),
      secrets: new FileSecretStore(path.join(base, 'data', 'secrets.json')),
    });
    const events: SitekitEvent[] = [];
    const answers: unknown[] = [];
    const off = api.onEvent((e) => events.push(e));
    try {
      await api.secrets.set({ name: 'pull-secret', value: JSON.stringify(pullSecret) });
      const input = { sitePath: file, nodes: ['tb-1'], identityFile: bed.identityFile, connectTimeoutSeconds: 60 };
      const refused = await api.probe.run(input);
      answers.push(refused);
      expect(refused.results[0]!.status).toBe('host-key-unknown');

      const probed = await api.probe.run({ ...input, acceptNewHostKeys: [{ node: 'tb-1', fingerprint: refused.results[0]!.fingerprint! }] });
      answers.push(probed);
      expect(probed.results[0]!.status, probed.results[0]!.message).toBe('ok');
      // The login reached the registry: the release image was found with it.
      const [inventory] = await api.probe.inventories({ sitePath: file });
      answers.push(inventory);
      const plant = (inventory!.facts as { plant?: { requests: { id: string; kind: string; url?: string }[]; http: { requestId: string; code?: number; authSent?: boolean }[] } }).plant!;
      const release = plant.requests.find((r) => r.kind === 'http' && r.url?.includes(`/manifests/${VERSION}-x86_64`))!;
      expect(plant.http.find((h) => h.requestId === release.id)).toMatchObject({ code: 200, authSent: true });
      expect(probed.findings.filter((f) => f.id === 'plant.registry-auth')).toEqual([]);

      const stored = await Promise.all((await filesUnder(siteDir)).map((f) => readFile(f, 'utf8')));
      const everything = JSON.stringify({ answers, events, stored });
      for (const secret of [mirrorAuth, OTHER_AUTH, registry.password, JSON.stringify(pullSecret)]) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      off();
      await stop();
    }
  }, 240_000);

  it('says so when the stored pull secret has no entry for the mirror, and asks without a login', async () => {
    const endpoint = endpointOf(registry, 'trusted', 'basic');
    const base = path.join(dir, `${transport.name.replace(/\W+/g, '-')}-no-entry`);
    const siteDir = path.join(base, 'site');
    await mkdir(siteDir, { recursive: true });
    const file = path.join(siteDir, 'site.yaml');
    const site = blankBedSite(bed);
    site.cluster.openshiftVersion = VERSION;
    site.cluster.mirror = { registry: endpoint.host, caBundle: registry.caPem };
    await writeFile(file, siteYaml(siteSchema.parse(site)));
    const { api, stop } = await transport.start({ settingsDir: path.join(base, 'data'), secrets: new FileSecretStore(path.join(base, 'data', 'secrets.json')) });
    try {
      await api.secrets.set({ name: 'pull-secret', value: JSON.stringify({ auths: { 'quay.io': { auth: OTHER_AUTH } } }) });
      // No key pinned and none accepted: nothing logs in, only the note about the pull secret.
      const answer = await api.probe.run({ sitePath: file, nodes: ['tb-1'], identityFile: bed.identityFile, connectTimeoutSeconds: 60 });
      const note = answer.findings.find((f) => f.id === 'plant.registry-credentials');
      expect(note).toMatchObject({ severity: 'info', path: '/cluster/pullSecret/secretRef' });
      expect(note!.message).toContain(`no entry for ${endpoint.host.toLowerCase()}`);
      expect(JSON.stringify(answer)).not.toContain(OTHER_AUTH);
    } finally {
      await stop();
    }
  }, 240_000);
});
