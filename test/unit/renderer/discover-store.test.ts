// The Discover step's store against a fake API: live progress, merged re-runs after trusting
// host keys, applying proposals, errors and secrets that never stay in state.
import { describe, expect, it } from 'vitest';
import { SitekitApiError } from '../../../main/contract/api';
import { createDiscoverStore, settingsProblems, trustableNodes } from '../../../renderer/src/steps/discover/discover-store';
import { FP1, SITE, changedKey, fakeDiscoverApi, finding, ok, proposal, runResult, settle, unknownKey } from './discover-fakes';

const NODES = ['acp-1', 'acp-2', 'acp-3'];

function setup(clock = { t: 1_000 }) {
  const fake = fakeDiscoverApi();
  const store = createDiscoverStore(fake.api, () => clock.t);
  return { fake, store, clock };
}

describe('discover store: a probe run', () => {
  it('shows every planned node as queued, then follows the progress events of each node', async () => {
    const { fake, store, clock } = setup();
    const running = store.getState().run(SITE, { expected: NODES });
    const s0 = store.getState();
    expect(s0.running).toBe(true);
    expect(s0.runNodes).toEqual(NODES);
    expect(Object.values(s0.progress).map((r) => r.phase)).toEqual(['queued', 'queued', 'queued']);
    expect(fake.listeners.size).toBe(1);
    expect(fake.last().input).toEqual({ sitePath: SITE });

    fake.progress('acp-2', 'connecting');
    fake.progress('acp-2', 'authenticating');
    fake.progress('acp-1', 'connecting');
    // Other events and unknown phases change nothing.
    fake.emit({ event: 'export.progress', payload: { phase: 'pushing' } });
    fake.emit({ event: 'site.saved', payload: { path: SITE, savedAt: 'now' } });
    fake.progress('acp-3', 'dancing');
    let s = store.getState();
    expect(s.progress['acp-1']?.phase).toBe('connecting');
    expect(s.progress['acp-2']?.phase).toBe('authenticating');
    expect(s.progress['acp-3']?.phase).toBe('queued');

    fake.progress('acp-2', 'collecting');
    fake.progress('acp-2', 'parsing');
    clock.t = 5_000;
    fake.progress('acp-2', 'done', { status: 'ok' });
    fake.progress('acp-1', 'failed', { status: 'unreachable', message: 'acp-1 cannot be reached' });
    s = store.getState();
    expect(s.progress['acp-2']).toMatchObject({ phase: 'done', status: 'ok', endedAt: 5_000, startedAt: 1_000 });
    expect(s.progress['acp-1']).toMatchObject({ phase: 'failed', reached: 'connecting', message: 'acp-1 cannot be reached' });
    expect(s.running).toBe(true);

    clock.t = 9_000;
    const unreachable = { node: 'acp-1', status: 'unreachable', message: 'acp-1 (10.0.0.11:22) cannot be reached from this computer.', durationMs: 2_000 };
    fake.last().resolve(runResult([unreachable, ok('acp-2', 4_000), ok('acp-3', 7_500)], [proposal('mac:acp-2:ens1f0')]));
    const answer = await running;

    expect(answer?.results).toHaveLength(3);
    s = store.getState();
    expect(s.running).toBe(false);
    expect(s.runEndedAt).toBe(9_000);
    expect(s.results.map((r) => [r.node, r.status])).toEqual([
      ['acp-1', 'unreachable'],
      ['acp-2', 'ok'],
      ['acp-3', 'ok'],
    ]);
    // The final state comes from the answer; durations from the probe.
    expect(s.progress['acp-3']).toMatchObject({ phase: 'done', status: 'ok', endedAt: 1_000 + 7_500 });
    expect(s.progress['acp-1']).toMatchObject({ phase: 'failed', status: 'unreachable', reached: 'connecting' });
    expect(s.proposals.map((p) => p.id)).toEqual(['mac:acp-2:ens1f0']);

    // Unsubscribed: a late event changes nothing.
    expect(fake.listeners.size).toBe(0);
    fake.progress('acp-3', 'connecting');
    expect(store.getState().progress['acp-3']?.phase).toBe('done');
  });

  it('passes the connection settings, and refuses to start when they are wrong', async () => {
    const { fake, store } = setup();
    store.getState().setSettings({ identityFile: 'id_ed25519', jumpHost: 'core@10.0.0.5:22', timeoutSeconds: '30' });
    expect(settingsProblems(store.getState().settings)).toHaveProperty('identityFile');
    expect(await store.getState().run(SITE, { expected: NODES })).toBeUndefined();
    expect(fake.api.probe.run).not.toHaveBeenCalled();
    expect(store.getState().error).toMatch(/full path of the key file/);

    store.getState().setSettings({ identityFile: ' /home/tech/.ssh/id_ed25519 ', jumpHost: 'not a host!' });
    await store.getState().run(SITE);
    expect(fake.api.probe.run).not.toHaveBeenCalled();
    expect(store.getState().error).toMatch(/user@host:port/);

    store.getState().setSettings({ jumpHost: 'core@10.0.0.5:22', timeoutSeconds: '500' });
    await store.getState().run(SITE);
    expect(store.getState().error).toMatch(/1 to 120/);

    store.getState().setSettings({ timeoutSeconds: '30' });
    const running = store.getState().run(SITE, { expected: NODES });
    expect(store.getState().error).toBeUndefined();
    expect(fake.last().input).toEqual({
      sitePath: SITE,
      identityFile: '/home/tech/.ssh/id_ed25519',
      jumpHost: 'core@10.0.0.5:22',
      connectTimeoutSeconds: 30,
    });
    expect(store.getState().runViaJump).toBe(true);
    fake.last().resolve(runResult([ok('acp-1'), ok('acp-2'), ok('acp-3')]));
    await running;
  });

  it('starts only one run at a time', async () => {
    const { fake, store } = setup();
    const first = store.getState().run(SITE, { expected: NODES });
    expect(await store.getState().run(SITE, { expected: NODES })).toBeUndefined();
    expect(fake.api.probe.run).toHaveBeenCalledTimes(1);
    fake.last().resolve(runResult([ok('acp-1')]));
    await first;
  });

  it('shows a failed call in words, marks the unfinished nodes and unsubscribes', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE, { expected: NODES });
    fake.progress('acp-1', 'done', { status: 'ok' });
    fake.progress('acp-2', 'collecting');
    fake.last().reject(new SitekitApiError({ code: 'not-found', message: 'identityFile: there is no key file at /home/tech/.ssh/x.' }));
    expect(await running).toBeUndefined();
    const s = store.getState();
    expect(s.running).toBe(false);
    expect(s.error).toBe('identityFile: there is no key file at /home/tech/.ssh/x.');
    expect(s.progress['acp-1']?.phase).toBe('done');
    expect(s.progress['acp-2']).toMatchObject({ phase: 'failed', reached: 'collecting' });
    expect(s.progress['acp-3']?.phase).toBe('failed');
    expect(fake.listeners.size).toBe(0);
    store.getState().dismissMessages();
    expect(store.getState().error).toBeUndefined();
  });

  it('drops a queued node the answer does not mention', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE, { expected: ['acp-1', 'acp-9'] });
    fake.last().resolve(runResult([ok('acp-1')]));
    await running;
    expect(Object.keys(store.getState().progress)).toEqual(['acp-1']);
    expect(store.getState().runNodes).toEqual(['acp-1']);
  });

  it('forgets the results of another site file', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE, { expected: NODES });
    fake.last().resolve(runResult([ok('acp-1')], [proposal('mac:acp-1:ens1f0')]));
    await running;
    store.getState().forSite(undefined); // unsaved plan: keep what is there
    store.getState().forSite(SITE);
    expect(store.getState().results).toHaveLength(1);
    store.getState().forSite('/home/tech/plant-b/site.yaml');
    const s = store.getState();
    expect(s.results).toEqual([]);
    expect(s.proposals).toEqual([]);
    expect(s.progress).toEqual({});
  });

  it('ignores the answer of a run started for a site that was left meanwhile', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE, { expected: NODES });
    store.getState().forSite('/home/tech/plant-b/site.yaml');
    fake.last().resolve(runResult([ok('acp-1')]));
    expect(await running).toBeUndefined();
    expect(store.getState().results).toEqual([]);
    expect(fake.listeners.size).toBe(0);
  });
});

