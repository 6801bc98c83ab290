// Headless Chromium for the tests: launched with the flags this closed network needs, pages that
// fail a test on any fault the app reports, and each test file's server and browser.
import { chromium } from 'playwright-core';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './processes.mjs';

/**
 * For a test file: the backend and a browser, started before its tests and stopped after; with
 * `pagePerTest`, also a fresh browser context and page for each test, which fails the test on any
 * fault the app reports. The returned object's `server`, `browser`, `context` and `page` are the
 * current ones.
 */
export function testEnvironment({ pagePerTest = false, locale } = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  if (pagePerTest) {
    beforeEach(async () => {
      env.context = await env.browser.newContext(locale ? { locale } : {});
      env.page = await newPage(env.context);
    });
    afterEach(async () => {
      assert.deepEqual(env.page.faults, [], 'the app reported no errors');
      await env.context.close();
    });
  }
  return env;
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * A new page that fails the test on any uncaught error in the app (a crashed release build, a
 * panic) and on any request the Content-Security-Policy refuses.
 */
export async function newPage(context) {
  const page = await context.newPage();
  page.faults = [];
  page.on('pageerror', (error) => page.faults.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|panicked/.test(message.text())) {
      page.faults.push(`console: ${message.text()}`);
    }
  });
  return page;
}

/** "Underskriv" on the development login's confirmation page, in `root` (a page or a component). */
export async function confirmSignature(root) {
  await root.getByRole('button', { name: 'Underskriv', exact: true }).click();
}

/** Presses Tab until the focus is on the element matching `selector`; fails after 60 presses. */
export async function tabTo(page, selector) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
