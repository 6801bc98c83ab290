// Journey A of the domain brief in the release build against the real backend: a management
// representative connects the organisation, step by step, as a person would.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage, logIn, cvrOf, mailbox, tabTo, confirmSignature, axeViolations } from './support.mjs';

const env = testEnvironment({ pagePerTest: true });
let page;
beforeEach(() => {
  page = env.page;
});

const continueButton = () => page.getByRole('button', { name: 'Fortsæt' });
const errorSummary = () => page.locator('.tilslut-error-summary');

async function logInPrivately(name) {
  await logIn(page, env.server.url, name);
  await page.getByLabel('Som privatperson').check();
  await continueButton().click();
  await page.getByTestId('acting-as').waitFor();
}

test('a sole proprietor connects the organisation and gets a receipt', async () => {
  await logInPrivately('Mette Jensen');
  await page.getByRole('link', { name: 'Tilslut en organisation' }).click();
  // An organisation without employees who need MitID Erhverv may not need to connect at all.
  assert.match(await page.getByTestId('maybe-not').innerText(), /privat til erhverv/);
  await page.getByRole('link', { name: 'Start tilslutning' }).click();

  // Organisation: nothing chosen is an error, summarised above the heading and focused.
  await page.getByLabel(/Jensens Tømrerforretning/).waitFor();
  await continueButton().click();
  await errorSummary().getByText('Vælg den organisation, du vil tilslutte.').waitFor();
  assert.match(await page.title(), /^Fejl: /);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tilslut-error-summary')), true);
  await page.getByLabel(/Jensens Tømrerforretning/).check();
  await continueButton().click();

  // Terms: an explicit acceptance.
  await page.waitForURL(/\/tilslut\/[^/]+\/vilkaar$/);
  await page.getByRole('heading', { name: 'Vilkår for brugerorganisationer i MitID Erhverv' }).waitFor();
  assert.match(await page.getByTestId('stage').innerText(), /trin 2 af 4/);
  await continueButton().click();
  await errorSummary().getByText('Du skal acceptere vilkårene for at fortsætte.').waitFor();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await continueButton().click();

  // Administrators: at least one; each bad field says why, and what was typed stays.
  await page.waitForURL(/\/administratorer$/);
  await continueButton().click();
  await errorSummary().getByText('Angiv mindst én organisationsadministrator.').waitFor();
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  assert.equal(await page.locator('#administrators-0-name').inputValue(), 'Mette Jensen');
  // What the service knows of her is filled in too; her date of birth it does not know.
  assert.equal(await page.locator('#administrators-0-email').inputValue(), 'mette@example.dk');
  await page.locator('#administrators-0-email').fill('mette@eksempel');
  await page.locator('#administrators-0-date_of_birth').fill('31-02-1975');
  await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
  await page.locator('#administrators-1-name').fill('Bent Revisor');
  await page.locator('#administrators-1-email').fill('MetTe@eksempel');
  await page.locator('#administrators-1-date_of_birth').fill('24-12-1980');
  await continueButton().click();
  // Both e-mail addresses lack a domain; each gets its own line.
  await errorSummary().getByText('Skriv en e-mailadresse i formatet navn@eksempel.dk.').first().waitFor();
  assert.equal(await errorSummary().getByText('Skriv en e-mailadresse i formatet navn@eksempel.dk.').count(), 2);
  await errorSummary().getByText('Skriv fødselsdatoen som DD-MM-ÅÅÅÅ, fx 24-12-1980.').waitFor();
  assert.equal(await page.locator('#administrators-0-email').inputValue(), 'mette@eksempel', 'typed values are kept');
  assert.equal(await page.locator('#administrators-0-email').getAttribute('aria-invalid'), 'true');
  // A link in the summary takes the focus to its field.
  await errorSummary().getByText('Skriv fødselsdatoen som DD-MM-ÅÅÅÅ, fx 24-12-1980.').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'administrators-0-date_of_birth');

  await page.locator('#administrators-0-email').fill('mette@eksempel.dk');
  await page.locator('#administrators-0-date_of_birth').fill('01-05-1975');
  await page.locator('#administrators-1-email').fill('Mette@Eksempel.dk');
  await continueButton().click();
  await errorSummary().getByText('To administratorer har samme e-mailadresse. Hver skal have sin egen.').waitFor();
  await page.locator('#administrators-1-email').fill('bent@revision.dk');
  await continueButton().click();

  // Summary: a reload shows what the server saved; a change link comes back to the summary.
  await page.waitForURL(/\/opsummering$/);
  await page.reload();
  const admins = page.getByTestId('summary-administrators');
  await admins.getByText(/Bent Revisor – bent@revision.dk/).waitFor();
  await admins.getByRole('link', { name: 'Ændr Organisationsadministratorer' }).click();
  await page.waitForURL(/\/administratorer\?tilbage=opsummering$/);
  await page.getByRole('button', { name: 'Fjern administrator 2' }).waitFor();
  assert.equal(await page.locator('#administrators-1-name').inputValue(), 'Bent Revisor');
  await continueButton().click();
  await page.waitForURL(/\/opsummering$/);

  // The signing text names the organisation, its CVR number and the context.
  const signing = await page.getByTestId('signing-text').innerText();
  assert.match(signing, /Jensens Tømrerforretning \(CVR \d{8}\)/);
  assert.match(signing, /Jeg underskriver med mit private MitID som ledelsesrepræsentant for [^.]+ \(CVR \d{8}\)\.$/);
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();

  // The development login's stand-in for MitID: the same text once more, then "Underskriv".
  await page.getByRole('heading', { name: 'Bekræft din underskrift' }).waitFor();
  assert.equal(await page.getByTestId('signing-text').filter({ visible: true }).innerText(), signing);
  assert.deepEqual(await axeViolations(page), [], 'the confirmation page');
  await confirmSignature(page);

  // The receipt: a reference, what happens next, and the e-mails that went out.
  await page.waitForURL(/\/kvittering$/);
  const reference = await page.getByTestId('reference').innerText();
  assert.match(reference, /^TS-[0-9A-F]{8}$/);
  assert.match(await page.locator('main').innerText(), /Linket virker i 60 dage\./, 'the same validity as the e-mail');
  assert.match(await page.getByTestId('mails').innerText(), /Bent Revisor \(bent@revision.dk\)/);
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/kvittering$/)[1];
  const sent = (await mailbox(page)).filter((m) => m.case_id === caseId).map((m) => `${m.kind} ${m.to}`);
  assert.deepEqual(sent.sort(), ['administrator_setup bent@revision.dk', 'administrator_setup mette@eksempel.dk', 'receipt mette@example.dk'].sort());
});

