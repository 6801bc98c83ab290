// `make axe`: axe-core's violations for every page state, as a table. Exits 1 if there are any.
import { startServer, launchBrowser, newPage, accessibilityStates, axeViolations } from '../support.mjs';

const server = await startServer();
const browser = await launchBrowser();
let total = 0;
try {
  for (const [name, reach] of accessibilityStates) {
    const context = await browser.newContext();
    const page = await newPage(context);
    await reach(page, server.url);
    const violations = await axeViolations(page);
    total += violations.length;
    console.log(`${String(violations.length).padStart(3)}  ${name}`);
    for (const v of violations) console.log(`       ${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${total} violations in ${accessibilityStates.length} page states`);
process.exitCode = total ? 1 : 0;
