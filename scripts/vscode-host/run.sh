#!/usr/bin/env bash
# Runs a node driver of this folder against the installed host: installs the host when missing,
# then exports its paths (pinned in env.sh) and runs `node <driver> [args]` from the repo root.
#   bash scripts/vscode-host/run.sh run-host-tests.mjs --grep activation
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
[ -f "$HOST_COMPLETE_MARKER" ] && [ -x "$CHROMIUM" ] || bash "$here/install.sh"
export HOST_NODE CODE_SERVER_ENTRY CHROMIUM
export CI="${CI:-true}"
cd "$here/../.."
driver="$1"; shift
exec node "$here/$driver" "$@" </dev/null
