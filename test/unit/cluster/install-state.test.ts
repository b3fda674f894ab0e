// The agent API token from openshift-install's .openshift_install_state.json, found by a scan
// that knows only JSON's structure: the top-level `*gencrypto.AuthConfig` object in any chunking,
// never a quoted or nested look-alike, the watcher token of 4.18+ and the one token of 4.17,
// none for 4.16; a file that is too large, cut short or not JSON is said in words.
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedReadError } from '../../../main/core/fs/read-bounded';
import {
  AUTH_CONFIG_ASSET,
  agentTokenOf,
  InstallStateError,
  readAgentToken,
  readTopLevelObject,
  TopLevelObjectFinder,
} from '../../../main/core/cluster/install-state';
import { kubeadminPasswordOf } from '../../../main/core/cluster/install-folder';
import { writeInstallFolder } from '../../kube/install-folder/index';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Feeds the text in chunks of the given sizes (cycled) and returns what was found. */
function scan(text: string, sizes: number[]): unknown {
  const finder = new TopLevelObjectFinder(AUTH_CONFIG_ASSET, 64 * 1024);
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    if (finder.feed(bytes.subarray(at, at + size))) break;
    at += size;
  }
  return finder.value ? JSON.parse(finder.value.toString('utf8')) : finder.ended ? 'absent' : 'unfinished';
}

describe('the top-level object scan', () => {
  const asset = { PublicKey: 'LS0t', WatcherAuthToken: 'a.b.c', Nested: { x: [1, { y: '}' }] } };
  const text = JSON.stringify(
    {
      '*agentconfig.AgentConfig': { Config: { [AUTH_CONFIG_ASSET]: { WatcherAuthToken: 'nested' } } },
      '*aa.Text': `a quoted look-alike: "${AUTH_CONFIG_ASSET}": {"WatcherAuthToken": "quoted"} \\ \u00e9\u2603`,
      '*ab.List': [AUTH_CONFIG_ASSET, { [AUTH_CONFIG_ASSET]: 1 }],
      '*ac.Value': AUTH_CONFIG_ASSET,
      [AUTH_CONFIG_ASSET]: asset,
      '*zz.After': { z: 1 },
    },
    null,
    4,
  );

  it.each([[[1]], [[2, 3, 5]], [[7, 64]], [[4096]], [[text.length * 4]]])('finds exactly the top-level asset in chunks of %j', (sizes) => {
    expect(scan(text, sizes)).toEqual(asset);
  });

  it('takes an escaped spelling of the key, a byte order mark, and says when the asset is absent', () => {
    expect(scan(`\ufeff{"\\u002agencrypto.AuthConfig": {"a": 1}}`, [3])).toEqual({ a: 1 });
    expect(scan(JSON.stringify({ a: { [AUTH_CONFIG_ASSET]: {} }, b: `"${AUTH_CONFIG_ASSET}": {}` }), [5])).toBe('absent');
  });

  it('refuses what is not a JSON object, and an asset that is not an object', () => {
    const finder = () => new TopLevelObjectFinder(AUTH_CONFIG_ASSET, 1024);
    expect(() => finder().feed(Buffer.from('[1, 2]'))).toThrow('not an object');
    expect(() => finder().feed(Buffer.from('hello'))).toThrow('not JSON');
    expect(() => finder().feed(Buffer.from(`{"${AUTH_CONFIG_ASSET}": "text"}`))).toThrow('the asset is not an object');
    expect(() => finder().feed(Buffer.from(`{"${AUTH_CONFIG_ASSET}": {"k": "${'x'.repeat(2000)}"}}`))).toThrow('larger than 1 KiB');
  });
});

