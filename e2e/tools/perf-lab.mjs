// `make perf`: what the app costs a user on a slow phone, next to its physical limit, in one run
// on the release build served by the real backend. Prints a table and writes the same figures as
// JSON to perf/results/<commit>.json so two commits can be compared.
//
// - bytes: raw/gzip/brotli of every first-load file, and whether the server sends them compressed
//   and with long-lived caching (hashed names);
// - load under the Lighthouse mobile profile (150 ms RTT, 1.6 Mbps down, 750 Kbps up, CPU 4×), a
//   fresh browser context per run: first and largest contentful paint, and the time until the
//   first wizard step (/tilslut) is interactive — the app mounted in place of its pre-rendered
//   HTML (for the static page: on screen) — for the app and for a static HTML page with the same
//   visible content, CSS and fonts (the app's own rendering of that page, saved without scripts);
// - interaction and backend: the switch/step and load benchmarks, run as they are.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { firstLoadSizes } from '../../scripts/bundle-sizes.mjs';
import { root, startServer, launchBrowser, newPage } from '../support.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const dist = join(root, 'dist');
const STATIC_PAGE = 'perf-static.html';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => [Math.min(...xs), Math.max(...xs)];

/** The app's own rendering of /tilslut, without its scripts: the same content, CSS and fonts. */
async function writeStaticPage(browser, url) {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(`${url}/tilslut`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll('script, link[rel=modulepreload], link[rel=preload][as=fetch], link[rel=preload][as=script]').forEach((n) => n.remove());
    return `<!DOCTYPE html>\n${copy.outerHTML}`;
  });
  await context.close();
  writeFileSync(join(dist, STATIC_PAGE), html);
}

/** One throttled load of `path`; resolves when `readySelector` is on screen. */
async function throttledLoad(browser, url, path, readySelector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // What the browser really fetched (a font no text uses is never fetched), bytes on the wire.
  const urls = new Map();
  const transferred = {};
  cdp.on('Network.responseReceived', ({ requestId, response }) => urls.set(requestId, new URL(response.url).pathname));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const path = urls.get(requestId);
    if (path) transferred[path] = (transferred[path] ?? 0) + encodedDataLength;
  });
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`${url}${path}`, { waitUntil: 'commit' });
  await page.waitForSelector(readySelector);
  const ready = await page.evaluate(() => performance.now());
  await page.waitForLoadState('load');
  // The first paint may still be to come (a frame after `load` can be the first one): wait for
  // its entry; the largest paint is reported with it or before, and a frame after it settles.
  const figures = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const fcp = list.getEntriesByName('first-contentful-paint')[0];
      if (!fcp) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve({ fcp: fcp.startTime, lcp: window.__lcp })));
    }).observe({ type: 'paint', buffered: true });
  }));
  // Every response of the first visit counted (the app's session request may still be on its way).
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ...figures, ready, transferred };
}

async function servedAs(url, file) {
  const response = await fetch(`${url}/${file}`, { headers: { 'accept-encoding': 'br, gzip' } });
  await response.arrayBuffer();
  return { encoding: response.headers.get('content-encoding') ?? 'identity', cache: response.headers.get('cache-control') ?? '' };
}

function runTool(script) {
  const out = join(tmpdir(), `tilslut-${process.pid}-${script.replace(/\W/g, '')}.json`);
  const run = spawnSync(process.execPath, [join(root, 'e2e', 'tools', script), '--json', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`${script} failed`);
  const figures = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out);
  return figures;
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
const sizes = firstLoadSizes(dist);
const server = await startServer();
const browser = await launchBrowser();
const result = { commit, date: new Date().toISOString(), runs: RUNS, bytes: sizes };
try {
  result.served = {};
  for (const { file } of sizes.files) result.served[file] = await servedAs(server.url, file);
  await writeStaticPage(browser, server.url);
  result.load = {};
  for (const [name, path] of [['app /tilslut', '/tilslut'], ['static page', `/${STATIC_PAGE}`]]) {
    const runs = [];
    // The pre-rendered page shows its h1 at once; it is interactive once the app replaced it.
    for (let i = 0; i < RUNS; i++) runs.push(await throttledLoad(browser, server.url, path, 'body:not(:has(#tilslut-prerendered)) main h1'));
    result.transferred ??= runs[0].transferred;
    result.load[name] = Object.fromEntries(['fcp', 'lcp', 'ready'].map((k) => {
      const values = runs.map((r) => r[k]);
      return [k, { median: Math.round(median(values)), min: Math.round(spread(values)[0]), max: Math.round(spread(values)[1]) }];
    }));
  }
} finally {
  rmSync(join(dist, STATIC_PAGE), { force: true });
  await browser.close();
  await server.stop();
}
result.interaction = runTool('switch-benchmark.mjs');
result.backend = runTool('load-benchmark.mjs');

const app = result.load['app /tilslut'];
const limit = result.load['static page'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nperf lab, commit ${commit}, ${RUNS} throttled runs each (Lighthouse mobile: 150 ms RTT, 1.6/0.75 Mbps, CPU 4x)`);
console.log(`first load: ${kb(sizes.total.raw)} raw, ${kb(sizes.total.gzip)} gzip, ${kb(sizes.total.brotli)} brotli (budget 250 KB brotli)`);
for (const { file, brotli } of sizes.files) {
  const served = result.served[file];
  console.log(`  ${file.padEnd(56)} ${kb(brotli).padStart(10)} br   served ${served.encoding.padEnd(8)} ${served.cache}`);
}
const wire = Object.entries(result.transferred);
console.log(`transferred by a first visit to /tilslut (throttled run, bytes on the wire incl. headers): ${kb(wire.reduce((sum, [, n]) => sum + n, 0))} in ${wire.length} responses`);
for (const [path, bytes] of wire) console.log(`  ${path.padEnd(56)} ${kb(bytes).padStart(10)}`);
console.log(`${'load'.padEnd(14)} ${'FCP ms'.padStart(16)} ${'LCP ms'.padStart(16)} ${'interactive ms'.padStart(16)}   (median [min–max])`);
for (const [name, f] of Object.entries(result.load)) {
  const cell = ({ median: m, min, max }) => `${m} [${min}–${max}]`.padStart(16);
  console.log(`${name.padEnd(14)} ${cell(f.fcp)} ${cell(f.lcp)} ${cell(f.ready)}`);
}
console.log(`app / static page: LCP ${(app.lcp.median / limit.lcp.median).toFixed(1)}x (budget ≤ 2x and ≤ 2500 ms)`);
console.log('interaction (ms):', result.interaction.map((r) => `${r.measure} ${r.cpu}: median ${r.median_ms}, p95 ${r.p95_ms}`).join('; '));
console.log('backend:', result.backend.map((r) => `${r.setup}, ${r.measure}: ${r.per_second}/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms`).join('; '));
mkdirSync(join(root, 'perf', 'results'), { recursive: true });
const file = join(root, 'perf', 'results', `${commit}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`written: ${file}`);
