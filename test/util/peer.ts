/**
 * Runs a Python snippet with numpy/scipy/scikit-learn (Debian's /usr/bin/python3) on the same inputs as our
 * code, so tests and benchmarks compare side by side in one run.
 *
 * Inputs: numbers, strings, or arrays `{ shape, data }` (Float64Array / Float32Array / Int32Array), written as raw binary
 * files and loaded as numpy arrays under their names. The snippet assigns a dict to `out`; it comes back as
 * JSON (numpy arrays become nested lists; floats round-trip exactly).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const PYTHON = process.env.EIGENLAB_PYTHON ?? "/usr/bin/python3";

export interface PeerArray {
  shape: number[];
  data: Float64Array | Float32Array | Int32Array;
}
export type PeerInput = number | string | boolean | PeerArray;

const PRELUDE = `
import json, sys, os
import numpy as np
_dir = sys.argv[1]
with open(os.path.join(_dir, "manifest.json")) as _f:
    _manifest = json.load(_f)
for _name, _spec in _manifest.items():
    if isinstance(_spec, dict) and "dtype" in _spec:
        globals()[_name] = np.fromfile(os.path.join(_dir, _name + ".bin"), dtype=_spec["dtype"]).reshape(_spec["shape"])
    else:
        globals()[_name] = _spec
def _plain(o):
    if isinstance(o, np.ndarray): return o.tolist()
    if isinstance(o, (np.floating,)): return float(o)
    if isinstance(o, (np.integer,)): return int(o)
    if isinstance(o, (np.bool_,)): return bool(o)
    if isinstance(o, dict): return {k: _plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)): return [_plain(v) for v in o]
    return o
out = {}
`;
const POSTLUDE = `
sys.stdout.write("\\n@@EIGENLAB-PEER@@" + json.dumps(_plain(out)))
`;

/** Environment for the peer: for benchmarks, `unsetOpenblasOverrides` frees numpy to pick its best kernel. */
export function peerEnv(opts: { unsetOpenblasOverrides?: boolean; threads?: number } = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (opts.unsetOpenblasOverrides) {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  if (opts.threads !== undefined) {
    for (const v of ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]) env[v] = String(opts.threads);
  }
  return env;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the peer's JSON output has no static type; callers cast
export function runPython(code: string, inputs: Record<string, PeerInput> = {}, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): any {
  const dir = mkdtempSync(join(tmpdir(), "eigenlab-peer-"));
  try {
    const manifest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(inputs)) {
      if (typeof value === "object") {
        const dtype = value.data instanceof Float64Array ? "<f8" : value.data instanceof Float32Array ? "<f4" : "<i4";
        writeFileSync(join(dir, `${name}.bin`), Buffer.from(value.data.buffer, value.data.byteOffset, value.data.byteLength));
        manifest[name] = { dtype, shape: value.shape };
      } else manifest[name] = value;
    }
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    writeFileSync(join(dir, "script.py"), PRELUDE + code + "\n" + POSTLUDE);
    const res = spawnSync(PYTHON, [join(dir, "script.py"), dir], {
      encoding: "utf8",
      env: opts.env ?? process.env,
      maxBuffer: 1 << 30,
      timeout: opts.timeoutMs ?? 600_000,
    });
    if (res.error) {
      throw new Error(`Could not run the peer ${PYTHON} (${res.error.message}). Run \`npm run setup\` to install numpy/scipy.`);
    }
    const marker = res.stdout.lastIndexOf("@@EIGENLAB-PEER@@");
    if (res.status !== 0 || marker < 0) {
      throw new Error(`Peer script failed (exit ${res.status}):\n${res.stderr}\n${res.stdout}`);
    }
    return JSON.parse(res.stdout.slice(marker + "@@EIGENLAB-PEER@@".length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Shorthand for a dense matrix input. */
export function peerMatrix(m: { rows: number; cols: number; data: Float64Array }): PeerArray {
  return { shape: [m.rows, m.cols], data: m.data };
}

/** A CSR matrix as three arrays plus shape, rebuilt in Python by `scipy.sparse.csr_matrix((v, j, p), shape)`. */
export function peerCsr(prefix: string, A: { rows: number; cols: number; indptr: Int32Array; indices: Int32Array; values: Float64Array }): Record<string, PeerInput> {
  return {
    [`${prefix}_indptr`]: { shape: [A.indptr.length], data: A.indptr },
    [`${prefix}_indices`]: { shape: [A.indices.length], data: A.indices },
    [`${prefix}_values`]: { shape: [A.values.length], data: A.values },
    [`${prefix}_rows`]: A.rows,
    [`${prefix}_cols`]: A.cols,
  };
}