describe('discover store: host keys', () => {
  async function firstRun() {
    const ctx = setup();
    const running = ctx.store.getState().run(SITE, { expected: NODES });
    ctx.fake
      .last()
      .resolve(
        runResult(
          [unknownKey('acp-1'), changedKey('acp-2'), ok('acp-3')],
          [proposal('mac:acp-3:ens1f0', { node: 'acp-3' })],
          [finding('probe.host-key-unknown', '/nodes/0/ssh', 'acp-1: the host key is not pinned yet')],
        ),
      );
    await running;
    return ctx;
  }

  it('re-probes only the trusted node with its fingerprint and merges the results', async () => {
    const { fake, store, clock } = await firstRun();
    expect(trustableNodes(store.getState().results, false).map((r) => r.node)).toEqual(['acp-1']);
    const acp3Before = store.getState().progress['acp-3'];

    clock.t = 20_000;
    const again = store.getState().trust(SITE, ['acp-1']);
    expect(fake.api.probe.run).toHaveBeenCalledTimes(2);
    expect(fake.last().input).toEqual({ sitePath: SITE, nodes: ['acp-1'], acceptNewHostKeys: [{ node: 'acp-1', fingerprint: FP1 }] });
    let s = store.getState();
    expect(s.runNodes).toEqual(['acp-1']);
    expect(s.progress['acp-1']).toMatchObject({ phase: 'queued', startedAt: 20_000 });
    expect(s.progress['acp-3']).toEqual(acp3Before);
    expect(s.trusted).toEqual({ 'acp-1': FP1 });

    // Events of nodes outside this run are not this run's.
    fake.progress('acp-3', 'connecting');
    fake.progress('acp-1', 'collecting');
    s = store.getState();
    expect(s.progress['acp-3']).toEqual(acp3Before);
    expect(s.progress['acp-1']?.phase).toBe('collecting');

    fake.last().resolve(runResult([ok('acp-1')], [proposal('mac:acp-1:ens1f0'), proposal('mac:acp-3:ens1f0', { node: 'acp-3' })]));
    await again;
    s = store.getState();
    expect(s.results.map((r) => [r.node, r.status])).toEqual([
      ['acp-1', 'ok'],
      ['acp-2', 'host-key-changed'],
      ['acp-3', 'ok'],
    ]);
    expect(s.proposals.map((p) => p.id)).toEqual(['mac:acp-1:ens1f0', 'mac:acp-3:ens1f0']);
    expect(fake.listeners.size).toBe(0);
  });

  it('never accepts a changed key, even when asked to trust it with the others', async () => {
    const { fake, store } = await firstRun();
    expect(await store.getState().trust(SITE, ['acp-2'])).toBeUndefined();
    expect(fake.api.probe.run).toHaveBeenCalledTimes(1);
    expect(store.getState().error).toMatch(/changed key is never trusted/);

    const again = store.getState().trust(SITE, ['acp-1', 'acp-2', 'acp-3']);
    const input = fake.last().input;
    expect(input.nodes).toEqual(['acp-1']);
    expect(input.acceptNewHostKeys).toEqual([{ node: 'acp-1', fingerprint: FP1 }]);
    fake.last().resolve(runResult([ok('acp-1')]));
    await again;
  });

  it('remembers which fingerprint was trusted when the node then shows another key', async () => {
    const { fake, store } = await firstRun();
    const again = store.getState().trust(SITE, ['acp-1']);
    fake.last().resolve(runResult([{ ...changedKey('acp-1'), message: 'acp-1 presented the host key X, not Y that you accepted.' }]));
    await again;
    expect(store.getState().trusted).toEqual({ 'acp-1': FP1 });
    // Nothing new to trust: the node is now "changed".
    expect(await store.getState().trust(SITE, ['acp-1'])).toBeUndefined();

    // A plain run of all nodes starts from scratch.
    const all = store.getState().run(SITE, { expected: NODES });
    expect(store.getState().trusted).toEqual({});
    fake.last().resolve(runResult([unknownKey('acp-1')]));
    await all;
  });

  it('does not offer to trust a jump host key as if it were the node’s', async () => {
    const { fake, store } = setup();
    store.getState().setSettings({ jumpHost: 'core@10.0.0.5' });
    const running = store.getState().run(SITE, { expected: NODES });
    fake.last().resolve(
      runResult(
        NODES.map((node) => ({
          ...unknownKey(node),
          message: `Not probed: the jump host 10.0.0.5:22 presented an unknown host key ${FP1} (ssh-ed25519).`,
        })),
      ),
    );
    await running;
    expect(trustableNodes(store.getState().results, store.getState().runViaJump)).toEqual([]);
    expect(await store.getState().trust(SITE, NODES)).toBeUndefined();
    expect(fake.api.probe.run).toHaveBeenCalledTimes(1);
  });

  it('does not trust a fingerprint that is not one', () => {
    expect(trustableNodes([{ ...unknownKey('acp-1'), fingerprint: 'MD5:aa:bb' }], false)).toEqual([]);
    expect(trustableNodes([{ ...unknownKey('acp-1'), fingerprint: undefined }], false)).toEqual([]);
  });
});

