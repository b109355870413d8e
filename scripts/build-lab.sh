#!/usr/bin/env bash
# Bundles the host JupyterLab app (app/ -> app/build) with rspack when it is missing or older than its
# inputs: the app's sources, the lock file, and our extension's built JS and styles. `--force` rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=app/build/bundle.js
inputs=(app/package.json app/index.js app/rspack.config.js app/asset-rules.js package-lock.json)
for d in extension/lib extension/style extension/package.json kernel/viz/dist kernel/core/dist; do [ -e "$d" ] && inputs+=("$d"); done
if [ "${1:-}" != "--force" ] && [ -f "$STAMP" ] && [ -z "$(find "${inputs[@]}" -newer "$STAMP" -print -quit)" ]; then
  echo "[lab] app/build is up to date"
  exit 0
fi
echo "[lab] bundling the JupyterLab app with rspack"
rm -rf app/build
node app/build.js
