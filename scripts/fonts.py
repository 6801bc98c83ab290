"""The web fonts, as small as the app's text allows (`make fonts`, with fonttools from setup).

    target/python-tools/bin/python scripts/fonts.py <design system's woff2 dir> <fonts dir> <scss file>

Each weight of IBM Plex Sans (the design system's Latin-1 files) is cut in two:
- `core`: what Danish and English text uses (ASCII, æøå, é, the usual punctuation). Every page
  needs it.
- `rest`: the rest of Latin-1 (ü, ñ, ß, …). Its @font-face has a unicode-range without the core,
  so a browser fetches it only for a page that shows such a character, e.g. a name like Müller.
Both without hinting and without the OpenType features the app does not use (kerning and
ligatures stay). The names carry a hash of the content, so the server caches them for good.

Writes the files into the fonts dir, replacing what was there, and their @font-face rules into the
scss file; does nothing when that file is newer than this script and the sources.
"""

import hashlib
import sys
from pathlib import Path

from fontTools import subset

WEIGHTS = {400: "Regular", 600: "SemiBold", 700: "Bold"}
# The design system's own Latin-1 range.
LATIN1 = [(0x0000, 0x00FF), 0x0131, (0x0152, 0x0153), 0x02C6, 0x02DA, 0x02DC, (0x2000, 0x206F), 0x2074, 0x20AC, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215, 0xFEFF, 0xFFFD]
# Danish and English: ASCII, no-break space, § « · » Å Æ É Ø å æ é ø, dashes, quotes, bullet, ellipsis, euro.
CORE = [(0x0000, 0x007E), 0x00A0, 0x00A7, 0x00AB, 0x00B7, 0x00BB, (0x00C5, 0x00C6), 0x00C9, 0x00D8, (0x00E5, 0x00E6), 0x00E9, 0x00F8, (0x2013, 0x2014), (0x2018, 0x2019), (0x201C, 0x201E), 0x2022, 0x2026, 0x20AC]


def code_points(ranges):
    return {c for r in ranges for c in (range(r[0], r[1] + 1) if isinstance(r, tuple) else [r])}


def unicode_range(points):
    """CSS unicode-range for a set of code points, consecutive ones as one range."""
    runs, ordered = [], sorted(points)
    for c in ordered:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def cut(source, points, output_dir, stem):
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["kern", "liga"]
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    scratch = output_dir / f"{stem}.woff2"
    subset.save_font(font, str(scratch), options)
    digest = hashlib.sha256(scratch.read_bytes()).hexdigest()[:16]
    return scratch.rename(output_dir / f"{stem}-{digest}.woff2").name


def main(source_dir, output_dir, rules):
    sources = [source_dir / f"IBMPlexSans-{name}-Latin1.woff2" for name in WEIGHTS.values()]
    if rules.exists() and output_dir.is_dir() and all(rules.stat().st_mtime > p.stat().st_mtime for p in [Path(__file__), *sources]):
        return
    output_dir.mkdir(parents=True, exist_ok=True)
    for old in output_dir.glob("*.woff2"):
        old.unlink()
    core = code_points(CORE)
    parts = {"core": core, "rest": code_points(LATIN1) - core}
    faces = []
    for (weight, name), source in zip(WEIGHTS.items(), sources):
        for part, points in parts.items():
            file = cut(source, points, output_dir, f"IBMPlexSans-{name}-{part}")
            faces.append(
                "@font-face {\n"
                "    font-family: 'IBM Plex Sans';\n    font-style: normal;\n"
                f"    font-weight: {weight};\n"
                f'    src: url("/fonts/{file}") format("woff2");\n'
                f"    unicode-range: {unicode_range(points)};\n"
                "    font-display: swap;\n}\n"
            )
    rules.write_text("// Written by scripts/fonts.py (make fonts): IBM Plex Sans, each weight in two parts.\n" + "".join(faces))
    for file in sorted(output_dir.glob("*.woff2")):
        print(f"{file.name}: {file.stat().st_size} bytes")


if __name__ == "__main__":
    main(*map(Path, sys.argv[1:4]))