describe('discover store: proposals', () => {
  async function withProposals() {
    const ctx = setup();
    const running = ctx.store.getState().run(SITE, { expected: NODES });
    ctx.fake.last().resolve(
      runResult(
        [ok('acp-1'), ok('acp-2'), ok('acp-3')],
        [
          proposal('mac:acp-1:ens1f0'),
          proposal('mac:acp-2:ens1f0', { node: 'acp-2', path: '/nodes/1/interfaces/0/mac' }),
          proposal('boot:*', { node: '*', path: '/layout/disks/boot', current: '/dev/sda', proposed: { serial: 'S1' }, replaces: true }),
        ],
      ),
    );
    await running;
    return ctx;
  }

  it('selects only proposals that exist', async () => {
    const { store } = await withProposals();
    store.getState().toggle('mac:acp-1:ens1f0');
    store.getState().toggle('nope');
    expect(store.getState().selected).toEqual(['mac:acp-1:ens1f0']);
    store.getState().toggle('mac:acp-1:ens1f0', true);
    expect(store.getState().selected).toEqual(['mac:acp-1:ens1f0']);
    store.getState().toggle('mac:acp-1:ens1f0');
    expect(store.getState().selected).toEqual([]);
    store.getState().select(['boot:*', 'mac:acp-2:ens1f0', 'ghost']);
    expect(store.getState().selected).toEqual(['mac:acp-2:ens1f0', 'boot:*']);
  });

  it('applies the selected ids and returns the written document for the wizard', async () => {
    const { fake, store } = await withProposals();
    store.getState().select(['mac:acp-1:ens1f0', 'boot:*']);
    const doc = await store.getState().apply(SITE, store.getState().selected);
    expect(fake.api.probe.applyProposals).toHaveBeenCalledWith({ sitePath: SITE, ids: ['mac:acp-1:ens1f0', 'boot:*'] });
    expect(doc?.path).toBe(SITE);
    expect(doc?.savedAt).toBe('2026-11-21T15:30:00.000Z');
    const s = store.getState();
    expect(s.applying).toBe(false);
    expect(s.applied?.proposals.map((p) => p.id)).toEqual(['mac:acp-1:ens1f0', 'boot:*']);
    expect(s.applied?.path).toBe(SITE);
    expect(s.proposals.map((p) => p.id)).toEqual(['mac:acp-2:ens1f0']);
    expect(s.selected).toEqual([]);
    expect(s.notice).toMatch(/Wrote 2 changes/);
  });

  it('shows why nothing was written', async () => {
    const { fake, store } = await withProposals();
    fake.api.probe.applyProposals.mockRejectedValueOnce(
      new SitekitApiError({ code: 'invalid-input', message: 'ids: no proposal "mac:acp-1:ens1f0" (probe again to list them).' }),
    );
    expect(await store.getState().apply(SITE, ['mac:acp-1:ens1f0'])).toBeUndefined();
    const s = store.getState();
    expect(s.error).toBe('Nothing was written: ids: no proposal "mac:acp-1:ens1f0" (probe again to list them).');
    expect(s.applying).toBe(false);
    expect(s.proposals).toHaveLength(3);
    expect(await store.getState().apply(SITE, [])).toBeUndefined();
    expect(fake.api.probe.applyProposals).toHaveBeenCalledTimes(1);
  });

  it('keeps the selection of proposals that a new run still has', async () => {
    const { fake, store } = await withProposals();
    store.getState().select(['mac:acp-1:ens1f0', 'mac:acp-2:ens1f0']);
    const again = store.getState().run(SITE, { nodes: ['acp-2'] });
    expect(fake.last().input).toEqual({ sitePath: SITE, nodes: ['acp-2'] });
    fake.last().resolve(runResult([ok('acp-2')], [proposal('mac:acp-1:ens1f0')]));
    await again;
    expect(store.getState().selected).toEqual(['mac:acp-1:ens1f0']);
  });
});

