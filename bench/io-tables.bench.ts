/**
 * `npm run bench io-tables` (also matched by `npm run bench io`): reading tables and edge lists, ours vs
 * pandas on the same files in the same run (issue #11's speed and memory targets).
 *
 * - Edge list, 10^7 weighted edges (ids < 10^6, weights with 6 decimals, space separated):
 *   `io.readEdgeList(path, { directed: true })` vs `pandas.read_csv` + `scipy.sparse.coo_matrix(...).tocsr()`
 *   (target ≤ 1.0×); peak memory of one read in a fresh process, as a multiple of the CSR it builds (≤ 2×).
 * - CSV, 100 000 × 50 float64 written by pandas `to_csv` (17 significant digits): `io.readCsv` vs
 *   `pandas.read_csv` (target ≤ 1.5×).
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsv, readEdgeList } from "../kernel/core/src/io/tables-index";
import { runPython } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "io tables: edge list 10^7 edges vs pandas+scipy coo→csr, CSV 100 000 × 50 vs pandas.read_csv";

const DIR = join(tmpdir(), "eigenlab-bench-io-tables");

function ensureFiles(): { edges: string; csv: string } {
  mkdirSync(DIR, { recursive: true });
  const edges = join(DIR, "edges-1e7.txt");
  const csv = join(DIR, "table-1e5x50.csv");
  if (!existsSync(edges) || !existsSync(csv)) {
    runPython(`
import pandas as pd
rng = np.random.default_rng(2026)
m, n = 10**7, 10**6
pd.DataFrame({"u": rng.integers(0, n, m), "v": rng.integers(0, n, m), "w": np.round(rng.random(m), 6)}).to_csv(edges, sep=" ", header=False, index=False)
pd.DataFrame(rng.standard_normal((100000, 50)), columns=[f"c{j}" for j in range(50)]).to_csv(csv, index=False)
`, { edges, csv });
  }
  return { edges, csv };
}

/** Peak resident memory added by one read, in a fresh process (so earlier runs' garbage does not count). */
function peakOfOneRead(path: string): { peakBytes: number; csrBytes: number } {
  const code = `
const { readEdgeList } = require(${JSON.stringify(join(__dirname, "../kernel/core/src/io/tables-index"))});
global.gc && global.gc();
const base = process.memoryUsage().rss;
const { W } = readEdgeList(${JSON.stringify(path)}, { directed: true });
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ peakBytes: peak - base, csrBytes: W.indptr.byteLength + W.indices.byteLength + W.values.byteLength }));
`;
  const res = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", "-e", code], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
  });
  if (res.status !== 0) throw new Error(`memory probe failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!);
}

export function run(): void {
  const table = new Table(title);
  const { edges, csv } = ensureFiles();
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

  const ours = timeOurs(() => readEdgeList(edges, { directed: true }), 3);
  const peer = timePeer(
    `import pandas as pd, scipy.sparse as sp
def work():
    df = pd.read_csv(path, sep=" ", header=None, names=["u", "v", "w"])
    return sp.coo_matrix((df["w"].values, (df["u"].values, df["v"].values))).tocsr()`,
    { path: edges },
    3,
    `out["nnz"] = int(result.nnz)`,
  );
  const mem = peakOfOneRead(edges);
  table.add({
    workload: `edge list 10^7 weighted edges (${mb(statSync(edges).size)})`,
    ours: ours.seconds,
    peer: peer.seconds,
    peerName: "pandas+scipy",
    target: 1.0,
    note: `nnz ours ${ours.result.W.nnz} / peer ${peer.out.nnz}; peak memory of one read ${mb(mem.peakBytes)} = ${(mem.peakBytes / mem.csrBytes).toFixed(2)}× the CSR (${mb(mem.csrBytes)}; target ≤ 2×)`,
  });

  const oursCsv = timeOurs(() => readCsv(csv), 3);
  const peerCsv = timePeer(`import pandas as pd\ndef work():\n    return pd.read_csv(path)`, { path: csv }, 3, `out["shape"] = list(result.shape)`);
  table.add({
    workload: `CSV 100 000 × 50 float64 (${mb(statSync(csv).size)})`,
    ours: oursCsv.seconds,
    peer: peerCsv.seconds,
    peerName: "pandas",
    target: 1.5,
    note: `shape ours ${oursCsv.result.shape.join("×")} / peer ${peerCsv.out.shape.join("×")}`,
  });
}
