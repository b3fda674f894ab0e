import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSiteFile, checkSiteText } from '../../../main/core/site/check';

const EXAMPLE_PATH = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));
const EXAMPLE = readFileSync(EXAMPLE_PATH, 'utf8');
/** The one finding of the intact example: its 802.3ad bond0 across two switches needs MLAG/vPC. */
const EXAMPLE_FINDINGS = [{ id: 'bond.lacp-across-switches', severity: 'info', path: '/layout/bonds/0' }];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkSiteText', () => {
  it('passes the example with only its MLAG note', () => {
    expect(checkSiteText(EXAMPLE)).toMatchObject({ status: 'ok', findings: EXAMPLE_FINDINGS });
    expect(checkSiteText(EXAMPLE).findings).toHaveLength(1);
  });

  it('runs the rules and gives their findings the line of the field', () => {
    const text = EXAMPLE.replace('      storage: 10.30.0.12', '      storage: 10.30.0.11');
    const result = checkSiteText(text);
    expect(result.status).toBe('ok');
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const duplicate = errors.find((f) => f.path === '/nodes/1/addresses/storage');
    expect(duplicate).toBeDefined();
    const line = text.split('\n').findIndex((l) => l.includes('storage: 10.30.0.11') && !l.includes('subnet')) + 1;
    // acp-2's entry is the second occurrence of the address.
    const second = text.split('\n').findIndex((l, i) => i + 1 > line && l.includes('storage: 10.30.0.11')) + 1;
    expect(duplicate!.position).toEqual({ line: second, col: 16 });
  });

  it("a plan whose only fault is its format: schema findings, and the rules find nothing beyond the example's note", () => {
    const result = checkSiteText(EXAMPLE.replace('  fips: false', '  fips: 3'));
    expect(result.status).toBe('invalid');
    expect(result.findings.some((f) => f.id.startsWith('schema.'))).toBe(true);
    expect(result.findings.filter((f) => !f.id.startsWith('schema.'))).toMatchObject(EXAMPLE_FINDINGS);
    expect(result.findings.filter((f) => !f.id.startsWith('schema.'))).toHaveLength(1);
  });

  it('reports unusable input without throwing', () => {
    expect(checkSiteText('a: [')).toMatchObject({ status: 'unusable', findings: [] });
    expect(checkSiteText('kind: Pod\n')).toMatchObject({ status: 'unusable', error: expect.stringContaining("kind is 'Pod'") });
  });
});

describe('checkSiteFile', () => {
  it('reads and checks a file', async () => {
    const checked = await checkSiteFile(EXAMPLE_PATH);
    expect(checked).toMatchObject({ file: EXAMPLE_PATH, status: 'ok', findings: EXAMPLE_FINDINGS });
    expect(checked.findings).toHaveLength(1);
  });

  it('accepts a byte order mark', async () => {
    const file = path.join(dir, 'bom.yaml');
    await writeFile(file, '\uFEFF' + EXAMPLE);
    expect(await checkSiteFile(file)).toMatchObject({ status: 'ok' });
  });

  it('names the file when it cannot be read', async () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(await checkSiteFile(missing)).toMatchObject({ status: 'unusable', error: `cannot read ${missing}: no such file` });

    const folder = path.join(dir, 'folder.yaml');
    await mkdir(folder);
    expect(await checkSiteFile(folder)).toMatchObject({ status: 'unusable', error: `cannot read ${folder}: it is a folder, not a file` });

    const binary = path.join(dir, 'binary.yaml');
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    expect(await checkSiteFile(binary)).toMatchObject({ status: 'unusable', error: expect.stringContaining('not UTF-8') });
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const locked = path.join(dir, 'locked.yaml');
    await writeFile(locked, EXAMPLE);
    await chmod(locked, 0o000);
    expect(await checkSiteFile(locked)).toMatchObject({ status: 'unusable', error: `cannot read ${locked}: permission denied` });
  });
});
