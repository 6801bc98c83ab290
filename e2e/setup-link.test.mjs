// The administrators' set-up link (issue 21): from the mailbox to the set-up page, confirmed once,
// seen by the representative; and an expired or unknown link said in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage, startCase, mailbox, axeViolations, confirmSignature, logIn } from './support.mjs';

const env = testEnvironment({ pagePerTest: true });

test('an administrator follows the link from the mailbox, confirms once, and the representative sees it', async () => {
  const page = env.page;
  await startCase(page, env.server.url, 'Mette Jensen', 'Jensens Tømrerforretning');
  await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
  await page.locator('#administrators-0-name').fill('Bent Revisor');
  await page.locator('#administrators-0-email').fill('bent@revision.dk');
  await page.locator('#administrators-0-date_of_birth').fill('24-12-1980');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await confirmSignature(page);
  await page.waitForURL(/\/kvittering$/);
  await page.getByTestId('setup-state').getByText('har ikke bekræftet endnu', { exact: false }).waitFor();

  const mail = (await mailbox(page)).find((m) => m.kind === 'administrator_setup' && m.to === 'bent@revision.dk');
  const link = mail.body.match(/https?:\/\/\S+\/opsaet\/\w+/)[0];
  assert.ok(link.startsWith(env.server.url), `${link} is on the service's public address`);

  // Bent has no login here: the link is the key.
  const context = await env.browser.newContext();
  const bent = await newPage(context);
  await bent.goto(link);
  const lead = await bent.getByTestId('setup-lead').innerText();
  assert.match(lead, /Bent Revisor/);
  assert.match(lead, /Jensens Tømrerforretning/);
  await bent.getByText('Trin 3: Opsæt rammer', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(bent), [], 'the set-up page');
  await bent.getByRole('button', { name: 'Bekræft e-mailadresse' }).click();
  await bent.getByTestId('setup-confirmed').waitFor();
  // And on to step 3, where the organisation is set up (TILSLUT_SETUP_URL).
  const next = bent.getByRole('link', { name: 'Gå videre til opsætningen' });
  assert.equal(await next.getAttribute('href'), 'https://erhvervsadministration.nemlog-in.dk/');
  assert.deepEqual(await axeViolations(bent), [], 'the set-up page, confirmed');
  // Used once, it says so.
  await bent.reload();
  await bent.getByTestId('setup-refused').getByText('Linket er allerede brugt', { exact: false }).waitFor();
  assert.deepEqual(bent.faults, []);
  await context.close();

  await page.reload();
  await page.getByTestId('setup-state').getByText('har bekræftet sin e-mailadresse', { exact: false }).waitFor();
});

test('an expired link says who can send a new one, and the representative sends it from the receipt', async () => {
  const page = env.page;
  await page.goto(`${env.server.url}/opsaet/demo-udloebet`);
  await page.getByTestId('setup-refused').getByText('kan sende dig et nyt link fra kvitteringen', { exact: false }).waitFor();
  await page.waitForFunction(() => document.title.startsWith('Fejl: '));
  await page.goto(`${env.server.url}/opsaet/ikke-et-rigtigt-link`);
  await page.getByTestId('setup-refused').getByText('Linket findes ikke', { exact: false }).waitFor();

  // Lars connected Nielsen Holding; his own link expired unused.
  await logIn(page, env.server.url, 'Lars Nielsen');
  await page.goto(`${env.server.url}/tilslut/demo-nielsen-holding/kvittering`);
  await page.getByTestId('setup-state').getByText('linket udløb', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the receipt with an expired link');
  await page.getByRole('button', { name: 'Send et nyt link' }).click();
  await page.getByTestId('link-renewed').getByText('Et nyt opsætningslink er sendt til lars@example.dk', { exact: false }).waitFor();
  await page.getByTestId('setup-state').getByText('har ikke bekræftet endnu', { exact: false }).waitFor();
  const mail = (await mailbox(page)).findLast((m) => m.kind === 'administrator_setup' && m.case_id === 'demo-nielsen-holding');
  await page.goto(mail.body.match(/https?:\/\/\S+\/opsaet\/\w+/)[0]);
  await page.getByRole('button', { name: 'Bekræft e-mailadresse' }).click();
  await page.getByTestId('setup-confirmed').waitFor();
  // The old link is dead.
  await page.goto(`${env.server.url}/opsaet/demo-udloebet`);
  await page.getByTestId('setup-refused').getByText('Linket findes ikke', { exact: false }).waitFor();
  assert.deepEqual(page.faults, []);
});
