#!/usr/bin/env bash
# Builds a JupyterLab 4 extension package (default: extension/, i.e. @eigenlab/jupyterlab) into a prebuilt,
# federated labextension (<package>/labextension/: package.json with "_build", remoteEntry.*.js, static/),
# without Python's jupyterlab: @jupyter/builder's build-labextension against the core metadata of the
# release the host app pins (@jupyterlab/core-meta's core.package.json), so shared packages match.
#   bash scripts/build-labextension.sh [PACKAGE_DIR] [--development]
# A pip-installed JupyterLab 4 loads the result when it is copied to
#   <sys.prefix or ~/.local>/share/jupyter/labextensions/<package name>/   (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
pkg="extension"
flags=()
for a in "$@"; do
  case "$a" in
    --*) flags+=("$a") ;;
    *) pkg="$a" ;;
  esac
done
if [ ! -f "$pkg/package.json" ]; then
  echo "[labextension] no package at $pkg/ (give the package folder as argument)" >&2
  exit 1
fi
pkg="$(cd "$pkg" && pwd)"
core="$ROOT/node_modules/@jupyterlab/core-meta/core.package.json"
start=$(date +%s)
node "$ROOT/node_modules/@jupyter/builder/lib/build-labextension.js" --core-package-file "$core" "${flags[@]}" "$pkg" >/dev/null
out="$pkg/$(node -p "require('$pkg/package.json').jupyterlab.outputDir || 'labextension'")"
node -e '
  const meta = require(process.argv[1] + "/package.json");
  if (!meta.jupyterlab || !meta.jupyterlab._build || !meta.jupyterlab._build.load) {
    console.error("[labextension] " + process.argv[1] + "/package.json lacks jupyterlab._build.load"); process.exit(1);
  }
  console.log("[labextension] " + meta.name + " -> " + process.argv[1] + " (entry " + meta.jupyterlab._build.load + ")");
' "$out"
echo "[labextension] built in $(( $(date +%s) - start )) s"
