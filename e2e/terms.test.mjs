// The terms change while a case is open (issue 5): the representative must read and accept the new
// version before approving, and comes back to the summary with nothing else lost; and a caseworker
// publishes terms three months ahead (issue 21). Its own file, so its own server: the new terms
// would change what the other journeys see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, startCase, termsInForceNow, mailbox, axeViolations, logIn, confirmSignature, addMyselfAndGoOn } from './support.mjs';

const env = testEnvironment({ pagePerTest: true });

test('new terms published during a case must be accepted before approving', async () => {
  const page = env.page;
  await startCase(page, env.server.url, 'Mette Jensen', 'Jensens Tømrerforretning');
  await addMyselfAndGoOn(page, 'mette@tomrer.dk', '01-05-1975');

  assert.equal(await termsInForceNow(page, { version: '2026-11', title: 'Vilkår for brugerorganisationer, version 2', body: 'Nye vilkår.\n\nAndet afsnit.' }), 200);
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await page.getByRole('link', { name: 'Læs og acceptér de nye vilkår' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the summary with the refusal shown');
  await page.getByRole('link', { name: 'Læs og acceptér de nye vilkår' }).click();

  await page.waitForURL(/\/vilkaar\?tilbage=opsummering$/);
  await page.getByRole('heading', { name: 'Vilkår for brugerorganisationer, version 2' }).waitFor();
  await page.getByText('Vilkårene er ændret, siden du accepterede dem.', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();

  // Back on the summary, with the administrator still there; now the approval goes through.
  await page.waitForURL(/\/opsummering$/);
  await page.getByTestId('summary-administrators').getByText(/mette@tomrer\.dk/).waitFor();
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await confirmSignature(page);
  await page.waitForURL(/\/kvittering$/);
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/kvittering$/)[1];
  const sent = (await mailbox(page)).filter((m) => m.case_id === caseId).map((m) => `${m.kind} ${m.to}`).sort();
  assert.deepEqual(sent, ['administrator_setup mette@tomrer.dk', 'receipt mette@example.dk']);
});

test('a caseworker publishes terms three months ahead, and the connected organisations are told', async () => {
  const page = env.page;
  await logIn(page, env.server.url, 'Signe Holt');
  await page.getByRole('link', { name: 'Sagsbehandling' }).click();
  await page.getByRole('link', { name: 'Vilkår', exact: true }).click();
  await page.getByTestId('terms-versions').waitFor();
  await page.getByLabel('Version').fill('2027-1');
  await page.getByLabel('Titel').fill('Vilkår for brugerorganisationer, version 3');
  await page.getByLabel('Vilkårenes tekst').fill('1. Formål\nNye vilkår.');
  // Tomorrow is too soon: the notice is three months.
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const earliest = await page.getByLabel('Gælder fra').inputValue();
  await page.getByLabel('Gælder fra').fill(tomorrow);
  await page.getByRole('button', { name: 'Udgiv vilkår' }).click();
  await page.locator('.tilslut-error-summary').getByText('tidligst gælde 3 måneder', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Vilkårenes tekst').inputValue(), '1. Formål\nNye vilkår.', 'nothing typed is lost');
  await page.getByLabel('Gælder fra').fill(earliest);
  await page.getByRole('button', { name: 'Udgiv vilkår' }).click();
  await page.getByTestId('terms-published').waitFor();
  await page.getByTestId('terms-versions').getByRole('row', { name: /2027-1/ }).getByTestId('upcoming').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // Every connected organisation's administrators are told; the terms in force stay as they are.
  const told = (await mailbox(page)).filter((m) => m.kind === 'terms_published').map((m) => m.to).sort();
  assert.deepEqual(told, ['lars@example.dk', 'mette@tomrer.dk']);
  const current = await page.evaluate(async () => (await fetch('/api/terms/current')).json());
  assert.equal(current.version, '2026-11');
});
