// Journey D of the domain brief, driven as a person would in the release build against the real
// backend: log in, choose a context, see it at the top right, switch, log out.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, startServer, newPage, logIn, actAsCompanyOnAPhone, startCase, axeViolations, addMyselfAndGoOn } from './support.mjs';

// An English browser: the app still starts in Danish, as every test below expects.
const env = testEnvironment({ pagePerTest: true, locale: 'en-US' });
let page;
beforeEach(() => {
  page = env.page;
});

const current = () => page.getByTestId('context-current');
const toggle = () => page.locator('.tilslut-context-toggle');

test('the release build starts in Danish with one clear start, and no service status for citizens', async () => {
  await page.goto(env.server.url);
  await page.getByTestId('start').filter({ hasText: 'Start tilslutning' }).click();
  await page.waitForURL(/\/log-ind$/);
  await page.goBack();
  await page.getByTestId('start').waitFor();
  assert.equal(await page.getByText('Tjenesten kører').count(), 0);
  assert.equal(await page.locator('html').getAttribute('lang'), 'da');
  assert.match(await page.getByTestId('account').innerText(), /Ikke logget ind/);
});

test('English is one click away and survives a reload', async () => {
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'Skift sprog til engelsk' }).click();
  const account = page.getByTestId('account');
  await account.filter({ hasText: 'Not logged in' }).waitFor();
  await page.reload();
  await account.filter({ hasText: 'Not logged in' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
});

