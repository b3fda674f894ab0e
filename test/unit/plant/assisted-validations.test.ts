// The Assisted Installer host validation table: complete against the id list taken from
// assisted-service (test/fixtures/assisted), every Sitekit finding id it names exists, and the
// report section shows this site's results.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINT_RULE_IDS } from '../../../main/core/lint';
import {
  AI_INSTALL_DISK_SPEED_THRESHOLD_MS,
  AI_WILDCARD_CHECK_LABEL,
  ASSISTED_HOST_VALIDATIONS,
  assistedValidationsMarkdown,
  namedSitekitIds,
} from '../../../main/core/plant/assisted-validations';
import { PLANT_FINDING_IDS } from '../../../main/core/plant/checks';
import { HARDWARE_FINDING_IDS } from '../../../main/core/probe/checks';
import { reportContext } from '../../../main/core/report/context';
import { assistedValidationsSection } from '../../../main/core/report/sections/assisted-validations';
import { RULES } from '../../../main/core/validation/engine';
import { reportInput } from '../report/fixtures';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/assisted/${name}`, import.meta.url));
const FIXTURE_IDS = readFileSync(fixture('host-validation-ids.txt'), 'utf8').split('\n').filter(Boolean);

describe('Assisted Installer host validations', () => {
  it('has one entry per id of the assisted-service list, and no other', () => {
    expect(FIXTURE_IDS).toHaveLength(68);
    const ids = ASSISTED_HOST_VALIDATIONS.map((v) => v.id);
    expect([...ids].sort()).toEqual([...FIXTURE_IDS].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says for every id what Sitekit checks, or why it does not', () => {
    for (const v of ASSISTED_HOST_VALIDATIONS) {
      if (v.coverage === 'covered' || v.coverage === 'partly') expect(v.sitekit.length, v.id).toBeGreaterThan(0);
      if (v.coverage !== 'covered') expect(v.note, v.id).toBeTruthy();
      expect(v.checks, v.id).toMatch(/\.$/);
    }
  });

  it('names only Sitekit finding ids that exist', () => {
    const known = new Set<string>([...HARDWARE_FINDING_IDS, ...RULES.map((r) => r.id), ...LINT_RULE_IDS, ...PLANT_FINDING_IDS]);
    expect(namedSitekitIds().filter((id) => !known.has(id))).toEqual([]);
  });

  it('keeps the thresholds the other checks rely on', () => {
    expect(AI_INSTALL_DISK_SPEED_THRESHOLD_MS).toBe(10);
    expect(AI_WILDCARD_CHECK_LABEL).toBe('validateNoWildcardDNS');
    const speed = ASSISTED_HOST_VALIDATIONS.find((v) => v.id === 'sufficient-installation-disk-speed')!;
    expect(speed.threshold).toContain('10 ms');
  });

  it('renders every id exactly once in the README table', () => {
    const markdown = assistedValidationsMarkdown();
    const rows = markdown.split('\n').filter((l) => l.startsWith('| `'));
    // Every table row has four cells: no stray pipe in a cell.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length, row).toBe(6);
    const firstCells = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    expect([...firstCells].sort()).toEqual([...FIXTURE_IDS].sort());
    expect(assistedValidationsMarkdown()).toBe(markdown);
  });
});

describe('report section', () => {
  it('lists the validations that apply with this site\'s results, and those that do not', () => {
    const input = reportInput('plant-a', true);
    const html = assistedValidationsSection(reportContext(input));
    expect(html).toContain('<section id="assisted-validations"');
    for (const v of ASSISTED_HOST_VALIDATIONS) expect(html, v.id).toContain(`<code${v.coverage === 'not-applicable' ? '' : ' class="wrap-any"'}>${v.id}</code>`);
    expect(html).toContain('badge ok');
  });

  it('shows a failing Sitekit check against the installer validation it foresees', () => {
    const input = reportInput('plant-a', true);
    const failing = {
      ...input,
      findings: [...input.findings, { id: 'hw.cpu-too-few', severity: 'error' as const, path: '/nodes/0', step: 'nodes' as const, message: 'acp-1 has 8 CPUs.' }],
    };
    const html = assistedValidationsSection(reportContext(failing));
    const row = html.slice(html.indexOf('<code class="wrap-any">has-cpu-cores-for-role</code>'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('<span class="badge error">1 error</span>');
  });

  it('says not probed yet for probe checks of a site without inventories', () => {
    const html = assistedValidationsSection(reportContext(reportInput('plant-a', false)));
    const row = html.slice(html.indexOf('<code class="wrap-any">has-min-memory</code>'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('not probed yet');
  });
});
