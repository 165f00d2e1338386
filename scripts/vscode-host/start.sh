#!/usr/bin/env bash
# `npm start`: installs what is missing (node_modules, the browser VS Code host), builds and
# packages the extension, then serves it with the example workspace on 127.0.0.1 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/vscode-host/install.sh
log=$(mktemp)
npm run --silent package >"$log" 2>&1 || { cat "$log"; rm -f "$log"; echo "error: npm run package failed" >&2; exit 1; }
rm -f "$log"
echo "packaged ml-config-lens.vsix ($(du -k ml-config-lens.vsix | cut -f1) KB)"
exec bash scripts/vscode-host/run.sh serve.mjs
