// axe-core finds no WCAG 2.1 A/AA violations (nor best-practice ones) in any state of the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, accessibilityStates, axeViolations } from './support.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [name, reach] of accessibilityStates) {
  test(`no axe violations: ${name}`, async () => {
    const context = await browser.newContext();
    const page = await newPage(context);
    await reach(page, server.url);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.faults, []);
    await context.close();
  });
}
