// The runnable example (examples/switcher): another app's header with tilslut's context switcher,
// served by the real backend from its own build, so it shares the API's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, root } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer({ TILSLUT_DIST: join(root, 'target', 'example-switcher-dist') });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a host app embeds the switcher, themes it, and hears about a switch', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  // Log in as Lars through the API, as the host's own login would, and choose privately.
  const status = await page.evaluate(async () => {
    const post = (path, body, method = 'POST') => fetch(path, {
      method, headers: { 'content-type': 'application/json', 'x-tilslut-context': 'none' }, body: JSON.stringify(body),
    });
    await post('/api/dev/login', { person_id: 'lars' });
    return (await post('/api/session/context', { context: { kind: 'private' } }, 'PUT')).status;
  });
  assert.equal(status, 200);
  await page.reload();

  const toggle = page.locator('.tilslut-context-toggle');
  await toggle.waitFor();
  assert.equal(await page.getByTestId('context-current').innerText(), 'Privat', 'Danish by default');
  assert.equal(await toggle.evaluate((el) => getComputedStyle(el).getPropertyValue('--tilslut-primary').trim()), '#6b2c91');
  await toggle.click();
  await page.locator('#tilslut-context-list button[data-context]').filter({ hasText: 'Havnens Rederi' }).click();
  await page.getByTestId('context-current').filter({ hasText: 'Havnens Rederi ApS' }).waitFor();
  assert.match(await page.getByTestId('host-acting-as').innerText(), /Havnens Rederi ApS/, 'on_change reached the host');
  assert.deepEqual(page.faults, []);
  await context.close();
});
