// The plant's mirror registry on the test bed: Debian's docker-registry (the CNCF Distribution
// registry 2.8, `docker-registry serve <config.yml>`) in its own network namespace on the bed's
// bridge, behind TLS from CAs made for the test with the openssl CLI. One registry process per
// endpoint (port), all sharing one storage folder, gives the cases a plant's mirror has:
// certificate profiles (trusted, expiring, untrusted, expired, wrong-name) and logins (none,
// htpasswd basic, bearer tokens from a token server on the same host, as Quay-based mirror
// registries do). Images are pushed through the registry's own HTTP API (blob upload +
// manifest PUT), so what the nodes see is what a real registry serves.
// Everything lives in the bed's folder and namespace: stopTestBed removes it even when a test
// forgets stopRegistry (removeSlotNetwork kills what still runs in the bed's namespaces).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { TestBedSetupError } from '../net';
import { killByPidFile, waitForPort } from '../sshd';
import type { TestBed } from '../testbed';
import { removeServiceNamespace, serviceNamespace, type ServiceNamespace } from './netns';

const run = promisify(execFile);

export const DOCKER_REGISTRY = '/usr/bin/docker-registry';
const FIRST_PORT = 8443;
/** The token server of endpoint i listens on its registry port + this. */
const TOKEN_PORT_OFFSET = 1000;
const ISSUER = 'sitekit-test-token-issuer';
const START_LIMIT_MS = 60_000;

/**
 * trusted: signed by the test CA (the plan's caBundle), the right IP and name, valid 90 days.
 * expiring: the same, valid 10 more days. untrusted: signed by another CA. expired: validity
 * entirely in the past. wrong-name: signed by the test CA for another name and address.
 */
export type RegistryCertProfile = 'trusted' | 'expiring' | 'untrusted' | 'expired' | 'wrong-name';
export type RegistryAuthMode = 'none' | 'basic' | 'bearer';

export interface RegistryEndpointSpec {
  cert: RegistryCertProfile;
  auth: RegistryAuthMode;
}

export interface RegistryEndpoint extends RegistryEndpointSpec {
  port: number;
  /** host:port as a plan's `cluster.mirror.registry` and a pull secret's `auths` key name it. */
  host: string;
  certPem: string;
  /** The bearer realm (auth: bearer). */
  tokenRealm?: string;
}

/** An image to push; `list: true` pushes a Docker manifest list (as the operator index is) over one amd64 image. */
export interface RegistryImage {
  repository: string;
  tag: string;
  list?: boolean;
}

export interface PushedImage extends RegistryImage {
  digest: string;
  mediaType: string;
}

export interface RegistryOptions {
  /** Service name (serviceNamespace: 1–6 lowercase letters or digits; default `reg`). */
  name?: string;
  /** Last octet of the registry's address on the bed subnet (PLANT_OCTETS.registryFirst…registryLast). */
  lastOctet: number;
  endpoints: RegistryEndpointSpec[];
  images: RegistryImage[];
  /** Also put this DNS name into the certificates' SAN (the right one for all but wrong-name). */
  dnsName?: string;
}

export interface TestRegistry {
  namespace: string;
  address: string;
  dir: string;
  /** The test CA: what the plan's `cluster.mirror.caBundle` holds. */
  caPem: string;
  /** The other CA, which signed the `untrusted` certificate. */
  otherCaPem: string;
  username: string;
  /** The login of basic and bearer endpoints. Test secret: never log it. */
  password: string;
  endpoints: RegistryEndpoint[];
  images: PushedImage[];
  processes: ChildProcess[];
  /** The namespace startRegistry made (stopRegistry removes it). */
  service?: ServiceNamespace;
}

export function assertRegistryInstalled(): void {
  if (!existsSync(DOCKER_REGISTRY)) {
    throw new TestBedSetupError('the registry tests need the Distribution registry (/usr/bin/docker-registry): apt-get install -y docker-registry');
  }
}

