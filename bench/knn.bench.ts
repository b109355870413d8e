import { graph, Matrix } from "../kernel/core/src";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Exact kNN graph: graph.knn vs sklearn kneighbors_graph (brute, euclidean)";

export function run(): void {
  const table = new Table(title);
  for (const [n, d, k] of [[2000, 64, 10], [10000, 64, 10]] as const) {
    const X = Matrix.random(n, d, { seed: n + d });
    const reps = n >= 10000 ? 2 : 3;
    const ours = timeOurs(() => graph.knn(X, { k, mode: "distance" }), reps);
    const peer = timePeer(
      `from sklearn.neighbors import kneighbors_graph\ndef work():\n    return kneighbors_graph(X, ${k}, mode="distance")`,
      { X: peerMatrix(X) },
      reps,
      `out["nnz"] = int(result.nnz)`,
    );
    table.add({ workload: `knn n=${n} d=${d} k=${k}`, ours: ours.seconds, peer: peer.seconds, peerName: "sklearn", target: 3, note: `ours 1 thread; peer BLAS ${peer.blas}` });
  }
}
