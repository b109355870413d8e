#!/usr/bin/env bash
# `npm start [-- --port N] [-- any jupyter_server option]`: sets up the machine (scripts/setup.sh), bundles
# the lab if stale, installs the kernelspecs into a project-local Jupyter data dir (.jupyter/), and serves
# JupyterLab on examples/ with Debian's jupyter_server. Prints the URL with its token.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

bash scripts/setup.sh
bash scripts/build-lab.sh
bash scripts/build-docs.sh

# Project-local Jupyter dirs: nothing of the user's own Jupyter setup leaks in, nothing of ours leaks out.
JUP="$ROOT/.jupyter"
mkdir -p "$JUP/config" "$JUP/data" "$JUP/runtime" "$JUP/ipython" "$JUP/prefix"
export JUPYTER_CONFIG_DIR="$JUP/config" JUPYTER_DATA_DIR="$JUP/data" JUPYTER_RUNTIME_DIR="$JUP/runtime"
export IPYTHONDIR="$JUP/ipython" JUPYTER_PATH="$JUP/prefix/share/jupyter:$JUP/data"

# Kernelspecs: Debian's python3 is found in /usr/share/jupyter; ours is installed when the kernel is built.
if [ -f kernel/jupyter/dist/cli.js ]; then
  node kernel/jupyter/dist/cli.js install --prefix "$JUP/prefix"
fi

mkdir -p examples
port=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$port" ]; then
  # The first free port from 8888 up.
  port=$(/usr/bin/python3 - <<'PY'
import socket
for p in range(8888, 8988):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p)); print(p); break
        except OSError:
            pass
PY
)
fi
token=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(24))')
root_flag=()
[ "$(id -u)" -eq 0 ] && root_flag=(--ServerApp.allow_root=True)

echo
echo "  Eigenlab JupyterLab: http://127.0.0.1:$port/lab?token=$token"
echo "  (Ctrl-C stops the server and its kernels)"
echo
export PYDEVD_DISABLE_FILE_VALIDATION=1  # ipykernel's debugger warns on every start otherwise
export PYTHONPATH="$ROOT/app/python${PYTHONPATH:+:$PYTHONPATH}"
exec /usr/bin/python3 -m eigenlab_lab --no-browser --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0 \
  --ServerApp.token="$token" --ServerApp.root_dir="$ROOT/examples" "${root_flag[@]}" "${args[@]}"
