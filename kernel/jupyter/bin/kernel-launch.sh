#!/bin/sh
# The kernelspec's argv on POSIX systems (kernelspec.ts): sh kernel-launch.sh NODE BLOB KERNEL_JS CONNECTION_FILE.
# Starts the kernel from its start-up snapshot (snapshot.ts) when BLOB was built by this very node binary
# (its size and mtime, written to BLOB.node by the build), else the usual way. Node itself would stop with a
# fatal error on a blob of another build and on a missing one, so both are checked here. `exec` keeps the
# kernel the process Jupyter started (signals, exit status). The snapshot is opt-in, EIGENLAB_SNAPSHOT=1: with
# it a long session's RSS grew 140–330 kB a cell under load (test/kernel/endurance.test.ts; 150–220 without), the
# larger live heap giving V8 more slack. EIGENLAB_NO_SNAPSHOT=1 or any NODE_OPTIONS start without it: V8 flags
# (--max-old-space-size, ...) make node refuse a snapshot built without them.
node="$1"
blob="$2"
shift 2
if [ "${EIGENLAB_SNAPSHOT:-}" = "1" ] && [ -z "${EIGENLAB_NO_SNAPSHOT:-}" ] && [ -z "${NODE_OPTIONS:-}" ] && [ -r "$blob" ] && [ -r "$blob.node" ]; then
  read -r want < "$blob.node"
  have=$(stat -L -c '%s %Y' "$node" 2>/dev/null || stat -L -f '%z %m' "$node" 2>/dev/null)
  if [ "$have" = "$want" ]; then
    exec "$node" --snapshot-blob "$blob" "$@"
  fi
fi
exec "$node" "$@"
