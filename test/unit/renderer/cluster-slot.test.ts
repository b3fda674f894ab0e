// The wizard's slot for the Cluster step's store: nothing is created before the step opens (the
// mark says "not verified"), then one store for the whole session, whose verification state the
// mark follows, and whose running bootstrap keeps taking its progress whether the step is shown.
import { describe, expect, it } from 'vitest';
import { createClusterSlot } from '../../../renderer/src/steps/cluster/cluster-slot';
import { SITE, bootstrapRunning, fakeClusterApi, settle, verification } from './cluster-fakes';

describe('cluster slot', () => {
  it('creates nothing until loaded, then the same store on every load', async () => {
    const fake = fakeClusterApi();
    const slot = createClusterSlot(fake.api);
    expect(slot.mark.getState().verified).toBeUndefined();
    expect(fake.raw.onEvent).not.toHaveBeenCalled();
    expect(fake.raw.secrets.status).not.toHaveBeenCalled();

    const first = await slot.load();
    const again = await slot.load();
    expect(again).toBe(first);
  });

  it('the mark follows the store’s last verification, and a switch to another site clears it', async () => {
    const fake = fakeClusterApi();
    const slot = createClusterSlot(fake.api);
    const store = await slot.load();

    fake.raw.cluster.verify.mockResolvedValueOnce(verification('ok'));
    await store.getState().verify(SITE);
    expect(slot.mark.getState().verified).toBe('ok');

    await store.getState().verify(SITE);
    expect(slot.mark.getState().verified).toBe('problems');

    expect(slot.mark.getState().sitePath).toBe(SITE);

    // The wizard opens another site before the step is shown again: the store lets go at once.
    slot.siteChanged('/home/tech/plant-b/site.yaml');
    expect(slot.mark.getState().verified).toBeUndefined();
    expect(slot.mark.getState().sitePath).toBeUndefined();
  });

  it('a site change before the step was ever opened loads nothing', () => {
    const fake = fakeClusterApi();
    const slot = createClusterSlot(fake.api);
    slot.siteChanged('/home/tech/plant-b/site.yaml');
    expect(fake.raw.onEvent).not.toHaveBeenCalled();
    expect(slot.mark.getState()).toEqual({});
  });

  it('a bootstrap started from the step keeps its progress in the kept store', async () => {
    const fake = fakeClusterApi();
    const slot = createClusterSlot(fake.api);
    const run = (await slot.load()).getState().runBootstrap(SITE);
    const taskId = fake.bootstraps[0]!.taskId;

    // The step is left and opened again: the same store, still taking the task's events.
    const store = await slot.load();
    fake.emit({ event: 'cluster.progress', payload: { taskId, bootstrap: bootstrapRunning() } });
    expect(store.getState().bootstrap.progress).toEqual(bootstrapRunning());
    expect(store.getState().bootstrap.running).toBe(true);

    fake.bootstraps[0]!.resolve(bootstrapRunning());
    await run;
    await settle();
    expect(store.getState().bootstrap.running).toBe(false);
  });
});
