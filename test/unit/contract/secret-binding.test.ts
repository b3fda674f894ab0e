// Stored secrets go only where they are bound (issue 12): the Git token to the origin it was
// stored for, the SSH password to the node addresses and host keys it was used with. A crafted
// site.yaml (gitops.repoURL, a node's address, a pin file in its folder) makes the call stop
// with `needs-confirmation` before anything is sent; confirmed, it goes. Over the handlers and
// the web host (and the preload), against the real `git http-backend` server and an in-process
// SSH server, both of which log every password they are sent.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitekitEvent } from '../../../main/contract/api';
import { pushSite } from '../../../main/core/export';
import { authCallback } from '../../../main/core/export/repository';
import { savePins } from '../../../main/core/probe/store';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../main/electron/secrets';
import { addToBinding, bindingsOf, deleteSecret, httpOrigin, readBinding, sshTarget, storeSecret } from '../../../main/host/secret-binding';
import { FileSecretStore, type SecretStore } from '../../../main/host/secret-store';
import { gitCli, startGitServer, type GitServer } from '../../helpers/git-server';
import { makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { hostKey, PASSWORD, startServer, type TestServer } from '../probe/ssh/server';
import { failure, TRANSPORTS, type Api } from './transports';

const TOKEN = 'glpat-bound-token-that-must-stay-home-51d0';

let ours: GitServer; // the sites server the token is for
let stranger: GitServer; // where a crafted plan points (it would accept the token, and logs it)
let tmp: { dir: string; cleanup: () => Promise<void> };
let example: string;

beforeAll(async () => {
  [ours, stranger] = await Promise.all([startGitServer({ token: TOKEN }), startGitServer({ token: TOKEN })]);
  tmp = await makeTempDir();
  example = await readExample();
});
afterAll(async () => {
  await Promise.all([ours?.dispose(), stranger?.dispose()]);
  await tmp?.cleanup();
});

const origin = (url: string) => httpOrigin(url)!;

describe('origins', () => {
  it('are scheme, host and port; anything a parser could read two ways is no origin at all', () => {
    expect(httpOrigin('https://Git.Example.com:443/acp/sites.git')).toBe('https://git.example.com');
    expect(httpOrigin('http://127.0.0.1:8080/sites.git')).toBe('http://127.0.0.1:8080');
    expect(httpOrigin('https://git.example.com%2eevil.example/sites.git')).toBeUndefined();
    expect(httpOrigin('https://user@git.example.com/sites.git')).toBeUndefined();
    expect(httpOrigin('file:///media/usb/sites.git')).toBeUndefined();
    expect(httpOrigin('/home/tech/sites')).toBeUndefined();
    expect(sshTarget('10.0.0.5', 22, `SHA256:${'a'.repeat(43)}`)).toBe(`10.0.0.5:22 SHA256:${'a'.repeat(43)}`);
    expect(sshTarget('FD00::5', 2222, `SHA256:${'a'.repeat(43)}`)).toBe(`[fd00::5]:2222 SHA256:${'a'.repeat(43)}`);
  });
});

/** safeStorage as the desktop app has it, with XOR standing in for the OS encryption. */
const fakeSafeStorage = (): SafeStorageLike => {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => xor(Buffer.from(text, 'utf8')),
    decryptString: (b: Buffer) => xor(b).toString('utf8'),
  };
};

describe.each([
  ['the 0600 file store', (file: string): SecretStore => new FileSecretStore(file)],
  ['the safeStorage store', (file: string): SecretStore => new SafeStorageSecretStore(fakeSafeStorage(), file)],
])('bindings in %s', (_name, open) => {
  it('are kept next to the secret, cleared by a new value, gone with the secret; the file stays readable by both', async () => {
    const file = path.join(tmp.dir, `${_name.replace(/\W+/g, '-')}.json`);
    const store = open(file);
    await storeSecret(store, 'git-token', TOKEN, ['https://git.example.com']);
    expect(await readBinding(store, 'git-token')).toEqual(['https://git.example.com']);
    await addToBinding(store, 'ssh-password', ['10.0.0.5:22 SHA256:x']); // a binding without its secret lists nothing
    expect(await bindingsOf(store, await store.names())).toEqual({ 'git-token': ['https://git.example.com'] });
    const again = open(file); // as the next start of the app reads it
    expect(await again.get('git-token')).toBe(TOKEN);
    expect(await readBinding(again, 'git-token')).toEqual(['https://git.example.com']);
    await storeSecret(again, 'git-token', `${TOKEN}-2`);
    expect(await readBinding(again, 'git-token')).toBeUndefined();
    await again.set('git-token.bound-to', '{ not json');
    expect(await readBinding(again, 'git-token')).toBeUndefined(); // unreadable: unbound, so asked about
    expect(await deleteSecret(again, 'git-token')).toBe(true);
    expect(await again.names()).toEqual(['ssh-password.bound-to']);
  });
});

