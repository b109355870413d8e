import { cluster, data, graph, Matrix } from "../kernel/core/src";
import { peerMatrix } from "../test/util/peer";
import { adjustedRandIndex } from "../test/util/graphs";
import { performance } from "perf_hooks";
import { Table, timeOurs, timePeer } from "./harness";

export const title =
  "Spectral clustering, blobs d=16 k=5, 10-NN affinity: kNN graph + cluster.spectral vs sklearn SpectralClustering(affinity=nearest_neighbors, arpack)";

/** Our pipeline on the graph sklearn builds for affinity="nearest_neighbors": (C + Cᵀ)/2, C the 10-NN connectivity incl. self. */
function ours(X: Matrix) {
  const C = graph.knn(X, { k: 10, includeSelf: true });
  return cluster.spectral(graph.symmetrize(C, "mean"), { k: 5, seed: 0 });
}

export function run(): void {
  const table = new Table(title);
  for (const n of [5000, 20000, 100000]) {
    const { X } = data.blobs({ n, k: 5, d: 16, seed: 1 });
    let mine;
    try {
      if (n > 20000) {
        // One cold run: at this size the JIT warm-up is noise next to the work.
        const t0 = performance.now();
        const result = ours(X);
        mine = { seconds: (performance.now() - t0) / 1000, result };
      } else mine = timeOurs(() => ours(X), n >= 20000 ? 1 : 2);
    } catch (e) {
      console.log(`  n=${n}: ours failed: ${(e as Error).message}`);
      continue;
    }
    if (n > 20000) {
      table.add({ workload: `spectral n=${n}`, ours: mine.seconds, note: "no peer (sklearn would take minutes)" });
      continue;
    }
    const peer = timePeer(
      `from sklearn.cluster import SpectralClustering\ndef work():\n    return SpectralClustering(n_clusters=5, affinity="nearest_neighbors", n_neighbors=10, eigen_solver="arpack", random_state=0).fit(X)`,
      { X: peerMatrix(X) },
      1,
      `out["labels"] = result.labels_`,
    );
    const ari = adjustedRandIndex(mine.result.labels, peer.out.labels);
    table.add({ workload: `spectral n=${n}`, ours: mine.seconds, peer: peer.seconds, peerName: "sklearn", target: 0.1, note: `ARI vs sklearn ${ari.toFixed(4)}; solver ${mine.result.meta.solver}` });
  }
}
