// The commit author when none was given: git config user.name / user.email, looked up as git
// does (the repository's config, then the user's global files). Git itself is used when it is
// installed (it also knows includes and system config); otherwise the files are read here.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';

export interface ConfigAuthor {
  name?: string;
  email?: string;
}

/**
 * The author given, with what is missing taken from git config (as git does). `fromGitConfig`
 * says whether git config supplied any of it, so callers can say which author was used.
 */
export async function completeAuthor(given: ConfigAuthor, dir: string): Promise<{ author: ConfigAuthor; fromGitConfig: boolean }> {
  if (given.name && given.email) return { author: given, fromGitConfig: false };
  const fromGit = await gitConfigAuthor(dir);
  const author = { name: given.name || fromGit.name, email: given.email || fromGit.email };
  return { author, fromGitConfig: (!given.name && !!fromGit.name) || (!given.email && !!fromGit.email) };
}

async function gitConfigAuthor(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<ConfigAuthor> {
  const fromGit = await viaGitCommand(dir, env);
  if (fromGit) return fromGit;
  const local = { name: await repoConfig(dir, 'user.name'), email: await repoConfig(dir, 'user.email') };
  const global = globalConfig(env);
  return { name: local.name ?? global.name, email: local.email ?? global.email };
}

function viaGitCommand(dir: string, env: NodeJS.ProcessEnv): Promise<ConfigAuthor | undefined> {
  const get = (key: string) =>
    new Promise<string | undefined | null>((resolve) => {
      execFile('git', ['config', '--get', key], { cwd: dir, env, timeout: 10_000 }, (error, stdout) => {
        if (!error) return resolve(stdout.trim() || undefined);
        // exit 1 = the key is not set; anything else (no git, ENOENT) = ask the files instead
        resolve((error as { code?: number | string }).code === 1 ? undefined : null);
      });
    });
  return Promise.all([get('user.name'), get('user.email')]).then(([name, email]) =>
    name === null || email === null ? undefined : { ...(name ? { name } : {}), ...(email ? { email } : {}) },
  );
}

async function repoConfig(dir: string, key: string): Promise<string | undefined> {
  const value = (await git.getConfig({ fs, dir, path: key }).catch(() => undefined)) as unknown;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** ~/.gitconfig, then $XDG_CONFIG_HOME/git/config: [user] name / email, the last one wins as in git. */
function globalConfig(env: NodeJS.ProcessEnv): ConfigAuthor {
  const home = env.HOME || os.homedir();
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const found: ConfigAuthor = {};
  for (const file of [path.join(xdg, 'git', 'config'), path.join(home, '.gitconfig')]) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let section = '';
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/[#;].*$/, '').trim();
      const header = /^\[\s*([^\]\s]+)\s*\]$/.exec(line);
      if (header) section = header[1]!.toLowerCase();
      const entry = /^(\w+)\s*=\s*(.*)$/.exec(line);
      if (section === 'user' && entry) {
        const value = entry[2]!.replace(/^"(.*)"$/, '$1').trim();
        if (entry[1]!.toLowerCase() === 'name' && value) found.name = value;
        if (entry[1]!.toLowerCase() === 'email' && value) found.email = value;
      }
    }
  }
  return found;
}
