// A real Git server for the export tests (DESIGN §6): bare repositories served over HTTP by
// Git's own `git http-backend` (CGI), behind a small Node server on 127.0.0.1 that demands
// Basic auth with the token as password, like a hosting service's access tokens.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/** The git CLI with a fixed identity and no user or system configuration. */
export async function gitCli(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await promisify(execFile)('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Server Side',
      GIT_AUTHOR_EMAIL: 'server@example.com',
      GIT_COMMITTER_NAME: 'Server Side',
      GIT_COMMITTER_EMAIL: 'server@example.com',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export interface GitServer {
  /** Folder holding the bare repositories (`<root>/<name>.git`). */
  root: string;
  port: number;
  /** `http://127.0.0.1:<port>/<name>.git` */
  url(name: string): string;
  /** Paths and Authorization headers seen, to check no token went into a URL. */
  requests: { method: string; url: string }[];
  /** Every Basic-auth password sent to this server, accepted or not (what a stranger's server would log). */
  passwordsSeen: string[];
  /** A bare repository with one commit (README.md) on `main`, pushes allowed. */
  createRepo(name: string, files?: Record<string, string>): Promise<string>;
  /** A commit made directly on the server (someone else pushed): returns its oid. */
  commitOnServer(name: string, branch: string, files: Record<string, string>, message: string): Promise<string>;
  /** Closes the listener and kills running CGI processes; the repositories stay. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Removes everything. */
  dispose(): Promise<void>;
}

export interface GitServerOptions {
  token: string;
  /** Accepted user names; any when not given. */
  user?: string;
}

function parseCgi(output: Buffer): { status: number; headers: [string, string][]; body: Buffer } {
  let end = output.indexOf('\r\n\r\n');
  let sep = 4;
  if (end < 0) {
    end = output.indexOf('\n\n');
    sep = 2;
  }
  const head = output.subarray(0, end < 0 ? 0 : end).toString('latin1');
  const body = end < 0 ? output : output.subarray(end + sep);
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const name = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers.push([name, value]);
  }
  return { status, headers, body };
}

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'sitekit-git-server-'));
  const children = new Set<ChildProcess>();
  const requests: { method: string; url: string }[] = [];
  const passwordsSeen: string[] = [];
  let port = 0;
  let server: Server | undefined;

  const authorized = (req: IncomingMessage): string | undefined => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const user = decoded.slice(0, i);
    const password = decoded.slice(i + 1);
    passwordsSeen.push(password);
    if (password !== options.token || (options.user !== undefined && user !== options.user)) return undefined;
    return user || 'token';
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const user = authorized(req);
    if (!user) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="sitekit test git"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        HOME: root,
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        GATEWAY_INTERFACE: 'CGI/1.1',
        SERVER_PROTOCOL: 'HTTP/1.1',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      };
      const child = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(child);
      const out: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', () => undefined);
      child.stdin.on('error', () => undefined);
      child.stdin.end(body);
      child.on('error', () => {
        children.delete(child);
        if (!res.headersSent) res.writeHead(500).end();
      });
      child.on('close', () => {
        children.delete(child);
        const parsed = parseCgi(Buffer.concat(out));
        res.writeHead(parsed.status, parsed.headers);
        res.end(parsed.body);
      });
    });
  };

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(handle);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    children.clear();
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const bare = (name: string) => path.join(root, `${name}.git`);

  const createRepo = async (name: string, files: Record<string, string> = { 'README.md': '# ACP sites\n' }) => {
    const work = await mkdtemp(path.join(tmpdir(), 'sitekit-git-seed-'));
    try {
      await gitCli(['init', '-q', '-b', 'main', work]);
      for (const [file, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(work, file)), { recursive: true });
        await writeFile(path.join(work, file), content);
      }
      await gitCli(['add', '-A'], work);
      await gitCli(['commit', '-q', '-m', 'Sites repository'], work);
      await gitCli(['clone', '-q', '--bare', work, bare(name)]);
      await gitCli(['config', 'http.receivepack', 'true'], bare(name));
      await gitCli(['symbolic-ref', 'HEAD', 'refs/heads/main'], bare(name));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return bare(name);
  };

  const commitOnServer = async (name: string, branch: string, files: Record<string, string>, message: string) => {
    const work = await mkdtemp(path.join(tmpdir(), 'sitekit-git-other-'));
    try {
      await gitCli(['clone', '-q', '-b', branch, bare(name), work]);
      for (const [file, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(work, file)), { recursive: true });
        await writeFile(path.join(work, file), content);
      }
      await gitCli(['add', '-A'], work);
      await gitCli(['commit', '-q', '-m', message], work);
      await gitCli(['push', '-q', 'origin', branch], work);
      return (await gitCli(['rev-parse', 'HEAD'], work)).trim();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };

  await start();
  return {
    root,
    get port() {
      return port;
    },
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    requests,
    passwordsSeen,
    createRepo,
    commitOnServer,
    stop,
    start,
    dispose: async () => {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
