// Journey B of the domain brief: an anmelder prepares the connection; a representative reviews it
// on one page and approves, changes or rejects it. Release build, real backend, real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage, logIn, cvrOf, mailbox, prepare, tabTo, chooseByCvr, confirmSignature, axeViolations } from './support.mjs';

const env = testEnvironment();

/** A fresh browser (its own cookies) with a page logged in as `name`, acting privately. */
async function personAt(name) {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await logIn(page, env.server.url, name);
  const chooser = page.getByLabel('Som privatperson');
  if (await page.url().endsWith('/vaelg-kontekst')) {
    await chooser.check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
  }
  await page.getByTestId('acting-as').waitFor();
  return page;
}

test('an anmelder prepares, the representative approves from the start page, and the e-mails go out', async () => {
  const persons = await (await fetch(`${env.server.url}/api/dev/persons`)).json();
  const cvr = persons.find((p) => p.id === 'anders').description.match(/CVR (\d{8})/)[1];
  const anders = await personAt('Anders Poulsen');

  // Choosing who approves is required, from the register's representatives.
  await anders.goto(`${env.server.url}/forbered`);
  // Anders is in no management: the chooser does not speak of "your organisations" above nothing.
  await anders.getByText('CVR viser dig ikke i ledelsen af nogen organisation.', { exact: false }).waitFor();
  await chooseByCvr(anders, cvr);
  await anders.getByLabel(/Lars Nielsen/).waitFor();
  await anders.getByRole('button', { name: 'Fortsæt' }).click();
  await anders.locator('.tilslut-error-summary').getByText('Vælg, hvem der skal godkende tilslutningen.').waitFor();
  // The anmelder's own steps: organisation, approver, administrators, check and send.
  assert.match(await anders.getByTestId('stage').innerText(), /trin 2 af 4/);
  assert.match(await anders.locator('.step-indicator [aria-current=step]').innerText(), /Godkender/);
  // Coming back to /forbered with the same organisation resumes the open preparation.
  const id = await prepare(anders, env.server.url, cvr, 'Lars Nielsen');
  const row = anders.getByTestId('preparations').locator('tr', { hasText: 'Nielsen Rådgivning ApS' });
  assert.equal(await row.getByTestId('preparation-status').innerText(), 'Afventer godkendelse fra Lars Nielsen');
  const request = (await mailbox(anders)).find((m) => m.case_id === id && m.kind === 'approval_requested');
  assert.equal(request.to, 'lars@example.dk');
  assert.match(request.body, new RegExp(`/godkend/${id}`));

  const lars = await personAt('Lars Nielsen');
  await lars.getByTestId('awaiting-approval').getByRole('link', { name: /Nielsen Rådgivning ApS – Anders Poulsen/ }).click();
  await lars.waitForURL(new RegExp(`/godkend/${id}$`));
  assert.match(await lars.getByTestId('prepared-by').innerText(), /Forberedt af Anders Poulsen/);
  await lars.getByRole('button', { name: 'Godkend og underskriv' }).click();
  await lars.locator('.tilslut-error-summary').getByText('Du skal acceptere vilkårene for at fortsætte.').waitFor();
  await lars.getByLabel(/accepterer dem på organisationens vegne/).check();
  assert.match(await lars.getByTestId('signing-text').innerText(), /Nielsen Rådgivning ApS \(CVR \d{8}\).*Jeg underskriver med mit private MitID som ledelsesrepræsentant for Nielsen Rådgivning ApS \(CVR \d{8}\)\.$/s);
  await lars.getByRole('button', { name: 'Godkend og underskriv' }).click();
  await confirmSignature(lars);
  await lars.waitForURL(/\/kvittering$/);
  await lars.getByTestId('reference').waitFor();

  const sent = (await mailbox(lars)).filter((m) => m.case_id === id).map((m) => `${m.kind} ${m.to}`).sort();
  assert.ok(sent.includes('receipt lars@example.dk'), sent.join(', '));
  assert.ok(sent.includes('administrator_setup anders@bogholderi.dk'), sent.join(', '));
  await anders.goto(`${env.server.url}/forberedelser`);
  assert.equal(await row.getByTestId('preparation-status').innerText(), 'Godkendt');
  for (const page of [anders, lars]) assert.deepEqual(page.faults, []);
});

