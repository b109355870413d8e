import { linalg, Matrix } from "../kernel/core/src";
import { blasThreads } from "../kernel/core/src/kernels";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "SVD of a 2000×500 matrix: full vs numpy.linalg.svd, randomized k=20 vs sklearn randomized_svd";

export function run(): void {
  const table = new Table(title);
  const A = Matrix.random(2000, 500, { seed: 7 });
  const full = timeOurs(() => linalg.svd(A), 1);
  const peerFull = timePeer(`def work():\n    return np.linalg.svd(A, full_matrices=False)`, { A: peerMatrix(A) }, 3);
  table.add({ workload: "svd full 2000×500", ours: full.seconds, peer: peerFull.seconds, peerName: "numpy", target: 3, note: `one-sided Jacobi preconditioned by eigh(AᵀA) (${full.result.meta.preconditioned ? "on" : "off"}), ${full.result.meta.sweeps} sweeps, threads ${blasThreads()}; numpy ${peerFull.blas}` });
  const rnd = timeOurs(() => linalg.svd(A, { k: 20, method: "randomized", seed: 0 }), 3);
  const peerRnd = timePeer(
    `from sklearn.utils.extmath import randomized_svd\ndef work():\n    return randomized_svd(A, 20, random_state=0)`,
    { A: peerMatrix(A) },
    3,
  );
  table.add({ workload: "svd randomized k=20 (nIter 7, oversample 10)", ours: rnd.seconds, peer: peerRnd.seconds, peerName: "sklearn", note: `same nIter/oversample defaults; threads ${blasThreads()}` });
  const lz = timeOurs(() => linalg.svd(A, { k: 20, method: "lanczos", seed: 0 }), 1);
  const peerLz = timePeer(`from scipy.sparse.linalg import svds\ndef work():\n    return svds(A, 20, random_state=0)`, { A: peerMatrix(A) }, 1);
  table.add({ workload: "svd lanczos k=20", ours: lz.seconds, peer: peerLz.seconds, peerName: "scipy svds", note: `Krylov dim ${lz.result.meta.iterations}` });
}
