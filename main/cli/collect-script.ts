// `sitekit collect-script [site.yaml]`: prints the collection script, the same text a live
// probe sends, for a node SSH cannot reach (run it by hand, import its output).
import { readTextBounded } from '../core/fs/read-bounded';
import { collectScript, planDnsNames } from '../core/probe/collect/script';
import { MAX_SITE_BYTES } from '../core/site/check';
import { parseSiteText } from '../core/site/load';
import { runHint, type CliIo } from './io';

export async function collectScriptCommand(siteFile: string | undefined, io: CliIo): Promise<number> {
  let names: string[] = [];
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
      io.err(`sitekit: ${siteFile} is not a valid site (run ${runHint(io, 'validate', siteFile)}); the DNS checks need the cluster name and base domain\n`);
      return 2;
    }
    if (parsed.site.cluster.dnsServers.length) names = planDnsNames(parsed.site.cluster);
  }
  io.out(collectScript(names));
  return 0;
}
