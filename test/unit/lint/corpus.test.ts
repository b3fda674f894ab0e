// `sitekit lint` against real installer cases (test/fixtures/installer, see its SOURCES.md):
// install-config/agent-config pairs from openshift/installer's own testscripts and unit tests,
// and the OpenShift docs, each labelled with what openshift-install says about the whole pair.
// Sitekit must agree on every one: valid → exit 0, invalid → exit 1 (2 when the file is not
// YAML at all), in the installer's words where it has them. `sitekit import` takes every
// valid pair.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/program';
import { checkSiteText } from '../../../main/core/site/check';

interface Case {
  name: string;
  verdict: 'valid' | 'invalid';
  installerError: string | null;
  platform: string;
  notes: string;
  source: { repo: string; path: string; commit: string };
}

const ROOT = path.resolve(__dirname, '../../fixtures/installer');
const CASES = JSON.parse(readFileSync(path.join(ROOT, 'cases.json'), 'utf8')) as Case[];

/**
 * Invalid cases where Sitekit refuses the pair for the installer's reason but in other words,
 * and why (each checked by hand against the source).
 */
const OTHER_WORDS: Record<string, string> = {
  'asm-ac-invalid-host-role': "older installer wording ('master' or 'worker'); current installers also accept arbiter, as Sitekit's message says",
  'asm-ac-rendezvousip-on-worker': "older installer wording (with its typo 'rendevousIP'); Sitekit uses the current message",
};

const runs: string[] = [];
afterAll(() => {
  for (const dir of runs) rmSync(dir, { recursive: true, force: true });
});

async function sitekit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'sitekit', ...args], { out: (s) => (out += s), err: (s) => (err += s), color: false, errColor: false });
  return { code, out, err };
}

function files(c: Case): string[] {
  const agent = path.join(ROOT, c.name, 'agent-config.yaml');
  return [path.join(ROOT, c.name, 'install-config.yaml'), ...(existsSync(agent) ? [agent] : [])];
}

const normalize = (text: string) => text.replace(/\\/g, '').replace(/\s+/g, ' ').toLowerCase();

describe('the corpus', () => {
  it('has real cases of both kinds, each with its source', () => {
    expect(CASES.filter((c) => c.verdict === 'valid').length).toBeGreaterThanOrEqual(20);
    expect(CASES.filter((c) => c.verdict === 'invalid').length).toBeGreaterThanOrEqual(40);
    for (const c of CASES) {
      expect(c.source.commit, c.name).toMatch(/^[0-9a-f]{40}$/);
      expect(existsSync(path.join(ROOT, c.name, 'install-config.yaml')), c.name).toBe(true);
    }
  });
});

describe.each(CASES)('sitekit lint on $name ($verdict)', (c) => {
  it(c.verdict === 'valid' ? 'exit 0, like openshift-install' : 'refuses it, like openshift-install', async () => {
    const run = await sitekit(['lint', ...files(c), '--json']);
    const findings = run.out ? (JSON.parse(run.out) as { severity: string; message: string }[]) : [];
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.message);
    if (c.verdict === 'valid') {
      expect(errors, `${c.name}: ${c.notes}`).toEqual([]);
      expect(run.code).toBe(0);
      return;
    }
    if (run.code === 2) {
      expect(run.err, c.name).toMatch(/not an? (agent|install)-config|not valid YAML/);
      return;
    }
    expect(run.code, `${c.name}: ${c.installerError ?? ''}`).toBe(1);
    if (!c.installerError || c.name in OTHER_WORDS) return;
    // Unit tests state whole messages (in a list); testscripts match a part of one.
    const installer = normalize(c.installerError);
    expect(errors.some((message) => installer.includes(normalize(message)) || normalize(message).includes(installer)), `installer: ${c.installerError}\nsitekit: ${errors.join('\n')}`).toBe(true);
  });
});

describe.each(CASES.filter((c) => c.verdict === 'valid'))('sitekit import on $name', (c) => {
  it('takes the pair and writes a site plan', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-corpus-import-'));
    runs.push(dir);
    const out = path.join(dir, 'site.yaml');
    const run = await sitekit(['import', ...files(c), '-o', out]);
    expect(run.code, run.err).toBe(0);
    const check = checkSiteText(readFileSync(out, 'utf8'));
    expect(check.status, check.error).not.toBe('unusable');
  });
});

it('import reads the pair as the installer does: apiVips in any case, singular apiVIP converted', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-corpus-import-'));
  runs.push(dir);
  for (const name of ['ts-compact', 'ts-baremetal-host-bmc-config']) {
    const c = CASES.find((x) => x.name === name)!;
    const out = path.join(dir, `${name}.yaml`);
    expect((await sitekit(['import', ...files(c), '-o', out])).code).toBe(0);
    const data = checkSiteText(readFileSync(out, 'utf8')).data as { cluster: { apiVIPs: string[]; ingressVIPs: string[] } };
    expect(data.cluster.apiVIPs.length, name).toBeGreaterThan(0);
    expect(data.cluster.ingressVIPs.length, name).toBeGreaterThan(0);
  }
});
