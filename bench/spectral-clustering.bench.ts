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

/**
 * The connected-graph case (issue #14): blob centres drawn in [−1.5, 1.5]¹⁶ with std 1 overlap, so the 10-NN
 * graph is ONE component (checked) and the k smallest eigenvectors need a real eigensolve — the disjoint blobs
 * above give k components, whose null space has a closed form. Peers: sklearn SpectralClustering with its
 * "arpack" and "lobpcg" eigen_solver; ARI of ours against each and of each against the generating labels.
 */
function runConnected(table: Table): void {
  const n = 20000;
  const { X, labels } = data.blobs({ n, k: 5, d: 16, std: 1, box: [-1.5, 1.5], seed: 1 });
  const W = graph.symmetrize(graph.knn(X, { k: 10, includeSelf: true }), "mean");
  const parts = graph.components(W).count;
  const mine = timeOurs(() => ours(X), 1);
  const truth = labels as ArrayLike<number>;
  for (const solver of ["arpack", "lobpcg"]) {
    const peer = timePeer(
      `from sklearn.cluster import SpectralClustering\ndef work():\n    return SpectralClustering(n_clusters=5, affinity="nearest_neighbors", n_neighbors=10, eigen_solver="${solver}", random_state=0).fit(X)`,
      { X: peerMatrix(X) },
      1,
      `out["labels"] = result.labels_`,
    );
    const vsPeer = adjustedRandIndex(mine.result.labels, peer.out.labels);
    const oursTruth = adjustedRandIndex(mine.result.labels, truth);
    const peerTruth = adjustedRandIndex(peer.out.labels as number[], truth);
    table.add({
      workload: `spectral connected n=${n} vs ${solver}`,
      ours: mine.seconds,
      peer: peer.seconds,
      peerName: `sklearn ${solver}`,
      target: 1,
      note: `${parts} component(s); ARI ours vs sklearn ${vsPeer.toFixed(4)}, vs labels ours ${oursTruth.toFixed(4)} sklearn ${peerTruth.toFixed(4)}; solver ${mine.result.meta.solver}`,
    });
  }
}

export function run(): void {
  const table = new Table(title);
  runConnected(table);
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
