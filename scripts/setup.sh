#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for Eigenlab: system packages (peers, Jupyter server, Chromium),
# npm dependencies, and the build. Idempotent: each step is skipped when already done.
# Called by `npm test`, `npm start` and `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the numeric peers (tests compare against them side by side), the Jupyter server side
# (kernel conformance, notebook execution, the lab's server), Chromium (browser tests), and SLEPc/PETSc for
# Python with Open MPI (the engine: mpi(...) of linalg.eigsh / linalg.svd). The slepc4py/petsc4py runtime
# packages install their modules under /usr/lib/{slepc,petsc}dir/...-real without the /usr/lib/slepc and
# /usr/lib/petsc links their .pth files expect (only the -dev packages make those); the engine's driver
# (kernel/core/engines/slepc_driver.py) finds the installed real builds itself, so nothing more is needed.
APT_PACKAGES=(
  python3-numpy python3-scipy python3-sklearn python3-networkx python3-threadpoolctl python3-pandas python3-pynndescent
  python3-jupyter-server python3-jupyterlab-server python3-ipykernel jupyter-client
  python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert
  chromium
  python3-slepc4py-real python3-petsc4py-real openmpi-bin
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm dependencies: reinstall when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "[setup] building TypeScript packages"
npx tsc -b tsconfig.json

# The kernel's start-up snapshot (kernel/jupyter/src/snapshot.ts): a no-op when up to date, rebuilt when node,
# TypeScript or a declaration file it holds changed. Without it the kernel starts the usual way, only slower.
node kernel/jupyter/dist/cli.js snapshot || echo "[setup] continuing without the kernel's start-up snapshot"
