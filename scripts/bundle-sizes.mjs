// The bytes of a first load: index.html, what it links, and what the linked CSS pulls in (fonts,
// except faces for rare characters only; images), each raw, gzip -9 and brotli -11.
// Usage: node scripts/bundle-sizes.mjs dist [--json FILE] [--budget KB]
// With --budget, exits 1 when the first load's brotli total is over KB: a size, the same on every
// machine, so `make test` holds it.
// The perf lab imports firstLoadSizes.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Whether a CSS unicode-range (`U+0000-007E, U+00E6, …`) covers a code point. */
const covers = (range, point) => range.split(',').some((part) => {
  const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
  return from <= point && point <= to;
});

/**
 * A font face whose unicode-range leaves out the basic letters is fetched only by a page that shows
 * one of its rarer characters (scripts/fonts.py cuts each font so): not part of a first load.
 */
const onDemandFaces = /@font-face\s*{[^}]*unicode-range:\s*([^;}]+)[^}]*}/g;
const withoutOnDemandFaces = (css) => css.replace(onDemandFaces, (face, range) => (covers(range, 'a'.codePointAt(0)) ? face : ''));

/** Paths inside dist that a file refers to: href/src attributes, url(...) in CSS, JS imports. */
function references(dist, path, text) {
  if (path.endsWith('.css')) text = withoutOnDemandFaces(text);
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

/** Each first-load file of the build in `dist` with its raw, gzip and brotli size, and the total. */
export function firstLoadSizes(dist) {
  const seen = new Set();
  const queue = ['index.html'];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    if (/\.(html|css|js)$/.test(path)) {
      for (const ref of references(dist, path, readFileSync(join(dist, path), 'utf8'))) queue.push(ref);
    }
  }
  // The wasm is fetched by the JS glue under a name trunk derives from the JS file.
  for (const path of [...seen]) {
    const wasm = path.replace(/\.js$/, '_bg.wasm');
    if (path.endsWith('.js') && existsSync(join(dist, wasm))) seen.add(wasm);
  }
  const files = [...seen].sort().map((path) => {
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
  const total = files.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? 'dist';
  const jsonAt = process.argv.indexOf('--json');
  const { files, total } = firstLoadSizes(dist);
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log(`${'first-load file'.padEnd(56)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
  for (const r of files) console.log(`${r.file.padEnd(56)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  console.log(`${'total'.padEnd(56)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ files, total }, null, 2));
  const budgetAt = process.argv.indexOf('--budget');
  if (budgetAt > 0) {
    const budget = Number(process.argv[budgetAt + 1]);
    if (!(total.brotli / 1024 <= budget)) {
      console.error(`error: the first load is ${(total.brotli / 1024).toFixed(1)} KB brotli, over its budget of ${budget} KB`);
      process.exit(1);
    }
  }
}
