// `sitekit new <dir>`: starts a site from the reference example. The example holds no
// secrets (only secretRef names), and an existing site.yaml is never overwritten.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { resourcePath } from '../core/resources';
import { parseSiteText } from '../core/site/load';
import { dnsLabel } from '../core/site/primitives';
import { schemaModeline, schemaRefFor, updateSiteText } from '../core/site/save';
import { runHint, type CliIo } from './io';
import { EXIT_UNUSABLE } from './validate';

export const TEMPLATE = 'plant-a.site.yaml';

export interface NewOptions {
  name?: string;
}

const NAME_RULE = 'lower case letters, digits and hyphens, starting and ending with a letter or digit, at most 63 characters';

export async function newCommand(dir: string, options: NewOptions, io: CliIo): Promise<number> {
  const target = path.join(dir, 'site.yaml');
  if (options.name !== undefined && !dnsLabel.safeParse(options.name).success) {
    io.err(`site name '${options.name}' cannot be used: it must be ${NAME_RULE}\n`);
    return EXIT_UNUSABLE;
  }
  // Without --name the folder names the site (sites/plant-c → plant-c), never the example's name.
  const folder = path.basename(path.resolve(dir));
  const name = options.name ?? siteNameFromFolder(folder);
  if (name === undefined) {
    io.err(`the folder name '${folder}' cannot be a site name (${NAME_RULE}); give one with --name <name>\n`);
    return EXIT_UNUSABLE;
  }

  let text = await readFile(resourcePath('examples', TEMPLATE), 'utf8');
  const parsed = parseSiteText(text);
  if (parsed.status !== 'ok') throw new Error(`the bundled example ${TEMPLATE} is not a valid site`);
  text = updateSiteText(text, { ...parsed.site, metadata: { ...parsed.site.metadata, name } });
  // The example's modeline points at the schema relative to the examples folder.
  text = text.replace(/^# yaml-language-server: \$schema=.*$/m, schemaModeline(schemaRefFor(target)));

  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name is in the way' : (error as Error).message;
    io.err(`cannot create the folder ${dir}: ${reason}\n`);
    return EXIT_UNUSABLE;
  }
  try {
    await writeFileAtomic(target, text, { exclusive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      io.err(`${target} already exists; sitekit new never overwrites a site. Choose another folder or move the file away.\n`);
    } else {
      io.err(`cannot write ${target}: ${(error as Error).message}\n`);
    }
    return EXIT_UNUSABLE;
  }

  io.out(
    `Created ${target} for site '${name}' from the reference example` +
      (options.name === undefined ? ` (the name comes from the folder; --name chooses another).\n` : '.\n') +
      'Replace the example names, addresses, MACs and disk paths with this site’s values, then check it with:\n' +
      `  ${runHint(io, 'validate', target)}\n`,
  );
  return 0;
}

/** The folder name as a site name when it already is a valid one (lower-cased); otherwise undefined. */
export function siteNameFromFolder(folder: string): string | undefined {
  const candidate = folder.toLowerCase();
  return dnsLabel.safeParse(candidate).success ? candidate : undefined;
}
