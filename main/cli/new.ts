// `sitekit new <dir>`: starts a site from the reference example. The example holds no
// secrets (only secretRef names), and an existing site.yaml is never overwritten.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { resourcePath } from '../core/resources';
import { parseSiteText } from '../core/site/load';
import { dnsLabel } from '../core/site/primitives';
import { schemaModeline, schemaRefFor, updateSiteText } from '../core/site/save';
import type { CliIo } from './io';
import { EXIT_UNUSABLE } from './validate';

export const TEMPLATE = 'plant-a.site.yaml';

export interface NewOptions {
  name?: string;
}

export async function newCommand(dir: string, options: NewOptions, io: CliIo): Promise<number> {
  const target = path.join(dir, 'site.yaml');
  if (options.name !== undefined && !dnsLabel.safeParse(options.name).success) {
    io.err(
      `site name '${options.name}' cannot be used: it must be lower case letters, digits and hyphens, ` +
        'start and end with a letter or digit, at most 63 characters\n',
    );
    return EXIT_UNUSABLE;
  }

  let text = await readFile(resourcePath('examples', TEMPLATE), 'utf8');
  if (options.name !== undefined) {
    const parsed = parseSiteText(text);
    if (parsed.status !== 'ok') throw new Error(`the bundled example ${TEMPLATE} is not a valid site`);
    text = updateSiteText(text, { ...parsed.site, metadata: { ...parsed.site.metadata, name: options.name } });
  }
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

  const name = options.name ?? 'plant-a';
  io.out(
    `Created ${target} for site '${name}' from the reference example.\n` +
      'Replace the example names, addresses, MACs and disk paths with this site’s values, then check it with:\n' +
      `  sitekit validate ${target}\n`,
  );
  return 0;
}
