#!/usr/bin/env bash
# Installs what tilslut needs to build, run and test, skipping whatever is already there at the
# right version, so a second run takes seconds. `scripts/setup.sh --browsers` adds Chromium and
# ChromeDriver, and `--postgres` the PostgreSQL server (Debian's packages), for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# The formatting check of `make test-native`.
if ! rustup component list --installed | grep -q '^rustfmt'; then
    say "adding rustfmt"
    rustup component add rustfmt
fi

# The two tools are built to be built quickly, not to run fast: their work here is a few files
# per build. Without their default features (trunk's update check and TLS: it downloads nothing
# with --offline) and without trunk's fat LTO and single codegen unit, trunk builds in about 5
# minutes instead of 13 on two cores.
install_tool() {
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
        cargo install --no-default-features "$@"
}

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about five minutes, once)"
    install_tool --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    install_tool wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm ci only when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (design system, wasm-opt from binaryen, sass, playwright-core, axe-core)"
    npm ci --no-audit --no-fund
fi

# fonttools trims the web fonts at build time (Makefile, fonts), in its own virtualenv under target/.
FONTTOOLS_VERSION=4.68.0
PYTHON_TOOLS=target/python-tools
if ! "$PYTHON_TOOLS/bin/python" -c "import sys, brotli, fontTools; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
    say "installing fonttools $FONTTOOLS_VERSION (PyPI, seconds)"
    python3 -m venv "$PYTHON_TOOLS"
    "$PYTHON_TOOLS/bin/pip" install --quiet --disable-pip-version-check "fonttools==$FONTTOOLS_VERSION" "brotli==1.2.1"
fi

debian_packages() {
    say "installing $* from Debian"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q "$@"
}

for option in "$@"; do
    case "$option" in
        --browsers)
            if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
                debian_packages chromium chromium-driver
            fi
            ;;
        --postgres)
            if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
                debian_packages postgresql
            fi
            ;;
    esac
done
