#!/usr/bin/env bash
# `npm test`: set up what is missing, then run every suite (unit, peer cross-checks, kernel conformance,
# notebooks, browser end-to-end). Extra arguments go to mocha (e.g. `npm test -- --grep eigsh`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx mocha "$@"
