#!/usr/bin/env bash
# `npm test`: all three layers, in order: unit (plain Node), host (in a real VS Code extension
# host), ui (Playwright in that host's browser workbench). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
npm run build
npm run test:unit