/** Starts the registry in a new service namespace on the bed bridge and pushes the images. */
export async function startRegistry(bed: TestBed, options: RegistryOptions): Promise<TestRegistry> {
  assertRegistryInstalled();
  const service = await serviceNamespace(bed, options.name ?? 'reg', options.lastOctet);
  try {
    const registry = await startRegistryIn(service, options);
    registry.service = service;
    return registry;
  } catch (error) {
    await removeServiceNamespace(service);
    throw error;
  }
}

/** The same in a namespace that already exists and is reachable from this process at `address`. */
export async function startRegistryIn(where: { namespace: string; address: string; dir: string }, options: RegistryOptions): Promise<TestRegistry> {
  assertRegistryInstalled();
  const { namespace, address, dir } = where;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const registry: TestRegistry = {
    namespace,
    address,
    dir,
    caPem: '',
    otherCaPem: '',
    username: 'sitekit-mirror-reader',
    password: randomBytes(15).toString('base64url'),
    endpoints: [],
    images: [],
    processes: [],
  };
  try {
    const pki = await makePki(dir, address, options);
    registry.caPem = pki.caPem;
    registry.otherCaPem = pki.otherCaPem;
    await writeFile(path.join(dir, 'htpasswd'), `${registry.username}:${await bcrypt(registry.password)}\n`, { mode: 0o600 });
    const httpSecret = randomBytes(16).toString('hex');
    for (const [i, spec] of options.endpoints.entries()) {
      const port = FIRST_PORT + i;
      const endpoint: RegistryEndpoint = { ...spec, port, host: `${address}:${port}`, certPem: pki.leaf[spec.cert].certPem };
      if (spec.auth === 'bearer') endpoint.tokenRealm = `https://${address}:${port + TOKEN_PORT_OFFSET}/v2/auth`;
      const config = path.join(dir, `config-${port}.yml`);
      await writeFile(config, registryConfig(dir, address, endpoint, pki.leaf[spec.cert], httpSecret));
      if (endpoint.tokenRealm) registry.processes.push(await startTokenServer(registry, endpoint, pki.leaf[spec.cert]));
      registry.processes.push(await startProcess(registry, `registry-${port}`, [DOCKER_REGISTRY, 'serve', config], port));
      registry.endpoints.push(endpoint);
    }
    const first = registry.endpoints[0];
    if (options.images.length && !first) throw new Error('the test registry needs an endpoint to push images through');
    for (const image of options.images) registry.images.push(await pushImage(registry, first!, image));
    return registry;
  } catch (error) {
    await stopRegistry(registry);
    throw error;
  }
}

export async function stopRegistry(registry: TestRegistry | undefined): Promise<void> {
  if (!registry) return;
  await Promise.all(registry.processes.map(stopChild));
  // Processes of a crashed parent: only by recorded pid, only if still our program.
  for (const endpoint of registry.endpoints) {
    await killByPidFile(path.join(registry.dir, `registry-${endpoint.port}.pid`), `config-${endpoint.port}.yml`);
    await killByPidFile(path.join(registry.dir, `token-${endpoint.port}.pid`), path.join(registry.dir, 'token-server.mjs'));
  }
  await rm(registry.dir, { recursive: true, force: true });
  if (registry.service) await removeServiceNamespace(registry.service);
}

/** The endpoint with this certificate profile and login (the first one the registry was started with). */
export function endpointOf(registry: TestRegistry, cert: RegistryCertProfile, auth: RegistryAuthMode): RegistryEndpoint {
  const endpoint = registry.endpoints.find((e) => e.cert === cert && e.auth === auth);
  if (!endpoint) throw new Error(`the test registry has no endpoint with a ${cert} certificate and ${auth} login`);
  return endpoint;
}

/** A pull secret (`{"auths": …}`) holding the registry login for this endpoint's host:port. */
export function pullSecretFor(registry: TestRegistry, endpoint: RegistryEndpoint): string {
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  return JSON.stringify({ auths: { [endpoint.host]: { auth, email: 'mirror@plant.test' } } });
}

