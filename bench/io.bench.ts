/**
 * `npm run bench io`: reading research data, ours vs numpy/scipy on the same files in the same run (medians,
 * ratio ours/peer), plus peak memory over the data size for cases that ask for it. Table-driven: a new format
 * adds one entry to CASES (its file is written once by `prepare`, through Python where the peer writes it).
 *
 * Peak memory: each side reads the file once more in a fresh process that resets the kernel's peak-RSS mark
 * (`echo 5 > /proc/self/clear_refs`, Linux ≥ 4.0) just before the read and reports VmHWM − VmRSS(before),
 * i.e. the extra resident memory at the read's peak, divided by the array's size in bytes.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { io } from "../kernel/core/src";
import { PYTHON, runPython } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Reading data files (io): ours vs numpy / scipy on the same file";

interface IoCase {
  workload: string;
  /** Writes the file (usually with the Python peer) and returns its path and the data size in bytes. */
  prepare(dir: string): { path: string; dataBytes: number };
  /** Our read (the path is the file prepare wrote). */
  ours: (path: string) => unknown;
  /** Our read as an expression of `io` and `path`, for the memory probe in a fresh Node process. */
  oursExpr: string;
  /** Python body of `work()` reading PATH (numpy as np is imported). */
  peer: string;
  peerName: string;
  target: number;
  reps: number;
  memory?: boolean;
  /** A one-line check that both sides read the same thing (printed in the note). */
  check?: (ours: unknown, peerOut: Record<string, unknown>) => string;
  peerPost?: string;
}

const CASES: IoCase[] = [
  {
    workload: ".npy 10 000 × 1 000 float64 (80 MB)",
    prepare(dir) {
      const path = join(dir, "big.npy");
      runPython(`np.save(PATH, np.random.default_rng(0).standard_normal((10000, 1000)))`, { PATH: path });
      return { path, dataBytes: 10000 * 1000 * 8 };
    },
    ours: (path) => io.readNpy(path),
    oursExpr: "io.readNpy(path)",
    peer: "def work():\n    return np.load(PATH)",
    peerName: "numpy.load",
    target: 1.5,
    reps: 5,
    memory: true,
    peerPost: `out["sample"] = result[::997, ::13].ravel().tolist()`,
    check: (ours, peerOut) => {
      const M = ours as { data: Float64Array; cols: number; rows: number };
      const sample: number[] = [];
      for (let i = 0; i < M.rows; i += 997) for (let j = 0; j < M.cols; j += 13) sample.push(M.data[i * M.cols + j]);
      const peer = peerOut.sample as number[];
      const same = sample.length === peer.length && sample.every((v, k) => v === peer[k]);
      return same ? `${sample.length} sampled values bit-equal` : "VALUES DIFFER";
    },
  },
  {
    workload: ".mtx coordinate real, 10^6 nonzeros in random order",
    prepare(dir) {
      const path = join(dir, "big.mtx");
      runPython(
        `import scipy.sparse as sp, scipy.io
rng = np.random.default_rng(0)
lin = rng.permutation(np.unique(rng.integers(0, 10**10, 1_100_000))[:1_000_000])  # distinct, in random order
A = sp.coo_matrix((rng.standard_normal(lin.size), (lin // 100000, lin % 100000)), shape=(100000, 100000))
scipy.io.mmwrite(PATH, A)`,
        { PATH: path },
      );
      return { path, dataBytes: 1e6 * 16 };
    },
    ours: (path) => io.readMatrixMarket(path),
    oursExpr: "io.readMatrixMarket(path)",
    peer: "import scipy.io\ndef work():\n    return scipy.io.mmread(PATH)",
    peerName: "scipy.io.mmread",
    target: 0.5,
    reps: 3,
    peerPost: `out["nnz"] = int(result.nnz)`,
    check: (ours, peerOut) => {
      const nnz = (ours as { nnz: number }).nnz;
      return nnz === peerOut.nnz ? `nnz ${nnz} on both` : `NNZ DIFFER (${nnz} vs ${peerOut.nnz})`;
    },
  },
];

const ROOT = resolve(__dirname, "..");

function peakNode(c: IoCase, path: string): number {
  const script = `
const fs = require("fs");
const { io } = require(${JSON.stringify(join(ROOT, "kernel/core/src"))});
const path = ${JSON.stringify(path)};
const kb = (k) => Number(new RegExp(k + ":\\\\s+(\\\\d+)").exec(fs.readFileSync("/proc/self/status", "utf8"))[1]);
global.gc && global.gc();
fs.writeFileSync("/proc/self/clear_refs", "5");
const before = kb("VmRSS");
const v = ${c.oursExpr};
process.stdout.write(String((kb("VmHWM") - before) * 1024));
void v;`;
  const res = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return res.status === 0 ? Number(res.stdout) : NaN;
}

function peakPython(c: IoCase, path: string): number {
  const script = `
import numpy as np, re, gc
PATH = ${JSON.stringify(path)}
${c.peer}
kb = lambda k: int(re.search(k + r":\\s+(\\d+)", open("/proc/self/status").read()).group(1))
gc.collect()
open("/proc/self/clear_refs", "w").write("5")
before = kb("VmRSS")
v = work()
print((kb("VmHWM") - before) * 1024)`;
  const res = spawnSync(PYTHON, ["-c", script], { encoding: "utf8" });
  return res.status === 0 ? Number(res.stdout.trim()) : NaN;
}

export function run(): void {
  const table = new Table(title);
  const dir = mkdtempSync(join(tmpdir(), "eigenlab-bench-io-"));
  try {
    for (const c of CASES) {
      const { path, dataBytes } = c.prepare(dir);
      const ours = timeOurs(() => c.ours(path), c.reps);
      const peer = timePeer(c.peer, { PATH: path }, c.reps, c.peerPost ?? "");
      const notes = [`file ${(statSync(path).size / 1e6).toFixed(1)} MB`];
      if (c.check) notes.push(c.check(ours.result, peer.out));
      if (c.memory) {
        const mo = peakNode(c, path) / dataBytes;
        const mp = peakPython(c, path) / dataBytes;
        notes.push(`peak memory / data: ours ${mo.toFixed(2)}×, peer ${mp.toFixed(2)}× (target ≤ 1.3×)`);
      }
      table.add({ workload: c.workload, ours: ours.seconds, peer: peer.seconds, peerName: c.peerName, target: c.target, note: notes.join("; ") });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
