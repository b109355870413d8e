#!/usr/bin/env bash
# `npm run bench [filter]`: set up, then run the side-by-side benchmarks (ours vs numpy/scipy/scikit-learn).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
exec node -r ts-node/register/transpile-only bench/run.ts "$@"
