// `make bench`, backend half: requests per second and latency of the reference backend over HTTP
// with keep-alive, from CONCURRENCY clients at once, side by side on three set-ups: SQLite (a
// temporary file), one instance on PostgreSQL, and two instances on one PostgreSQL with the
// requests dealt between them in turn, as a load balancer would (the PostgreSQL ones when
// TILSLUT_TEST_POSTGRES names a server, as `make bench` sets it through scripts/with-postgres.sh):
// - GET /api/health (does no work: the floor of the stack),
// - GET /api/session (the session and the contexts from the register: what every page load asks),
// - a full approve flow (create case, administrators, terms, signing text, approve, confirmed as the
//   development login does) for each of Karen Holm's companies; the flow's latency is the sum of its
//   five requests.
// Prints a table; `--json FILE` writes the same figures.
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { postgresDatabase, startServer } from '../support.mjs';

const SECONDS = Number(process.env.SECONDS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const jsonAt = process.argv.indexOf('--json');
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(base, method, path, { body, cookie, context = 'none' } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${base}${path}`, {
      method, agent,
      headers: { 'content-type': 'application/json', 'x-tilslut-context': context, ...(cookie ? { cookie } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function login(base, personId) {
  const reply = await request(base, 'POST', '/api/dev/login', { body: { person_id: personId } });
  if (reply.status !== 200) throw new Error(`login ${personId}: ${reply.status} ${reply.text}`);
  const cookieOf = (r) => r.headers['set-cookie']?.map((c) => c.split(';')[0]).join('; ');
  const cookie = cookieOf(reply);
  const chosen = await request(base, 'PUT', '/api/session/context', { body: { context: { kind: 'private' } }, cookie });
  if (chosen.status !== 200) throw new Error(`context: ${chosen.status} ${chosen.text}`);
  // The session id is renewed when the context changes, against session fixation.
  return cookieOf(chosen) ?? cookie;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Runs `once` from CONCURRENCY loops for SECONDS; every call must succeed. */
async function hammer(once) {
  const latencies = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

async function expectOk(promise, what) {
  const reply = await promise;
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${reply.text}`);
  return reply.text ? JSON.parse(reply.text) : null;
}

/** Every measure against `instances`, each request to the next instance in turn. */
async function measure(instances) {
  let turn = 0;
  const next = () => instances[turn++ % instances.length].url;
  const rows = [];
  const lars = await login(next(), 'lars');
  for (const [name, path] of [['GET /api/health', '/api/health'], ['GET /api/session', '/api/session']]) {
    const { latencies, seconds } = await hammer(() => expectOk(request(next(), 'GET', path, { cookie: lars, context: 'private' }), path));
    rows.push({ measure: name, n: latencies.length, per_second: latencies.length / seconds, latencies });
  }

  const karen = await login(next(), 'karen');
  const companies = (await expectOk(request(next(), 'GET', '/api/organisations', { cookie: karen }), 'organisations'))
    .filter((o) => !o.connected);
  const terms = await expectOk(request(next(), 'GET', '/api/terms/current', { cookie: karen }), 'terms');
  const flows = [];
  const startedFlows = performance.now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, companies.length) }, async () => {
    while (companies.length) {
      const company = companies.pop();
      const t = performance.now();
      const send = (method, path, body) => expectOk(request(next(), method, path, { body, cookie: karen, context: 'private' }), path);
      let c = await send('POST', '/api/cases', { cvr: company.cvr, role: 'representative' });
      c = await send('PUT', `/api/cases/${c.id}/administrators`, { version: c.version, administrators: [
        { name: 'Karen Holm', email: `karen@${company.cvr}.dk`, date_of_birth: '03-04-1970', is_self: true }] });
      c = await send('POST', `/api/cases/${c.id}/terms`, { version: c.version, terms_version: terms.version });
      const { da } = await send('GET', `/api/cases/${c.id}/signing-text`);
      c = await send('POST', `/api/cases/${c.id}/approve`, { version: c.version, signing_text: da, confirmed: true });
      if (c.status !== 'approved') throw new Error(`not approved: ${c.status}`);
      flows.push(performance.now() - t);
    }
  }));
  rows.push({ measure: 'approve flow (5 requests)', n: flows.length, per_second: flows.length / ((performance.now() - startedFlows) / 1000), latencies: flows });
  return rows;
}

const setups = [['SQLite', async () => [await startServer()]]];
if (process.env.TILSLUT_TEST_POSTGRES) {
  setups.push(['PostgreSQL', async () => [await startServer({ TILSLUT_DATABASE: postgresDatabase('bench') })]]);
  setups.push(['PostgreSQL, 2 instances', async () => {
    const env = { TILSLUT_DATABASE: postgresDatabase('bench') };
    return [await startServer(env), await startServer(env)];
  }]);
}

const results = [];
try {
  for (const [setup, start] of setups) {
    const instances = await start();
    try {
      for (const row of await measure(instances)) results.push({ setup, ...row });
    } finally {
      for (const instance of instances) await instance.stop();
    }
  }
} finally {
  agent.destroy();
}

const table = results.map(({ setup, measure, n, per_second, latencies }) => ({
  setup, measure, n, per_second: Math.round(per_second), p50_ms: +percentile(latencies, 50).toFixed(2), p99_ms: +percentile(latencies, 99).toFixed(2),
}));
console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s per endpoint${process.env.TILSLUT_TEST_POSTGRES ? '' : ' (SQLite only: TILSLUT_TEST_POSTGRES is not set)'}`);
const setupNames = setups.map(([setup]) => setup);
console.log(`${'measure'.padEnd(27)}${setupNames.map((s) => `| ${s.padEnd(27)}`).join('')}`);
console.log(`${''.padEnd(27)}${setupNames.map(() => `| ${'per s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  `).join('')}`);
for (const measureName of [...new Set(table.map((r) => r.measure))]) {
  const cells = setupNames.map((setup) => table.find((r) => r.setup === setup && r.measure === measureName))
    .map((r) => `| ${String(r.per_second).padStart(7)} ${String(r.p50_ms).padStart(8)} ${String(r.p99_ms).padStart(8)}  `);
  console.log(`${measureName.padEnd(27)}${cells.join('')}`);
}
if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], JSON.stringify(table, null, 2));
