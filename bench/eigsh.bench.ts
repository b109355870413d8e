/**
 * k = 10 smallest eigenpairs of the symmetric normalized Laplacian L = I − D^{-1/2} W D^{-1/2} of a
 * symmetrized 10-NN connectivity graph of Gaussian blobs (d = 16, 10 centres, seeded). The graph is built
 * ONCE by scikit-learn (kneighbors_graph) and its CSR arrays are brought back, so ours and the peer solve the
 * same matrix. Peer: scipy.sparse.linalg.eigsh(L, k=10, which="SA") (ARPACK), with its default tol (= machine
 * precision relative to |θ|) and with tol=1e-10. The lobpcg rows compare with scipy.sparse.linalg.lobpcg at the
 * same residual bound (scipy's tol = ours' tol·‖A‖; its default tol is loose), both maximal residuals printed.
 *
 * Two graphs per size: cluster_std 1 (well separated: 10 components, so 0 is a 10-fold eigenvalue — the
 * spectral-clustering case) and cluster_std 5 (one component, small but distinct eigenvalues).
 */
import { CsrMatrix, linalg } from "../kernel/core/src";
import { peerCsr, peerEnv, runPython } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "eigsh: k = 10 smallest eigenpairs of a 10-NN normalized Laplacian, ours vs scipy ARPACK / lobpcg";

const BUILD = `
import scipy.sparse as sp
from sklearn.datasets import make_blobs
from sklearn.neighbors import kneighbors_graph
from scipy.sparse.csgraph import connected_components
X, _ = make_blobs(n_samples=int(n), n_features=16, centers=10, cluster_std=float(std), random_state=0)
W = kneighbors_graph(X, 10, mode="connectivity", include_self=False)
W = (0.5 * (W + W.T)).tocsr()
d = np.asarray(W.sum(1)).ravel()
Dm = sp.diags(1 / np.sqrt(d))
L = (sp.eye(W.shape[0]) - Dm @ W @ Dm).tocsr()
L.sort_indices()
out = {"indptr": L.indptr, "indices": L.indices, "values": L.data, "components": int(connected_components(W)[0])}
`;

export function buildLaplacian(n: number, std: number): { L: CsrMatrix; components: number } {
  const g = runPython(BUILD, { n, std }, { env: peerEnv({ unsetOpenblasOverrides: true }) });
  const L = new CsrMatrix(n, n, Int32Array.from(g.indptr), Int32Array.from(g.indices), Float64Array.from(g.values));
  return { L, components: g.components };
}

export function run(): void {
  const table = new Table(title);
  const only = process.env.EIGSH_BENCH_N ? process.env.EIGSH_BENCH_N.split(",").map(Number) : [10_000, 50_000];
  for (const n of only) {
    for (const std of [1, 5]) {
      const { L, components } = buildLaplacian(n, std);
      const reps = n >= 50_000 ? 2 : 3;
      const peerCode = `
import scipy.sparse as sp, scipy.sparse.linalg as sla
L = sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols))
def work():
    return sla.eigsh(L, k=10, which="SA", tol=TOL)
`;
      const post = `
w, V = result
R = L @ V - V * w
out["maxres"] = float(np.linalg.norm(R, axis=0).max())
`;
      const arpack = timePeer(peerCode.replace("TOL", "0"), peerCsr("L", L), reps, post);
      const arpack10 = timePeer(peerCode.replace("TOL", "1e-10"), peerCsr("L", L), reps, post);
      const best = Math.min(arpack.seconds, arpack10.seconds);
      const bestName = arpack.seconds <= arpack10.seconds ? "ARPACK tol=0" : "ARPACK tol=1e-10";
      const label = `n=${n} std=${std} (${components} comp., nnz ${L.nnz})`;
      const ours = timeOurs(() => linalg.eigsh(L, { k: 10, which: "SA", method: "lanczos" }), reps);
      const S = ours.result;
      const maxRes = Math.max(...S.residuals);
      table.add({
        workload: `${label} lanczos`,
        ours: ours.seconds,
        peer: best,
        peerName: bestName,
        target: 1.5,
        note: `ours: ${S.meta.matvecs} matvecs, ${S.iterations} it, max‖r‖ ${maxRes.toExponential(1)}, λ10 ${S.values[9].toExponential(3)}; ` +
          `ARPACK tol=0 ${fmt(arpack.seconds)} (max‖r‖ ${arpack.out.maxres.toExponential(1)}), tol=1e-10 ${fmt(arpack10.seconds)} ` +
          `(max‖r‖ ${arpack10.out.maxres.toExponential(1)}); BLAS ${arpack.blas}`,
      });
      // LOBPCG against SciPy's lobpcg at the same residual: ours stops at max‖r‖ ≤ tol·‖A‖ (tol = 1e-10, ‖A‖ its
      // Lanczos estimate); scipy's tol is an absolute bound on each column's ‖r‖, so it gets that same number.
      // Ours uses its default preconditioner (a Chebyshev polynomial in L, see lobpcg-preconditioner.ts); scipy none.
      const lobOurs = timeOurs(() => linalg.eigsh(L, { k: 10, which: "SA", method: "lobpcg" }), reps);
      const O = lobOurs.result;
      const bound = 1e-10 * (O.meta.normEstimate as number);
      const lob = timePeer(
        `
import scipy.sparse as sp, scipy.sparse.linalg as sla
L = sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols))
X0 = np.random.default_rng(0).standard_normal((L_rows, 10))
def work():
    return sla.lobpcg(L, X0, largest=False, tol=${bound}, maxiter=1000, retResidualNormsHistory=True)
`,
        peerCsr("L", L),
        reps,
        `
w, V, hist = result
R = L @ V - V * w
out["maxres"] = float(np.linalg.norm(R, axis=0).max())
out["it"] = len(hist)
`,
      );
      table.add({
        workload: `${label} lobpcg`,
        ours: lobOurs.seconds,
        peer: lob.seconds,
        peerName: "scipy lobpcg",
        target: 1.0,
        note: `ours: ${O.iterations} it, ${O.meta.matvecs} matvecs, max‖r‖ ${Math.max(...O.residuals).toExponential(1)}; ` +
          `scipy lobpcg tol=${bound.toExponential(2)}: ${lob.out.it} it, max‖r‖ ${lob.out.maxres.toExponential(1)}`,
      });
    }
  }
}

function fmt(s: number): string {
  return s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(0)} ms`;
}