test('a director chooses a company, switches to private in the header, and logs out', async () => {
  await logIn(page, env.server.url, 'Lars Nielsen');
  await page.getByRole('heading', { name: 'Hvem vil du handle som?' }).waitFor();
  const options = page.locator('input[name=context]');
  assert.equal(await options.count(), 4, 'private and three companies he signs for alone');

  // Nothing chosen: an error, and the choice is still open.
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByText('Vælg, hvem du vil handle som.').first().waitFor();

  await page.getByLabel(/Havnens Rederi ApS/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('acting-as').filter({ hasText: 'Havnens Rederi ApS' }).waitFor();
  assert.match(await current().innerText(), /^Havnens Rederi ApS \(CVR \d{8}\)$/);
  assert.match(await page.title(), /Havnens Rederi ApS \(CVR \d{8}\)/);

  // The switcher: a disclosure with the current context first and marked.
  assert.equal(await toggle().getAttribute('aria-expanded'), 'false');
  await toggle().click();
  assert.equal(await toggle().getAttribute('aria-expanded'), 'true');
  const items = page.locator('#tilslut-context-list button[data-context]');
  assert.equal(await items.count(), 4);
  assert.equal(await items.first().getAttribute('aria-current'), 'true');
  assert.match(await items.first().innerText(), /Havnens Rederi/);

  await page.locator('#tilslut-context-list button[data-context=private]').click();
  await page.getByTestId('acting-as').filter({ hasText: 'Privat' }).waitFor();
  assert.equal(await current().innerText(), 'Privat');
  assert.equal(await page.getByTestId('announcer').innerText(), 'Du handler nu som Privat.');
  assert.equal(await toggle().getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tilslut-context-toggle')), true,
    'focus returns to the button');

  await page.getByRole('button', { name: 'Log af' }).click();
  await page.getByText('Ikke logget ind').waitFor();
});

test('the next login offers the last used context first', async () => {
  await logIn(page, env.server.url, 'Jonas Berg');
  await page.getByLabel(/Havnens Rederi ApS/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('acting-as').filter({ hasText: 'Havnens Rederi' }).waitFor();
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.getByText('Ikke logget ind').waitFor();

  await logIn(page, env.server.url, 'Jonas Berg');
  const first = page.locator('.form-group-radio').first();
  await first.waitFor();
  assert.match(await first.innerText(), /Havnens Rederi ApS.*Senest brugt/s);
  assert.equal(await first.locator('input').isChecked(), true);
});

test('with twelve companies the list can be filtered by name or CVR, and says when nothing matches', async () => {
  await logIn(page, env.server.url, 'Karen Holm');
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await current().filter({ hasText: 'Privat' }).waitFor();
  await toggle().click();
  const filter = page.getByLabel('Søg på navn eller CVR-nummer');
  const items = page.locator('#tilslut-context-list button[data-context]');
  assert.equal(await items.count(), 13);

  await filter.fill('vinimport');
  await items.first().filter({ hasText: 'Dansk Vinimport ApS' }).waitFor();
  assert.equal(await items.count(), 1);
  const cvr = await items.first().getAttribute('data-context');

  await filter.fill(cvr.slice(0, 4) + ' ' + cvr.slice(4));
  await items.first().filter({ hasText: 'Dansk Vinimport ApS' }).waitFor();
  assert.equal(await items.count(), 1, 'a CVR number with a space still matches');

  await filter.fill('zzz');
  await page.getByText('Ingen virksomheder matcher din søgning.').waitFor();
  assert.equal(await items.count(), 0);

  // Keyboard: into the list, End, Home, Enter chooses, Escape closes with focus on the button.
  await filter.fill('holm');
  await filter.press('ArrowDown');
  const focused = () => page.evaluate(() => document.activeElement?.innerText ?? '');
  await page.keyboard.press('End');
  const last = await items.last().innerText();
  assert.equal(await focused(), last);
  await page.keyboard.press('Home');
  assert.equal(await focused(), await items.first().innerText());
  await page.keyboard.press('ArrowDown');
  const chosen = (await focused()).split('\n').find((line) => line.includes('Holm'));
  await page.keyboard.press('Enter');
  await current().filter({ hasText: chosen.trim() }).waitFor();

  await toggle().click();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  assert.equal(await toggle().getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tilslut-context-toggle')), true);
});

test('a person without companies goes straight on as private, with nothing to open', async () => {
  await logIn(page, env.server.url, 'Emil Larsen');
  await page.getByTestId('acting-as').filter({ hasText: 'Privat' }).waitFor();
  assert.equal(await toggle().count(), 0);
  assert.equal(await current().innerText(), 'Privat');
});

test('a board member of an A/S that needs two signatures is not offered it', async () => {
  await logIn(page, env.server.url, 'Peter Sørensen');
  await page.getByTestId('acting-as').filter({ hasText: 'Privat' }).waitFor();
  assert.equal(await toggle().count(), 0);
});

test('a refused switch keeps the old context and says why', async () => {
  await logIn(page, env.server.url, 'Lars Nielsen');
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await current().filter({ hasText: 'Privat' }).waitFor();
  // The register changed after login: the server now refuses this company. The response is the
  // server's own refusal for a company he is not in, replayed for this one.
  const refusal = await page.evaluate(async () => {
    const response = await fetch('/api/session/context', {
      method: 'PUT', headers: { 'content-type': 'application/json', 'x-tilslut-context': 'private' },
      body: JSON.stringify({ context: { kind: 'company', cvr: '40000003' } }), // valid check digit, not his
    });
    return { status: response.status, body: await response.text() };
  });
  assert.equal(refusal.status, 403);
  await page.route('**/api/session/context', (route) =>
    route.fulfill({ status: 403, contentType: 'application/problem+json', body: refusal.body }));
  await toggle().click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Nielsen Holding' }).click();
  await page.getByText('Registret viser ikke, at du kan tegne denne virksomhed alene.').waitFor();
  assert.equal(await current().innerText(), 'Privat');
});

test('two tabs: a tab that still shows an old context cannot act for it', async () => {
  await logIn(page, env.server.url, 'Lars Nielsen');
  await page.getByLabel(/Nielsen Rådgivning ApS/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await current().filter({ hasText: 'Nielsen Rådgivning' }).waitFor();

  const other = await newPage(env.context);
  await other.goto(env.server.url);
  await other.locator('.tilslut-context-toggle').click();
  await other.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await other.getByTestId('context-current').filter({ hasText: 'Havnens Rederi' }).waitFor();

  // The first tab still shows Nielsen Rådgivning; a change sent from it is refused.
  const shown = await page.evaluate(() => document.querySelector('[data-testid=context-current]').innerText);
  assert.match(shown, /Nielsen Rådgivning/);
  const cvr = shown.match(/CVR (\d{8})/)[1];
  const status = await page.evaluate(async (cvr) => (await fetch('/api/cases', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-tilslut-context': cvr },
    body: JSON.stringify({ cvr, role: 'representative' }),
  })).status, cvr);
  assert.equal(status, 409);

  // Coming back to the first tab, it catches up and says so.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await current().filter({ hasText: 'Havnens Rederi' }).waitFor();
  assert.match(await page.getByTestId('announcer').innerText(), /andet vindue.*Havnens Rederi/);
  assert.deepEqual(other.faults, []);
});

test('when the backend is down the page says so and keeps the context', async () => {
  const own = await startServer();
  try {
    await logIn(page, own.url, 'Lars Nielsen');
    await page.getByLabel('Som privatperson').check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await current().filter({ hasText: 'Privat' }).waitFor();
    await own.stop();
    await toggle().click();
    await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Nielsen Holding' }).click();
    await page.getByText(/Vi kan ikke få forbindelse til tjenesten/).first().waitFor();
    assert.equal(await current().innerText(), 'Privat');
  } finally {
    await own.stop();
  }
});

test('on a small screen the person and the switcher are in the collapsed header menu', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${env.server.url}/log-ind`);
  await page.getByRole('button', { name: 'Log ind som Lars Nielsen' }).click();
  await page.getByRole('heading', { name: 'Hvem vil du handle som?' }).waitFor();
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('account').isVisible(), false);
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.getByTestId('person-name').filter({ hasText: 'Lars Nielsen' }).waitFor();
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await toggle().click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await current().filter({ hasText: 'Havnens Rederi ApS' }).waitFor();
});

test('on a phone the company and its CVR number show without opening the menu', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await actAsCompanyOnAPhone(page, env.server.url, 'Lars Nielsen', /Havnens Rederi ApS/);
  const compact = page.getByTestId('context-compact');
  assert.match(await compact.innerText(), /Havnens Rederi ApS/);
  assert.match(await compact.innerText(), /CVR \d{8}/);
  assert.equal(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), 'false');
  // The full switcher is in the menu; its list has no markers before the companies.
  await page.getByRole('button', { name: 'Menu' }).click();
  await toggle().click();
  const item = page.locator('#tilslut-context-list li').first();
  const marker = await item.evaluate((li) => [getComputedStyle(li).listStyleType, getComputedStyle(li, '::before').content]);
  assert.deepEqual(marker, ['none', 'none']);
  // On a wide screen the context is at the top right, and the compact one is not repeated.
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await compact.isVisible(), false);
});

test('acting for another company, the summary offers the way on in place of the sign button', async () => {
  await startCase(page, env.server.url, 'Karen Holm', 'Holm Invest ApS');
  await addMyselfAndGoOn(page, 'karen@holminvest.dk', '03-04-1970');
  // On to Hygge Design in the switcher: told at once, not after a click on a button that fails.
  await toggle().click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Hygge Design ApS' }).click();
  const wrong = page.getByTestId('wrong-context');
  await wrong.getByText('Du handler for Hygge Design ApS', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await wrong.getByRole('button', { name: 'Handl for Holm Invest ApS' }).click();
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).waitFor();
  assert.match(await page.getByTestId('signing-text').innerText(), /Jeg underskriver på vegne af Holm Invest ApS/);
  assert.match(await page.getByTestId('summary-administrators').innerText(), /karen@holminvest\.dk/);
  assert.deepEqual(page.faults, []);
});
