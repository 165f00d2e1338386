#!/usr/bin/env bash
# `npm test`: typecheck, lint, then the three layers in order: unit (mocha in plain Node), host (mocha inside a real
# VS Code extension host, code-server), ui (Playwright in the browser workbench with the packaged
# .vsix installed). Installs what it needs first. Every layer runs even if an earlier one failed;
# the exit code is non-zero if any did.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-true}"

[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/vscode-host/install.sh

quiet() { # runs a build step, printing its output only when it fails
  local log; log=$(mktemp)
  if "$@" >"$log" 2>&1; then rm -f "$log"; else cat "$log"; rm -f "$log"; echo "error: $* failed" >&2; exit 1; fi
}
quiet npm run --silent build

results=()
failed=0
layer() { # layer <name> <command...>
  local name=$1; shift
  local start=$SECONDS
  echo; echo "== $name =="
  if "$@"; then results+=("$name: ok ($((SECONDS - start)) s)")
  else results+=("$name: FAILED ($((SECONDS - start)) s)"); failed=1; fi
}
# tsc emits even when it reports type errors, so a type error fails the run but the layers still run.
layer typecheck npm run --silent compile-tests
layer lint npm run --silent lint
layer unit node scripts/run-unit.mjs
layer host bash scripts/vscode-host/run.sh run-host-tests.mjs
# The ui layer tests the .vsix users install: production bundles, packaged by vsce.
layer ui bash -c 'npm run --silent package >/dev/null 2>&1 || { echo "error: npm run package failed"; exit 1; }
                  exec bash scripts/vscode-host/run.sh run-ui-tests.mjs'

echo; echo "== summary =="
printf '%s\n' "${results[@]}"
exit "$failed"
