// Inputs for report tests: each example site with its plan findings, and inventories for it —
// plant-a's from the probe tests' builder, any other site's made from its own plan.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import { checkInventories } from '../../../main/core/probe/checks';
import type { ReportInput } from '../../../main/core/report';
import { checkSiteText } from '../../../main/core/site/check';
import { effectiveDisks } from '../../../main/core/site/model';
import type { Site } from '../../../main/core/site/schema';
import { COLLECTED_AT, disk, healthyInventories, nic } from '../probe/inventory-builder';

export const EXAMPLES = ['plant-a', 'plant-b-racks'] as const;
export const GENERATED_AT = '2026-11-21T12:30:00.000Z';

export function exampleText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../resources/examples/${name}.site.yaml`, import.meta.url)), 'utf8');
}

export function exampleCheck(name: string): { site: Site; text: string; findings: ReturnType<typeof checkSiteText>['findings'] } {
  const text = exampleText(name);
  const check = checkSiteText(text);
  if (!check.site) throw new Error(`${name} is not a valid site`);
  return { site: check.site, text, findings: check.findings };
}

/** Healthy inventories matching the plan of any site: planned NICs, LLDP, boot and ODF disks. */
export function inventoriesFromPlan(site: Site): NodeInventory[] {
  return site.nodes.map((node, n) => {
    const disks = effectiveDisks(site, node);
    return {
      inventoryVersion: 1,
      node: node.hostname,
      collectedAt: COLLECTED_AT,
      source: 'ssh',
      tools: [],
      facts: {
        hostname: node.hostname,
        system: { vendor: 'HPE', model: 'ProLiant DL380 Gen11', serial: `CZ${n + 1}` },
        cpu: { model: 'Intel Xeon Gold 6430', arch: 'x86_64', sockets: 2, cores: 64, threads: 128, flags: ['vmx'], virtualization: 'VT-x' },
        memory: { totalBytes: 512 * 1024 ** 3 },
        nics: node.interfaces.map((i) => nic(i.name, i.mac)),
        disks: [
          disk('sda', '/dev/disk/by-path/pci-0000:00:17.0-ata-1', 960e9, { serial: disks.boot.serialNumber ?? `BOOT${n}`, model: 'MZ7L3960' }),
          ...disks.odf.map((p, i) => disk(`nvme${i}n1`, p, 7.68e12, { model: 'PM1733', serial: `S${n}${i}` })),
        ],
        lldp: node.interfaces
          .filter((i) => i.switch)
          .map((i) => ({ interface: i.name, chassisName: i.switch, portId: i.port, vlans: [] })),
        lldpAvailable: true,
        time: { epochMs: Date.parse(COLLECTED_AT), ntpSynced: true },
      },
      sections: {},
      problems: [],
    };
  });
}

export function inventoriesFor(name: string, site: Site): NodeInventory[] {
  return name === 'plant-a' ? healthyInventories() : inventoriesFromPlan(site);
}

export function reportInput(name: string, probed: boolean, change?: (inventories: NodeInventory[]) => void): ReportInput {
  const { site, text, findings } = exampleCheck(name);
  const inventories = probed ? inventoriesFor(name, site) : [];
  change?.(inventories);
  const hardware = probed ? checkInventories(site, inventories, [], { laptopTime: Date.parse(COLLECTED_AT) }) : [];
  return { site, siteText: text, findings: [...findings, ...hardware], inventories, generatedAt: GENERATED_AT, toolVersion: '1.2.3' };
}

/** The HTML of one `<section id="…">` of the report. */
export function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}