describe('the Git client itself', () => {
  it('gives the token only to the origin it is for', async () => {
    const onAuth = authCallback({ token: TOKEN, tokenFor: 'https://git.example.com' });
    expect(await onAuth('https://git.example.com/acp/sites.git', {})).toMatchObject({ password: TOKEN });
    expect(await onAuth('https://git.example.com:8443/acp/sites.git', {})).toEqual({ cancel: true });
    expect(await onAuth('http://git.example.com/acp/sites.git', {})).toEqual({ cancel: true });
    expect(await onAuth('https://evil.example/acp/sites.git', {})).toEqual({ cancel: true });
  });

  it('(the command line, which takes the token per run) refuses to push over plain http:// to another computer', async () => {
    const clone = path.join(tmp.dir, 'plain-http-clone');
    await gitCli(['init', '-q', '-b', 'site/plant-a', clone]);
    await writeFile(path.join(clone, 'README.md'), 'x\n');
    await gitCli(['add', 'README.md'], clone);
    await gitCli(['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'x'], clone);
    await gitCli(['remote', 'add', 'origin', 'http://git.plant-a.example/sites.git'], clone);
    const pushed = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    expect(pushed.status).toBe('failed');
    expect('message' in pushed && pushed.message).toMatch(/plain HTTP/);
  });
});

describe.each(TRANSPORTS)('the stored Git token over $name', (transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let base: string;
  let store: FileSecretStore;
  const answers: unknown[] = [];
  const events: SitekitEvent[] = [];
  let n = 0;

  beforeAll(async () => {
    base = path.join(tmp.dir, transport.name.replace(/\W+/g, '-'));
    store = new FileSecretStore(path.join(base, 'data', 'secrets.json'));
    const started = await transport.start({ settingsDir: path.join(base, 'data'), secrets: store });
    api = started.api;
    stop = started.stop;
    api.onEvent((e) => events.push(e));
    await api.settings.set({ gitAuthorName: 'A. Technician', gitAuthorEmail: 'tech@example.com' });
  });
  afterAll(async () => {
    await stop();
  });

  /** A saved site whose plan names `repoURL` (as a crafted site.yaml would). */
  const site = async (repoURL: string) => {
    const dir = path.join(base, `site-${++n}`);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, example.replace('repoURL: https://git.example.com/acp/sites.git', `repoURL: ${repoURL}`));
    const doc = await api.site.open({ path: file });
    return { file, repo: doc.site!.gitops!.repoURL };
  };
  const repoName = () => `sites-${transport.name.replace(/\W+/g, '-')}-${n + 1}`;

  it('stored for our server, a plan pointing at another one is refused and nothing reaches it; confirmed, it goes', async () => {
    const name = repoName();
    await Promise.all([ours.createRepo(name), stranger.createRepo(name)]);
    await api.secrets.set({ name: 'git-token', value: TOKEN, boundTo: ours.url(name) });
    const status = await api.secrets.status();
    expect(status.names).toEqual(['git-token']);
    expect(status.bindings).toEqual({ 'git-token': [origin(ours.url(name))] });

    const { file, repo } = await site(stranger.url(name));
    expect(repo).toBe(stranger.url(name));
    const seenBefore = stranger.requests.length;
    const loggedBefore = stranger.passwordsSeen.length;
    const refused = await failure(api.export.run({ sitePath: file, repo, push: true }));
    answers.push(refused.message);
    expect(refused.code).toBe('needs-confirmation');
    expect(refused.message).toContain(origin(ours.url(name)));
    expect(refused.message).toContain(origin(stranger.url(name)));
    expect(refused.question).toEqual({ secret: 'git-token', boundTo: [origin(ours.url(name))], targets: [origin(stranger.url(name))] });
    expect(stranger.requests.length).toBe(seenBefore); // not even a request
    expect(stranger.passwordsSeen.slice(loggedBefore)).not.toContain(TOKEN);

    // A confirmation for another origin than the one asked about changes nothing.
    const wrong = await failure(api.export.run({ sitePath: file, repo, push: true, allowTokenFor: ours.url(name) }));
    expect(wrong.code).toBe('needs-confirmation');
    expect(stranger.requests.length).toBe(seenBefore);

    const confirmed = await api.export.run({ sitePath: file, repo, push: true, allowTokenFor: refused.question!.targets[0] });
    answers.push(confirmed);
    expect(confirmed.status).toBe('committed');
    expect(confirmed.push?.status).toBe('pushed');
    expect(stranger.passwordsSeen.slice(loggedBefore)).toContain(TOKEN);
    expect((await gitCli(['rev-parse', confirmed.branch!], path.join(stranger.root, `${name}.git`))).trim()).toBe(confirmed.oid);
    // "Use it for <host>" re-binds the token there: our server is now the one it asks about.
    expect((await api.secrets.status()).bindings).toEqual({ 'git-token': [origin(stranger.url(name))] });
    const back = await site(ours.url(name));
    const asked = await failure(api.export.run({ sitePath: back.file, repo: back.repo, push: true }));
    expect(asked.question?.targets).toEqual([origin(ours.url(name))]);
  });

  it('a token stored without a server (or by an older Sitekit) is asked about before its first use, then bound', async () => {
    const name = repoName();
    await ours.createRepo(name);
    // The store as an older Sitekit left it: the token, no binding.
    await store.set('git-token', TOKEN);
    await store.delete('git-token.bound-to');
    expect((await api.secrets.status()).bindings).toBeUndefined();
    const { file, repo } = await site(ours.url(name));
    const seen = ours.passwordsSeen.length;
    const asked = await failure(api.export.run({ sitePath: file, repo, push: true }));
    expect(asked.code).toBe('needs-confirmation');
    expect(asked.question).toEqual({ secret: 'git-token', boundTo: [], targets: [origin(ours.url(name))] });
    expect(asked.message).toMatch(/not bound to a server yet/);
    expect(ours.passwordsSeen.length).toBe(seen);

    const first = await api.export.run({ sitePath: file, repo, push: true, allowTokenFor: origin(ours.url(name)) });
    expect(first.push?.status).toBe('pushed');
    expect((await api.secrets.status()).bindings).toEqual({ 'git-token': [origin(ours.url(name))] });
    // Bound now: the next export asks nothing.
    await writeFile(file, (await readFile(file, 'utf8')).replace('location: Plant A', 'location: Plant A, again'));
    const second = await api.export.run({ sitePath: file, repo, push: true });
    expect(second.push?.status).toBe('pushed');
  });

  it('a clone on disk whose remote is another server: a push asks first, a commit needs no token', async () => {
    const name = repoName();
    await Promise.all([ours.createRepo(name), stranger.createRepo(name)]);
    await api.secrets.set({ name: 'git-token', value: TOKEN, boundTo: ours.url(name) });
    const clone = path.join(base, `clone-${name}`);
    await gitCli(['clone', '-q', path.join(stranger.root, `${name}.git`), clone]);
    await gitCli(['remote', 'set-url', 'origin', stranger.url(name)], clone);
    const { file } = await site(ours.url(name));

    const committed = await api.export.run({ sitePath: file, repo: clone });
    expect(committed.status).toBe('committed');
    const seen = stranger.requests.length;
    const refused = await failure(api.export.run({ sitePath: file, repo: clone, push: true }));
    expect(refused.code).toBe('needs-confirmation');
    expect(refused.question?.targets).toEqual([origin(stranger.url(name))]);
    expect(stranger.requests.length).toBe(seen); // nothing at all reached it
  });

  it('a repository on disk (file://, a bare repository) never gets the token, and nothing is asked', async () => {
    const name = repoName();
    await api.secrets.set({ name: 'git-token', value: TOKEN, boundTo: ours.url(name) });
    const bare = path.join(base, `usb-${name}.git`);
    await gitCli(['init', '-q', '--bare', '-b', 'main', bare]);
    const { file } = await site(ours.url(name));
    const result = await api.export.run({ sitePath: file, repo: `file://${bare}`, push: true });
    answers.push(result);
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'committed', push: { status: 'pushed' } });
  });

  it('forgetting the token forgets where it was bound; no answer or event ever held the token', async () => {
    expect(await api.secrets.delete({ name: 'git-token' })).toBe(true);
    expect(await api.secrets.status()).not.toHaveProperty('bindings');
    expect(await store.names()).toEqual([]);
    expect(JSON.stringify({ answers, events })).not.toContain(TOKEN);
  });
});

