import { data, diffusion, graph, Matrix, Rng } from "../kernel/core/src";
import { peerCsr, peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Heat-geodesic distances and diffusion spectral entropy: ours vs scipy/numpy";

export function run(): void {
  const table = new Table(title);
  // Swiss-roll kNN Laplacian, as in examples/07: all-pairs heat-geodesic distances.
  for (const n of [300, 500]) {
    const { X } = data.swissRoll({ n, seed: 0 });
    const L = graph.laplacian(graph.symmetrize(graph.knn(X, { k: 10, mode: "connectivity" }), "max"), { kind: "combinatorial" });
    const t = 10;
    const ours = timeOurs(() => diffusion.heatGeodesic(L, { t, harnack: 1 }), 3);
    // Column by column through heatKernel: what the blocked Chebyshev pass in heatGeodesic replaces.
    const perColumn = timeOurs(() => {
      const e = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        e.fill(0);
        e[i] = 1;
        diffusion.heatKernel(L, e, { t });
      }
    }, 1);
    const peer = timePeer(
      `import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply
A = sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols))
def work():
    H = expm_multiply(-t * A, np.eye(A.shape[0]))
    d = np.diag(H)
    D2 = -4 * t * np.log(np.maximum(H, 1e-13)) + 4 * t * np.log(0.5 * (d[:, None] + d[None, :]))
    return np.sqrt(np.maximum(D2, 0))`,
      { ...peerCsr("L", L), t },
      3,
      `out["d01"] = float(result[0, 1])`,
    );
    table.add({
      workload: `heatGeodesic swiss roll n=${n}, k=10, t=${t}`, ours: ours.seconds, peer: peer.seconds, peerName: "scipy expm_multiply",
      note: `per-column heatKernel ${perColumn.seconds.toFixed(2)} s; d(0,1) ours ${ours.result.get(0, 1).toFixed(6)}, scipy ${Number(peer.out.d01).toFixed(6)}`,
    });
  }
  // DSE on 300 points in R^20, as in examples/06.
  const Y = Matrix.fromFlat(300, 20, new Rng(1).fillNormal(new Float64Array(6000)));
  const dse = timeOurs(() => diffusion.spectralEntropy(Y, { sigma: 1, t: 2 }), 3);
  const peerDse = timePeer(
    `from scipy.spatial.distance import cdist
def work():
    K = np.exp(-cdist(Y, Y, "sqeuclidean") / 2)
    d = 1 / np.sqrt(K.sum(1))
    lam = np.abs(np.linalg.eigvalsh(d[:, None] * K * d[None, :])) ** 2
    a = lam / lam.sum(); a = a[a > 0]
    return -(a * np.log(a)).sum()`,
    { Y: peerMatrix(Y) },
    3,
    `out["dse"] = float(result)`,
  );
  table.add({ workload: "spectralEntropy 300×20 (σ = 1, t = 2)", ours: dse.seconds, peer: peerDse.seconds, peerName: "numpy eigvalsh", note: `DSE ours ${dse.result.entropy.toFixed(6)}, numpy ${Number(peerDse.out.dse).toFixed(6)}` });
}
