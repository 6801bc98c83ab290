// Journey C of the domain brief: the register does not show the person as a representative, so
// they send documentation for manual review, see when to expect a decision, and then the decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage, logIn } from './support.mjs';

const env = testEnvironment();

const pdf = (name, bytes = 2048) => ({ name, mimeType: 'application/pdf', buffer: Buffer.alloc(bytes, 0x25) });

test('a person the register does not show sends documentation, waits, and sees the decision', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  const persons = await (await context.request.get(`${env.server.url}/api/dev/persons`)).json();
  const fondCvr = persons.find((p) => p.id === 'ida').description.match(/CVR (\d{8})/)[1];

  await logIn(page, env.server.url, 'Ida Christensen');
  await page.goto(`${env.server.url}/tilslut/organisation`);
  await page.getByLabel('En anden organisation (skriv CVR-nummer)').check();
  await page.getByLabel('CVR-nummer', { exact: true }).fill(fondCvr);
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('obstacle').getByText(/CVR viser dig ikke som ledelsesrepræsentant for Fonden for Dansk Kunsthåndværk/).waitFor();
  await page.getByRole('button', { name: 'Send dokumentation til manuel behandling' }).click();

  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill('ida@kunsthaandvaerk.dk');
  await page.locator('#administrators-0-date_of_birth').fill('15-08-1968');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.waitForURL(/\/dokumentation$/);
  assert.match(await page.getByTestId('stage').innerText(), /trin 4 af 4/);

  // Nothing sent yet: both documents are named as missing.
  await page.getByRole('button', { name: 'Send til manuel behandling' }).click();
  await page.locator('.tilslut-error-summary').getByText('Vælg en fil at sende.').first().waitFor();
  assert.equal(await page.locator('.tilslut-error-summary li').count(), 2);

  // Wrong type and too large are refused before anything is sent, with the reason.
  const identity = page.getByLabel('Billed-ID (pas, kørekort eller ID-kort)');
  await identity.setInputFiles({ name: 'id.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await page.getByTestId('upload-identity').getByText('Filen skal være en PDF, JPG eller PNG.').waitFor();
  await identity.setInputFiles(pdf('stort-pas.pdf', 10 * 1024 * 1024 + 1));
  await page.getByTestId('upload-identity').getByText('Filen må højst fylde 10 MB.').waitFor();

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

  // The operator rejects it; the person sees the reason and can start again.
  const caseId = page.url().match(/\/tilslut\/([^/]+)\/status$/)[1];
  const decision = await page.evaluate(async (id) => (await fetch(`/api/dev/operator/cases/${id}/decision`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-tilslut-context': 'private' },
    body: JSON.stringify({ approve: false, reason: 'Referatet nævner ikke Ida Christensen.' }),
  })).status, caseId);
  assert.equal(decision, 200);
  await page.reload();
  assert.equal(await page.getByTestId('rejection-reason').innerText(), 'Referatet nævner ikke Ida Christensen.');
  await page.getByRole('link', { name: 'Start en ny tilslutning' }).waitFor();
  assert.deepEqual(page.faults, []);
  await context.close();
});
