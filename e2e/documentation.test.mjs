// Journey C of the domain brief: the register does not show the person as a representative, so
// they send documentation for manual review, see when to expect a decision, and then the decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  testEnvironment, newPage, mailbox, openFromQueue, startDocumentationCase, pdf, sendDocumentation, axeViolations, startServer,
} from './support.mjs';

const env = testEnvironment();

test('a person the register does not show sends documentation, waits, and sees the decision', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await startDocumentationCase(page, env.server.url);
  assert.match(await page.getByTestId('stage').innerText(), /trin 4 af 4/);
  // The decision is mailed: to the address she confirms, nowhere else. She changes it.
  const own = page.getByTestId('own-email-known');
  await own.getByText('Vi sender besked om sagen til ida@example.dk.').waitFor();
  await own.getByRole('button', { name: 'Skift e-mailadresse' }).click();
  await page.getByLabel('E-mailadresse', { exact: true }).fill('ida@privat.dk');
  await page.getByRole('button', { name: 'Send kode' }).click();
  await page.getByTestId('code-sent').getByText('Vi har sendt en kode til ida@privat.dk.', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the e-mail form with a code sent');
  const codeMail = (await mailbox(page)).findLast((m) => m.kind === 'email_code' && m.to === 'ida@privat.dk');
  const code = codeMail.subject.match(/(\d{6})$/)[1];
  const codeField = page.getByLabel('Kode fra e-mailen (6 cifre)');
  await codeField.fill(code === '000000' ? '111111' : '000000');
  await codeField.press('Enter');
  await page.getByTestId('own-email').getByText('Koden passer ikke.', { exact: false }).waitFor();
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Bekræft e-mailadresse' }).click();
  await own.getByText('Vi sender besked om sagen til ida@privat.dk.').waitFor();
  assert.deepEqual((await mailbox(page)).filter((m) => m.to === 'ida@privat.dk').map((m) => m.kind), ['email_code'], 'only the code before she confirmed');
  // A foundation proves the tie with its charter and board minutes, not a CVR extract.
  await page.getByText('Fondens fundats og et bestyrelsesreferat', { exact: false }).waitFor();

  // Nothing sent yet: both documents are named as missing.
  await page.getByRole('button', { name: 'Send til manuel behandling' }).click();
  await page.locator('.tilslut-error-summary').getByText('Vælg en fil at sende.').first().waitFor();
  assert.equal(await page.locator('.tilslut-error-summary li').count(), 2);

  // Wrong type and too large are refused before anything is sent, with the reason.
  const identity = page.getByLabel('Billed-ID (pas, kørekort eller ID-kort)');
  await identity.setInputFiles({ name: 'id.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  // Said once, beside the field, naming the file; the summary keeps what stops the sending.
  await page.getByTestId('upload-identity').getByText('id.txt: Filen skal være en PDF, JPG eller PNG.').waitFor();
  assert.equal(await page.getByText('Filen skal være en PDF, JPG eller PNG.', { exact: false }).count(), 1);
  await identity.setInputFiles(pdf('stort-pas.pdf', 10 * 1024 * 1024 + 1));
  await page.getByTestId('upload-identity').getByText('stort-pas.pdf: Filen må højst fylde 10 MB.').waitFor();

  await identity.setInputFiles(pdf('pas.pdf'));
  await page.getByTestId('upload-identity').getByTestId('uploaded').getByText('pas.pdf').waitFor();
  await page.getByLabel('Dokumentation for din tilknytning til organisationen').setInputFiles({
    name: 'referat.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  });
  await page.getByTestId('upload-affiliation').getByTestId('uploaded').getByText('referat.png').waitFor();
  await page.getByRole('button', { name: 'Send til manuel behandling' }).click();

  // Awaiting manual review, with the date a decision is due.
  await page.waitForURL(/\/status$/);
  assert.match(await page.getByTestId('awaiting').innerText(), /afgørelse senest \d{2}-\d{2}-\d{4}/);

  // The caseworker finds it in the queue, reads the documents, and rejects it with a reason.
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/status$/)[1];
  // Found again from the start page, with where it stands; told by mail too.
  await page.goto(`${env.server.url}/`);
  const row = page.getByTestId('my-cases').getByRole('row').filter({ hasText: 'Fonden for Dansk Kunsthåndværk' });
  assert.match(await row.innerText(), /Dokumentation\s+Hos sagsbehandler – afgørelse senest \d{2}-\d{2}-\d{4}/);
  assert.deepEqual(await axeViolations(page), [], 'the start page with the person\'s cases');
  await row.getByRole('link', { name: 'Fonden for Dansk Kunsthåndværk' }).click();
  await page.waitForURL(new RegExp(`/tilslut/${caseId}/status$`));
  const confirmation = (await mailbox(page)).find((m) => m.case_id === caseId && m.kind === 'sent_for_review');
  assert.match(confirmation.body, /afgørelse senest/);
  const caseworker = await newPage(await env.browser.newContext());
  await openFromQueue(caseworker, env.server.url, 'Fonden for Dansk Kunsthåndværk');
  const documents = caseworker.getByTestId('review-documents');
  await documents.getByRole('link', { name: 'pas.pdf' }).waitFor();
  await documents.getByRole('link', { name: 'referat.png' }).waitFor();
  // Beside what Ida sent, what the register shows: no representative of the foundation; and the
  // title she states for herself.
  await caseworker.getByTestId('register-representatives').getByText('Registret viser ingen ledelsesrepræsentanter', { exact: false }).waitFor();
  await caseworker.getByTestId('stated-role').getByText('Bestyrelsesformand', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(caseworker), [], 'the caseworker\'s case page');
  // The person who sent them cannot open them: for anyone but a caseworker they are not there.
  const href = await documents.getByRole('link', { name: 'pas.pdf' }).getAttribute('href');
  assert.equal(await page.evaluate(async (href) => (await fetch(href)).status, href), 404);
  assert.equal(await caseworker.evaluate(async (href) => (await fetch(href)).status, href), 200);
  await caseworker.getByRole('button', { name: 'Afvis tilslutningen' }).click();
  await caseworker.locator('.tilslut-error-summary').getByText('Skriv, hvorfor du afviser', { exact: false }).waitFor();
  await caseworker.waitForFunction(() => document.title.startsWith('Fejl: '));
  await caseworker.getByLabel('Begrundelse for afvisning').fill('Referatet nævner ikke Ida Christensen.');
  await caseworker.getByRole('button', { name: 'Afvis tilslutningen' }).click();
  await caseworker.getByTestId('decision-outcome').getByText('Referatet nævner ikke Ida Christensen.', { exact: false }).waitFor();
  await caseworker.getByTestId('history').getByText('Signe Holt').waitFor();
  assert.deepEqual(caseworker.faults, []);
  await page.reload();
  assert.equal(await page.getByTestId('rejection-reason').innerText(), 'Referatet nævner ikke Ida Christensen.');
  await page.getByRole('link', { name: 'Start en ny tilslutning' }).waitFor();
  const told = (await mailbox(page)).find((m) => m.case_id === caseId && m.kind === 'case_rejected');
  assert.match(told.body, /Referatet nævner ikke Ida Christensen\./);
  assert.equal(told.to, 'ida@privat.dk', 'the address she confirmed');
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('after a rejection the person starts again, and an approved review leads to the receipt', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  // The rejected case is closed, so the organisation can be tried again.
  await startDocumentationCase(page, env.server.url);
  await sendDocumentation(page);
  await page.waitForURL(/\/status$/);

  const caseId = page.url().match(/\/tilslut\/([^/]+)\/status$/)[1];
  const caseworker = await newPage(await env.browser.newContext());
  await openFromQueue(caseworker, env.server.url, 'Fonden for Dansk Kunsthåndværk');
  await caseworker.getByRole('button', { name: 'Godkend tilslutningen' }).click();
  await caseworker.getByTestId('decision-outcome').getByText('Tilslutningen er godkendt', { exact: false }).waitFor();
  assert.deepEqual(caseworker.faults, []);
  await page.reload();
  await page.getByRole('link', { name: 'Se kvitteringen' }).click();
  await page.waitForURL(/\/kvittering$/);
  await page.getByTestId('reference').waitFor();
  const sent = (await mailbox(page)).filter((m) => m.case_id === caseId).map((m) => `${m.kind} ${m.to}`);
  assert.ok(sent.includes('administrator_setup ida@kunsthaandvaerk.dk'), sent.join(', '));
  // The receipt goes to the address Ida confirmed in the test before.
  assert.ok(sent.includes('receipt ida@privat.dk'), sent.join(', '));
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('a caseworker does not decide documentation she sent herself, and the queue says why', async () => {
  // A server of its own: the foundation above is connected by now.
  const server = await startServer();
  const context = await env.browser.newContext();
  try {
    const page = await newPage(context);
    const persons = await (await page.request.get(`${server.url}/api/dev/persons`)).json();
    const cvr = persons.find((p) => p.name === 'Ida Christensen').description.match(/CVR (\d{8})/)[1];
    await startDocumentationCase(page, server.url, { name: 'Signe Holt', email: 'signe@example.dk', cvr });
    await sendDocumentation(page);
    await page.waitForURL(/\/status$/);
    await page.goto(`${server.url}/sagsbehandling`);
    const queue = page.getByTestId('queue');
    await queue.getByTestId('conflict').getByText('Ikke din at afgøre: du har selv sendt dokumentationen.').waitFor();
    await queue.getByRole('link', { name: /Fonden for Dansk Kunsthåndværk/ }).click();
    await page.getByTestId('review-conflict').getByText('En anden sagsbehandler afgør sagen.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Godkend tilslutningen' }).count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.faults, []);
  } finally {
    await context.close();
    await server.stop();
  }
});
