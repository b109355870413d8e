import { graph, Matrix } from "../kernel/core/src";
import { blasThreads } from "../kernel/core/src/linalg";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Exact kNN graph: graph.knn vs sklearn kneighbors_graph (brute; euclidean and cosine)";

export function run(): void {
  const table = new Table(title);
  for (const [n, d, k, metric] of [[2000, 64, 10, "euclidean"], [10000, 64, 10, "euclidean"], [10000, 64, 10, "cosine"]] as const) {
    const X = Matrix.random(n, d, { seed: n + d });
    const reps = n >= 10000 ? 3 : 5;
    const ours = timeOurs(() => graph.knn(X, { k, mode: "distance", metric }), reps);
    const peer = timePeer(
      `from sklearn.neighbors import kneighbors_graph\ndef work():\n    return kneighbors_graph(X, ${k}, mode="distance", metric="${metric}")`,
      { X: peerMatrix(X) },
      reps,
      `out["nnz"] = int(result.nnz)`,
    );
    table.add({
      workload: `knn ${metric} n=${n} d=${d} k=${k}`,
      ours: ours.seconds,
      peer: peer.seconds,
      peerName: "sklearn",
      target: 3,
      note: `ours ${ours.result.meta?.solver}, ${blasThreads()} threads; peer BLAS ${peer.blas}`,
    });
  }
}
