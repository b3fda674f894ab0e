// The Discover step rendered to HTML (no DOM): what the technician sees before, during and
// after a run, for the states the store test drives.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Site } from '../../../main/core/site/schema';
import type { Api } from '../../../renderer/src/api/client';
import { DiscoverStep, type DiscoverStepProps } from '../../../renderer/src/steps/discover/DiscoverStep';
import { groupFindingsByNode } from '../../../renderer/src/steps/discover/HardwareFindings';
import { hostKeyFile, pinsFile } from '../../../renderer/src/steps/discover/HostKeyPrompt';
import { createDiscoverStore, type DiscoverStore } from '../../../renderer/src/steps/discover/discover-store';
import { adviceFor, formatDuration } from '../../../renderer/src/steps/discover/words';
import { FP1, FP2, SITE, changedKey, fakeDiscoverApi, finding, ok, proposal, runResult, unknownKey } from './discover-fakes';

const site = {
  nodes: [
    { hostname: 'acp-1', ssh: { host: '10.0.0.11' }, interfaces: [] },
    { hostname: 'acp-2', ssh: { host: '10.0.0.12', user: 'root', port: 2222 }, interfaces: [] },
    { hostname: 'acp-3', ssh: { host: 'fd00::13' }, interfaces: [] },
  ],
} as unknown as Site;
const NODES = ['acp-1', 'acp-2', 'acp-3'];

function render(store: DiscoverStore, props: Partial<DiscoverStepProps> = {}, api = fakeDiscoverApi().api) {
  // Server rendering reads a zustand store's initial state; show the current one instead.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <DiscoverStep
      api={api as unknown as Api}
      store={store}
      sitePath={SITE}
      site={site}
      dirty={false}
      onSave={vi.fn(async () => SITE)}
      onSiteReplaced={vi.fn()}
      onInventoriesChanged={vi.fn()}
      {...props}
    />,
  );
}

/** The markup of the element with this data-testid, up to its closing tag (good enough for checks). */
function section(html: string, testid: string): string {
  const at = html.indexOf(`data-testid="${testid}"`);
  expect(at, `no element with data-testid="${testid}"`).toBeGreaterThanOrEqual(0);
  return html.slice(at, at + 6_000);
}

/** Whether the button with this data-testid is disabled. */
function disabled(html: string, testid: string): boolean {
  const tag = new RegExp(`<button[^>]*data-testid="${testid}"[^>]*>`).exec(html)?.[0];
  expect(tag, `no button with data-testid="${testid}"`).toBeDefined();
  return /\sdisabled=""/.test(tag!);
}

