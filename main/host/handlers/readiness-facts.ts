// What the host knows for the readiness checklist that the plan alone does not say: which
// nodes have a stored inventory (and what their hardware checks find), and which secrets the
// secret store holds — by name only, a value never leaves the store. Plus the bundle time:
// SOURCE_DATE_EPOCH when the host was started with it, so the app's bundles are reproducible too.
import path from 'node:path';
import { SourceDateEpochError, sourceDateEpoch, type BundleReadinessFacts } from '../../core/generate/bundle';
import { checkInventories } from '../../core/probe/checks';
import type { NodeInventory } from '../../core/probe/inventory';
import { judgeTlsResults } from '../../core/plant/tls-judge';
import { loadInventories } from '../../core/probe/store';
import type { Site } from '../../core/site/schema';
import { isBindingName } from '../secret-binding';
import { HandlerError, type HandlerContext } from './common';

export interface HostReadinessFacts {
  /** The stored inventories (empty when never probed or unreadable). */
  inventories: NodeInventory[];
  readiness: BundleReadinessFacts;
}

export async function hostReadinessFacts(ctx: HandlerContext, site: Site, siteFile: string): Promise<HostReadinessFacts> {
  const stored = await loadInventories(path.dirname(siteFile)).catch(() => undefined);
  const inventories = stored && judgeTlsResults(site, stored);
  const store = ctx.deps.secrets;
  const names = store ? await store.names().catch(() => undefined) : undefined;
  return {
    inventories: inventories ?? [],
    readiness: {
      // An unreadable .sitekit folder: not known, rather than "not discovered".
      ...(inventories ? { discovered: inventories.map((i) => i.node), hardwareFindings: inventories.length ? checkInventories(site, inventories) : [] } : {}),
      ...(names ? { storedSecrets: names.filter((n) => !isBindingName(n)) } : {}),
      unknown: {
        ...(inventories ? {} : { hardware: 'The stored inventories (.sitekit/ next to site.yaml) could not be read.' }),
        ...(names ? {} : { secrets: 'This Sitekit has no secret store it can read.' }),
      },
    },
  };
}

/** SOURCE_DATE_EPOCH of the host process, or the clock (undefined); a malformed value is refused. */
export function bundleTime(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  try {
    return sourceDateEpoch(env);
  } catch (error) {
    if (error instanceof SourceDateEpochError) throw new HandlerError('invalid-input', `${error.message}. Restart Sitekit without it or with a valid one.`);
    throw error;
  }
}