test('the representative changes an administrator, then approves; a stranger is refused', async () => {
  const cvr = await cvrOf(env.server.url, 'karen', 'Holm Invest ApS');
  const anders = await personAt('Anders Poulsen');
  const id = await prepare(anders, env.server.url, cvr, 'Karen Holm', 'Bente Forkert');

  const emil = await personAt('Emil Larsen');
  await emil.goto(`${env.server.url}/godkend/${id}`);
  await emil.getByTestId('problem').getByText('Sagen findes ikke, eller du har ikke adgang til den.').waitFor();
  assert.equal(await emil.getByRole('button', { name: 'Godkend og underskriv' }).count(), 0);

  // Karen opens the wizard and picks the organisation: she is led to Anders's preparation, and
  // starting afresh (which would close it) is a separate choice that says so.
  const karen = await personAt('Karen Holm');
  await karen.goto(`${env.server.url}/tilslut/organisation`);
  await karen.getByRole('radio', { name: /Holm Invest ApS/ }).check();
  await karen.getByRole('button', { name: 'Fortsæt' }).click();
  const waiting = karen.getByTestId('obstacle');
  await waiting.getByText('Anders Poulsen har forberedt tilslutningen af Holm Invest ApS.').waitFor();
  await waiting.getByText('Så lukkes forberedelsen, og Anders Poulsen får besked om det.', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(karen), []);
  await waiting.getByRole('link', { name: 'Gennemse og godkend forberedelsen' }).click();
  await karen.waitForURL(new RegExp(`/godkend/${id}$`));
  await karen.getByTestId('summary-administrators').getByRole('link', { name: 'Ændr Organisationsadministratorer' }).click();
  await karen.locator('#administrators-0-name').fill('Bente Rigtig');
  await karen.getByRole('button', { name: 'Fortsæt' }).click();
  await karen.waitForURL(new RegExp(`/godkend/${id}$`));
  await karen.getByTestId('summary-administrators').getByText(/Bente Rigtig/).waitFor();
  await karen.getByLabel(/accepterer dem på organisationens vegne/).check();
  await karen.getByRole('button', { name: 'Godkend og underskriv' }).click();
  await confirmSignature(karen);
  await karen.waitForURL(/\/kvittering$/);
  for (const page of [anders, emil, karen]) assert.deepEqual(page.faults, []);
});

test('a stale approval page shows the new version instead of approving the old one', async () => {
  const cvr = await cvrOf(env.server.url, 'karen', 'Holm Ejendomme ApS');
  const anders = await personAt('Anders Poulsen');
  const id = await prepare(anders, env.server.url, cvr, 'Karen Holm', 'Gammel Navn');
  const karen = await personAt('Karen Holm');
  await karen.goto(`${env.server.url}/godkend/${id}`);
  await karen.getByTestId('summary-administrators').getByText(/Gammel Navn/).waitFor();

  // Meanwhile the anmelder changes the administrator.
  await anders.goto(`${env.server.url}/forbered/${id}/administratorer`);
  await anders.locator('#administrators-0-name').fill('Ny Navn');
  await anders.getByRole('button', { name: 'Fortsæt' }).click();
  await anders.waitForURL(/\/opsummering$/);

  // The change after submission asked Karen again.
  const asked = (await mailbox(karen)).filter((m) => m.case_id === id && m.kind === 'approval_requested');
  assert.deepEqual(asked.map((m) => m.to), ['karen@example.dk', 'karen@example.dk']);
  assert.match(asked[1].subject, /er ændret og afventer din godkendelse/);

  await karen.getByLabel(/accepterer dem på organisationens vegne/).check();
  await karen.getByRole('button', { name: 'Godkend og underskriv' }).click();
  await karen.getByTestId('stale').waitFor();
  await karen.getByTestId('summary-administrators').getByText(/Ny Navn/).waitFor();
  assert.match(karen.url(), new RegExp(`/godkend/${id}$`), 'not approved');
  await karen.getByLabel(/accepterer dem på organisationens vegne/).check();
  await karen.getByRole('button', { name: 'Godkend og underskriv' }).click();
  await confirmSignature(karen);
  await karen.waitForURL(/\/kvittering$/);
  for (const page of [anders, karen]) assert.deepEqual(page.faults, []);
});

