// An in-process ssh2 server on 127.0.0.1 for fast unit tests of the SSH layer. Modes decide
// how it answers the collection command; 'real' runs the script with this machine's sh.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Server, utils, type Connection } from 'ssh2';
import { sha256Fingerprint } from '../../../../main/core/probe/ssh/fingerprint';

export type Mode = 'real' | 'garbage' | 'hang' | 'huge' | 'exit-early';

export interface TestServer {
  port: number;
  fingerprint: string;
  commands: string[];
  /** Every password a client tried (what a stranger's server would log). */
  passwords: string[];
  close(): Promise<void>;
}

export const USER = 'core';
export const PASSWORD = 'correct horse';

/**
 * An ed25519 key pair from ssh2. About 1 in 200 pairs it generates is malformed (a leading
 * zero byte of the public key is dropped, and its own parser rejects both halves), which made
 * these tests fail at random: generate again until both halves parse.
 */
export function keyPair(options: { passphrase?: string } = {}): { private: string; public: string } {
  const generateOptions = options.passphrase ? { passphrase: options.passphrase, cipher: 'aes256-cbc', rounds: 16 } : undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', generateOptions);
    if (!(utils.parseKey(pair.public) instanceof Error) && !(utils.parseKey(pair.private, options.passphrase) instanceof Error)) return pair;
  }
  throw new Error('ssh2 did not generate a well-formed ed25519 key in 20 attempts');
}

export function hostKey(): { private: string; fingerprint: string } {
  const pair = keyPair();
  const parsed = utils.parseKey(pair.public);
  if (parsed instanceof Error) throw parsed;
  return { private: pair.private, fingerprint: sha256Fingerprint(parsed.getPublicSSH()) };
}

export async function startServer(mode: Mode, key = hostKey(), opts: { allowForward?: boolean; authorizedKey?: string } = {}): Promise<TestServer> {
  const commands: string[] = [];
  const passwords: string[] = [];
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [key.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password') passwords.push(ctx.password);
      if (ctx.method === 'password' && ctx.username === USER && ctx.password === PASSWORD) return ctx.accept();
      if (ctx.method === 'publickey' && ctx.username === USER && opts.authorizedKey) {
        const allowed = utils.parseKey(opts.authorizedKey);
        if (!(allowed instanceof Error) && ctx.key.algo === allowed.type && ctx.key.data.equals(allowed.getPublicSSH())) {
          if (!ctx.signature) return ctx.accept(); // the client asks whether the key would do
          if (allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
        }
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        if (!opts.allowForward) return reject();
        const sock = net.connect(info.destPort, info.destIP);
        sock.on('connect', () => {
          const stream = accept();
          stream.pipe(sock).pipe(stream);
        });
        sock.on('error', () => reject());
      });
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (acceptExec, _reject, info) => {
          commands.push(info.command);
          const stream = acceptExec();
          if (mode === 'hang') return;
          if (mode === 'garbage') {
            stream.stdin.resume();
            stream.stdin.on('end', () => {
              stream.write('\u0000\u00ffthis is not a capture\n=====SITEKIT-BEGIN zz x=====\n{{{');
              stream.exit(0);
              stream.end();
            });
            return;
          }
          if (mode === 'huge') {
            const chunk = Buffer.alloc(1024 * 1024, 'y');
            let sent = 0;
            const pump = (): void => {
              while (sent < 40 && stream.writable) {
                sent++;
                if (!stream.write(chunk)) return void stream.once('drain', pump);
              }
              stream.exit(0);
              stream.end();
            };
            pump();
            return;
          }
          if (mode === 'exit-early') {
            stream.exit(1);
            stream.end();
            return;
          }
          const child = spawn('/bin/sh', ['-s'], { stdio: ['pipe', 'pipe', 'pipe'] });
          stream.stdin.pipe(child.stdin);
          child.stdout.pipe(stream, { end: false });
          child.stderr.pipe(stream.stderr);
          child.on('close', (code) => {
            stream.exit(code ?? 1);
            stream.end();
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    fingerprint: key.fingerprint,
    commands,
    passwords,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}

/** A port with nothing listening. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
