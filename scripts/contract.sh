#!/usr/bin/env bash
# The API contract: schemathesis generates requests from the server's own OpenAPI description
# (development endpoints included) and checks every answer against it with all of its checks.
# A throwaway server on a free port and a temporary database; a demo person logged in, acting
# privately, so the generated requests reach the handlers' rules and not only the login check.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=target/schemathesis
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    echo "==> installing schemathesis $SCHEMATHESIS_VERSION (PyPI, a minute)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The limits would answer most of the thousands of generated requests with 429: the contract is
# about the API's shape, and each limit has a test of its own (server/tests/api/abuse.rs).
TILSLUT_ADDR=127.0.0.1:0 TILSLUT_DEV_LOGIN=1 TILSLUT_LOGIN_PER_MINUTE=100000 TILSLUT_SAVES_PER_MINUTE=100000 TILSLUT_DATABASE="$work/tilslut.db" \
    RUST_LOG=warn target/server/tilslut-server > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
    base=$(grep -o 'http://[0-9.:]*' "$work/server.out" || true)
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err"; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { echo "the server did not start"; cat "$work/server.err"; exit 1; }

# Lars Nielsen, acting privately: a representative of some organisations, not of others.
curl -sf -c "$work/cookies" -H 'content-type: application/json' -H 'x-tilslut-context: none' \
    -d '{"person_id":"lars"}' "$base/api/dev/login" > /dev/null
curl -sf -b "$work/cookies" -c "$work/cookies" -X PUT -H 'content-type: application/json' -H 'x-tilslut-context: none' \
    -d '{"context":{"kind":"private"}}' "$base/api/session/context" > /dev/null
cookie=$(awk '$6 == "tilslut_session" { print $6 "=" $7 }' "$work/cookies")

SESSION_COOKIE=$cookie SCHEMATHESIS_HOOKS=hooks PYTHONPATH=scripts/contract \
    "$VENV/bin/schemathesis" --config-file scripts/contract/schemathesis.toml run "$base/api/openapi.json" \
    --checks all \
    --max-examples "${CONTRACT_EXAMPLES:-50}" \
    --workers 1 \
    --seed 1 \
    "$@"