// --- certificates ------------------------------------------------------------------------

interface Leaf {
  certFile: string;
  keyFile: string;
  certPem: string;
}

interface Pki {
  caPem: string;
  otherCaPem: string;
  leaf: Record<RegistryCertProfile, Leaf>;
}

const DAY_MS = 86_400_000;

async function makePki(dir: string, address: string, options: RegistryOptions): Promise<Pki> {
  const pki = path.join(dir, 'pki');
  await mkdir(pki, { recursive: true, mode: 0o700 });
  const ca = await makeCa(pki, 'ca', 'Sitekit test bed mirror CA');
  const other = await makeCa(pki, 'other-ca', 'Some other CA');
  const now = Date.now();
  const rightSan = [`IP:${address}`, ...(options.dnsName ? [`DNS:${options.dnsName}`] : [])].join(',');
  const wanted = new Set(options.endpoints.map((e) => e.cert));
  const leaf = {} as Record<RegistryCertProfile, Leaf>;
  const profiles: Record<RegistryCertProfile, { ca: string; san: string; from: number; to: number }> = {
    trusted: { ca, san: rightSan, from: now - DAY_MS, to: now + 90 * DAY_MS },
    expiring: { ca, san: rightSan, from: now - 80 * DAY_MS, to: now + 10 * DAY_MS },
    untrusted: { ca: other, san: rightSan, from: now - DAY_MS, to: now + 90 * DAY_MS },
    expired: { ca, san: rightSan, from: now - 120 * DAY_MS, to: now - 30 * DAY_MS },
    'wrong-name': { ca, san: 'DNS:other-registry.plant.test,IP:192.0.2.10', from: now - DAY_MS, to: now + 90 * DAY_MS },
  };
  for (const [profile, p] of Object.entries(profiles) as Array<[RegistryCertProfile, (typeof profiles)[RegistryCertProfile]]>) {
    if (!wanted.has(profile)) continue;
    leaf[profile] = await makeLeaf(pki, p.ca, profile, p.san, p.from, p.to);
  }
  return { caPem: await readFile(path.join(pki, 'ca.pem'), 'utf8'), otherCaPem: await readFile(path.join(pki, 'other-ca.pem'), 'utf8'), leaf };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 60_000 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new TestBedSetupError('the registry tests need the openssl CLI: apt-get install -y openssl');
    throw new Error(`openssl ${args[0]}: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** A CA with the minimal `openssl ca` database, so leaves can get any validity window (-startdate/-enddate). */
async function makeCa(pki: string, name: string, commonName: string): Promise<string> {
  const dir = path.join(pki, name);
  await mkdir(path.join(dir, 'issued'), { recursive: true });
  await writeFile(path.join(dir, 'index.txt'), '');
  await writeFile(path.join(dir, 'serial'), `${randomBytes(8).toString('hex')}\n`);
  await writeFile(
    path.join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `database = ${dir}/index.txt`,
      `new_certs_dir = ${dir}/issued`,
      `serial = ${dir}/serial`,
      'default_md = sha256',
      'policy = policy_any',
      'unique_subject = no',
      '[ policy_any ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  await openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', path.join(dir, 'ca.key'), '-out', path.join(pki, `${name}.pem`), '-days', '3650',
    '-subj', `/O=Sitekit test bed/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  return name;
}

async function makeLeaf(pki: string, ca: string, profile: string, san: string, from: number, to: number): Promise<Leaf> {
  const keyFile = path.join(pki, `${profile}.key`);
  const csr = path.join(pki, `${profile}.csr`);
  const certFile = path.join(pki, `${profile}.pem`);
  const ext = path.join(pki, `${profile}.ext`);
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', csr, '-subj', `/O=Sitekit test bed/CN=${profile} registry`]);
  await writeFile(ext, `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`);
  const caDir = path.join(pki, ca);
  await openssl([
    'ca', '-config', path.join(caDir, 'ca.cnf'), '-batch', '-notext',
    '-cert', path.join(pki, `${ca}.pem`), '-keyfile', path.join(caDir, 'ca.key'),
    '-in', csr, '-out', certFile, '-extfile', ext,
    '-startdate', asn1Time(from), '-enddate', asn1Time(to),
  ]); // prettier-ignore
  return { certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}

/** YYYYMMDDHHMMSSZ, as `openssl ca -startdate/-enddate` takes it. */
function asn1Time(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Distribution's htpasswd accepts bcrypt only (registry/auth/htpasswd: "only bcrypt is
 * supported"). Perl (always present on Debian) hands the salt to libc crypt(), which is
 * libxcrypt on Debian and knows $2b$. The password goes on stdin, never on a command line. Cost
 * 5, the default of Apache's `htpasswd -B` that registry setups are usually made with.
 */
async function bcrypt(password: string): Promise<string> {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const salt = [...randomBytes(22)].map((b) => alphabet[b % 64]).join('');
  const hash = await new Promise<string>((resolve, reject) => {
    const child = spawn('perl', ['-e', `my $p = <STDIN>; print crypt($p, '$2b$05$${salt}')`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
    child.stdin.end(password);
  });
  if (!/^\$2b\$05\$[./A-Za-z0-9]{53}$/.test(hash)) {
    throw new TestBedSetupError('the registry tests make a bcrypt htpasswd with perl crypt(), which gave no bcrypt hash (libc without $2b$ support)');
  }
  return hash;
}

// --- processes ---------------------------------------------------------------------------

function registryConfig(dir: string, address: string, endpoint: RegistryEndpoint, leaf: Leaf, httpSecret: string): string {
  const auth =
    endpoint.auth === 'basic'
      ? ['auth:', '  htpasswd:', '    realm: sitekit-test-registry', `    path: ${path.join(dir, 'htpasswd')}`]
      : endpoint.auth === 'bearer'
        ? [
            'auth:',
            '  token:',
            `    realm: ${endpoint.tokenRealm}`,
            `    service: ${endpoint.host}`,
            `    issuer: ${ISSUER}`,
            `    rootcertbundle: ${path.join(dir, 'pki', 'token-signer.pem')}`,
          ]
        : [];
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'storage')}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${address}:${endpoint.port}`,
    `  secret: ${httpSecret}`,
    '  tls:',
    `    certificate: ${leaf.certFile}`,
    `    key: ${leaf.keyFile}`,
    ...auth,
    '',
  ].join('\n');
}

/** Runs `argv` inside the namespace (ip netns exec execs it: the child pid is the program's) and waits for its port. */
async function startProcess(registry: TestRegistry, label: string, argv: string[], port: number, stdin?: string): Promise<ChildProcess> {
  const logFile = path.join(registry.dir, `${label}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn('ip', ['netns', 'exec', registry.namespace, ...argv], { stdio: [stdin === undefined ? 'ignore' : 'pipe', log, log] });
  closeSync(log);
  if (stdin !== undefined) child.stdin!.end(stdin);
  await writeFile(path.join(registry.dir, `${label}.pid`), String(child.pid));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`))));
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPort(registry.address, port, START_LIMIT_MS, 'the registry'), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    const said = (await readFile(logFile, 'utf8').catch(() => '')).trim().slice(-2000);
    throw new Error(`${(error as Error).message}; it said: ${said || 'nothing'}`);
  }
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}


// --- the bearer token server ---------------------------------------------------------------

/**
 * A token server as Distribution's token auth expects it (docs/spec/auth/token.md, jwt.md):
 * GET <realm>?service=…&scope=repository:<name>:pull answers {"token", "access_token"}, a JWT
 * signed ES256 whose x5c certificate is in the registry's rootcertbundle. With the right basic
 * login it grants the scopes asked; without a login it gives an anonymous token with no
 * access (as Quay and Docker Hub do); a wrong login gets 401. It runs in the registry's
 * namespace, on the registry's own address like Quay's /v2/auth; the login reaches it on stdin.
 */
const TOKEN_SERVER = `import https from 'node:https';
import { createPrivateKey, randomUUID, sign, timingSafeEqual, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const c = JSON.parse(input);
  const key = createPrivateKey(readFileSync(c.signerKey));
  const x5c = [new X509Certificate(readFileSync(c.signerCert)).raw.toString('base64')];
  const expected = Buffer.from('Basic ' + Buffer.from(c.username + ':' + c.password).toString('base64'));
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const scopes = (scope) => {
    const parts = scope.split(':');
    if (parts.length < 3) return [];
    return [{ type: parts[0], name: parts.slice(1, -1).join(':'), actions: parts[parts.length - 1].split(',').filter(Boolean) }];
  };
  const server = https.createServer({ cert: readFileSync(c.tlsCert), key: readFileSync(c.tlsKey) }, (req, res) => {
    const url = new URL(req.url, 'https://token.invalid');
    const json = (code, body, headers = {}) => {
      res.writeHead(code, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/v2/auth') return json(404, { errors: [{ code: 'NOT_FOUND', message: 'no such page' }] });
    let subject = '';
    if (req.headers.authorization) {
      const got = Buffer.from(req.headers.authorization);
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
        return json(401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] }, { 'www-authenticate': 'Basic realm="sitekit-test-token"' });
      }
      subject = c.username;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = subject ? url.searchParams.getAll('scope').flatMap(scopes) : [];
    const signed = b64({ typ: 'JWT', alg: 'ES256', x5c }) + '.' + b64({ iss: c.issuer, sub: subject, aud: c.service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access });
    const token = signed + '.' + sign('sha256', Buffer.from(signed), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    json(200, { token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() });
  });
  server.listen(c.port, c.address);
});
`;

async function startTokenServer(registry: TestRegistry, endpoint: RegistryEndpoint, leaf: Leaf): Promise<ChildProcess> {
  const pki = path.join(registry.dir, 'pki');
  const signerKey = path.join(pki, 'token-signer.key');
  const signerCert = path.join(pki, 'token-signer.pem');
  if (!existsSync(signerCert)) {
    // Self-signed: the registry's rootcertbundle holds exactly this certificate.
    await openssl([
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', signerKey, '-out', signerCert, '-days', '30', '-subj', '/O=Sitekit test bed/CN=token signer',
    ]); // prettier-ignore
  }
  const script = path.join(registry.dir, 'token-server.mjs');
  await writeFile(script, TOKEN_SERVER);
  const port = endpoint.port + TOKEN_PORT_OFFSET;
  const config = {
    address: registry.address,
    port,
    issuer: ISSUER,
    service: endpoint.host,
    username: registry.username,
    password: registry.password,
    signerKey,
    signerCert,
    tlsCert: leaf.certFile,
    tlsKey: leaf.keyFile,
  };
  return startProcess(registry, `token-${endpoint.port}`, [process.execPath, script], port, JSON.stringify(config));
}

// --- pushing through the registry API --------------------------------------------------------

const MEDIA = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  list: 'application/vnd.docker.distribution.manifest.list.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(endpoint: RegistryEndpoint, registry: TestRegistry, url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        ca: [registry.caPem, registry.otherCaPem],
        // Only the trusted profiles are verified here; the others are broken on purpose.
        rejectUnauthorized: endpoint.cert === 'trusted' || endpoint.cert === 'expiring',
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${url.pathname} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** One registry request, answering a 401 challenge once (basic, or a bearer token fetched with the login). */
async function call(registry: TestRegistry, endpoint: RegistryEndpoint, method: string, target: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  const url = new URL(target, `https://${endpoint.host}`);
  const first = await send(endpoint, registry, url, method, headers, body);
  if (first.status !== 401) return first;
  const challenge = String(first.headers['www-authenticate'] ?? '');
  const basic = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
  if (/^basic/i.test(challenge)) return send(endpoint, registry, url, method, { ...headers, authorization: basic }, body);
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  if (!/^bearer/i.test(challenge) || !params.realm) throw new Error(`the test registry asked for an unknown login: ${challenge}`);
  const tokenUrl = new URL(params.realm);
  if (params.service) tokenUrl.searchParams.set('service', params.service);
  if (params.scope) tokenUrl.searchParams.set('scope', params.scope);
  const reply = await send(endpoint, registry, tokenUrl, 'GET', { authorization: basic });
  if (reply.status !== 200) throw new Error(`the test token server answered ${reply.status}`);
  const token = (JSON.parse(reply.body.toString()) as { token: string }).token;
  return send(endpoint, registry, url, method, { ...headers, authorization: `Bearer ${token}` }, body);
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function uploadBlob(registry: TestRegistry, endpoint: RegistryEndpoint, repository: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const started = await call(registry, endpoint, 'POST', `/v2/${repository}/blobs/uploads/`, {});
  const location = started.headers.location;
  if (started.status !== 202 || typeof location !== 'string') throw new Error(`starting a blob upload to ${repository} answered ${started.status}: ${started.body.toString()}`);
  const put = new URL(location, `https://${endpoint.host}`);
  put.searchParams.set('digest', digest);
  const done = await call(registry, endpoint, 'PUT', put.pathname + put.search, { 'content-type': 'application/octet-stream' }, blob);
  if (done.status !== 201) throw new Error(`uploading a blob to ${repository} answered ${done.status}: ${done.body.toString()}`);
  return digest;
}

async function putManifest(registry: TestRegistry, endpoint: RegistryEndpoint, repository: string, reference: string, mediaType: string, manifest: object): Promise<{ digest: string; size: number }> {
  const body = Buffer.from(JSON.stringify(manifest));
  const reply = await call(registry, endpoint, 'PUT', `/v2/${repository}/manifests/${reference}`, { 'content-type': mediaType }, body);
  if (reply.status !== 201) throw new Error(`putting the manifest ${repository}:${reference} answered ${reply.status}: ${reply.body.toString()}`);
  const digest = sha256(body);
  if (reply.headers['docker-content-digest'] !== digest) throw new Error(`the registry gave ${repository}:${reference} another digest than its content's`);
  return { digest, size: body.length };
}

/** A tiny but well-formed image: one layer (an empty tar), a config naming the image, a schema 2 manifest. */
async function pushImage(registry: TestRegistry, endpoint: RegistryEndpoint, image: RegistryImage): Promise<PushedImage> {
  const tar = Buffer.alloc(1024); // two zero blocks: an empty tar archive
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-01-01T00:00:00Z',
      config: { Labels: { 'io.sitekit.testbed.image': `${image.repository}:${image.tag}` } },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      history: [{ created: '2026-01-01T00:00:00Z', created_by: 'sitekit test bed' }],
    }),
  );
  const layerDigest = await uploadBlob(registry, endpoint, image.repository, layer);
  const configDigest = await uploadBlob(registry, endpoint, image.repository, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: { mediaType: MEDIA.config, size: config.length, digest: configDigest },
    layers: [{ mediaType: MEDIA.layer, size: layer.length, digest: layerDigest }],
  };
  if (!image.list) {
    const { digest } = await putManifest(registry, endpoint, image.repository, image.tag, MEDIA.manifest, manifest);
    return { ...image, digest, mediaType: MEDIA.manifest };
  }
  // The operator index is multi-arch: a manifest list whose amd64 entry is the image above.
  const amd64 = await putManifest(registry, endpoint, image.repository, sha256(Buffer.from(JSON.stringify(manifest))), MEDIA.manifest, manifest);
  const list = {
    schemaVersion: 2,
    mediaType: MEDIA.list,
    manifests: [{ mediaType: MEDIA.manifest, size: amd64.size, digest: amd64.digest, platform: { architecture: 'amd64', os: 'linux' } }],
  };
  const { digest } = await putManifest(registry, endpoint, image.repository, image.tag, MEDIA.list, list);
  return { ...image, digest, mediaType: MEDIA.list };
}
