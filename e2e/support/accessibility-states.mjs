// The page states every accessibility check visits (the accessibility test and `make axe`).
import { confirmSignature } from './browser.mjs';
import {
  actAsCompanyOnAPhone, chooseByCvr, cvrOf, logIn, prepare, sendDocumentation, startCase, startDocumentationCase,
} from './journeys.mjs';

/**
 * The page states every accessibility check visits, as steps on a fresh page: each resolves once
 * the state is on screen. Shared by the accessibility test and `make axe`.
 */
export const accessibilityStates = [
  ['start page, not logged in', async (page, url) => {
    await page.goto(url);
    await page.getByTestId('start').waitFor();
  }],
  ['login', async (page, url) => {
    await page.goto(`${url}/log-ind`);
    await page.getByRole('button', { name: /Log ind som/ }).first().waitFor();
  }],
  ['context chooser', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.getByRole('heading', { name: 'Hvem vil du handle som?' }).waitFor();
  }],
  ['context chooser with an error', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('alert').first().waitFor();
  }],
  ['switcher open, twelve companies, filtered to nothing', async (page, url) => {
    await logIn(page, url, 'Karen Holm');
    await page.getByLabel('Som privatperson').check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-context-toggle').click();
    await page.locator('#tilslut-context-filter').fill('zzz');
    await page.getByText('Ingen virksomheder matcher din søgning.').waitFor();
  }],
  ['set-up link, expired', async (page, url) => {
    await page.goto(`${url}/opsaet/demo-udloebet`);
    await page.getByTestId('setup-refused').waitFor();
  }],
  ['caseworker, terms form with errors', async (page, url) => {
    await logIn(page, url, 'Signe Holt');
    await page.goto(`${url}/sagsbehandling/vilkaar`);
    await page.getByTestId('terms-versions').waitFor();
    await page.getByRole('button', { name: 'Udgiv vilkår' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['phone, acting for a company, menu closed', async (page, url) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await actAsCompanyOnAPhone(page, url, 'Lars Nielsen', /Havnens Rederi ApS/);
  }],
  ['wizard start', async (page, url) => {
    await logIn(page, url, 'Emil Larsen');
    await page.goto(`${url}/tilslut`);
    await page.getByRole('link', { name: 'Start tilslutning' }).waitFor();
  }],
  ['wizard organisation step with an error', async (page, url) => {
    await logIn(page, url, 'Mette Jensen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Jensens Tømrerforretning/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard organisation step', async (page, url) => {
    await logIn(page, url, 'Sofie Madsen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Boldklubben Øst/).waitFor();
  }],
  ['wizard terms step with an error', async (page, url) => {
    await logIn(page, url, 'Lars Nielsen');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Nielsen Rådgivning ApS/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByLabel(/accepterer dem på organisationens vegne/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard terms step', async (page, url) => {
    await logIn(page, url, 'Jonas Berg');
    await page.goto(`${url}/tilslut/organisation`);
    await page.getByLabel(/Havnens Rederi/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByLabel(/accepterer dem på organisationens vegne/).waitFor();
  }],
  ['wizard administrators with errors', async (page, url) => {
    await startCase(page, url, 'Mette Jensen', 'Jensens Tømrerforretning');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['wizard administrators, two rows', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Egeskov Snedkeri ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.getByRole('button', { name: 'Tilføj en administrator' }).click();
    await page.locator('#administrators-1-name').waitFor();
  }],
  ['wizard summary', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Holm Invest ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('karen@holminvest.dk');
    await page.locator('#administrators-0-date_of_birth').fill('12-06-1985');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByTestId('signing-text').waitFor();
  }],
  ['wizard receipt', async (page, url) => {
    await startCase(page, url, 'Karen Holm', 'Holm Ejendomme ApS');
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('karen@holmejendomme.dk');
    await page.locator('#administrators-0-date_of_birth').fill('03-04-1970');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Godkend og underskriv tilslutningen' }).click();
    await confirmSignature(page);
    await page.getByTestId('reference').waitFor();
  }],
  ['documentation step with errors', async (page, url) => {
    await startDocumentationCase(page, url);
    await page.getByRole('button', { name: 'Send til manuel behandling' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['not a representative, and the register shows who is', async (page, url) => {
    const cvr = await cvrOf(url, 'peter', 'Nordlys Energi A/S');
    await logIn(page, url, 'Lars Nielsen');
    await page.goto(`${url}/tilslut/organisation`);
    await chooseByCvr(page, cvr);
    await page.getByRole('button', { name: 'Forbered tilslutningen som anmelder' }).waitFor();
  }],
  ['not a representative, the register shows nobody, and no title given', async (page, url) => {
    await logIn(page, url, 'Jonas Berg');
    await page.goto(`${url}/tilslut/organisation`);
    await chooseByCvr(page, '31000211');
    await page.getByRole('button', { name: 'Send dokumentation til manuel behandling' }).click();
    await page.getByText('Skriv din titel eller rolle i organisationen.').waitFor();
  }],
  ['documentation step', async (page, url) => {
    // Organisations whose representatives the register does not show (server/demo-register/virksomheder/).
    await startDocumentationCase(page, url, {
      name: 'Anders Poulsen', company: 'Foreningen Fjordhaverne', email: 'anders@fjordhaverne.dk', cvr: '31000211', statedRole: 'Kasserer',
    });
    await page.getByLabel('Billed-ID (pas, kørekort eller ID-kort)').waitFor();
  }],
  ['documentation case awaiting manual review', async (page, url) => {
    await startDocumentationCase(page, url, {
      name: 'Emil Larsen', company: 'Fonden Nordsøens Havmiljø', email: 'emil@havmiljoe.dk', cvr: '31000238', statedRole: 'Bestyrelsesmedlem',
    });
    await sendDocumentation(page);
    await page.getByTestId('awaiting').waitFor();
  }],
  ['preparation: check and send', async (page, url) => {
    const cvr = await cvrOf(url, 'karen', 'Dansk Vinimport ApS');
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forbered`);
    await chooseByCvr(page, cvr);
    await page.getByLabel(/Karen Holm/).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Tilføj mig selv' }).click();
    await page.locator('#administrators-0-email').fill('anders@vin.dk');
    await page.locator('#administrators-0-date_of_birth').fill('09-09-1990');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Send til godkendelse' }).waitFor();
  }],
  ['preparation: approver step with an error', async (page, url) => {
    const cvr = await cvrOf(url, 'peter', 'Nordlys Energi A/S');
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forbered`);
    await chooseByCvr(page, cvr);
    await page.getByLabel(/Peter Sørensen/).waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['approval page with a rejection error', async (page, url) => {
    const cvr = await cvrOf(url, 'karen', 'Blomsterhuset Vesterbro ApS');
    await logIn(page, url, 'Anders Poulsen');
    const id = await prepare(page, url, cvr, 'Karen Holm');
    await page.getByRole('button', { name: 'Log af' }).click();
    await logIn(page, url, 'Karen Holm');
    await page.goto(`${url}/godkend/${id}`);
    await page.getByRole('button', { name: 'Afvis tilslutningen' }).click();
    await page.locator('.tilslut-error-summary').waitFor();
  }],
  ['my preparations', async (page, url) => {
    await logIn(page, url, 'Anders Poulsen');
    await page.goto(`${url}/forberedelser`);
    await page.locator('h1').waitFor();
    await page.getByRole('link', { name: 'Forbered en tilslutning' }).waitFor();
  }],
  ['accessibility statement', async (page, url) => {
    await page.goto(`${url}/tilgaengelighed`);
    await page.locator('h1').waitFor();
  }],
  ['page not found', async (page, url) => {
    await page.goto(`${url}/findes-ikke`);
    await page.locator('h1').waitFor();
  }],
];

/** Logs in privately and takes the wizard through the organisation and the terms. */
