// report.write: the handover report as report.html (and report.pdf when the host can print)
// next to the site file, over the same three transports as contract.test.ts.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '../../../main/host/handlers';
import { EXAMPLE_PATH, makeTempDir } from '../../helpers/sitekit-fixtures';
import { failure, TRANSPORTS, type Api, type Transport } from './transports';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\nfake report for the test\n%%EOF\n');

describe.each(TRANSPORTS)('report.write over $name', (transport: Transport) => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const running: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(async () => {
    for (const stop of running.splice(0)) await stop();
    await tmp.cleanup();
  });

  async function start(deps: Partial<HandlerDeps> = {}): Promise<Api> {
    const started = await transport.start({ settingsDir: path.join(tmp.dir, 'data'), ...deps });
    running.push(started.stop);
    return started.api;
  }

  /** A saved site "plant-r" in its own folder; answers the site file. */
  async function newSite(api: Api): Promise<string> {
    const dir = path.join(tmp.dir, 'sites', 'plant-r');
    const created = await api.site.new({ dir, name: 'plant-r' });
    return created.path;
  }

  it('writes report.html next to site.yaml, with the site name inside and no temp file left', async () => {
    const api = await start();
    const sitePath = await newSite(api);
    const result = await api.report.write({ sitePath });
    const dir = path.dirname(sitePath);
    expect(result).toEqual({ path: path.join(dir, 'report.html') });
    const html = await readFile(result.path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('plant-r');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'site.yaml']);

    // Written again, it replaces the file in place.
    const again = await api.report.write({ sitePath });
    expect(again.path).toBe(result.path);
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'site.yaml']);
  });

  it('refuses a missing site file, naming it, and writes nothing', async () => {
    const api = await start();
    const missing = path.join(tmp.dir, 'nowhere', 'site.yaml');
    const error = await failure(api.report.write({ sitePath: missing }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(missing);
    await expect(stat(path.join(tmp.dir, 'nowhere'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses the bundled example (it is read-only)', async () => {
    const api = await start();
    const error = await failure(api.report.write({ sitePath: EXAMPLE_PATH }));
    expect(error.code).toBe('read-only');
    expect(error.message).toMatch(/example/);
    await expect(stat(path.join(path.dirname(EXAMPLE_PATH), 'report.html'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  describe('rejects invalid input, naming the field', () => {
    const cases: Array<[string, (api: Api) => Promise<unknown>, RegExp]> = [
      ['relative sitePath', (a) => a.report.write({ sitePath: 'site.yaml' }), /sitePath.*absolute/],
      ['sitePath missing', (a) => a.report.write({} as { sitePath: string }), /sitePath/],
      ['pdf not boolean', (a) => a.report.write({ sitePath: '/tmp/s.yaml', pdf: 'yes' as unknown as boolean }), /pdf.*true or false/],
      ['unknown field', (a) => a.report.write({ sitePath: '/tmp/s.yaml', out: '/tmp/x' } as { sitePath: string }), /unknown field "out"/],
      ['no object', (a) => a.report.write(null as unknown as { sitePath: string }), /input.*object/],
    ];
    it.each(cases)('%s', async (_name, call, pattern) => {
      const api = await start();
      const error = await failure(call(api));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(pattern);
    });
  });

  it('pdf without a printer: writes the HTML only and says so in plain words', async () => {
    const api = await start();
    const sitePath = await newSite(api);
    const result = await api.report.write({ sitePath, pdf: true });
    expect(result.path).toBe(path.join(path.dirname(sitePath), 'report.html'));
    expect(result.pdfPath).toBeUndefined();
    expect(result.pdfUnavailable).toMatch(/cannot print to PDF/);
    expect(result.pdfUnavailable).toMatch(/browser/);
    expect(await readFile(result.path, 'utf8')).toContain('plant-r');
    expect(await readdir(path.dirname(sitePath))).not.toContain('report.pdf');
  });

  it("pdf without a printer: the host's own words when it has them", async () => {
    const api = await start({ pdfUnavailableReason: 'No PDF was made: Chromium is not installed on this computer.' });
    const sitePath = await newSite(api);
    const result = await api.report.write({ sitePath, pdf: true });
    expect(result.pdfUnavailable).toBe('No PDF was made: Chromium is not installed on this computer.');
  });

  it('pdf with a printer: writes report.pdf with its bytes, printed from the same HTML', async () => {
    const printed: string[] = [];
    const api = await start({
      printPdf: async (html) => {
        printed.push(html);
        return PDF_BYTES;
      },
    });
    const sitePath = await newSite(api);
    const dir = path.dirname(sitePath);
    const result = await api.report.write({ sitePath, pdf: true });
    expect(result).toEqual({ path: path.join(dir, 'report.html'), pdfPath: path.join(dir, 'report.pdf') });
    expect(new Uint8Array(await readFile(result.pdfPath!))).toEqual(PDF_BYTES);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toBe(await readFile(result.path, 'utf8'));
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf', 'site.yaml']);

    // Without pdf the printer is not asked.
    await api.report.write({ sitePath });
    expect(printed).toHaveLength(1);
  });

  it('pdf when printing fails: the HTML is still written and the answer says why', async () => {
    const api = await start({
      printPdf: async () => {
        throw new Error('the print window crashed');
      },
      logError: () => {},
    });
    const sitePath = await newSite(api);
    const result = await api.report.write({ sitePath, pdf: true });
    expect(result.pdfPath).toBeUndefined();
    expect(result.pdfUnavailable).toMatch(/the print window crashed/);
    expect(await readFile(result.path, 'utf8')).toContain('plant-r');
    expect(await readdir(path.dirname(sitePath))).not.toContain('report.pdf');
  });
});
