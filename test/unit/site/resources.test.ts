import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath, resourcesDir } from '../../../main/core/resources';

const REPO_RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));

describe('resourcePath', () => {
  const saved = process.env.SITEKIT_RESOURCES;
  afterEach(() => {
    if (saved === undefined) delete process.env.SITEKIT_RESOURCES;
    else process.env.SITEKIT_RESOURCES = saved;
  });

  it('finds the shipped resources from the source tree', () => {
    delete process.env.SITEKIT_RESOURCES;
    expect(resourcesDir()).toBe(REPO_RESOURCES);
    expect(existsSync(resourcePath('examples', 'plant-a.site.yaml'))).toBe(true);
    expect(existsSync(resourcePath('schemas', 'site.schema.json'))).toBe(true);
  });

  it('honours SITEKIT_RESOURCES', () => {
    process.env.SITEKIT_RESOURCES = '/opt/sitekit/resources';
    expect(resourcePath('examples', 'x.yaml')).toBe(path.join('/opt/sitekit/resources', 'examples', 'x.yaml'));
  });
});