describe('the agent API token of an install folder', () => {
  it('4.18+: the WatcherAuthToken, found in a 20 MB state file whatever the order of its keys', async () => {
    const made = await writeInstallFolder(path.join(dir, 'i418'), { generation: '4.18', ignitionBytes: 20 * 1024 * 1024, authConfigLast: true });
    const text = await readFile(made.stateFile, 'utf8');
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(text.startsWith('{\n    "*agentconfig.AgentConfig": {\n        "Config": {')).toBe(true);
    expect(await readAgentToken(made.stateFile)).toEqual({ found: true, token: made.tokens.watcher, field: 'WatcherAuthToken' });
  });

  it('stops reading once the asset is complete: what follows it is never looked at', async () => {
    const made = await writeInstallFolder(path.join(dir, 'cut'), { generation: '4.18' });
    const text = await readFile(made.stateFile, 'utf8');
    const end = text.indexOf('\n    },', text.indexOf(`\n    "${AUTH_CONFIG_ASSET}": {`)) + '\n    }'.length;
    await writeFile(made.stateFile, `${text.slice(0, end)}, this is not JSON any more`);
    expect(await readAgentToken(made.stateFile)).toMatchObject({ found: true, field: 'WatcherAuthToken' });
    // Cut before the asset ends: said, never guessed.
    await truncate(made.stateFile, end - 20);
    await expect(readAgentToken(made.stateFile)).rejects.toThrow(InstallStateError);
  });

  it('4.17: the one AgentAuthToken; 4.16: none, with why', async () => {
    const v417 = await writeInstallFolder(path.join(dir, 'i417'), { generation: '4.17' });
    expect(await readAgentToken(v417.stateFile)).toEqual({ found: true, token: v417.tokens.agent, field: 'AgentAuthToken' });
    const v416 = await writeInstallFolder(path.join(dir, 'i416'), { generation: '4.16' });
    const none = await readAgentToken(v416.stateFile);
    expect(none.found).toBe(false);
    expect(!none.found && none.reason).toContain('4.16 and older make no agent API token');
  });

  it('refuses a file over the limit, a folder, an empty file and a file that is not JSON', async () => {
    const made = await writeInstallFolder(path.join(dir, 'limits'), { generation: '4.18' });
    await expect(readTopLevelObject(made.stateFile, AUTH_CONFIG_ASSET, { maxBytes: 1024 })).rejects.toMatchObject({ problem: 'too-large' });
    await expect(readAgentToken(dir)).rejects.toBeInstanceOf(BoundedReadError);
    const empty = path.join(dir, 'empty.json');
    await writeFile(empty, '');
    await expect(readAgentToken(empty)).rejects.toThrow('the file is empty');
    const yaml = path.join(dir, 'state.yaml');
    await writeFile(yaml, 'kind: Config\n');
    await expect(readAgentToken(yaml)).rejects.toThrow('the file is not JSON');
  });

  it('takes no token that is expired or not a JWT', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3YXRjaGVyQXV0aCJ9.c2lnbmF0dXJl';
    expect(agentTokenOf({ WatcherAuthToken: jwt, AuthTokenExpiry: '2020-01-01T00:00:00Z' })).toMatchObject({ found: false });
    expect(agentTokenOf({ WatcherAuthToken: jwt, AuthTokenExpiry: '2999-01-01T00:00:00Z' })).toEqual({ found: true, token: jwt, field: 'WatcherAuthToken' });
    expect(agentTokenOf({ AgentAuthToken: 'not a token\nX-Other: header' })).toMatchObject({ found: false });
  });
});

describe('the kubeadmin password file', () => {
  it('is one line; a trailing line break is dropped; empty and several lines are said', () => {
    expect(kubeadminPasswordOf('Ab3de-fGh5j-kLm7n-pQr9s\n', 'f')).toEqual({ password: 'Ab3de-fGh5j-kLm7n-pQr9s' });
    expect(kubeadminPasswordOf('', 'f')).toMatchObject({ problem: expect.stringContaining('only a password hash') as unknown });
    expect(kubeadminPasswordOf('a\nb\n', 'f')).toMatchObject({ problem: expect.stringContaining('not one line') as unknown });
  });
});
