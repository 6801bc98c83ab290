// Journey steps as a person takes them: logging in, starting a case, preparing, sending
// documentation, reading the mailbox.
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

export async function startCase(page, url, name, company) {
  await logIn(page, url, name);
  await page.getByLabel('Som privatperson').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByTestId('acting-as').waitFor();
  await chooseAndAcceptTerms(page, url, company);
}

/** On the administrators' step: the person themself as administrator, on to the summary. */
export async function addMyselfAndGoOn(page, email, birthday) {
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill(email);
  await page.locator('#administrators-0-date_of_birth').fill(birthday);
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.waitForURL(/\/opsummering$/);
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
  statedRole = 'Bestyrelsesformand',
} = {}) {
  if (!cvr) {
    const persons = await (await page.request.get(`${url}/api/dev/persons`)).json();
    cvr = persons.find((p) => p.name === name).description.match(/CVR (\d{8})/)[1];
  }
  await logIn(page, url, name);
  await page.goto(`${url}/tilslut/organisation`);
  await chooseByCvr(page, cvr);
  const obstacle = page.getByTestId('obstacle');
  await obstacle.getByText(`CVR viser dig ikke som ledelsesrepræsentant for ${company}`, { exact: false }).waitFor();
  // The register shows nobody who can: documentation, with the applicant's own title, is the way.
  await obstacle.getByText('CVR viser ingen ledelsesrepræsentanter', { exact: false }).waitFor();
  const send = obstacle.getByRole('button', { name: 'Send dokumentation til manuel behandling' });
  await send.click();
  await obstacle.getByText('Skriv din titel eller rolle i organisationen.').waitFor();
  await obstacle.getByLabel('Din titel eller rolle i organisationen').fill(statedRole);
  await send.click();
  await page.getByLabel(/accepterer dem på organisationens vegne/).check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
  await page.locator('#administrators-0-email').fill(email);
  await page.locator('#administrators-0-date_of_birth').fill('15-08-1968');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.waitForURL(/\/dokumentation$/);
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