test('a rejection needs a reason, which the anmelder sees; a draft can be withdrawn', async () => {
  const havnen = await cvrOf(env.server.url, 'lars', 'Havnens Rederi ApS');
  const anders = await personAt('Anders Poulsen');
  const id = await prepare(anders, env.server.url, havnen, 'Jonas Berg');

  const jonas = await personAt('Jonas Berg');
  await jonas.goto(`${env.server.url}/godkend/${id}`);
  await jonas.getByRole('button', { name: 'Afvis tilslutningen' }).click();
  await jonas.locator('.tilslut-error-summary').getByText('Skriv, hvorfor du afviser, så den, der har sendt sagen, kan rette det.').waitFor();
  await jonas.getByLabel('Begrundelse for afvisningen').fill('Bent er ikke ansat hos os længere.');
  await jonas.getByRole('button', { name: 'Afvis tilslutningen' }).click();
  await jonas.getByTestId('outcome').getByText('Du har afvist tilslutningen.', { exact: false }).waitFor();

  await anders.goto(`${env.server.url}/forberedelser`);
  const rejected = anders.getByTestId('preparations').locator('tr', { hasText: 'Havnens Rederi ApS' });
  assert.equal(await rejected.getByTestId('preparation-status').innerText(), 'Afvist: Bent er ikke ansat hos os længere.');
  const rejection = (await mailbox(anders)).find((m) => m.case_id === id && m.kind === 'case_rejected');
  assert.equal(rejection.to, 'anders@example.dk');
  assert.match(rejection.body, /Bent er ikke ansat hos os længere\./);

  // A new preparation of the same organisation, withdrawn before anyone approves it.
  await prepare(anders, env.server.url, havnen, 'Jonas Berg');
  const open = anders.getByTestId('preparations').locator('tr', { hasText: 'Havnens Rederi ApS' }).filter({ hasText: 'Afventer' });
  await open.getByRole('button', { name: 'Træk tilbage' }).click();
  await anders.getByTestId('preparations').getByText('Trukket tilbage').waitFor();
  const withdrawn = (await mailbox(anders)).filter((m) => m.kind === 'preparation_withdrawn').map((m) => m.to);
  assert.deepEqual(withdrawn, ['jonas@example.dk'], 'the representative asked to approve it is told');
  for (const page of [anders, jonas]) assert.deepEqual(page.faults, []);
});

test('preparation and approval can be done with the keyboard alone', async () => {
  const cvr = await cvrOf(env.server.url, 'karen', 'Cykelværkstedet Nørrebro ApS');
  const anders = await personAt('Anders Poulsen');
  await anders.goto(`${env.server.url}/forbered`);
  await anders.locator('#organisation-other').waitFor();
  await tabTo(anders, 'input[type=radio]');
  while (!(await anders.evaluate(() => document.activeElement?.id === 'organisation-other'))) await anders.keyboard.press('ArrowDown');
  await anders.keyboard.press('Space');
  await tabTo(anders, '#cvr');
  await anders.keyboard.type(cvr);
  await anders.keyboard.press('Enter');
  await anders.waitForURL(/\/godkender$/);
  const id = anders.url().match(/\/forbered\/([^/]+)\//)[1];
  await tabTo(anders, 'input[name=approver]');
  await anders.keyboard.press('Space');
  await anders.keyboard.press('Enter');
  await anders.waitForURL(/\/administratorer$/);
  await tabTo(anders, '.tilslut-button-row button');
  await anders.keyboard.press('Enter'); // "Tilføj mig selv"
  await tabTo(anders, '#administrators-0-email');
  await anders.keyboard.type('anders@cykel.dk');
  await anders.keyboard.press('Tab');
  await anders.keyboard.type('09-09-1990');
  await anders.keyboard.press('Enter');
  await anders.waitForURL(/\/opsummering$/);
  await tabTo(anders, 'button.button-primary');
  await anders.keyboard.press('Enter'); // "Send til godkendelse"
  await anders.waitForURL(/\/forberedelser$/);

  const karen = await personAt('Karen Holm');
  await karen.goto(`${env.server.url}/godkend/${id}`);
  await karen.locator('#terms').waitFor();
  await tabTo(karen, '#terms');
  await karen.keyboard.press('Space');
  await tabTo(karen, 'button.button-primary');
  await karen.keyboard.press('Enter'); // "Godkend og underskriv"
  await tabTo(karen, 'button.button-primary');
  await karen.keyboard.press('Enter'); // "Underskriv" on the confirmation page
  await karen.waitForURL(/\/kvittering$/);
  await karen.getByTestId('reference').waitFor();
  const sent = (await mailbox(karen)).filter((m) => m.case_id === id).map((m) => `${m.kind} ${m.to}`).sort();
  assert.deepEqual(sent, ['administrator_setup anders@cykel.dk', 'approval_requested karen@example.dk', 'case_approved anders@example.dk', 'receipt karen@example.dk']);
  for (const page of [anders, karen]) assert.deepEqual(page.faults, []);
});

test('an anmelder who acts right after a reload, before the session has answered, prepares in their own context', async () => {
  const cvr = await cvrOf(env.server.url, 'karen', 'Holm & Co. ApS');
  const anders = await personAt('Anders Poulsen');
  // The session's answer held back, as on a slow line: a form sent before it would name no context.
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  await anders.route('**/api/session', async (route) => { await answered; await route.continue(); });
  await anders.goto(`${env.server.url}/forbered`);
  const acting = chooseByCvr(anders, cvr);
  // Answer once the page waits for the session, or once the case was asked for without it.
  const caseRequested = anders.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/cases');
  const waiting = anders.getByRole('status').filter({ hasText: 'Indlæser' }).waitFor();
  await Promise.race([caseRequested, waiting]);
  answer();
  await acting;
  await anders.getByLabel(/Karen Holm/).waitFor();
  assert.deepEqual(anders.faults, []);
});
