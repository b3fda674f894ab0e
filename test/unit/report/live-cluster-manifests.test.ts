// The HA part of the report's Live cluster section names its sources: the sites-repository
// folder checked and how many files (with what was left out), or that the repository was not
// checked and how to give the folder. The stored file is read back loosely: odd values are
// never rendered raw.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/core/report';
import type { LiveVerification } from '../../../main/core/cluster/types';
import { plantAVerification } from '../../helpers/live-verification';
import { reportInput, sectionOf } from './fixtures';

const liveSection = (v: LiveVerification) => sectionOf(renderReport({ ...reportInput('plant-a', true), liveCluster: { state: 'ok', verification: v } }), 'live-cluster');

describe('live cluster section: HA sources', () => {
  it('names the folder checked and the number of files, and lists what was left out', () => {
    const html = liveSection(
      plantAVerification({ haSources: { live: true, manifestsDir: '/home/tech/sites-repo/sites/plant-a', files: 12, skipped: ['apps/chart/templates/x.yaml: a template (Helm or similar): render it first'] } }),
    );
    expect(html).toContain('Manifests checked: <code>/home/tech/sites-repo/sites/plant-a</code> (12 files)');
    expect(html).toContain('<code>apps/chart/templates/x.yaml: a template (Helm or similar): render it first</code>');
    expect(html).not.toContain('Sites-repository manifests not checked');
  });

  it('says the repository was not checked when only the live cluster was (or an older file says nothing)', () => {
    for (const haSources of [{ live: true }, undefined]) {
      const v = plantAVerification();
      if (haSources) v.haSources = haSources;
      else delete v.haSources;
      const html = liveSection(v);
      expect(html).toContain('Sites-repository manifests not checked: give the folder');
      expect(html).toContain('sitekit cluster verify site.yaml --manifests &lt;folder&gt;');
    }
  });

  it('escapes the folder and the reasons, and ignores values of the wrong type', () => {
    const html = liveSection(plantAVerification({ haSources: { live: true, manifestsDir: '/x/<script>', files: 1, skipped: ['<img src=x>'] } }));
    expect(html).toContain('/x/&lt;script&gt;');
    expect(html).not.toContain('<img');
    const odd = liveSection(plantAVerification({ haSources: { live: true, manifestsDir: 7, files: 'many', skipped: 'x' } as never }));
    expect(odd).toContain('Sites-repository manifests not checked');
  });

  it('lists at most 20 left-out entries, then how many more', () => {
    const skipped = Array.from({ length: 25 }, (_, i) => `apps/t${i}.yaml: a template (Helm or similar): render it first`);
    const html = liveSection(plantAVerification({ haSources: { live: true, manifestsDir: '/repo', files: 30, skipped } }));
    expect(html).toContain('apps/t19.yaml');
    expect(html).not.toContain('apps/t20.yaml');
    expect(html).toContain('and 5 more');
  });
});
