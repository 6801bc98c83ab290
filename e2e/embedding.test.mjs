// The runnable examples: another Leptos app's header with tilslut's context switcher
// (examples/leptos-host), served by the real backend (the API's origin) and from other origins; and a
// plain HTML page with the custom element (examples/plain-html, built into target/elements-dist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, root, serveStatic, chooseByCvr, cvrOf, finishPreparation, mailbox, confirmSignature } from './support.mjs';

const exampleDist = join(root, 'target', 'example-host-dist');
let server, browser, host, stranger, plain;
before(async () => {
  // The example also on two other origins: one the backend allows, one it does not.
  host = await serveStatic(exampleDist);
  stranger = await serveStatic(exampleDist);
  plain = await serveStatic(join(root, 'target', 'elements-dist'));
  server = await startServer({ TILSLUT_DIST: exampleDist, TILSLUT_ALLOWED_ORIGINS: `${host.url},${plain.url}` });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await host?.close();
  await stranger?.close();
  await plain?.close();
});

/** Logs a demo person (Lars unless told) in through the API at `api` from the page, as the host's own login would, acting privately. */
async function logInPrivately(page, api, personId = 'lars') {
  const status = await page.evaluate(async ([api, personId]) => {
    const call = (path, body, method = 'POST') => fetch(`${api}${path}`, {
      method, credentials: 'include', headers: { 'content-type': 'application/json', 'x-tilslut-context': 'none' }, body: JSON.stringify(body),
    });
    await call('/api/dev/login', { person_id: personId });
    return (await call('/api/session/context', { context: { kind: 'private' } }, 'PUT')).status;
  }, [api, personId]);
  assert.equal(status, 200);
}

test('a host app embeds the switcher, themes it, and hears about a switch', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  await logInPrivately(page, '');
  await page.reload();

  const toggle = page.locator('.tilslut-context-toggle');
  await toggle.waitFor();
  assert.equal(await page.getByTestId('context-current').innerText(), 'Privat', 'Danish by default');
  assert.equal(await toggle.evaluate((el) => getComputedStyle(el).color), 'rgb(107, 44, 145)', 'themed by a custom property');
  await toggle.click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await page.getByTestId('context-current').filter({ hasText: 'Havnens Rederi ApS' }).waitFor();
  assert.match(await page.getByTestId('host-acting-as').innerText(), /Havnens Rederi ApS/, 'on_change reached the host');
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a host on another origin that the backend allows uses the switcher with the session cookie', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(`${host.url}/?api=${encodeURIComponent(server.url)}`);
  await logInPrivately(page, server.url);
  await page.reload();
  await page.locator('.tilslut-context-toggle').click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Nielsen Rådgivning' }).click();
  await page.getByTestId('context-current').filter({ hasText: 'Nielsen Rådgivning ApS' }).waitFor();
  assert.match(await page.getByTestId('host-acting-as').innerText(), /Nielsen Rådgivning ApS/);
  assert.deepEqual(page.faults, []);
  await context.close();
});

