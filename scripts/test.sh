#!/usr/bin/env bash
# `npm test`: set up what is missing, then run every suite (unit, peer cross-checks, kernel conformance,
# notebooks, browser end-to-end), after the lint (eslint.config.mjs: typescript-eslint, no import cycles, the
# layering of README.md § Architecture; any error stops here). Extra arguments go to mocha
# (e.g. `npm test -- --grep eigsh`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx eslint .
npx mocha "$@"
