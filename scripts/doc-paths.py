#!/usr/bin/env python3
"""Fails when README.md or a file in docs/ names a path of this repository that does not exist.

A path is a `code span` or a Markdown link target that starts with one of the repository's
top-level files or folders (`server/src/db.rs`, `docs/operating.md`, `Makefile`). A `*` is a glob;
spans with a placeholder (`<id>`, `{id}`, `…`) and what builds write (target/, dist/, data/,
node_modules/) are passed over. Prints each missing path with where it is named; exits 1.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("target/", "dist/", "data/", "node_modules/", "perf/", "style/generated")
SPAN = re.compile(r"`([^`\s]+)`|\]\(([^)\s#]+)")


def named_paths(text):
    top = {p.name for p in ROOT.iterdir() if not p.name.startswith(".git")}
    for number, line in enumerate(text.splitlines(), 1):
        for span in SPAN.findall(line):
            token = (span[0] or span[1]).rstrip(".,:;)").split("#")[0]
            token = re.sub(r":\d+(-\d+)?$", "", token)
            first = token.split("/")[0]
            if first not in top or any(c in token for c in "<>{}…") or token.startswith(GENERATED):
                continue
            if "/" not in token and not (ROOT / token).is_file():
                continue  # a word that happens to be a folder's name, such as `api`
            yield number, token


def main():
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = []
    for document in documents:
        for number, token in named_paths(document.read_text()):
            exists = any(ROOT.glob(token)) if "*" in token else (ROOT / token).exists()
            if not exists:
                missing.append(f"{document.relative_to(ROOT)}:{number}: {token}")
    for line in missing:
        print(f"no such path: {line}")
    if not missing:
        print(f"every path named in {len(documents)} documents exists")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
