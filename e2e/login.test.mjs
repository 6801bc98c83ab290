// Logging in through a real OpenID provider (issue 18), as a MitID broker would run it: the npm
// package oidc-provider, its test accounts carrying a CPR number and a name. No development
// endpoint is used: the server runs without the development login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startProvider, freePort, launchBrowser, newPage, axeViolations, chooseAndAcceptTerms, addMyselfAndGoOn } from './support.mjs';

// The test accounts' CPR numbers (e2e/tools/oidc-provider.mjs), which must never reach a log.
const CPR_NUMBERS = ['1403701237', '0105751118', '0101011234', '0202021234'];

let server;
let provider;
let browser;

before(async () => {
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  provider = await startProvider(site);
  server = await startServer({
    TILSLUT_ADDR: `127.0.0.1:${port}`,
    TILSLUT_DEV_LOGIN: '',
    TILSLUT_OIDC_ISSUER: provider.issuer,
    TILSLUT_OIDC_CLIENT_ID: 'tilslut',
    TILSLUT_OIDC_CLIENT_SECRET: 'tilslut-test-secret',
    TILSLUT_OIDC_SCOPES: 'profile mitid',
    // Everything the server logs, so that the scan below has something to scan.
    RUST_LOG: 'debug',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

/** The provider's login form, filled in as `account`. */
async function atProvider(page, account) {
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('test');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** From the start page through the provider's login form as `account`. */
async function logInAt(page, account) {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Log ind' }).click();
  await page.getByTestId('login-broker').click();
  await atProvider(page, account);
}


test('a representative logs in at the broker, switches to a company, connects it and signs with a fresh login', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await logInAt(page, 'lars');
  await page.waitForURL(/\/vaelg-kontekst$/);
  await page.getByTestId('person-name').filter({ hasText: 'Lars Nielsen' }).waitFor();
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('acting-as').filter({ hasText: 'Privat' }).waitFor();
  // The switcher, top right: on to the company.
  await page.locator('.tilslut-context-toggle').click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Nielsen Rådgivning ApS' }).click();
  await page.getByTestId('acting-as').filter({ hasText: 'Nielsen Rådgivning ApS' }).waitFor();

  await chooseAndAcceptTerms(page, server.url, 'Nielsen Rådgivning ApS');
  await addMyselfAndGoOn(page, 'lars@raadgivning.dk', '14-03-1970');
  const signed = await page.getByTestId('signing-text').innerText();
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  // At the provider again, although logged in there: a signature is a login of its own.
  await atProvider(page, 'lars');
  await page.waitForURL(/\/kvittering$/);
  await page.getByTestId('reference').waitFor();
  assert.match(signed, /Jeg underskriver på vegne af Nielsen Rådgivning ApS/);
  assert.deepEqual(page.faults, []);

  // Logging out ends the session at the provider too, which sends the browser back here.
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.getByRole('button', { name: /Yes, sign me out/ }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByText('Ikke logget ind').waitFor();
  await page.getByRole('link', { name: 'Log ind' }).click();
  await page.getByTestId('login-broker').click();
  await page.locator('input[name="login"]').waitFor();
  await context.close();
});

test('a signature by another account is refused in words, and nothing typed is lost', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await logInAt(page, 'mette');
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await chooseAndAcceptTerms(page, server.url, 'Jensens Tømrerforretning');
  await addMyselfAndGoOn(page, 'mette@tomrer.dk', '01-05-1975');
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await atProvider(page, 'lars');
  await page.waitForURL(/\/opsummering\?underskrift=anden-person$/);
  await page.getByTestId('signing-failure').getByText('en anden persons MitID', { exact: false }).waitFor();
  await page.getByTestId('summary-administrators').getByText(/mette@tomrer\.dk/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Signed by Mette herself, it goes through.
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await atProvider(page, 'mette');
  await page.waitForURL(/\/kvittering$/);
  await page.getByTestId('reference').waitFor();
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a person the register does not know logs in and acts privately', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await logInAt(page, 'ukendt');
  await page.getByTestId('person-name').filter({ hasText: 'Ulla Ukendt' }).waitFor();
  await page.goto(server.url);
  assert.equal(await page.getByTestId('acting-as').innerText(), 'Privat');
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a login cancelled at the broker comes back as a page in words, with a way to try again', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(`${server.url}/log-ind`);
  await page.getByTestId('login-broker').click();
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await page.waitForURL(/\/log-ind\?fejl=afbrudt$/);
  await page.getByTestId('login-failure').getByText('Du afbrød login med MitID', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // A tampered answer is told the same way, never as a JSON error.
  await page.goto(`${server.url}/api/login/callback?code=x&state=forged`);
  await page.waitForURL(/\/log-ind\?fejl=/);
  await page.getByTestId('login-failure').waitFor();
  await page.getByTestId('login-failure').getByRole('link', { name: 'Prøv igen' }).click();
  await page.locator('input[name="login"]').waitFor();
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a login below substantial assurance is refused in words, with a way to try again', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await logInAt(page, 'lav');
  await page.waitForURL(/\/log-ind\?fejl=sikringsniveau$/);
  await page.getByTestId('login-failure').getByText('for lavt sikringsniveau', { exact: false }).waitFor();
  await page.getByTestId('login-failure').getByRole('link', { name: 'Prøv igen' }).waitFor();
  assert.equal((await context.request.get(`${server.url}/api/session`)).status(), 401, 'nobody is logged in');
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('no CPR number appears in anything the server wrote', () => {
  const output = server.output();
  assert.ok(output.length > 0);
  for (const cpr of CPR_NUMBERS) assert.ok(!output.includes(cpr), `the server's output holds ${cpr}`);
});
