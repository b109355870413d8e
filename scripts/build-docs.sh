#!/usr/bin/env bash
# `npm run docs`: the API reference of @eigenlab/core (TypeDoc, typedoc.json; options tables and links to the
# example notebooks come from scripts/typedoc-plugin.mjs) into build/reference/, when it is missing or older
# than its inputs (the core sources, the example notebooks, the TypeDoc set-up). `--force` rebuilds.
# `npm start` serves it at <base>/eigenlab/reference/ (Help > Eigenlab reference).
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=build/reference/index.html
inputs=(kernel/core/src examples typedoc.json scripts/typedoc-plugin.mjs)
if [ "${1:-}" != "--force" ] && [ -f "$STAMP" ] && [ -z "$(find "${inputs[@]}" -newer "$STAMP" -print -quit)" ]; then
  echo "[docs] build/reference is up to date"
  exit 0
fi
echo "[docs] building the API reference with TypeDoc"
rm -rf build/reference
npx typedoc
