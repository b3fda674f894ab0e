// The install folder: where `openshift-install agent create image` ran, next to the ISO inputs.
// It writes three things Sitekit can use (installer pkg/asset/kubeconfig/agent.go AgentAdminClient
// → auth/kubeconfig; pkg/asset/password/password.go KubeadminPassword → auth/kubeadmin-password;
// pkg/asset/store/store.go → .openshift_install_state.json, see install-state.ts for the token):
//   auth/kubeconfig                 the admin kubeconfig            → secret `kubeconfig`
//   auth/kubeadmin-password         the console login of kubeadmin  → secret `kubeadmin-password`
//   .openshift_install_state.json   the agent API's watcher token   → secret `agent-auth-token`
// Each is read bounded (1 MiB, 1 KiB, 64 MiB) and checked; what is not there or not usable comes
// back as a sentence naming the file and what to do, never with a byte of any file.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BoundedReadError, readFileBounded } from '../fs/read-bounded';
import { INSTALL_STATE_FILE, InstallStateError, readAgentToken, type AgentTokenField } from './install-state';
import { MAX_KUBECONFIG_BYTES } from './kubeconfig';

export const INSTALL_KUBECONFIG = path.join('auth', 'kubeconfig');
export const INSTALL_KUBEADMIN_PASSWORD = path.join('auth', 'kubeadmin-password');
/** The installer's password is 23 characters; anything near 1 KiB is another file. */
export const MAX_KUBEADMIN_PASSWORD_BYTES = 1024;

export type InstallSecretName = 'kubeconfig' | 'kubeadmin-password' | 'agent-auth-token';

export interface InstallFolderMissing {
  name: InstallSecretName;
  /** What is wrong and what to do, in a sentence (names the file, never its content). */
  message: string;
}

export interface InstallFolderContents {
  folder: string;
  kubeconfig?: string;
  kubeadminPassword?: string;
  agentToken?: { token: string; field: AgentTokenField };
  missing: InstallFolderMissing[];
}

/** The folder itself cannot be used (not there, not a folder). */
export class InstallFolderError extends Error {
  constructor(
    readonly problem: 'not-found' | 'not-folder' | 'permission',
    message: string,
  ) {
    super(message);
    this.name = 'InstallFolderError';
  }
}

export interface ReadInstallFolderOptions {
  /**
   * Maps each file about to be read to the path to read (the host refuses Sitekit's own data
   * there and throws); default: the path itself.
   */
  resolve?: (file: string) => Promise<string>;
  /** Only these (default: all three). */
  only?: readonly InstallSecretName[];
  signal?: AbortSignal;
}

const CREATE_IMAGE = 'choose the folder `openshift-install agent create image` ran in';

function unreadable(error: BoundedReadError, file: string, what: string, limit: string): string {
  switch (error.problem) {
    case 'not-found':
      return `${file} is not there: ${CREATE_IMAGE} (it writes ${what} there).`;
    case 'too-large':
      return `${file} is larger than ${limit}, so it is not ${what}: is this the install folder?`;
    case 'folder':
    case 'not-regular':
      return `${file} is not a regular file (${error.reason}): ${CREATE_IMAGE}.`;
    case 'permission':
      return `${file} cannot be read (permission denied): give your user read access to it, then try again.`;
    default:
      return `${file} could not be read (${error.reason}).`;
  }
}

async function readText(file: string, maxBytes: number): Promise<string> {
  const bytes = await readFileBounded(file, { maxBytes });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BoundedReadError(file, 'not-text', 'it is not a text file');
  }
}

/** The kubeadmin password of the file, or why it cannot be one. */
export function kubeadminPasswordOf(text: string, file: string): { password: string } | { problem: string } {
  // openshift-install writes the password without a line break; an editor may add one.
  const password = text.replace(/\r?\n$/, '');
  if (password === '') {
    // password.go Load: with only tls/kubeadmin-password.hash given, the file is written empty.
    return {
      problem:
        `${file} is empty: the install was given only a password hash (tls/kubeadmin-password.hash), so openshift-install had no password to write; ` +
        'kubeadmin logs in with the password that hash was made from.',
    };
  }
  if (/[\r\n\0]/.test(password)) return { problem: `${file} is not one line, so it is not the installer's kubeadmin password: is this the install folder?` };
  return { password };
}

/** Reads what Sitekit can use from an install folder (see the header). */
export async function readInstallFolder(folder: string, options: ReadInstallFolderOptions = {}): Promise<InstallFolderContents> {
  const resolve = options.resolve ?? (async (file: string) => file);
  const wanted = new Set(options.only ?? ['kubeconfig', 'kubeadmin-password', 'agent-auth-token']);
  const real = await resolve(folder);
  let isFolder: boolean;
  try {
    isFolder = (await stat(real)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InstallFolderError('not-found', `The install folder ${folder} is not there.`);
    if (code === 'EACCES' || code === 'EPERM') throw new InstallFolderError('permission', `The install folder ${folder} cannot be read (permission denied).`);
    throw error;
  }
  if (!isFolder) throw new InstallFolderError('not-folder', `${folder} is a file, not a folder: ${CREATE_IMAGE}.`);
  const contents: InstallFolderContents = { folder, missing: [] };

  if (wanted.has('kubeconfig')) {
    const file = path.join(folder, INSTALL_KUBECONFIG);
    try {
      contents.kubeconfig = await readText(await resolve(file), MAX_KUBECONFIG_BYTES);
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      const message = error.problem === 'not-text' ? `${file} is not a text file, so it is not a kubeconfig: is this the install folder?` : unreadable(error, file, 'the admin kubeconfig', '1 MiB');
      contents.missing.push({ name: 'kubeconfig', message });
    }
  }

  if (wanted.has('kubeadmin-password')) {
    const file = path.join(folder, INSTALL_KUBEADMIN_PASSWORD);
    try {
      const read = kubeadminPasswordOf(await readText(await resolve(file), MAX_KUBEADMIN_PASSWORD_BYTES), file);
      if ('password' in read) contents.kubeadminPassword = read.password;
      else contents.missing.push({ name: 'kubeadmin-password', message: read.problem });
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      const message = error.problem === 'not-text' ? `${file} is not text, so it is not the kubeadmin password: is this the install folder?` : unreadable(error, file, 'the kubeadmin password', '1 KiB');
      contents.missing.push({ name: 'kubeadmin-password', message });
    }
  }

  if (wanted.has('agent-auth-token')) {
    const file = path.join(folder, INSTALL_STATE_FILE);
    try {
      const lookup = await readAgentToken(await resolve(file), options.signal ? { signal: options.signal } : {});
      if (lookup.found) contents.agentToken = { token: lookup.token, field: lookup.field };
      else contents.missing.push({ name: 'agent-auth-token', message: `${file}: ${lookup.reason}.` });
    } catch (error) {
      let message: string;
      if (error instanceof BoundedReadError) {
        message =
          error.problem === 'not-found'
            ? `${file} is not there, so the agent API token is not either (OpenShift 4.17 and later ask for one): ${CREATE_IMAGE}, or follow the install from the cluster once its API answers.`
            : unreadable(error, file, "the installer's state", '64 MiB');
      } else if (error instanceof InstallStateError) {
        message = `${file} cannot be read as openshift-install's state: ${error.reason}.`;
      } else throw error;
      contents.missing.push({ name: 'agent-auth-token', message });
    }
  }
  return contents;
}
