import { strict as assert } from "assert";
import { CsrMatrix, data, diffusion, EigenlabError, linalg, linearOperator, Matrix, Rng } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";

/** Combinatorial Laplacian D − W (built here: graph.laplacian belongs to another area). */
function laplacian(W: CsrMatrix): CsrMatrix {
  const d = W.rowSums();
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  for (let r = 0; r < W.rows; r++) {
    ii.push(r); jj.push(r); vv.push(d[r]);
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      ii.push(r); jj.push(W.indices[p]); vv.push(-W.values[p]);
    }
  }
  return CsrMatrix.fromTriplets(W.rows, W.cols, ii, jj, vv);
}

describe("diffusion", function () {
  this.timeout(60_000);
  const lm = data.lesMiserables();
  const L = laplacian(lm.graph);
  const x = new Rng(1).fillNormal(new Float64Array(77));

  it("heatKernel(L, x, { t }) agrees with scipy.sparse.linalg.expm_multiply to 1e-8 (t = 0.1, 1, 10)", () => {
    for (const t of [0.1, 1, 10]) {
      const ours = diffusion.heatKernel(L, x, { t });
      const peer = runPython(
        `import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply
A = sp.csc_matrix(sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols)))
out = {"y": expm_multiply(-t * A, x), "yd": __import__("scipy.linalg").linalg.expm(-t * A.toarray()) @ x}`,
        { ...peerCsr("L", L), x: { shape: [77], data: x }, t },
      );
      assertBelow(maxRelDiff(ours, peer.y), 1e-8, `t = ${t} vs expm_multiply`);
      assertBelow(maxRelDiff(ours, peer.yd), 1e-10, `t = ${t} vs dense expm`);
    }
  });

  it("heatKernel conserves the mean of x (L1 = 0) and converges to it as t grows", () => {
    const mean = x.reduce((a, b) => a + b, 0) / 77;
    const y = diffusion.heatKernel(L, x, { t: 50 });
    assertBelow(Math.abs(y.reduce((a, b) => a + b, 0) / 77 - mean), 1e-12, "mean");
    assertBelow(Math.max(...y.map((v) => Math.abs(v - mean))), 1e-6, "equilibrium");
    assert.deepEqual(diffusion.heatKernel(L, x, { t: 0 }), x);
  });

  it("heatKernel on a matrix-free LinearOperator (Lanczos spectral bound) matches the CSR result", () => {
    const op = linearOperator([77, 77], (v) => L.matvec(v));
    assertBelow(maxRelDiff(diffusion.heatKernel(op, x, { t: 2 }), diffusion.heatKernel(L, x, { t: 2 })), 1e-10, "operator vs CSR");
  });

  it("heatKernel on a LinearOperator of order 300 000 (the Lanczos bound of a long vector) matches exp(−t d)·x for a diagonal operator", () => {
    // the spectral bound's start vector once had its norm taken by Math.hypot(...v), which overflows the stack from
    // n ≈ 10⁵ arguments on
    const n = 300_000;
    const d = Float64Array.from({ length: n }, (_, i) => (2 * i) / (n - 1));
    const op = linearOperator([n, n], (v) => v.map((vi, i) => d[i] * vi));
    const v = new Rng(2).fillNormal(new Float64Array(n));
    const y = diffusion.heatKernel(op, v, { t: 0.5 });
    assertBelow(maxRelDiff(y, v.map((vi, i) => Math.exp(-0.5 * d[i]) * vi)), 1e-8, "exp(−t D) v");
  });

  it("chebyshevFilter(L, x, { filter, order }) matches V h(Λ) Vᵀ x from linalg.eigh", () => {
    const S = linalg.eigh(L.toDense());
    const V = S.vectors;
    const h = (l: number) => Math.exp(-((l / 20) ** 2)); // a smooth (entire) low-pass filter
    const c = V.T.matvec(x).map((v, k) => v * h(S.values[k]));
    const exact = V.matvec(c);
    for (const [order, bound] of [[20, 1e-2], [60, 1e-10]] as const) {
      const ours = diffusion.chebyshevFilter(L, x, { filter: h, order });
      assertBelow(maxRelDiff(ours, exact), bound, `order ${order}`);
    }
    // The exponential filter reproduces the Bessel-coefficient heat kernel.
    const viaFilter = diffusion.chebyshevFilter(L, x, { filter: (l) => Math.exp(-l), order: 150 });
    assertBelow(maxRelDiff(viaFilter, diffusion.heatKernel(L, x, { t: 1 })), 1e-12, "exp filter vs heat kernel");
  });

  it("rayleighQuotient(L, x) = ½Σ w_ij (x_i − x_j)² / ‖x‖², and λ at an eigenvector", () => {
    let num = 0;
    const W = lm.graph;
    for (let r = 0; r < 77; r++) for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) num += 0.5 * W.values[p] * (x[r] - x[W.indices[p]]) ** 2;
    const nx = x.reduce((a, b) => a + b * b, 0);
    assertBelow(Math.abs(diffusion.rayleighQuotient(L, x) - num / nx) / (num / nx), 1e-13, "quotient");
    const S = linalg.eigh(L.toDense());
    assertBelow(Math.abs(diffusion.rayleighQuotient(L, S.vectors.col(5)) - S.values[5]), 1e-10, "eigenvector");
  });

  it("spectralEntropy(X, { t, sigma }) matches a numpy DSE reference; t = 0 gives log n", () => {
    const X = Matrix.random(60, 5, { seed: 3 });
    const ours = diffusion.spectralEntropy(X, { t: 3, sigma: 1.5 });
    const peer = runPython(
      `from scipy.spatial.distance import cdist
K = np.exp(-cdist(X, X, "sqeuclidean") / (2 * 1.5 ** 2))
P = K / K.sum(1, keepdims=True)
lam = np.abs(np.linalg.eigvals(P).real) ** 3
a = lam / lam.sum(); a = a[a > 0]
out = {"dse": float(-(a * np.log(a)).sum())}`,
      { X: peerMatrix(X) },
    );
    assertBelow(Math.abs(ours.entropy - peer.dse), 1e-9, "DSE vs numpy");
    assertBelow(Math.abs(diffusion.spectralEntropy(X, { t: 0 }).entropy - Math.log(60)), 1e-12, "t = 0");
    // Two disconnected cliques: as t → ∞ two eigenvalues equal 1 remain, DSE → log 2.
    const two = data.sbm({ sizes: [10, 10], pIn: 1, pOut: 0 }).graph;
    assertBelow(Math.abs(diffusion.spectralEntropy(two, { t: 200 }).entropy - Math.log(2)), 1e-9, "two components");
  });

  it("bad input throws EigenlabError saying what to do", () => {
    assert.throws(() => diffusion.heatKernel(L, x.subarray(1), { t: 1 }), /77 nodes/);
    assert.throws(() => diffusion.heatKernel(L, x, { t: -1 }), /non-negative/);
    assert.throws(() => diffusion.heatKernel(CsrMatrix.fromTriplets(2, 3, [], [], []), [1, 2], { t: 1 }), /square/);
    assert.throws(() => diffusion.heatKernel(L, x, { time: 1 } as never), /unknown option/);
    assert.throws(() => diffusion.chebyshevFilter(L, x, { filter: 3 as never }), /function/);
    assert.throws(() => diffusion.rayleighQuotient(L, new Float64Array(77)), /all zeros/);
    assert.throws(() => diffusion.rayleighQuotient(L, x.map((v, i) => (i === 3 ? NaN : v))), EigenlabError);
  });
});
