// A plan DNS server's questions asked in one dig run: split back into one block per question,
// each read by parseDig as if dig had been run for it alone (real dig output, see SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plantFactsFromSections } from '../../../main/core/plant/capture';
import { parseDig } from '../../../main/core/plant/parse';
import { splitDigBatch } from '../../../main/core/plant/parse/dig-batch';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/plant/dig-batch/${name}`, import.meta.url), 'utf8');

describe('splitDigBatch', () => {
  it('gives each question its own answer, in order', () => {
    const parts = splitDigBatch(fixture('answers.out'), '', 0);
    expect(parts.map((p) => p.id)).toEqual(['dns-s1-api-int-a', 'dns-s1-apps-a', 'dns-s1-wildcard-cluster', 'dns-s1-ptr-acp-1']);
    const results = parts.map((p) => parseDig(p.stdout, p.stderr, p.exitCode));
    expect(results.map((r) => [r.status, r.answers])).toEqual([
      ['NXDOMAIN', []],
      ['NOERROR', ['10.10.0.6']],
      ['NXDOMAIN', []],
      ['REFUSED', []],
    ]);
  });

  it('a server that did not answer: every question says so', () => {
    const parts = splitDigBatch(fixture('refused.out'), '', 9);
    expect(parts.map((p) => p.exitCode)).toEqual([9, 9]);
    expect(parts.map((p) => parseDig(p.stdout, p.stderr, p.exitCode).status)).toEqual(['unreachable', 'unreachable']);
  });

  it('a question without a reply in the middle of the batch, as BIND 9.11/9.16 (RHEL 8 and 9) word it, does not shift the answers', () => {
    const blocks = fixture('answers.out').split(/(?<=;; MSG SIZE {2}rcvd: \d+\n)\n/);
    const silent = ';; connection timed out; no servers could be reached\n';
    const text = [blocks[0], blocks[1], silent, blocks[2]].join('\n');
    const parts = splitDigBatch(text.replace('SITEKIT-IDS dns-s1-api-int-a dns-s1-apps-a dns-s1-wildcard-cluster dns-s1-ptr-acp-1', 'SITEKIT-IDS a b c d'), '', 9);
    expect(parts.map((p) => [p.id, p.exitCode])).toEqual([['a', 0], ['b', 0], ['c', 9], ['d', 0]]);
    expect(parseDig(parts[1]!.stdout, '', 0).answers).toEqual(['10.10.0.6']);
    expect(parseDig(parts[2]!.stdout, '', 9).status).toBe('timeout');
  });

  it('questions not asked (the first one got no reply) or cut off keep the batch\'s words and exit code', () => {
    const skipped = splitDigBatch('SITEKIT-IDS a b\n', 'not asked: the server did not answer the first question (exit code 9)\n', 9);
    expect(skipped).toEqual([
      { id: 'a', stdout: '', stderr: 'not asked: the server did not answer the first question (exit code 9)', exitCode: 9 },
      { id: 'b', stdout: '', stderr: 'not asked: the server did not answer the first question (exit code 9)', exitCode: 9 },
    ]);
    expect(parseDig('', skipped[0]!.stderr, 9).status).toBe('timeout');
    const cut = splitDigBatch(fixture('answers.out').split(';; MSG SIZE')[0]!, '', 124);
    expect(cut.map((p) => p.exitCode)).toEqual([124, 124, 124, 124]);
  });

  it('plantFactsFromSections reads the batch as the answers of its requests', () => {
    const requests = [
      'dns dns-s1-api-int-a 10.10.0.2 A api-int.acp.plant-a.example.com',
      'dns dns-s1-apps-a 10.10.0.2 A sitekit-check.apps.acp.plant-a.example.com',
      'dns dns-s1-wildcard-cluster 10.10.0.2 A validateNoWildcardDNS.acp.plant-a.example.com',
      'dns dns-s1-ptr-acp-1 10.10.0.2 PTR 10.10.0.11',
    ];
    const facts = plantFactsFromSections({
      'plant-requests': { stdout: `${requests.join('\n')}\n`, exitCode: 0 },
      'plant-dnsb/dns-s1-api-a': { stdout: fixture('answers.out'), stderr: '', exitCode: 0 },
    })!;
    expect(facts.dns.map((d) => [d.requestId, d.status])).toEqual([
      ['dns-s1-api-int-a', 'NXDOMAIN'],
      ['dns-s1-apps-a', 'NOERROR'],
      ['dns-s1-wildcard-cluster', 'NXDOMAIN'],
      ['dns-s1-ptr-acp-1', 'REFUSED'],
    ]);
  });
});
