// The bytes of a first load: index.html, what it links, and what the linked CSS pulls in (fonts,
// images), each raw, gzip -9 and brotli -11. Usage: node scripts/bundle-sizes.mjs dist [--json FILE]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt > 0 ? process.argv[jsonAt + 1] : null;

/** Paths inside dist that a file refers to: href/src attributes, url(...) in CSS, JS imports. */
function references(path, text) {
  const found = new Set();
  const patterns = [/(?:href|src)="([^"]+)"/g, /url\(\s*['"]?([^'")]+)['"]?\s*\)/g, /from\s*['"]([^'"]+)['"]/g,
    /new URL\(['"]([^'"]+)['"]/g];
  for (const pattern of patterns) {
    for (const [, ref] of text.matchAll(pattern)) {
      if (/^(https?:|data:|#|mailto:)/.test(ref)) continue;
      const clean = ref.split(/[?#]/)[0];
      const resolved = clean.startsWith('/') ? clean.slice(1) : posix.join(posix.dirname(path), clean);
      if (existsSync(join(dist, resolved))) found.add(resolved);
    }
  }
  return found;
}

const seen = new Set();
const queue = ['index.html'];
while (queue.length) {
  const path = queue.shift();
  if (seen.has(path)) continue;
  seen.add(path);
  if (/\.(html|css|js)$/.test(path)) {
    for (const ref of references(path, readFileSync(join(dist, path), 'utf8'))) queue.push(ref);
  }
}
// The wasm is fetched by the JS glue under a name trunk derives from the JS file.
for (const path of [...seen]) {
  const wasm = path.replace(/\.js$/, '_bg.wasm');
  if (path.endsWith('.js') && existsSync(join(dist, wasm))) seen.add(wasm);
}

const rows = [...seen].sort().map((path) => {
  const bytes = readFileSync(join(dist, path));
  // Fonts and images are compressed already; servers send them as they are.
  const compressible = !/\.(woff2?|png|jpe?g|gif|webp)$/.test(path);
  return {
    file: path,
    raw: bytes.length,
    gzip: compressible ? gzipSync(bytes, { level: 9 }).length : bytes.length,
    brotli: compressible
      ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
      : bytes.length,
  };
});
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${'first-load file'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${'total'.padEnd(44)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ files: rows, total }, null, 2));
