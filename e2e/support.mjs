// Shared by the end-to-end tests and the measurement tools: starts the real backend on a free port
// with a fresh database, serving the release build in dist/, and a headless Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
 * For a test file: the backend and a browser, started before its tests and stopped after; with
 * `pagePerTest`, also a fresh browser context and page for each test, which fails the test on any
 * fault the app reports. The returned object's `server`, `browser`, `context` and `page` are the
 * current ones.
 */
export function testEnvironment({ pagePerTest = false, locale } = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  if (pagePerTest) {
    beforeEach(async () => {
      env.context = await env.browser.newContext(locale ? { locale } : {});
      env.page = await newPage(env.context);
    });
    afterEach(async () => {
      assert.deepEqual(env.page.faults, [], 'the app reported no errors');
      await env.context.close();
    });
  }
  return env;
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

/** Presses Tab until the focus is on the element matching `selector`; fails after 60 presses. */
/** "Underskriv" on the development login's confirmation page, in `root` (a page or a component). */
export async function confirmSignature(root) {
  await root.getByRole('button', { name: 'Underskriv', exact: true }).click();
}

export async function tabTo(page, selector) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
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
 * `{ issuer, stop }` once it listens.
 */
export async function startProvider(site) {
  const child = spawn(process.execPath, [join(root, 'e2e', 'tools', 'oidc-provider.mjs'), '0', `${site}/api/login/callback`], {
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

/** Logs in through the development identity provider as the demo person with this name. */
export async function logIn(page, url, name) {
  await page.goto(`${url}/log-ind`);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await page.getByTestId('person-name').filter({ hasText: name }).waitFor();
}

/**
 * On a phone-sized page: logs in as `name` and chooses the company matching `company`; resolves
 * once the compact context in the header shows it (the person's name is in the closed menu).
 */
export async function actAsCompanyOnAPhone(page, url, name, company) {
  await page.goto(`${url}/log-ind`);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await page.getByLabel(company).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('context-compact').filter({ hasText: company }).waitFor();
}

/**
 * The page states every accessibility check visits, as steps on a fresh page: each resolves once
 * the state is on screen. Shared by the accessibility test and `make axe`.
 */
export const accessibilityStates = [
  ['start page, not logged in', async (page, url) => {
    await page.goto(url);
    await page.getByTestId('backend-status').waitFor();
  }],
  ['login', async (page, url) => {
    await page.goto(`${url}/log-ind`);
    await page.getByRole('button', { name: /Log ind som/ }).first().waitFor();
  }],
  ['context chooser', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.getByRole('heading', { name: 'Hvem vil du handle som?' }).waitFor();
  }],
  ['context chooser with an error', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('alert').first().waitFor();
  }],
  ['switcher open, twelve companies, filtered to nothing', async (page, url) => {
    await logIn(page, url, 'Karen Holm');
    await page.getByLabel('Som privatperson').check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-context-toggle').click();
    await page.locator('#tilslut-context-filter').fill('zzz');
    await page.getByText('Ingen virksomheder matcher din søgning.').waitFor();
  }],
  ['set-up link, expired', async (page, url) => {
    await page.goto(`${url}/opsaet/demo-udloebet`);
    await page.getByTestId('setup-refused').waitFor();
  }],
  ['caseworker, terms form with errors', async (page, url) => {
    await logIn(page, url, 'Signe Holt');
    await page.goto(`${url}/sagsbehandling/vilkaar`);
    await page.getByTestId('terms-versions').waitFor();
    await page.getByRole('button', { name: 'Udgiv vilkår' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['phone, acting for a company, menu closed', async (page, url) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await actAsCompanyOnAPhone(page, url, 'Lars Nielsen', /Havnens Rederi ApS/);
  }],
  ['wizard start', async (page, url) => {
    await logIn(page, url, 'Emil Larsen');
    await page.goto(`${url}/tilslut`);
    await page.getByRole('link', { name: 'Start tilslutning' }).waitFor();
  }],
  ['wizard organisation step with an error', async (page, url) => {
    await logIn(page, url, 'Mette Jensen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Jensens Tømrerforretning/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard organisation step', async (page, url) => {
    await logIn(page, url, 'Sofie Madsen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Boldklubben Øst/).waitFor();
  }],
  ['wizard terms step with an error', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Nielsen Rådgivning ApS/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByLabel(/accepterer dem på organisationens vegne/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard terms step', async (page, url) => {
    await logIn(page, url, 'Jonas Berg');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Havnens Rederi/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByLabel(/accepterer dem på organisationens vegne/).waitFor();
  }],
  ['wizard administrators with errors', async (page, url) => {
    await startCase(page, url, 'Mette Jensen', 'Jensens Tømrerforretning');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard administrators, two rows', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Egeskov Snedkeri ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
    await page.locator('#administrators-1-name').waitFor();
  }],
  ['wizard summary', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Holm Invest ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('karen@holminvest.dk');
    await page.locator('#administrators-0-date_of_birth').fill('12-06-1985');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByTestId('signing-text').waitFor();
  }],
  ['wizard receipt', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Holm Ejendomme ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('karen@holmejendomme.dk');
    await page.locator('#administrators-0-date_of_birth').fill('03-04-1970');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
    await confirmSignature(page);
    await page.getByTestId('reference').waitFor();
  }],
  ['documentation step with errors', async (page, url) => {
    await startDocumentationCase(page, url);
    await page.getByRole('button', { name: 'Send til manuel behandling' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['documentation step', async (page, url) => {
    const cvr = await cvrOf(url, 'karen', 'Fjordens Fiskehandel ApS');
    await startDocumentationCase(page, url, { name: 'Anders Poulsen', company: 'Fjordens Fiskehandel ApS', email: 'anders@fjorden.dk', cvr });
    await page.getByLabel('Billed-ID (pas, kørekort eller ID-kort)').waitFor();
  }],
  ['documentation case awaiting manual review', async (page, url) => {
    const cvr = await cvrOf(url, 'sofie', 'Boldklubben Øst');
    await startDocumentationCase(page, url, { name: 'Emil Larsen', company: 'Boldklubben Øst', email: 'emil@boldklubben.dk', cvr });
    await sendDocumentation(page);
    await page.getByTestId('awaiting').waitFor();
  }],
  ['preparation: check and send', async (page, url) => {
    const cvr = await cvrOf(url, 'karen', 'Dansk Vinimport ApS');
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forbered`);
    await chooseByCvr(page, cvr);
    await page.getByLabel(/Karen Holm/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('anders@vin.dk');
    await page.locator('#administrators-0-date_of_birth').fill('09-09-1990');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Send til godkendelse' }).waitFor();
  }],
  ['preparation: approver step with an error', async (page, url) => {
    const cvr = await cvrOf(url, 'peter', 'Nordlys Energi A/S');
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forbered`);
    await chooseByCvr(page, cvr);
    await page.getByLabel(/Peter Sørensen/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['approval page with a rejection error', async (page, url) => {
    const cvr = await cvrOf(url, 'karen', 'Blomsterhuset Vesterbro ApS');
    await logIn(page, url, 'Anders Poulsen');
    const id = await prepare(page, url, cvr, 'Karen Holm');
    await page.getByRole('button', { name: 'Log af' }).click();
    await logIn(page, url, 'Karen Holm');
    await page.goto(`${url}/godkend/${id}`);
    await page.getByRole('button', { name: 'Afvis tilslutningen' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['my preparations', async (page, url) => {
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forberedelser`);
    await page.locator('h1').waitFor();
    await page.getByRole('link', { name: 'Forbered en tilslutning' }).waitFor();
  }],
  ['accessibility statement', async (page, url) => {
    await page.goto(`${url}/tilgaengelighed`);
    await page.locator('h1').waitFor();
  }],
  ['page not found', async (page, url) => {
    await page.goto(`${url}/findes-ikke`);
    await page.locator('h1').waitFor();
  }],
];

/** Logs in privately and takes the wizard through the organisation and the terms. */
export async function startCase(page, url, name, company) {
  await logIn(page, url, name);
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('acting-as').waitFor();
  await chooseAndAcceptTerms(page, url, company);
}

/** In the wizard, logged in: chooses `company` and accepts the terms, up to the administrators' step. */
export async function chooseAndAcceptTerms(page, url, company) {
  await page.goto(`${url}/tilslut/organisation`);
  await page.getByRole('radio', { name: new RegExp(company) }).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.waitForURL(/\/administratorer$/);
}

/** On an organisation step (the wizard's or the anmelder's): types `cvr` as another organisation and goes on. */
export async function chooseByCvr(page, cvr) {
  await page.getByLabel('En anden organisation (skriv CVR-nummer)').check();
  await page.getByLabel('CVR-nummer', { exact: true }).fill(cvr);
  await page.getByRole('button', { name: 'Fortsæt' }).click();
}

/** A PDF file for the upload fields. */
/** A file that is a PDF by its content, as the server checks, of `bytes` bytes. */
export const pdf = (name, bytes = 2048) => {
  const header = Buffer.from('%PDF-1.7\n');
  return { name, mimeType: 'application/pdf', buffer: Buffer.concat([header, Buffer.alloc(bytes - header.length, 0x25)]) };
};

/** On the documentation step: uploads both documents, waits for each, and sends the case for manual review. */
export async function sendDocumentation(page) {
  await page.getByLabel('Billed-ID (pas, kørekort eller ID-kort)').setInputFiles(pdf('pas.pdf'));
  await page.getByTestId('upload-identity').getByTestId('uploaded').waitFor();
  await page.getByLabel('Dokumentation for din tilknytning til organisationen').setInputFiles(pdf('fuldmagt.pdf'));
  await page.getByTestId('upload-affiliation').getByTestId('uploaded').waitFor();
  await page.getByRole('button', { name: 'Send til manuel behandling' }).click();
}

/** The anmelder on `page` prepares the connection of `cvr` for `approver` and sends it; returns the case id. */
export async function prepare(page, url, cvr, approver, admin = 'Anders Poulsen') {
  await page.goto(`${url}/forbered`);
  await chooseByCvr(page, cvr);
  await page.waitForURL(/\/forbered\/[^/]+\/godkender$/);
  const id = page.url().match(/\/forbered\/([^/]+)\//)[1];
  await finishPreparation(page, approver, admin);
  await page.waitForURL(/\/forberedelser$/);
  return id;
}

/** On the anmelder's approver step (in the app or an embedded component): chooses `approver`, adds `admin`, and sends the case for approval. */
export async function finishPreparation(page, approver, admin = 'Anders Poulsen') {
  await page.getByLabel(new RegExp(approver)).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
  await page.locator('#administrators-0-name').fill(admin);
  await page.locator('#administrators-0-email').fill(`${admin.split(' ')[0].toLowerCase()}@bogholderi.dk`);
  await page.locator('#administrators-0-date_of_birth').fill('09-09-1990');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Send til godkendelse' }).click();
}

/**
 * Ida, whom the register does not show in the fond she comes for (or another person and company),
 * takes the documentation path up to its upload step (journey C).
 */
export async function startDocumentationCase(page, url, {
  name = 'Ida Christensen', company = 'Fonden for Dansk Kunsthåndværk', email = 'ida@kunsthaandvaerk.dk', cvr,
} = {}) {
  if (!cvr) {
    const persons = await (await page.request.get(`${url}/api/dev/persons`)).json();
    cvr = persons.find((p) => p.name === name).description.match(/CVR (\d{8})/)[1];
  }
  await logIn(page, url, name);
  await page.goto(`${url}/tilslut/organisation`);
  await chooseByCvr(page, cvr);
  await page.getByTestId('obstacle').getByText(`CVR viser dig ikke som ledelsesrepræsentant for ${company}`, { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Send dokumentation til manuel behandling' }).click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill(email);
  await page.locator('#administrators-0-date_of_birth').fill('15-08-1968');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.waitForURL(/\/dokumentation$/);
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The CVR number of a demo company, asked of the API as a person the register shows in it. */
export async function cvrOf(url, personId, companyName) {
  const { request } = await import('playwright-core');
  const api = await request.newContext({ baseURL: url });
  try {
    const login = await api.post('/api/dev/login', { data: { person_id: personId }, headers: { 'x-tilslut-context': 'none' } });
    if (!login.ok()) throw new Error(`dev login as ${personId}: ${login.status()}`);
    const organisations = await (await api.get('/api/organisations')).json();
    const found = organisations.find((o) => o.name === companyName);
    if (!found) throw new Error(`${personId} is not in ${companyName}`);
    return found.cvr;
  } finally {
    await api.dispose();
  }
}

/** Puts new terms in force at once through the development API (a real publication gives three months' notice); returns the HTTP status. */
export async function termsInForceNow(page, body) {
  return page.evaluate(async (body) => (await fetch('/api/dev/terms', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-tilslut-context': 'private' }, body: JSON.stringify(body),
  })).status, body);
}

/** Signe Holt, the caseworker, on `page`: from the start page to the queue, and on to the case of `organisation`. */
export async function openFromQueue(page, url, organisation) {
  await logIn(page, url, 'Signe Holt');
  await page.getByRole('link', { name: 'Sagsbehandling' }).click();
  await page.getByTestId('queue').getByRole('link', { name: new RegExp(organisation) }).click();
  await page.getByTestId('history').waitFor();
}

/** The e-mails the reference backend has sent (the development mailbox), as seen by this page. */
export async function mailbox(page) {
  return page.evaluate(async () => (await fetch('/api/dev/mailbox')).json());
}