describe('DiscoverStep before a run', () => {
  it('says what will happen and shows a card per planned node with its SSH address', () => {
    const fake = fakeDiscoverApi();
    const html = render(createDiscoverStore(fake.api));
    expect(html).toContain('read-only script');
    expect(html).toContain('changes nothing on the nodes');
    for (const node of NODES) expect(html).toContain(`data-testid="discover-node-${node}"`);
    expect(html).toContain('core@10.0.0.11:22');
    expect(html).toContain('root@10.0.0.12:2222');
    expect(html).toContain('core@[fd00::13]:22');
    expect(html).toContain('Not discovered yet');
    expect(disabled(html, 'discover-run')).toBe(false);
    expect(html).not.toContain('data-testid="discover-blocked"');
  });

  it('a node known from an earlier run says when it was discovered, not "Not discovered yet"', () => {
    const fake = fakeDiscoverApi();
    const stored = { node: 'acp-1', collectedAt: '2026-12-02T16:46:31Z', source: 'ssh', facts: { nics: [], disks: [], lldp: [] }, problems: [], tools: [] };
    const withCluster = { ...site, cluster: { name: 'acp', baseDomain: 'plant-a.example.com', apiVIPs: [], ingressVIPs: [], dnsServers: [], ntpServers: [] } } as unknown as Site;
    const html = render(createDiscoverStore(fake.api), { site: withCluster, inventories: [stored] as unknown as DiscoverStepProps['inventories'] });
    const card = (node: string) => html.slice(html.indexOf(`data-testid="discover-node-${node}"`)).split('data-testid="discover-node-')[1]!;
    expect(card('acp-1')).toMatch(/Discovered \w+/);
    expect(card('acp-1')).not.toContain('Not discovered yet');
    expect(card('acp-2')).toContain('Not discovered yet');
  });

  it('asks to save first when the plan is unsaved or only in memory', () => {
    const fake = fakeDiscoverApi();
    const dirty = render(createDiscoverStore(fake.api), { dirty: true });
    expect(disabled(dirty, 'discover-run')).toBe(true);
    expect(section(dirty, 'discover-blocked')).toContain('Discovery reads the saved file');
    expect(dirty).toContain('data-testid="discover-save"');

    const example = render(createDiscoverStore(fake.api), { sitePath: undefined });
    expect(disabled(example, 'discover-run')).toBe(true);
    expect(section(example, 'discover-blocked')).toContain('example is read-only');
    expect(example).toContain('Save first');
  });

  it('has password fields that hold nothing and say what is stored', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    await store.getState().storeSecret('ssh-passphrase', 'top-secret-passphrase');
    fake.setProtection({ protection: 'basic_text', warning: 'No keyring on this computer.' });
    await store.getState().loadSecrets();
    const html = render(store);
    expect(html).not.toContain('top-secret-passphrase');
    expect(html).toMatch(/<input[^>]*type="password"/);
    expect(html).not.toMatch(/<input[^>]*type="password"[^>]*value="[^"]+"/);
    expect(html).toContain('data-testid="discover-secret-ssh-passphrase-stored"');
    expect(html).not.toContain('data-testid="discover-secret-ssh-password-stored"');
    expect(html).toContain('Forget');
    expect(section(html, 'discover-secret-warning')).toContain('No keyring on this computer.');
  });

  it('says where the stored password may go: the nodes it is bound to, or none yet', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    await store.getState().storeSecret('ssh-password', 'top-secret-password');
    await store.getState().loadSecrets();
    expect(render(store)).toContain('stored, not used with a node yet');
    fake.setProtection({ protection: 'os-keychain', bindings: { 'ssh-password': ['10.10.0.11:22 SHA256:aaaa', '10.10.0.12:22 SHA256:bbbb'] } });
    await store.getState().loadSecrets();
    const html = render(store);
    expect(html).toContain('stored for 10.10.0.11:22, 10.10.0.12:22');
    expect(html).not.toContain('SHA256:aaaa');
    expect(html).not.toContain('top-secret-password');
  });

  it('shows the plain-text consent next to each SSH secret when the store cannot encrypt', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    fake.setProtection({ protection: 'basic_text', warning: 'No system key ring is available on this computer.' });
    await store.getState().loadSecrets();
    const box = (html: string, name: string) => new RegExp(`<input[^>]*id="sk-discover-${name}-plain"[^>]*>`).exec(html)?.[0];

    let html = render(store);
    for (const name of ['ssh-password', 'ssh-passphrase']) {
      expect(box(html, name), `a consent next to ${name}`).toMatch(/type="checkbox"/);
      expect(box(html, name)).not.toMatch(/\bchecked=""/);
      expect(disabled(html, `discover-secret-${name}-store`)).toBe(true);
    }
    expect(section(html, 'discover-secret-ssh-password')).toContain('Store it without encryption');
    expect(section(html, 'discover-secret-ssh-password')).toContain('No system key ring is available on this computer. Anyone who can read your files');

    // Storing without the tick sends nothing; ticked, it goes with the consent.
    expect(await store.getState().storeSecret('ssh-password', 'hunter2-secret')).toBe(false);
    expect(fake.api.secrets.set).not.toHaveBeenCalled();
    store.getState().agreePlainText('ssh-password', true);
    html = render(store);
    expect(box(html, 'ssh-password')).toMatch(/\bchecked=""/);
    expect(box(html, 'ssh-passphrase')).not.toMatch(/\bchecked=""/);
    expect(await store.getState().storeSecret('ssh-password', 'hunter2-secret')).toBe(true);
    expect(fake.api.secrets.set).toHaveBeenCalledWith({ name: 'ssh-password', value: 'hunter2-secret', allowPlainText: true });
    expect(render(store)).not.toContain('hunter2-secret');
  });

  it('shows no consent when the store encrypts', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    await store.getState().loadSecrets();
    const html = render(store);
    expect(html).not.toContain('Store it without encryption');
    expect(html).not.toContain('-plain"');
  });
});

describe('DiscoverStep during a run', () => {
  it('shows each node’s phase, a spinner and the elapsed time', () => {
    const fake = fakeDiscoverApi();
    const clock = { t: Date.now() - 3_000 };
    const store = createDiscoverStore(fake.api, () => clock.t);
    void store.getState().run(SITE, { expected: NODES });
    fake.progress('acp-1', 'collecting');
    fake.progress('acp-2', 'authenticating');
    const html = render(store);
    expect(disabled(html, 'discover-run')).toBe(true);
    expect(html).toContain('Discovering…');
    expect(section(html, 'discover-running')).toMatch(/0 of 3 nodes finished · \d+(\.\d)? s/);
    expect(section(html, 'discover-node-acp-1')).toContain('data-phase="collecting"');
    expect(section(html, 'discover-node-acp-1')).toContain('Collecting hardware facts');
    expect(section(html, 'discover-node-acp-2')).toContain('Logging in');
    expect(section(html, 'discover-node-acp-3')).toContain('Waiting to start');
    expect(html).toContain('pf-v6-c-spinner');
  });
});