describe('discover store: the SSH password goes only where it is bound', () => {
  const target = `10.0.0.9:22 ${FP1}`;
  const asked = () =>
    new SitekitApiError({
      code: 'needs-confirmation',
      message: `The stored SSH password was never sent to acp-1 at 10.0.0.9:22 (host key ${FP1}). Nothing was sent.`,
      question: { secret: 'ssh-password', boundTo: [`10.0.0.11:22 ${FP1}`], targets: [target] },
    });

  it('shows the question instead of an error, and probes again with the consent only when confirmed', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE, { nodes: ['acp-1'] });
    fake.last().reject(asked());
    expect(await running).toBeUndefined();
    let s = store.getState();
    expect(s.error).toBeUndefined();
    expect(s.running).toBe(false);
    expect(s.passwordQuestion).toMatchObject({ sitePath: SITE, targets: [target], extra: { nodes: ['acp-1'] } });
    expect(s.passwordQuestion?.message).toMatch(/never sent to acp-1 at 10\.0\.0\.9:22/);
    expect(s.progress['acp-1']?.message).toMatch(/waiting for your answer/);
    expect(fake.listeners.size).toBe(0);

    store.getState().cancelPasswordQuestion();
    expect(store.getState().passwordQuestion).toBeUndefined();
    expect(await store.getState().confirmPassword()).toBeUndefined();
    expect(fake.api.probe.run).toHaveBeenCalledTimes(1);

    const again = store.getState().run(SITE, { nodes: ['acp-1'] });
    fake.last().reject(asked());
    await again;
    const confirmed = store.getState().confirmPassword();
    expect(fake.last().input).toEqual({ sitePath: SITE, nodes: ['acp-1'], allowPasswordFor: [target] });
    expect(store.getState().passwordQuestion).toBeUndefined();
    fake.last().resolve(runResult([ok('acp-1')]));
    expect((await confirmed)?.results[0]?.status).toBe('ok');
    s = store.getState();
    expect(s.results.map((r) => [r.node, r.status])).toEqual([['acp-1', 'ok']]);
    expect(fake.api.probe.run).toHaveBeenCalledTimes(3);
  });

  it('keeps the accepted keys of a trust run when the password question comes after it', async () => {
    const { fake, store } = setup();
    const first = store.getState().run(SITE, { expected: ['acp-1'] });
    fake.last().resolve(runResult([unknownKey('acp-1')]));
    await first;
    const trusting = store.getState().trust(SITE, ['acp-1']);
    fake.last().reject(asked());
    await trusting;
    const confirmed = store.getState().confirmPassword();
    expect(fake.last().input).toEqual({
      sitePath: SITE,
      nodes: ['acp-1'],
      acceptNewHostKeys: [{ node: 'acp-1', fingerprint: FP1 }],
      allowPasswordFor: [target],
    });
    fake.last().resolve(runResult([ok('acp-1')]));
    await confirmed;
  });

  it('another secret’s question, or none, is an error as before', async () => {
    const { fake, store } = setup();
    const running = store.getState().run(SITE);
    fake.last().reject(new SitekitApiError({ code: 'needs-confirmation', message: 'Token?', question: { secret: 'git-token', boundTo: [], targets: ['https://x'] } }));
    await running;
    expect(store.getState().passwordQuestion).toBeUndefined();
    expect(store.getState().error).toBe('Token?');
  });
});

