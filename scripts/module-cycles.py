#!/usr/bin/env python3
"""Fails when the top-level modules of a crate reach each other in a cycle.

Usage: scripts/module-cycles.py CRATE_SRC_DIR [...]

A top-level module is a file `src/NAME.rs` or a folder `src/NAME/`. Module A depends on B when
any file of A names `crate::B…` (also inside `use crate::{B, …}`), or names an item the crate root
re-exports from B (`pub use B::{Item, …}` in lib.rs or main.rs). Tests (`#[cfg(test)]` modules
and `tests/` folders) count as well: a test that needs a module above its own is a cycle too.
Layers hold only when every dependency points one way; this prints each cycle and exits 1.
"""

import re
import sys
from pathlib import Path

COMMENT = re.compile(r"//[^\n]*")
CRATE_PATH = re.compile(r"\bcrate::(\{[^;]*?\}|[A-Za-z_][A-Za-z0-9_]*)", re.S)
ROOT_REEXPORT = re.compile(r"pub\s+use\s+(?:crate::|self::)?([a-z_][a-z0-9_]*)::(\{[^;]*\}|[A-Za-z_][A-Za-z0-9_]*)\s*;", re.S)
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def top_level_words(group: str):
    """The first segment of each path in `{a::b, c, d::{e, f}}`."""
    depth, start, words = 0, True, []
    for token in re.findall(r"::|[{},]|[A-Za-z_][A-Za-z0-9_]*", group):
        if token == "{":
            depth += 1
            start = True
        elif token == "}":
            depth -= 1
        elif token == ",":
            start = depth == 1
        elif token == "::":
            start = False
        elif start and depth == 1:
            words.append(token)
            start = False
    return words


def module_of(src: Path, path: Path):
    parts = path.relative_to(src).parts
    name = parts[0][:-3] if parts[0].endswith(".rs") else parts[0]
    return None if name in ("lib", "main") and len(parts) == 1 else name


def dependencies(src: Path):
    roots = [src / "lib.rs", src / "main.rs"]
    modules = {module_of(src, p) for p in src.rglob("*.rs")} - {None}
    modules -= {"bin"}
    reexports = {}
    for root in roots:
        if root.exists():
            for module, items in ROOT_REEXPORT.findall(COMMENT.sub("", root.read_text())):
                if module in modules:
                    for item in WORD.findall(items) if items.startswith("{") else [items]:
                        reexports[item] = module
    graph = {m: set() for m in modules}
    for path in src.rglob("*.rs"):
        module = module_of(src, path)
        if module not in graph:
            continue
        text = COMMENT.sub("", path.read_text())
        for target in CRATE_PATH.findall(text):
            names = top_level_words(target) if target.startswith("{") else [target]
            for name in names:
                name = reexports.get(name, name)
                if name in modules and name != module:
                    graph[module].add(name)
    return graph


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main(folders):
    failed = False
    for folder in folders:
        graph = dependencies(Path(folder))
        for component in cycles(graph):
            failed = True
            print(f"{folder}: the modules {', '.join(component)} form a cycle:")
            for module in component:
                inside = sorted(graph[module] & set(component))
                print(f"  {module} -> {', '.join(inside)}")
    if not failed:
        print(f"no module cycles in {', '.join(folders)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
