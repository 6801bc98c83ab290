// Post-processes the compiled stylesheet, with a real CSS parser (postcss):
// `node scripts/css.mjs <tilslut.css> <tilslut-shadow.css> <tilslut-scoped.css>`, run by `make css`.
//
// 1. Theming, in both outputs: the design system's colours and font become custom properties with
//    the design system's values as defaults, e.g. `#0059b3` → `var(--tilslut-primary,#0059b3)`.
//    THEME below is the one list of them (docs/embedding.md documents it).
// 2. The custom elements' copy (elements/) made fit for a shadow root:
//    - `:root`, `html` and `body` do not exist inside a shadow root: their rules go to `:host`,
//      without their page layout (height, overflow, margins, flex): an element is not a page.
//    - The design system sizes in rem against a root of 62.5 % (1rem = 10px). A host page keeps
//      its own root size, so every rem becomes `var(--tilslut-rem)`, by default 0.625rem: 10px at
//      the browser's default size, and still following the person's chosen text size. A host
//      whose root is already 62.5 % sets `--tilslut-rem: 1rem`.
//    - @font-face does nothing inside a shadow root: it is left out, and the text uses the host's
//      fonts unless the host loads IBM Plex Sans (see docs/embedding.md).
// 3. A copy for Leptos hosts, confined to `.tilslut-scope` the same way (root rules to the class,
//    every other selector inside it, rem to `var(--tilslut-rem)`): the design system's look for
//    the components without restyling the rest of the host's page.
import { readFileSync, writeFileSync } from 'node:fs';
import postcss from 'postcss';

export const THEME = {
  '--tilslut-primary': ['#0059b3'],
  '--tilslut-primary-dark': ['#004993', '#004d99'],
  '--tilslut-text': ['#1a1a1a'],
  '--tilslut-border': ['#bfbfbf'],
  '--tilslut-surface': ['#f5f5f5'],
  '--tilslut-error': ['#cc0000'],
  '--tilslut-success': ['#358000'],
};
const FONT = '--tilslut-font';

const [input, shadowOutput, scopedOutput] = process.argv.slice(2);
if (!input || !shadowOutput || !scopedOutput) {
  console.error('usage: node scripts/css.mjs <tilslut.css> <tilslut-shadow.css> <tilslut-scoped.css>');
  process.exit(2);
}

const sixDigits = (hex) => (hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex).toLowerCase();
const propertyOf = new Map(Object.entries(THEME).flatMap(([property, colours]) => colours.map((c) => [c, property])));
// Colours inside url(…) (inline SVG icons) cannot take var(); they stay as they are, as do values
// already themed by hand (the context switcher's own stylesheet, which its element uses raw).
const themeValue = (value) => value.includes('var(--tilslut-') ? value :
  value.split(/(url\([^)]*\))/).map((part) => part.startsWith('url(') ? part : part.replace(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/g, (hex) => {
    const property = propertyOf.get(sixDigits(hex));
    return property ? `var(${property},${hex})` : hex;
  })).join('');

function theme(root) {
  root.walkDecls((decl) => {
    if (decl.parent?.type === 'atrule' && decl.parent.name === 'font-face') return;
    if (decl.prop === 'font-family' && decl.value.includes('IBM Plex Sans')) decl.value = `var(${FONT},${decl.value})`;
    else decl.value = themeValue(decl.value);
  });
}

const PAGE_LAYOUT = /^(display|min-height|max-height|flex-direction|overflow(-x|-y)?|margin|padding)$/;
const remToVar = (value) => value.replace(/(-?\d*\.?\d+)rem\b/g, 'calc($1 * var(--tilslut-rem, 0.625rem))');
const ROOT = /^(:root|html|body)(?=$|[\s.:[>+~])/;

/**
 * The stylesheet confined to a container: the page's root rules (`:root`, `html`, `body`, without
 * their page layout) go to `container`; every other selector is kept, or put inside `container`
 * when `prefix` is set. Sizes in rem become `var(--tilslut-rem)`, as the host keeps its root size.
 */
function confine(root, container, prefix) {
  root.walkRules((rule) => {
    // Keyframe steps (from, 50%) are not selectors.
    if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
    const isRootRule = rule.selectors.some((selector) => ROOT.test(selector));
    const selectors = rule.selectors.map((selector) =>
      ROOT.test(selector) ? selector.replace(ROOT, container) : prefix ? `${container} ${selector}` : selector);
    if (isRootRule) rule.walkDecls((decl) => { if (PAGE_LAYOUT.test(decl.prop)) decl.remove(); });
    rule.selectors = selectors;
  });
  root.walkRules((rule) => { if (rule.nodes.length === 0) rule.remove(); });
  root.walkDecls((decl) => { decl.value = remToVar(decl.value); });
  root.walkAtRules('media', (rule) => { rule.params = remToVar(rule.params); });
}

const themed = postcss.parse(readFileSync(input, 'utf8'));
theme(themed);
writeFileSync(input, themed.toString());

const shadow = themed.clone();
shadow.walkAtRules('font-face', (rule) => rule.remove());
confine(shadow, ':host', false);
shadow.append(':host{display:block}');
writeFileSync(shadowOutput, shadow.toString());

const scoped = themed.clone();
confine(scoped, '.tilslut-scope', true);
writeFileSync(scopedOutput, scoped.toString());