describe.each(TRANSPORTS)('the stored SSH password over $name', (transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let base: string;
  let store: FileSecretStore;
  const key = hostKey();
  let node: TestServer; // the real node
  let impostor: TestServer; // another server, with its own key, where a crafted plan points
  let n = 0;

  beforeAll(async () => {
    [node, impostor] = await Promise.all([startServer('exit-early', key), startServer('exit-early')]);
    base = path.join(tmp.dir, `ssh-${transport.name.replace(/\W+/g, '-')}`);
    store = new FileSecretStore(path.join(base, 'data', 'secrets.json'));
    const started = await transport.start({ settingsDir: path.join(base, 'data'), secrets: store });
    api = started.api;
    stop = started.stop;
  });
  afterAll(async () => {
    await stop();
    await Promise.all([node?.close(), impostor?.close()]);
  });

  /** A saved site whose acp-1 is at 127.0.0.1:`port`, with `pins` in its folder (as a crafted folder could ship). */
  const site = async (port: number, pins?: { fingerprint: string }) => {
    const dir = path.join(base, `site-${++n}`);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, example.replace(/ssh: \{ host: [\d.]+, user: core \}/g, `ssh: { host: 127.0.0.1, port: ${port}, user: core }`));
    if (pins) await savePins(dir, { 'acp-1': { host: '127.0.0.1', port, algorithm: 'ssh-ed25519', sha256: pins.fingerprint } });
    return file;
  };
  const run = (sitePath: string, extra: { allowPasswordFor?: string[]; acceptNewHostKeys?: { node: string; fingerprint: string }[] } = {}) =>
    api.probe.run({ sitePath, nodes: ['acp-1'], connectTimeoutSeconds: 5, ...extra });

  it('accepting a node’s new key binds the password to that address and key; the pin is then used without asking', async () => {
    await api.secrets.set({ name: 'ssh-password', value: PASSWORD });
    const file = await site(node.port);
    const unknown = await run(file);
    expect(unknown.results[0]?.status).toBe('host-key-unknown');
    expect(node.passwords).toEqual([]); // no trusted key: refused before any login
    const accepted = await run(file, { acceptNewHostKeys: [{ node: 'acp-1', fingerprint: unknown.results[0]!.fingerprint! }] });
    expect(accepted.results[0]?.status).not.toMatch(/host-key|auth/);
    expect(node.passwords).toEqual([PASSWORD]);
    expect((await api.secrets.status()).bindings).toEqual({ 'ssh-password': [sshTarget('127.0.0.1', node.port, key.fingerprint)] });
    await run(file);
    expect(node.passwords).toEqual([PASSWORD, PASSWORD]);
  });

  it('a site folder that comes with a pin for another server is refused until confirmed, and the server sees nothing before', async () => {
    const file = await site(impostor.port, { fingerprint: impostor.fingerprint });
    const target = sshTarget('127.0.0.1', impostor.port, impostor.fingerprint);
    const refused = await failure(run(file));
    expect(refused.code).toBe('needs-confirmation');
    expect(refused.question).toEqual({ secret: 'ssh-password', boundTo: [sshTarget('127.0.0.1', node.port, key.fingerprint)], targets: [target] });
    expect(refused.message).toContain(`acp-1 at 127.0.0.1:${impostor.port}`);
    expect(refused.message).toContain(impostor.fingerprint);
    expect(impostor.passwords).toEqual([]);
    expect(impostor.commands).toEqual([]);

    await run(file, { allowPasswordFor: refused.question!.targets });
    expect(impostor.passwords).toEqual([PASSWORD]);
  });

  it('the node’s address changed in the plan (same pinned key): asked again', async () => {
    const file = await site(impostor.port, { fingerprint: key.fingerprint });
    const refused = await failure(run(file));
    expect(refused.question?.targets).toEqual([sshTarget('127.0.0.1', impostor.port, key.fingerprint)]);
  });

  it('a password stored by an older Sitekit (no binding) asks before its first use, then is bound', async () => {
    // The store as an older Sitekit left it: the password, no binding.
    await store.set('ssh-password', PASSWORD);
    await store.delete('ssh-password.bound-to');
    const before = node.passwords.length;
    const file = await site(node.port, { fingerprint: key.fingerprint });
    const refused = await failure(run(file));
    expect(refused.question).toEqual({ secret: 'ssh-password', boundTo: [], targets: [sshTarget('127.0.0.1', node.port, key.fingerprint)] });
    expect(node.passwords.length).toBe(before);
    await run(file, { allowPasswordFor: refused.question!.targets });
    expect(node.passwords.length).toBe(before + 1);
    await run(file);
    expect(node.passwords.length).toBe(before + 2);
  });

  it('storing a new password forgets where the old one was bound', async () => {
    await api.secrets.set({ name: 'ssh-password', value: `${PASSWORD}!` });
    expect((await api.secrets.status()).bindings).toBeUndefined();
    const refused = await failure(run(await site(node.port, { fingerprint: key.fingerprint })));
    expect(refused.question?.boundTo).toEqual([]);
  });
});