test('a case is saved as the person goes, and the start page resumes it at the first unfinished step', async () => {
  await logInPrivately('Lars Nielsen');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  await page.getByLabel(/Nielsen Rådgivning ApS/).check();
  await continueButton().click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await continueButton().click();
  await page.waitForURL(/\/administratorer$/);

  // Another day, another tab: the start page offers to continue, at the administrators.
  const other = await newPage(env.context);
  await other.goto(`${env.server.url}/tilslut`);
  await other.getByRole('link', { name: 'Fortsæt tilslutningen af Nielsen Rådgivning ApS' }).click();
  await other.waitForURL(/\/administratorer$/);
  await other.getByRole('button', { name: 'Tilføj mig selv' }).waitFor();
  assert.deepEqual(other.faults, []);
  assert.deepEqual((await mailbox(other)).filter((m) => m.subject.includes('Nielsen Rådgivning')), [], 'a draft sends no e-mail');
});

test('organisations that cannot be connected here say why', async () => {
  const nordlys = await cvrOf(env.server.url, 'peter', 'Nordlys Energi A/S');
  await logInPrivately('Lars Nielsen');
  await page.goto(`${env.server.url}/tilslut/organisation`);

  // Already connected: shown, but not choosable.
  assert.equal(await page.getByLabel(/Nielsen Holding ApS/).isDisabled(), true);

  await page.getByLabel('En anden organisation (skriv CVR-nummer)').check();
  const cvr = page.getByLabel('CVR-nummer', { exact: true });
  await cvr.fill('1234');
  await continueButton().click();
  await errorSummary().getByText('Et CVR-nummer har 8 cifre.').waitFor();
  await cvr.fill('12345678');
  await continueButton().click();
  await errorSummary().getByText('CVR-nummeret findes ikke. Tjek, at du har skrevet det rigtigt.').waitFor();
  assert.equal(await cvr.inputValue(), '12345678');

  // Not a representative of that company: the other ways are named.
  await cvr.fill(nordlys);
  await continueButton().click();
  const obstacle = page.getByTestId('obstacle');
  await obstacle.getByText(/CVR viser dig ikke som ledelsesrepræsentant for Nordlys Energi A\/S/).waitFor();
  assert.match(page.url(), /\/tilslut\/organisation$/);
  // The register shows who can: the anmelder's way to them, and no documentation past them.
  await obstacle.getByText('CVR viser, hvem der kan tilslutte den: Peter Sørensen.', { exact: false }).waitFor();
  await obstacle.getByRole('button', { name: 'Forbered tilslutningen som anmelder' }).waitFor();
  assert.equal(await obstacle.getByRole('button', { name: 'Send dokumentation til manuel behandling' }).count(), 0);
  // And where the register is looked up, corrected, and asked about.
  const help = obstacle.getByTestId('register-help').getByRole('link');
  // The chooser itself says which organisations it lists, and where to look when one is missing.
  const missing = page.getByTestId('chooser-help');
  await missing.getByText('Mangler en organisation?').click();
  await missing.getByText('fuldt ansvarlig deltager', { exact: false }).waitFor();
  assert.equal(await missing.getByRole('link', { name: /indberet\.virk\.dk/ }).count(), 1);
  assert.deepEqual(await help.evaluateAll((links) => links.map((a) => new URL(a.href).host)), ['datacvr.virk.dk', 'indberet.virk.dk', 'virk.dk']);
  // None of these started a case, so nobody was told anything.
  assert.deepEqual((await mailbox(page)).filter((m) => m.to === 'lars@example.dk'), []);
});

