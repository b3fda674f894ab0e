// Where the wizard keeps the Cluster step's store. The store (and what it imports: address
// rules, secret consent words, path checks) is loaded only when the step first opens, so it is
// not in the first screen's chunk; from then on it is the same store for the whole session, so
// a connection, a running watch or bootstrap and the results survive leaving the step (the
// store takes its tasks' progress events itself, whether the step is shown or not).
// The step's mark in the navigation needs only the last verification's state: that is mirrored
// here, in a store the wizard reads from the start. Nothing is loaded at start for it: the
// verification is only known once run in this session.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LiveVerification } from '../../../../main/core/cluster/types';
import type { ClusterApi, ClusterStore } from './cluster-store';

export interface ClusterMark {
  /** The state of the last verification of this session (undefined: none). */
  verified?: LiveVerification['state'];
  /** The site it was made for (another site open: the mark is not its). */
  sitePath?: string;
}

export interface ClusterSlot {
  /** What the step's mark shows; follows the store once it is loaded. */
  mark: StoreApi<ClusterMark>;
  /** The step's store: loaded and created on the first call, the same one on every call after. */
  load(): Promise<ClusterStore>;
  /**
   * The wizard opened another site (or the example: undefined): the store, once loaded, lets go
   * of the old site at once (its running tasks are stopped, as when the step opens on the new one).
   */
  siteChanged(sitePath: string | undefined): void;
}

export function createClusterSlot(api: ClusterApi): ClusterSlot {
  const mark = createStore<ClusterMark>()(() => ({}));
  let loading: Promise<ClusterStore> | undefined;
  let loaded: ClusterStore | undefined;
  const load = async (): Promise<ClusterStore> => {
    const { createClusterStore } = await import('./cluster-store');
    const store = createClusterStore(api);
    store.subscribe((s) => {
      const verified = s.verification?.state;
      const m = mark.getState();
      if (verified !== m.verified || s.sitePath !== m.sitePath) mark.setState({ verified, sitePath: s.sitePath });
    });
    loaded = store;
    return store;
  };
  return {
    mark,
    load() {
      // A chunk that failed to load is tried again the next time the step opens.
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
    siteChanged(sitePath) {
      loaded?.getState().forSite(sitePath);
    },
  };
}
