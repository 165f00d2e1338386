#!/usr/bin/env bash
# `npm test`: typecheck, lint, then the three layers in order: unit (mocha in plain Node), host (mocha inside a real
# VS Code extension host, code-server), ui (Playwright in the browser workbench with the packaged
# .vsix installed). Installs what it needs first. Every layer runs even if an earlier one failed;
# the exit code is non-zero if any did. Each layer gets its own TMPDIR, removed after it (pass or
# fail); the summary gives each layer's passed/failed/skipped counts, and the run fails if the tests
# changed the git working tree. Tests over ../shared skip with one line each when it is absent.
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

# What the working tree looks like (tracked changes and untracked files), to compare after the layers.
tree_state() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  git status --porcelain --untracked-files=all; git diff --no-ext-diff | sha256sum
}
before=$(tree_state)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mlcl-test-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

results=()
failed=0
layer() { # layer <name> <command...>
  local name=$1; shift
  local start=$SECONDS tmp="$scratch/$name" log="$scratch/$name.log" counts
  mkdir -p "$tmp"
  echo; echo "== $name =="
  if TMPDIR="$tmp" TMP="$tmp" TEMP="$tmp" "$@" 2>&1 | tee "$log"; then results+=("$name: ok")
  else results+=("$name: FAILED"); failed=1; fi
  counts=$(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 || true)
  results[-1]+=" ($((SECONDS - start)) s${counts:+; $counts})"
  rm -rf "$tmp" "$log"
}
# tsc emits even when it reports type errors, so a type error fails the run but the layers still run.
layer typecheck npm run --silent compile-tests
layer lint npm run --silent lint
layer unit node scripts/run-unit.mjs
layer host bash scripts/vscode-host/run.sh run-host-tests.mjs
# The ui layer tests the .vsix users install: production bundles, packaged by vsce.
layer ui bash -c 'npm run --silent package >/dev/null 2>&1 || { echo "error: npm run package failed"; exit 1; }
                  exec bash scripts/vscode-host/run.sh run-ui-tests.mjs'

after=$(tree_state)
if [ "$before" != "$after" ]; then
  results+=("clean tree: FAILED (the tests changed tracked or untracked files; see git status)"); failed=1
  git status --short
else results+=("clean tree: ok (git status unchanged)"); fi
[ -d "${MLCONFIG_SHARED:-../shared}" ] || results+=("note: ../shared not present: the tests over it were skipped (CI has it)")

echo; echo "== summary =="
printf '%s\n' "${results[@]}"
exit "$failed"