describe('DiscoverStep after a run', () => {
  async function finished(results = [unknownKey('acp-1'), changedKey('acp-2'), ok('acp-3')]) {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    const running = store.getState().run(SITE, { expected: NODES });
    fake.last().resolve(
      runResult(
        results,
        [
          proposal('mac:acp-3:ens1f0', { node: 'acp-3', path: '/nodes/2/interfaces/0/mac' }),
          proposal('boot:*', { node: '*', path: '/layout/disks/boot', current: '/dev/sda', proposed: { serial: 'S3Z1NB0K' }, replaces: true }),
        ],
        [
          finding('probe.host-key-unknown', '/nodes/0/ssh', 'acp-1: the host key of core@10.0.0.11:22 is not pinned yet'),
          finding('hw.no-link', '/nodes/2/interfaces/1', 'acp-3: ens2f1 has no link', 'error'),
          finding('hw.odf-sizes-differ', '/layout/disks', 'ODF devices differ in size between nodes'),
        ],
      ),
    );
    await running;
    return { fake, store };
  }

  it('asks to confirm an unknown key with its fingerprint, per node and for all shown', async () => {
    const { store } = await finished();
    const html = render(store);
    const card = section(html, 'discover-hostkey-acp-1');
    expect(card).toContain(FP1);
    expect(card).toContain('ssh-ed25519');
    expect(card).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    expect(card).toContain('Trust this key');
    expect(html).toContain('data-testid="discover-trust-all"');
    expect(html).toContain('Trust all shown (1)');
  });

  it('warns about a changed key with both fingerprints and no way to accept it', async () => {
    const { store } = await finished();
    const html = render(store);
    const card = section(html, 'discover-hostkey-acp-2');
    const end = card.indexOf('data-testid="discover-node-acp-3"');
    const own = end > 0 ? card.slice(0, end) : card;
    expect(own).toContain('data-kind="changed"');
    expect(own).toContain(FP1);
    expect(own).toContain(FP2);
    expect(own).toContain('has changed');
    expect(own).toContain('/home/tech/plant-a/.sitekit/known_hosts.json');
    expect(own).toContain('intercepting');
    expect(own).not.toContain('Trust this key');
    expect(own).not.toContain('discover-trust-acp-2');
  });

  it('shows ok nodes with their duration and failures in plain words with what to do', async () => {
    const { store } = await finished([
      ok('acp-1', 12_300),
      { node: 'acp-2', status: 'auth-failed', message: 'acp-2 (10.0.0.12:2222) refused the login of user root (wrong password or key not authorised).', durationMs: 900 },
      { node: 'acp-3', status: 'unreachable', message: 'acp-3 cannot be reached from this computer (no route to the address).', durationMs: 3_000 },
    ]);
    const html = render(store);
    expect(section(html, 'discover-node-acp-1')).toContain('Collected in 12 s');
    const auth = section(html, 'discover-node-acp-2');
    expect(auth).toContain('The node refused the login');
    expect(auth).toContain('store the right password');
    expect(auth).toContain('wrong password or key not authorised');
    const unreachable = section(html, 'discover-node-acp-3');
    expect(unreachable).toContain('Cannot reach the node');
    expect(unreachable).toContain('network cable');
    expect(unreachable).toContain('Try this node again');
    expect(html).not.toContain('data-testid="discover-trust-all"');
    expect(section(html, 'discover-summary')).toContain('1 of 3 nodes discovered');
  });

  it('says when a node has no SSH address in the plan', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    const running = store.getState().run(SITE, { expected: ['acp-1', 'acp-4'] });
    fake.last().resolve(runResult([ok('acp-1'), { node: 'acp-4', status: 'error', message: 'The plan gives no SSH address for acp-4 (nodes[].ssh.host); it was not probed.' }]));
    await running;
    const html = render(store);
    expect(section(html, 'discover-node-acp-4')).toContain('Add the node’s SSH address in the Nodes step');
  });

  it('tells apart a key that differs from the one just trusted, still without a way to accept it', async () => {
    const { fake, store } = await finished();
    const again = store.getState().trust(SITE, ['acp-1']);
    fake.last().resolve(runResult([{ ...changedKey('acp-1'), pinnedFingerprint: FP1, message: 'acp-1 presented the host key B, not A that you accepted.' }]));
    await again;
    const card = section(render(store), 'discover-hostkey-acp-1');
    expect(card).toContain('showed a different key than the one you trusted');
    expect(card).toContain('remembered nothing');
    expect(card.slice(0, card.indexOf('discover-node-acp-2'))).not.toContain('Trust this key');
  });

  it('groups hardware findings by node and leaves connection findings to the node cards', async () => {
    const { store } = await finished();
    const html = render(store);
    const findings = section(html, 'discover-findings');
    expect(findings).toContain('data-testid="discover-findings-acp-3"');
    expect(findings).toContain('ens2f1 has no link');
    expect(findings).toContain('data-testid="discover-findings-all"');
    expect(findings).not.toContain('data-rule="probe.host-key-unknown"');
  });

  it('lists proposals with checkboxes, marks the one that replaces a typed value and offers to apply', async () => {
    const { store } = await finished();
    store.getState().toggle('boot:*');
    const html = render(store);
    const list = section(html, 'discover-proposals');
    expect(list).toContain('/nodes/2/interfaces/0/mac');
    expect(list).toContain('52:54:00:aa:bb:01');
    expect(list).toContain('replaces your value');
    expect(list).toContain('/dev/sda');
    expect(list).toContain('{&quot;serial&quot;:&quot;S3Z1NB0K&quot;}');
    expect(list).toContain('All nodes (shared layout)');
    expect(list).toContain('type="checkbox"');
    expect(html).toContain('Apply selected (1)');
    expect(html).toContain('Apply all blanks (1)');
    expect(disabled(html, 'discover-apply-selected')).toBe(false);
    expect(disabled(html, 'discover-apply-all')).toBe(false);
  });

  it('does not apply over unsaved edits', async () => {
    const { store } = await finished();
    const html = render(store, { dirty: true });
    expect(disabled(html, 'discover-apply-all')).toBe(true);
    expect(section(html, 'discover-apply-blocked')).toContain('unsaved edits would be lost');
  });

  it('shows what was applied', async () => {
    const { store } = await finished();
    await store.getState().apply(SITE, ['mac:acp-3:ens1f0']);
    const html = render(store);
    const applied = section(html, 'discover-applied');
    expect(applied).toContain(`Written into ${SITE}`);
    expect(applied).toContain('/nodes/2/interfaces/0/mac');
    expect(html).toContain('Apply all blanks (0)');
  });
});