describe('discover store: secrets', () => {
  it('hands a password to the secret store and keeps only whether it is stored', async () => {
    const { fake, store } = setup();
    await store.getState().loadSecrets();
    expect(store.getState().secrets).toMatchObject({ loaded: true, protection: 'os-keychain', stored: { 'ssh-password': false } });

    const secret = 'hunter2-very-secret';
    expect(await store.getState().storeSecret('ssh-password', secret)).toBe(true);
    expect(fake.api.secrets.set).toHaveBeenCalledWith({ name: 'ssh-password', value: secret });
    expect(fake.vault.get('ssh-password')).toBe(secret);
    const s = store.getState();
    expect(s.secrets.stored).toEqual({ 'ssh-password': true, 'ssh-passphrase': false });
    expect(s.savingSecret).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain(secret);

    // Nor does it travel with a run.
    const running = store.getState().run(SITE, { expected: NODES });
    expect(JSON.stringify(fake.last().input)).not.toContain(secret);
    fake.last().resolve(runResult([ok('acp-1')]));
    await running;
    expect(JSON.stringify(store.getState())).not.toContain(secret);

    await store.getState().forgetSecret('ssh-password');
    expect(fake.api.secrets.delete).toHaveBeenCalledWith({ name: 'ssh-password' });
    expect(store.getState().secrets.stored['ssh-password']).toBe(false);
  });

  it('shows the warning of a weak store and a failed store in words, without the value', async () => {
    const { fake, store } = setup();
    fake.setProtection({ protection: 'basic_text', warning: 'This computer has no keyring: secrets are kept obfuscated only.' });
    await store.getState().loadSecrets();
    expect(store.getState().secrets.warning).toMatch(/no keyring/);

    store.getState().agreePlainText('ssh-passphrase', true);
    fake.api.secrets.set.mockRejectedValueOnce(new SitekitApiError({ code: 'io-error', message: 'The secret store is locked.' }));
    expect(await store.getState().storeSecret('ssh-passphrase', 'pass-phrase-123')).toBe(false);
    const s = store.getState();
    expect(s.error).toBe('The passphrase was not stored: The secret store is locked.');
    expect(s.secrets.stored['ssh-passphrase']).toBe(false);
    expect(JSON.stringify(s)).not.toContain('pass-phrase-123');

    expect(await store.getState().storeSecret('ssh-passphrase', '')).toBe(false);
    expect(fake.api.secrets.set).toHaveBeenCalledTimes(1);
  });

  it('on a store that cannot encrypt, stores an SSH secret only after the consent next to its field', async () => {
    const { fake, store } = setup();
    fake.setProtection({ protection: 'basic_text', warning: 'No system key ring is available on this computer.' });
    await store.getState().loadSecrets();
    expect(store.getState().plainTextAgreed).toEqual({ 'ssh-password': false, 'ssh-passphrase': false });

    const secret = 'hunter2-very-secret';
    expect(await store.getState().storeSecret('ssh-password', secret)).toBe(false);
    expect(fake.api.secrets.set).not.toHaveBeenCalled();
    expect(store.getState().error).toMatch(/^The password was not stored: tick "Store it without encryption"/);
    expect(store.getState().secrets.stored['ssh-password']).toBe(false);
    expect(JSON.stringify(store.getState())).not.toContain(secret);

    // The passphrase's consent is not the password's.
    store.getState().agreePlainText('ssh-passphrase', true);
    expect(await store.getState().storeSecret('ssh-password', secret)).toBe(false);
    expect(fake.api.secrets.set).not.toHaveBeenCalled();

    store.getState().agreePlainText('ssh-password', true);
    expect(await store.getState().storeSecret('ssh-password', secret)).toBe(true);
    expect(fake.api.secrets.set).toHaveBeenCalledWith({ name: 'ssh-password', value: secret, allowPlainText: true });
    expect(store.getState().secrets.stored['ssh-password']).toBe(true);
    expect(store.getState().error).toBeUndefined();
    expect(JSON.stringify(store.getState())).not.toContain(secret);

    expect(await store.getState().storeSecret('ssh-passphrase', 'pass-phrase-123')).toBe(true);
    expect(fake.api.secrets.set).toHaveBeenLastCalledWith({ name: 'ssh-passphrase', value: 'pass-phrase-123', allowPlainText: true });
  });

  it('sends no consent on a store that encrypts, and asks the store again when main refuses', async () => {
    const { fake, store } = setup();
    await store.getState().loadSecrets();
    store.getState().agreePlainText('ssh-password', true); // ticked earlier; the store encrypts now
    expect(await store.getState().storeSecret('ssh-password', 'pw-1')).toBe(true);
    expect(fake.api.secrets.set.mock.calls[0]![0]).toEqual({ name: 'ssh-password', value: 'pw-1' });

    // The key ring went away since: main refuses and now reports 'basic_text'.
    fake.setProtection({ protection: 'basic_text' });
    fake.api.secrets.set.mockRejectedValueOnce(
      new SitekitApiError({ code: 'forbidden', message: 'Sitekit did not store ssh-passphrase. Tick "Store it without encryption" next to the field to store it anyway.' }),
    );
    expect(await store.getState().storeSecret('ssh-passphrase', 'pp-1')).toBe(false);
    expect(store.getState().error).toMatch(/^The passphrase was not stored: Sitekit did not store ssh-passphrase/);
    expect(store.getState().secrets.protection).toBe('basic_text');
    expect(store.getState().savingSecret).toBeUndefined();
  });

  it('says when the stored secrets cannot be read', async () => {
    const { fake, store } = setup();
    fake.api.secrets.status.mockRejectedValueOnce(new Error('host gone'));
    await store.getState().loadSecrets();
    expect(store.getState().error).toMatch(/could not read which secrets are stored: host gone/);
    await settle();
  });
});