test('a lost connection while saving keeps what was typed and says so', async () => {
  await logInPrivately('Jonas Berg');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  await page.getByLabel(/Havnens Rederi ApS/).check();
  await continueButton().click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await continueButton().click();
  await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
  await page.locator('#administrators-0-name').fill('Kirsten Kaptajn');
  await page.locator('#administrators-0-email').fill('kirsten@havnen.dk');
  await page.locator('#administrators-0-date_of_birth').fill('02-03-1970');

  await page.route('**/api/cases/*/administrators', (route) => route.abort('internetdisconnected'));
  await continueButton().click();
  await page.getByTestId('problem').getByText(/Vi kan ikke få forbindelse til tjenesten\. Det, du har skrevet, er ikke gået tabt/).waitFor();
  assert.equal(await page.locator('#administrators-0-name').inputValue(), 'Kirsten Kaptajn');
  assert.match(page.url(), /\/administratorer$/);

  await page.unroute('**/api/cases/*/administrators');
  await continueButton().click();
  await page.waitForURL(/\/opsummering$/);
  await page.getByTestId('summary-administrators').getByText(/Kirsten Kaptajn/).waitFor();
  // A draft sends no e-mail; Kirsten hears from us only once the connection is approved.
  assert.deepEqual((await mailbox(page)).filter((m) => m.to === 'kirsten@havnen.dk'), []);
});

