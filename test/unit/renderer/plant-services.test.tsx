// The Discover step's "Plant services" panel and the disk-test opt-in: what each node was asked
// and what came back, in words, and a checkbox that says what it writes before it runs.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { InventoryView } from '../../../main/contract/api';
import type { Api } from '../../../renderer/src/api/client';
import { DISK_SPEED_WARNING, DiscoverStep } from '../../../renderer/src/steps/discover/DiscoverStep';
import { PlantServices } from '../../../renderer/src/steps/discover/PlantServices';
import { createDiscoverStore } from '../../../renderer/src/steps/discover/discover-store';
import { exampleSite } from '../../helpers/example-site';
import { plantFacts, testCertificate } from '../plant/plant-facts-fixture';
import { SITE, fakeDiscoverApi, ok, runResult } from './discover-fakes';

const site = exampleSite();
const NODES = site.nodes.map((n) => n.hostname);
const cert = testCertificate(40);

function inventory(node: string, withPlant: boolean): InventoryView {
  return {
    inventoryVersion: 1,
    node,
    collectedAt: new Date().toISOString(),
    source: 'ssh',
    tools: [],
    facts: { nics: [], disks: [], ...(withPlant ? { plant: plantFacts(cert) } : {}) },
    problems: [],
  } as unknown as InventoryView;
}

/** The markup of the element with this data-testid, up to its closing tag (good enough for checks). */
function part(html: string, testid: string): string {
  const at = html.indexOf(`data-testid="${testid}"`);
  expect(at, `no element with data-testid="${testid}"`).toBeGreaterThanOrEqual(0);
  return html.slice(at, at + 20_000);
}

describe('Plant services panel', () => {
  const html = renderToStaticMarkup(<PlantServices site={site} inventories={[inventory('acp-1', true), inventory('acp-2', false)]} hostnames={NODES} />);

  it('shows per node what was asked and what came back', () => {
    expect(html).toMatch(/<details[^>]*open=""[^>]*data-testid="discover-plant-acp-1"/);
    expect(part(html, 'discover-plant-acp-1')).toContain('5 problems, 13 as planned, 4 not checked');
    const dns = part(html, 'discover-plant-acp-1-dns');
    expect(dns).toContain('*.apps (A)');
    expect(dns).toContain('expect 10.10.0.6');
    expect(dns).toContain('no such name');
    expect(dns).toContain('node&#x27;s resolvers');
    expect(part(html, 'discover-plant-acp-1-registry')).toMatch(/certificate valid (39|40) more days/);
    expect(part(html, 'discover-plant-acp-1-registry')).toContain('HTTP 404, image not in the registry');
    expect(part(html, 'discover-plant-acp-1-ntp')).toContain('answers; node clock 12 ms fast');
    expect(part(html, 'discover-plant-acp-1-reach')).toContain('already in use');
    expect(part(html, 'discover-plant-acp-1-disk')).toContain('99th percentile fdatasync 3.20 ms');
  });

  it('says which nodes were discovered before the plant checks, and that the mirror login stays in memory', () => {
    expect(part(html, 'discover-plant-older')).toContain('acp-2: discovered before Sitekit checked the plant');
    expect(html).not.toContain('data-testid="discover-plant-acp-3"');
    expect(html).toContain('never written');
  });

  it('shows nothing before any node was discovered', () => {
    expect(renderToStaticMarkup(<PlantServices site={site} inventories={[]} hostnames={NODES} />)).toBe('');
  });
});

describe('the install-disk speed test is opt-in', () => {
  it('says what it writes next to the checkbox, unticked by default', () => {
    const store = createDiscoverStore(fakeDiscoverApi().api);
    store.getInitialState = store.getState;
    const html = renderToStaticMarkup(
      <DiscoverStep
        api={fakeDiscoverApi().api as unknown as Api}
        store={store}
        sitePath={SITE}
        site={site}
        dirty={false}
        onSave={vi.fn(async () => SITE)}
        onSiteReplaced={vi.fn()}
        onInventoriesChanged={vi.fn()}
        inventories={[inventory('acp-1', true)]}
      />,
    );
    expect(DISK_SPEED_WARNING).toMatch(/Writes test data over the first 22 MiB of each node’s install disk/);
    const box = /<input[^>]*data-testid="discover-disk-speed"[^>]*>/.exec(html)?.[0];
    expect(box).toMatch(/type="checkbox"/);
    expect(box).not.toMatch(/\schecked=""/);
    expect(html).toContain(DISK_SPEED_WARNING);
    expect(html).toContain('data-testid="discover-plant"');
  });

  it('asks for it only once ticked, and forgets it for another site', async () => {
    const fake = fakeDiscoverApi();
    const store = createDiscoverStore(fake.api);
    const first = store.getState().run(SITE, { expected: ['acp-1'] });
    expect(fake.last().input).not.toHaveProperty('diskSpeed');
    fake.last().resolve(runResult([ok('acp-1')]));
    await first;

    store.getState().setDiskSpeed(true);
    const second = store.getState().run(SITE, { expected: ['acp-1'] });
    expect(fake.last().input).toMatchObject({ sitePath: SITE, diskSpeed: true });
    fake.last().resolve(runResult([ok('acp-1')]));
    await second;

    store.getState().forSite('/home/tech/plant-b/site.yaml');
    expect(store.getState().diskSpeed).toBe(false);
  });
});
