// Approximate kNN graphs (issue #15): graph.knn(X, { method: "nndescent" }) vs pynndescent (Debian's
// python3-pynndescent, numba; its compile is excluded by the harness's warm-up run) on the same blobs, with
// recall@k of each against the exact neighbours of 1 000 sampled points (brute force over all n).
import { data, graph, linalg, Matrix } from "../kernel/core/src";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Approximate kNN graph: graph.knn method nndescent vs pynndescent (recall@k on 1 000 sampled points)";

/** Exact neighbours (self first, as both searches return with includeSelf) of `sample` rows among all n. */
function exactSample(X: Matrix, sample: Int32Array, k: number): Int32Array[] {
  // The k smallest by insertion into a sorted k-list (ties: lower index), O(n·k) per point: sorting all n
  // distances with a comparator took about a second a point at n = 10⁶, a quarter of an hour for the sample.
  const d = X.cols;
  return Array.from(sample, (i) => {
    const bestD = new Float64Array(k).fill(Infinity);
    const bestJ = new Int32Array(k).fill(-1);
    for (let j = 0; j < X.rows; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (X.data[i * d + c] - X.data[j * d + c]) ** 2;
      if (!(s < bestD[k - 1])) continue;
      let q = k - 1;
      while (q > 0 && bestD[q - 1] > s) {
        bestD[q] = bestD[q - 1];
        bestJ[q] = bestJ[q - 1];
        q--;
      }
      bestD[q] = s;
      bestJ[q] = j;
    }
    return bestJ;
  });
}

function recallOf(rows: (i: number) => ArrayLike<number>, sample: Int32Array, truth: Int32Array[]): number {
  let found = 0;
  sample.forEach((i, s) => {
    const t = new Set(truth[s]);
    for (const j of Array.from(rows(i))) if (t.has(j)) found++;
  });
  return found / (sample.length * truth[0].length);
}

export function run(): void {
  const table = new Table(title);
  const k = 10;
  // EIGENLAB_KNN_CASES="100000x16,1000000x16" runs only those (n×d) cases (the 10⁶ one takes minutes).
  const only = process.env.EIGENLAB_KNN_CASES?.split(",").map((c) => c.trim());
  const cases = ([[100000, 16], [100000, 64], [1000000, 16]] as const).filter(([n, d]) => !only || only.includes(`${n}x${d}`));
  for (const [n, d] of cases) {
    const X = data.blobs({ n, k: 20, d, std: 4, seed: n + d }).X;
    const sample = Int32Array.from({ length: 1000 }, (_, s) => Math.floor((s * n) / 1000));
    const truth = exactSample(X, sample, k);
    const reps = n >= 1000000 ? 1 : 3;
    const ours = timeOurs(() => graph.knn(X, { k, includeSelf: true, method: "nndescent", seed: 1 }), reps);
    const W = ours.result;
    const oursRecall = recallOf((i) => W.indices.subarray(W.indptr[i], W.indptr[i + 1]), sample, truth);
    const peer = timePeer(
      `from pynndescent import NNDescent\ndef work():\n    return NNDescent(X, n_neighbors=${k}, random_state=1, n_jobs=2).neighbor_graph`,
      { X: peerMatrix(X), S: { shape: [sample.length], data: sample } },
      reps,
      `out["idx"] = result[0][S].tolist()`,
    );
    const peerRecall = recallOf((i) => peer.out.idx[sample.indexOf(i)], sample, truth);
    table.add({
      workload: `nndescent blobs n=${n} d=${d} k=${k}`,
      ours: ours.seconds,
      peer: peer.seconds,
      peerName: "pynndescent",
      target: 1,
      note: `recall@${k} ours ${oursRecall.toFixed(3)}, pynndescent ${peerRecall.toFixed(3)}; ours ${W.meta?.solver} on ${W.meta?.backend}, ${linalg.blasThreads()} threads; peer n_jobs=2`,
    });
  }
}
