#!/usr/bin/env bash
# Opt-in: GPU.js's "headlessgl" mode (WebGL 1 through the npm addon `gl`), for the GPU parity suite and
# bench. Deliberately NOT part of setup.sh / npm ci (see README, "GPU backend"): `gl` has no prebuilt binary
# reachable here, builds from source (about 2-4 minutes, needs libxi-dev), needs an X server (Xvfb), and on a
# machine without a GPU renders with Mesa on the CPU, where it measured slower than both our CPU path and
# GPU.js's WebAssembly kernel.
#
# Usage: bash scripts/headlessgl.sh test    # GPU parity suite with headlessgl included
#        bash scripts/headlessgl.sh bench   # bench/gpu.bench.ts with headlessgl included
#        bash scripts/headlessgl.sh <cmd…>  # any command, with `gl` resolvable and an X display
# The addon is built once (in node_modules/gl, or in .cache/headlessgl); the lock file is never changed.
set -euo pipefail
cd "$(dirname "$0")/.."
GL_VERSION="$(node -p "require('gpu.js/package.json').optionalDependencies.gl")"
CACHE=".cache/headlessgl"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=()
for p in libxi-dev xvfb xauth; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[headlessgl] installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# package.json denies gl's install script ("allowScripts": {"gl": false}) so that `npm ci` never spends minutes
# compiling it; npm ci still unpacks its sources into node_modules/gl. Build those in place with node-gyp
# (gl's own install script would first try a prebuilt download, which is unreachable here). Where npm left
# gl out entirely, install it into .cache/headlessgl instead and put that on NODE_PATH.
if ! node -e "require('gl')" 2>/dev/null; then
  if [ -f node_modules/gl/binding.gyp ]; then
    echo "[headlessgl] building node_modules/gl (gl@$GL_VERSION) from source (a few minutes)"
    # node-gyp needs Node's headers: npm passes its `nodedir` setting to install scripts, so do the same;
    # else use the system headers (Debian's nodejs ships them under /usr/include/node), never a download.
    nodedir="$(npm config get nodedir 2>/dev/null || true)"
    if [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; then
      [ -f /usr/include/node/node.h ] && nodedir=/usr || nodedir=""
    fi
    mkdir -p .cache
    if ! (cd node_modules/gl && node ../node-gyp/bin/node-gyp.js rebuild ${nodedir:+--nodedir="$nodedir"}) > .cache/headlessgl-build.log 2>&1; then
      echo "[headlessgl] building gl failed; see .cache/headlessgl-build.log" >&2
      exit 1
    fi
  elif ! (cd "$CACHE" 2>/dev/null && node -e "require('gl')" 2>/dev/null); then
    echo "[headlessgl] installing and building gl@$GL_VERSION into $CACHE (a few minutes)"
    mkdir -p "$CACHE"
    printf '{ "name": "eigenlab-headlessgl", "private": true, "allowScripts": { "gl": true } }\n' > "$CACHE/package.json"
    (cd "$CACHE" && npm install "gl@$GL_VERSION" --no-audit --no-fund --no-save --loglevel=error)
  fi
  export NODE_PATH="$PWD/$CACHE/node_modules${NODE_PATH:+:$NODE_PATH}"
fi

case "${1:-test}" in
  test) exec xvfb-run -a npx mocha kernel/gpu/test/parity.test.ts ;;
  bench) exec xvfb-run -a node -r ts-node/register/transpile-only bench/run.ts gpu ;;
  *) exec xvfb-run -a "$@" ;;
esac
