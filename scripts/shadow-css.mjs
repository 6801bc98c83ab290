// The app's stylesheet made fit for a shadow root (the custom elements' journeys, elements/):
// `node scripts/shadow-css.mjs <in.css> <out.css>`, run by `make css`.
//
// - `:root`, `html` and `body` do not exist inside a shadow root: their rules go to `:host`.
// - The design system sizes in rem against a root of 62.5 % (1rem = 10px). A host page keeps its
//   own root size, so every rem becomes `var(--tilslut-rem)`, by default 0.625rem: 10px at the
//   browser's default size, and still following the person's chosen text size. A host whose
//   root is already 62.5 % sets `--tilslut-rem: 1rem`.
//   Their page layout (height, overflow, margins, flex) stays the page's: an element is not a page.
// - @font-face does nothing inside a shadow root: it is left out, and the text uses the host's
//   fonts unless the host loads IBM Plex Sans (see README, Embedding).
import { readFileSync, writeFileSync } from 'node:fs';
import postcss from 'postcss';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/shadow-css.mjs <in.css> <out.css>');
  process.exit(2);
}

const toHost = (selector) => selector.replace(/^(:root|html|body)(?=$|[\s.:[>+~])/, ':host');
const PAGE_LAYOUT = /^(display|min-height|max-height|flex-direction|overflow(-x|-y)?|margin|padding)$/;
const remToVar = (value) => value.replace(/(-?\d*\.?\d+)rem\b/g, 'calc($1 * var(--tilslut-rem, 0.625rem))');

const root = postcss.parse(readFileSync(input, 'utf8'));
root.walkAtRules('font-face', (rule) => rule.remove());
root.walkRules((rule) => {
  // Keyframe steps (from, 50%) are not selectors.
  if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
  const selectors = rule.selectors.map(toHost);
  if (selectors.includes(':host') && !rule.selectors.includes(':host')) {
    rule.walkDecls((decl) => { if (PAGE_LAYOUT.test(decl.prop)) decl.remove(); });
  }
  rule.selectors = selectors;
});
root.walkRules((rule) => { if (rule.nodes.length === 0) rule.remove(); });
root.walkDecls((decl) => {
  decl.value = remToVar(decl.value);
});
root.walkAtRules('media', (rule) => {
  rule.params = remToVar(rule.params);
});
root.append(':host{display:block}');
writeFileSync(output, root.toString());