for (const [name, apiOf, origin] of [
  ['a backend that does not allow the host\'s origin', () => server.url, () => stranger.url],
  ['a wrong API address', () => 'http://127.0.0.1:9', () => host.url],
]) {
  test(`${name}: the switcher says so, and the console says why`, async () => {
    const context = await browser.newContext();
    const page = await newPage(context);
    const console = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${origin()}/?api=${encodeURIComponent(apiOf())}`);
    await page.getByTestId('switcher-error').getByText(/Vi kan ikke få forbindelse til tjenesten/).waitFor();
    assert.ok(console.some((line) => line.includes('TILSLUT_ALLOWED_ORIGINS')), console.join('\n'));
    assert.deepEqual(page.faults, [], 'no panic: the host page lives on');
    await context.close();
  });
}

test('a plain HTML page uses <tilslut-context-switcher> across origins, hears its event, and keeps its CSS apart', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(`${plain.url}/?api=${encodeURIComponent(server.url)}&lang=en`);
  await logInPrivately(page, server.url);
  await page.reload();
  // Playwright's locators pierce the open shadow root, as a person's eyes do.
  const toggle = page.locator('tilslut-context-switcher .tilslut-context-toggle');
  await toggle.waitFor();
  assert.equal(await page.getByTestId('context-current').innerText(), 'Private', 'lang="en"');
  assert.equal(await toggle.evaluate((el) => getComputedStyle(el).outlineStyle), 'none', "the host's CSS stays outside");
  assert.equal(await page.getByTestId('host-own').evaluate((el) => getComputedStyle(el).display), 'block', "the component's CSS stays inside");
  assert.equal(await toggle.evaluate((el) => getComputedStyle(el).color), 'rgb(107, 44, 145)', 'themed by a custom property');
  await toggle.click();
  await page.locator('tilslut-context-switcher button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await page.getByTestId('host-acting-as').filter({ hasText: /^Havnens Rederi ApS \(CVR \d{8}\)$/ }).waitFor();
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('the switcher-only module registers the switcher, and not the journeys', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(`${plain.url}/switcher-only/?api=${encodeURIComponent(server.url)}`);
  await logInPrivately(page, server.url);
  await page.reload();
  await page.locator('tilslut-context-switcher .tilslut-context-toggle').click();
  await page.locator('tilslut-context-switcher button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await page.getByTestId('host-acting-as').filter({ hasText: /^Havnens Rederi ApS/ }).waitFor();
  assert.equal(await page.evaluate(() => customElements.get('tilslut-onboarding')), undefined);
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('an unknown attribute value is explained inside the element and in the console', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(`${plain.url}/?api=${encodeURIComponent(server.url)}&lang=de`);
  await page.locator('tilslut-context-switcher [role=alert]').getByText(/lang="de" is not a language of this component/).waitFor();
  assert.ok(console.some((line) => line.includes('<tilslut-context-switcher>: lang="de"')), console.join('\n'));
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('the host app embeds the wizard: log in, choose the context and connect inside it, the host\'s address untouched', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  const wizard = page.getByRole('region', { name: 'Tilslut organisation' });
  // The design system's look inside tilslut-scope, themed by the host; the host's own page untouched.
  const login = wizard.getByRole('link', { name: 'Log ind' });
  assert.equal(await login.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(107, 44, 145)', "the host's --tilslut-primary");
  assert.match(await login.evaluate((el) => getComputedStyle(el).fontFamily), /IBM Plex Sans/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '16px', "the host's root size");
  assert.doesNotMatch(await page.locator('.host-header strong').evaluate((el) => getComputedStyle(el).fontFamily), /IBM Plex/);
  await login.click();
  await wizard.getByRole('button', { name: 'Log ind som Mette Jensen' }).click();
  await wizard.getByLabel('Som privatperson').check();
  await wizard.getByRole('button', { name: 'Fortsæt' }).click();
  await wizard.getByRole('link', { name: 'Start tilslutning' }).click();
  await wizard.getByLabel(/Jensens Tømrerforretning/).check();
  await wizard.getByRole('button', { name: 'Fortsæt' }).click();
  await wizard.getByLabel(/accepterer dem på organisationens vegne/).check();
  await wizard.getByRole('button', { name: 'Fortsæt' }).click();
  await wizard.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill('mette@tomrer.dk');
  await page.locator('#administrators-0-date_of_birth').fill('01-02-1975');
  await wizard.getByRole('button', { name: 'Fortsæt' }).click();
  await wizard.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await confirmSignature(wizard);
  await wizard.getByTestId('reference').waitFor();
  assert.match(await page.getByTestId('host-heard').innerText(), /^godkendt: Jensens Tømrerforretning/, 'on_case_approved reached the host');
  assert.equal(new URL(page.url()).pathname, '/', 'every step happened inside the component');
  assert.deepEqual((await mailbox(page)).map((mail) => mail.kind).sort(), ['administrator_setup', 'receipt']);
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a plain HTML page on another origin: <tilslut-preparation> sends a case, <tilslut-approval> approves it', async () => {
  const nielsen = await cvrOf(server.url, 'lars', 'Nielsen Rådgivning ApS');
  const anders = await newPage(await browser.newContext());
  await anders.goto(`${plain.url}/?journey=preparation&api=${encodeURIComponent(server.url)}`);
  await logInPrivately(anders, server.url, 'anders');
  await anders.reload();
  await chooseByCvr(anders, nielsen);
  await finishPreparation(anders, 'Lars Nielsen');
  const sent = anders.getByTestId('host-heard').filter({ hasText: /^sendt: Nielsen Rådgivning ApS/ });
  await sent.waitFor();
  const id = (await sent.innerText()).match(/\((.+)\)$/)[1];
  assert.deepEqual(anders.faults, []);

  const lars = await newPage(await browser.newContext());
  await lars.goto(`${plain.url}/?journey=approval&case=${id}&api=${encodeURIComponent(server.url)}`);
  await logInPrivately(lars, server.url, 'lars');
  await lars.reload();
  await lars.locator('tilslut-approval').getByTestId('prepared-by').filter({ hasText: 'Forberedt af Anders Poulsen' }).waitFor();
  await lars.getByLabel(/accepterer dem på organisationens vegne/).check();
  const approve = lars.getByRole('button', { name: 'Godkend og underskriv' });
  assert.equal(await approve.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(107, 44, 145)', "the host's --tilslut-primary");
  await approve.click();
  await confirmSignature(lars);
  await lars.locator('tilslut-approval').getByTestId('reference').waitFor();
  assert.equal(await lars.getByTestId('host-heard').innerText(), `godkendt: Nielsen Rådgivning ApS (${id})`);
  assert.deepEqual(lars.faults, []);
});

test('<tilslut-approval> without a case, or for a case that is not there, says so inside and to the host', async () => {
  const page = await newPage(await browser.newContext());
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(`${plain.url}/?journey=approval&api=${encodeURIComponent(server.url)}`);
  await page.locator('tilslut-approval [role=alert]').getByText(/the case attribute is missing/).waitFor();
  assert.ok(console.some((line) => line.includes('<tilslut-approval>: the case attribute is missing')), console.join('\n'));

  await page.goto(`${plain.url}/?journey=approval&case=findes-ikke&api=${encodeURIComponent(server.url)}`);
  await logInPrivately(page, server.url, 'lars');
  await page.reload();
  await page.locator('tilslut-approval').getByTestId('problem').waitFor();
  assert.match(await page.getByTestId('host-heard').innerText(), /^fejl: not_found: /);
  assert.deepEqual(page.faults, []);
});
