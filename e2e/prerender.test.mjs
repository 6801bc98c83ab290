// Pages pre-rendered at build time paint before the WebAssembly runs, and the app takes over
// from them without leaving a copy behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage } from './support.mjs';

const env = testEnvironment();

test('the start of "Tilslut" is in the HTML itself', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/tilslut`);
  assert.equal(await page.locator('h1').innerText(), 'Tilslut organisationen til MitID Erhverv');
  // What depends on the session waits for the app: no "log in" that would flip to "start".
  assert.equal(await page.getByRole('link', { name: 'Log ind' }).count(), 0);
  await context.close();
});

test('the app replaces the pre-rendered page, leaving one of everything', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(`${env.server.url}/tilslut`);
  await page.locator('main').getByRole('link', { name: 'Log ind' }).waitFor();
  assert.equal(await page.locator('#tilslut-prerendered').count(), 0);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('header').count(), 1);
  assert.deepEqual(page.faults, []);
  await context.close();
});

test('Danish text needs only the core of each font; a rarer letter fetches the rest', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  const fonts = new Set();
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/fonts/')) fonts.add(path.replace(/-[0-9a-f]{16}\.woff2$/, ''));
  });
  await page.goto(`${env.server.url}/tilslut`);
  await page.locator('main').getByRole('link', { name: 'Log ind' }).waitFor();
  await page.evaluate(() => document.fonts.ready);
  assert.deepEqual([...fonts].sort(), ['/fonts/IBMPlexSans-Bold-core', '/fonts/IBMPlexSans-Regular-core', '/fonts/IBMPlexSans-SemiBold-core']);
  const rest = page.waitForResponse((response) => response.url().includes('/fonts/IBMPlexSans-Regular-rest-'));
  await page.locator('main p').first().evaluate((p) => { p.textContent = 'Jürgen Müller'; });
  assert.equal((await rest).status(), 200);
  await context.close();
});