test('a director designates two administrators, removes himself, and resumes after logging out and in', async () => {
  await logInPrivately('Karen Holm');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  await page.getByLabel(/Holm & Co\. ApS/).check();
  await continueButton().click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await continueButton().click();
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill('karen@holm.dk');
  await page.locator('#administrators-0-date_of_birth').fill('03-04-1970');
  await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
  await page.locator('#administrators-1-name').fill('Ole Økonomi');
  await page.locator('#administrators-1-email').fill('ole@holm.dk');
  await page.locator('#administrators-1-date_of_birth').fill('11-11-1981');
  // Removing herself renumbers the other row, and keeps what was typed in it.
  await page.getByRole('button', { name: 'Fjern administrator 1' }).click();
  assert.equal(await page.locator('#administrators-0-name').inputValue(), 'Ole Økonomi');
  await continueButton().click();
  await page.waitForURL(/\/opsummering$/);

  await page.getByRole('button', { name: 'Log af' }).click();
  await page.getByTestId('account').filter({ hasText: 'Ikke logget ind' }).waitFor();
  await logInPrivately('Karen Holm');
  await page.goto(`${env.server.url}/tilslut`);
  await page.getByRole('link', { name: 'Fortsæt tilslutningen af Holm & Co. ApS' }).click();
  await page.waitForURL(/\/opsummering$/);
  const admins = await page.getByTestId('summary-administrators').innerText();
  assert.match(admins, /Ole Økonomi/);
  assert.doesNotMatch(admins, /Karen Holm/);
  await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
  await confirmSignature(page);
  await page.waitForURL(/\/kvittering$/);
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/kvittering$/)[1];
  const sent = (await mailbox(page)).filter((m) => m.case_id === caseId).map((m) => `${m.kind} ${m.to}`).sort();
  assert.deepEqual(sent, ['administrator_setup ole@holm.dk', 'receipt karen@example.dk']);
});

test('an organisation with an open case names who can finish it', async () => {
  // Jonas started Havnens Rederi ApS in an earlier test; his co-director tries too.
  await logInPrivately('Lars Nielsen');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  await page.getByLabel(/Havnens Rederi ApS/).check();
  await continueButton().click();
  await page.getByTestId('obstacle').getByText(/startet af Jonas Berg\. Jonas Berg kan gøre den færdig\./).waitFor();
  assert.deepEqual((await mailbox(page)).filter((m) => m.subject.includes('Havnens Rederi')), [], 'the open case is still a draft');
});

test('the whole journey can be done with the keyboard alone', async () => {
  await logInPrivately('Karen Holm');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  const kaffebar = await page.getByLabel(/Aarhus Kaffebar IVS/).getAttribute('id');
  await tabTo(page, 'input[type=radio]');
  // Radios of one group are one Tab stop; the arrow keys move between them.
  while (!(await page.evaluate((id) => document.activeElement?.id === id, kaffebar))) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/vilkaar$/);
  await tabTo(page, '#terms');
  await page.keyboard.press('Space');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/administratorer$/);
  await tabTo(page, '.tilslut-button-row button');
  await page.keyboard.press('Enter'); // "Tilføj mig selv"
  await tabTo(page, '#administrators-0-email');
  await page.keyboard.type('karen@kaffebar.dk');
  await page.keyboard.press('Tab');
  await page.keyboard.type('03-04-1970');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/opsummering$/);
  await tabTo(page, 'button.button-primary');
  await page.keyboard.press('Enter');
  // The confirmation page takes the focus to its heading; "Underskriv" is the next stop.
  await page.getByRole('heading', { name: 'Bekræft din underskrift' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bekræft din underskrift');
  await tabTo(page, 'button.button-primary');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/kvittering$/);
  await page.getByTestId('reference').waitFor();
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/kvittering$/)[1];
  const sent = (await mailbox(page)).filter((m) => m.case_id === caseId).map((m) => `${m.kind} ${m.to}`).sort();
  assert.deepEqual(sent, ['administrator_setup karen@kaffebar.dk', 'receipt karen@example.dk']);
});
