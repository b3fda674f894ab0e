// `sitekit collect-script [site.yaml]`: prints the collection script, the same text a live
// probe sends, for a node SSH cannot reach (run it by hand, import its output). With a site, the
// plant requests of its plan are added. Never any credentials: the printed script is carried
// around on USB sticks and pasted into consoles, so a registry that wants a login is asked
// without one (the live probe alone carries the mirror's auth).
import { readTextBounded } from '../core/fs/read-bounded';
import { plantPlan } from '../core/plant/requests';
import type { PlantRequest } from '../core/plant/types';
import { collectScript } from '../core/probe/collect/script';
import { MAX_SITE_BYTES } from '../core/site/check';
import { parseSiteText } from '../core/site/load';
import { runHint, type CliIo } from './io';

export async function collectScriptCommand(siteFile: string | undefined, io: CliIo): Promise<number> {
  let requests: PlantRequest[] = [];
  if (siteFile) {
    let text: string;
    try {
      text = await readTextBounded(siteFile, { maxBytes: MAX_SITE_BYTES, what: 'a site file' });
    } catch (error) {
      io.err(`sitekit: ${(error as Error).message}\n`);
      return 2;
    }
    const parsed = parseSiteText(text);
    if (parsed.status !== 'ok') {
      io.err(`sitekit: ${siteFile} is not a valid site (run ${runHint(io, 'validate', siteFile)}); the plant checks are made from the plan\n`);
      return 2;
    }
    requests = plantPlan(parsed.site).requests;
  }
  io.out(collectScript({ requests }));
  return 0;
}