describe('discover words', () => {
  it('explains statuses in the app’s terms', () => {
    expect(adviceFor({ status: 'timeout', message: '' }).title).toBe('The node did not answer in time');
    expect(adviceFor({ status: 'auth-failed', message: 'The private key is encrypted: give its passphrase' }).title).toBe('The key file needs its passphrase');
    expect(adviceFor({ status: 'unreachable', message: 'Not probed: the jump host …' }, true).title).toBe('The jump host cannot be reached');
    expect(adviceFor({ status: 'error', message: 'x' }).todo).toContain('collect-script');
    expect(adviceFor({ status: 'something-new', message: 'x' }).title).toContain('something-new');
  });

  it('formats durations and paths', () => {
    expect(formatDuration(4_230)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(pinsFile('/home/tech/plant-a/site.yaml')).toBe('/home/tech/plant-a/.sitekit/known_hosts.json');
    expect(pinsFile('C:\\sites\\plant-a\\site.yaml')).toBe('C:\\sites\\plant-a\\.sitekit\\known_hosts.json');
    expect(hostKeyFile('ecdsa-sha2-nistp256')).toBe('/etc/ssh/ssh_host_ecdsa_key.pub');
    expect(hostKeyFile('rsa-sha2-512')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
  });

  it('groups findings by node path or name', () => {
    const groups = groupFindingsByNode(
      [
        finding('hw.a', '/nodes/1/interfaces/0', 'x'),
        finding('hw.b', '/layout', 'acp-3: clock is off'),
        finding('hw.c', '/layout', 'all differ', 'error'),
        finding('probe.timeout', '/nodes/0/ssh', 'acp-1: slow'),
      ],
      NODES,
    );
    expect(groups.map(([node, list]) => [node, list.map((f) => f.id)])).toEqual([
      ['acp-2', ['hw.a']],
      ['acp-3', ['hw.b']],
      ['', ['hw.c']],
    ]);
  });
});
