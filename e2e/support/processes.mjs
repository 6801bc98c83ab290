// The processes the end-to-end tests and the measurement tools start: the real backend on a free
// port with a fresh database, serving the release build in dist/; the test OpenID provider; a
// static server for host pages on another origin.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverBinary = join(root, 'target', 'server', 'tilslut-server');

/** A new database on the PostgreSQL server that scripts/with-postgres.sh started: its URL. */
export function postgresDatabase(prefix = 'e2e') {
  const server = process.env.TILSLUT_TEST_POSTGRES;
  if (!server) throw new Error('no PostgreSQL server: run this under scripts/with-postgres.sh');
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  execFileSync('psql', [`${server}/postgres`, '-qc', `CREATE DATABASE ${name}`]);
  return `${server}/${name}`;
}

/**
 * Starts tilslut-server; resolves once it prints its address. Its database is a new SQLite file,
 * or with TILSLUT_E2E_DATABASE=postgres a new PostgreSQL database (`make test-e2e-postgres`).
 */
export async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tilslut-e2e-'));
  const database = process.env.TILSLUT_E2E_DATABASE === 'postgres' ? postgresDatabase() : join(dataDir, 'tilslut.db');
  const child = spawn(serverBinary, [], {
    cwd: root,
    env: {
      ...process.env,
      TILSLUT_ADDR: '127.0.0.1:0',
      TILSLUT_DATABASE: database,
      TILSLUT_DIST: join(root, 'dist'),
      TILSLUT_DEV_LOGIN: '1',
      TILSLUT_LOGIN_PER_MINUTE: '1000',
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  let out = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
    if (process.env.SERVER_LOG) process.stderr.write(chunk);
  });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/running at (http:\/\/[^/\s]+)\//);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`tilslut-server exited with ${code}: ${errors}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    url,
    /** Everything the server has written so far. */
    output: () => out + errors,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the files of `dir` on a port of its own, as a host page on another origin would be;
 * resolves to `{ url, close }`.
 */
export async function serveStatic(dir) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://host').pathname;
    const file = join(dir, path.replace(/\.\./g, '') + (path.endsWith('/') ? 'index.html' : ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A TCP port free on this machine now. */
export async function freePort() {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The test OpenID provider (e2e/tools/oidc-provider.mjs) for a tilslut at `site`; resolves to
 * `{ issuer, stop }` once it listens. Conformant (the person's claims from the userinfo endpoint),
 * or with `claimsInIdToken` giving them in the ID token.
 */
export async function startProvider(site, { claimsInIdToken = false } = {}) {
  const shape = claimsInIdToken ? ['--claims-in-id-token'] : [];
  const child = spawn(process.execPath, [join(root, 'e2e', 'tools', 'oidc-provider.mjs'), '0', `${site}/api/login/callback`, ...shape], {
    cwd: root, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/issuer (\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the test provider exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    issuer,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

