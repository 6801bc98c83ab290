// axe-core finds no WCAG 2.1 A/AA violations (nor best-practice ones) in any state of the pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnvironment, newPage, accessibilityStates, axeViolations } from './support.mjs';

const env = testEnvironment();

for (const [name, reach] of accessibilityStates) {
  test(`no axe violations: ${name}`, async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    await reach(page, env.server.url);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.faults, []);
    await context.close();
  });
}
