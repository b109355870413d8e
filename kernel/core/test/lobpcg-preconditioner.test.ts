import { strict as assert } from "assert";
import { CsrMatrix, data, EigenlabError, graph, linalg, Matrix } from "../src";
import { chebyshevBlockPreconditioner, chebyshevPreconditioner, isLaplacianLike } from "../src/linalg/lobpcg-preconditioner";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { gridLaplacian, randomSparseSpd } from "./eigensolver-checks";

/** Normalized Laplacian I − D^{-1/2} W D^{-1/2} of the symmetrized 8-NN graph of seeded blobs (the bench's kind). */
function knnLaplacian(n: number, std: number, seed: number): CsrMatrix {
  const X = data.blobs({ n, k: 4, d: 6, std, seed }).X;
  return graph.laplacian(graph.symmetrize(graph.knn(X, { k: 8 })), { kind: "sym" });
}

describe("LOBPCG default preconditioner (Chebyshev polynomial in A)", function () {
  this.timeout(120_000);

  it("eigsh(L_knn, {method: 'lobpcg', which: 'SA'}) with the default preconditioner agrees with the dense eigh to 1e-8 relative", () => {
    for (const [std, seed] of [[3, 1], [0.5, 2]] as const) {
      const L = knnLaplacian(600, std, seed);
      const S = linalg.eigsh(L, { k: 6, which: "SA", method: "lobpcg", tol: 1e-12 });
      const want = Array.from(linalg.eigh(L.toDense()).values).slice(0, 6);
      assertBelow(maxRelDiff(S.values, want), 1e-8, `values std ${std} (relative to the largest of the six)`);
      const none = linalg.eigsh(L, { k: 6, which: "SA", method: "lobpcg", tol: 1e-12, preconditioner: "none" });
      assertBelow(maxRelDiff(S.values, none.values), 1e-8, `same values as without a preconditioner, std ${std}`);
    }
  });

  it("eigsh(L_knn, {method: 'lobpcg'}) needs fewer than half the iterations of preconditioner: 'none' on a kNN Laplacian and a grid Laplacian", () => {
    const grid = gridLaplacian(30, 30);
    const Dm = Float64Array.from(grid.diagonal(), (d) => 1 / Math.sqrt(d));
    // The normalized grid Laplacian D^{-1/2} L D^{-1/2} (diagonal 1: Jacobi would be the identity there).
    const gridSym = new CsrMatrix(grid.rows, grid.cols, grid.indptr, grid.indices, Float64Array.from(grid.values, (v, q) => {
      let r = 0;
      while (grid.indptr[r + 1] <= q) r++;
      return v * Dm[r] * Dm[grid.indices[q]];
    }));
    for (const [name, L] of [["kNN", knnLaplacian(2000, 3, 3)], ["grid 30×30 normalized", gridSym]] as const) {
      const pre = linalg.eigsh(L, { k: 5, which: "SA", method: "lobpcg" });
      const plain = linalg.eigsh(L, { k: 5, which: "SA", method: "lobpcg", preconditioner: "none" });
      assertBelow(maxRelDiff(pre.values, plain.values), 1e-8, `${name}: same values`);
      assertBelow(pre.iterations, plain.iterations / 2, `${name}: iterations ${pre.iterations} vs ${plain.iterations}`);
    }
  });

  it("chebyshevPreconditioner(A, lo, hi) is symmetric positive definite for every A with λmax < hi + lo, also indefinite A", () => {
    const n = 40;
    // A = Q diag(λ) Qᵀ with λ from −3 to 2.1 (hi = 2, lo = 0.2: λmax inside the margin hi + lo).
    const Q = linalg.qr(Matrix.from(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.sin(1 + 3 * i + 7 * j * j))))).Q;
    const lam = Array.from({ length: n }, (_, i) => -3 + (5.1 * i) / (n - 1));
    const A = Q.matmul(Matrix.from(lam.map((l, i) => lam.map((_, j) => (i === j ? l : 0))))).matmul(Q.T);
    for (const steps of [1, 2, 6, 9]) {
      const T = chebyshevPreconditioner((y, x) => y.set(A.matvec(x)), n, 0.2, 2, steps);
      const cols: number[][] = [];
      for (let j = 0; j < n; j++) {
        const e = new Float64Array(n);
        e[j] = 1;
        const z = new Float64Array(n);
        T(z, e);
        cols.push(Array.from(z));
      }
      const M = Matrix.from(cols);
      let asym = 0;
      let big = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          asym = Math.max(asym, Math.abs(M.get(i, j) - M.get(j, i)));
          big = Math.max(big, Math.abs(M.get(i, j)));
        }
      }
      // p(−3) grows like the Chebyshev polynomial outside the interval: symmetric to rounding of ‖T‖.
      assertBelow(asym / big, 1e-12, `steps ${steps}: symmetric`);
      const ev = linalg.eigh(Matrix.from(cols.map((r, i) => r.map((v, j) => 0.5 * (v + cols[j][i]))))).values;
      assert.ok(ev[0] > 0, `steps ${steps}: smallest eigenvalue ${ev[0]} > 0`);
    }
  });

  it("CsrMatrix.matmatInto and chebyshevBlockPreconditioner (13 vectors at once) equal the one-vector forms to rounding", () => {
    const L = knnLaplacian(500, 3, 4);
    const n = L.rows;
    const m = 13;
    const X = new Float64Array(n * m); // vectors one after another
    for (let t = 0; t < X.length; t++) X[t] = Math.sin(0.37 * t + 1);
    const Xi = new Float64Array(n * m); // interleaved
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) Xi[i * m + j] = X[j * n + i];
    const Yi = new Float64Array(n * m);
    L.matmatInto(Yi, Xi, m);
    let counted = 0;
    const Z = new Float64Array(n * m);
    chebyshevBlockPreconditioner(L, 0.15, 1.5, 6, (c) => (counted += c))(Z, X, m);
    assert.equal(counted, 5 * m, "five block steps of 13 matvecs");
    const one = chebyshevPreconditioner((y, x) => y.set(L.matvec(x)), n, 0.15, 1.5, 6);
    for (let j = 0; j < m; j++) {
      const x = X.subarray(j * n, j * n + n);
      const y = L.matvec(x);
      const z = new Float64Array(n);
      one(z, x);
      assertBelow(maxRelDiff(Array.from({ length: n }, (_, i) => Yi[i * m + j]), y), 1e-14, `matvec ${j}`);
      assertBelow(maxRelDiff(Z.subarray(j * n, j * n + n), z), 1e-13, `preconditioner ${j}`);
    }
  });

  it("isLaplacianLike(L) is true for combinatorial and normalized graph Laplacians, false for an SPD matrix with positive off-diagonals", () => {
    const W = graph.symmetrize(graph.knn(data.blobs({ n: 200, k: 3, d: 4, seed: 5 }).X, { k: 5 }));
    assert.equal(isLaplacianLike(graph.laplacian(W)), true);
    assert.equal(isLaplacianLike(graph.laplacian(W, { kind: "sym" })), true);
    assert.equal(isLaplacianLike(randomSparseSpd(100, 3)), false);
  });

  it("eigsh(A, {method: 'lobpcg', preconditioner: 'jacobi'}) is refused with a message naming the accepted forms", () => {
    assert.throws(
      () => linalg.eigsh(gridLaplacian(6, 6), { k: 2, which: "SA", method: "lobpcg", preconditioner: "jacobi" as "none" }),
      (e: unknown) => e instanceof EigenlabError && e.code === "bad-option" && /"none"/.test(e.message),
    );
  });
});
