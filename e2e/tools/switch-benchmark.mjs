// `make bench`, browser half: how long a person waits in the release build against the real
// backend for (a) a context switch — click in the switcher until the header shows the new
// context — and (b) a wizard step — click "Fortsæt" until the next step is rendered; each at
// normal speed and with the CPU slowed 4× (Chrome DevTools Protocol), median and p95.
// Prints a table; `--json FILE` writes the same figures.
import { writeFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, logIn, startCase } from '../support.mjs';

const REPETITIONS = Number(process.env.REPETITIONS ?? 40);
const jsonAt = process.argv.indexOf('--json');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Milliseconds from a click to the moment `done` (evaluated in the page) is true, timed in the page. */
async function timeInPage(page, clickSelector, doneExpression) {
  return page.evaluate(({ clickSelector, doneExpression }) => new Promise((resolve) => {
    const done = new Function(`return (${doneExpression});`);
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    document.querySelector(clickSelector).click();
  }), { clickSelector, doneExpression });
}

async function switchTimes(page) {
  const times = [];
  // Back and forth between private and the first company (the list is in the page, closed).
  const company = await page.locator('#tilslut-context-list button[data-context]:not([data-context=private])').first().getAttribute('data-context');
  for (let i = 0; i < REPETITIONS; i++) {
    const target = i % 2 ? 'private' : company;
    await page.locator('.tilslut-context-toggle').click();
    const expected = target === 'private' ? 'Privat' : `CVR ${target}`;
    times.push(await timeInPage(page, `#tilslut-context-list button[data-context="${target}"]`,
      `document.querySelector('[data-testid=context-current]')?.textContent.includes(${JSON.stringify(expected)})`));
  }
  return times;
}

async function stepTimes(page) {
  // Terms → administrators, over and over: both directions are one "Fortsæt" each.
  const times = [];
  const caseUrl = page.url().replace(/\/administratorer$/, '');
  for (let i = 0; i < REPETITIONS; i++) {
    await page.goto(`${caseUrl}/vilkaar`);
    await page.getByLabel(/accepterer dem på organisationens vegne/).check();
    times.push(await timeInPage(page, 'form button[type=submit]',
      `location.pathname.endsWith('/administratorer') && !!document.querySelector('.tilslut-button-row')`));
  }
  return times;
}

const server = await startServer();
const browser = await launchBrowser();
const results = [];
try {
  for (const slowdown of [1, 4]) {
    const context = await browser.newContext();
    const page = await newPage(context);
    const cdp = await context.newCDPSession(page);
    await logIn(page, server.url, 'Karen Holm');
    await page.getByLabel('Som privatperson').check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByTestId('acting-as').waitFor();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    results.push({ measure: 'context switch', cpu: `${slowdown}x`, times: await switchTimes(page) });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await context.close();

    const stepContext = await browser.newContext();
    const stepPage = await newPage(stepContext);
    await startCase(stepPage, server.url, 'Lars Nielsen', slowdown === 1 ? 'Nielsen Rådgivning ApS' : 'Havnens Rederi ApS');
    const stepCdp = await stepContext.newCDPSession(stepPage);
    await stepCdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    results.push({ measure: 'wizard step (Fortsæt)', cpu: `${slowdown}x`, times: await stepTimes(stepPage) });
    await stepContext.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const rows = results.map(({ measure, cpu, times }) => ({
  measure, cpu, n: times.length, median_ms: +percentile(times, 50).toFixed(1), p95_ms: +percentile(times, 95).toFixed(1),
}));
console.log(`${'measure'.padEnd(24)} ${'cpu'.padStart(4)} ${'n'.padStart(4)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}`);
for (const r of rows) console.log(`${r.measure.padEnd(24)} ${r.cpu.padStart(4)} ${String(r.n).padStart(4)} ${String(r.median_ms).padStart(10)} ${String(r.p95_ms).padStart(8)}`);
if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], JSON.stringify(rows, null, 2));
