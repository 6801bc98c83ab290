// Shared by the end-to-end tests and the measurement tools: starts the real backend on a free port
// with a fresh database, serving the release build in dist/, and a headless Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverBinary = join(root, 'target', 'server', 'tilslut-server');

/** Starts tilslut-server; resolves once it prints its address. */
export async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tilslut-e2e-'));
  const child = spawn(serverBinary, [], {
    cwd: root,
    env: {
      ...process.env,
      TILSLUT_ADDR: '127.0.0.1:0',
      TILSLUT_DATABASE: join(dataDir, 'tilslut.db'),
      TILSLUT_DIST: join(root, 'dist'),
      TILSLUT_DEV_LOGIN: '1',
      TILSLUT_LOGIN_PER_MINUTE: '1000',
      RUST_LOG: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
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
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * A new page that fails the test on any uncaught error in the app (a crashed release build, a
 * panic) and on any request the Content-Security-Policy refuses.
 */
export async function newPage(context) {
  const page = await context.newPage();
  page.faults = [];
  page.on('pageerror', (error) => page.faults.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|panicked/.test(message.text())) {
      page.faults.push(`console: ${message.text()}`);
    }
  });
  return page;
}

/** Logs in through the development identity provider as the demo person with this name. */
export async function logIn(page, url, name) {
  await page.goto(`${url}/log-ind`);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
}
