import { strict as assert } from "assert";
import { ConvergenceError, CsrMatrix, linalg } from "../src";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { eigensolverChecks, assertPairs, gridLaplacian, randomSparseSpd, randomSparseSymmetric } from "./eigensolver-checks";

eigensolverChecks({ name: `eigsh(·, {method: "lobpcg"})`, options: { method: "lobpcg" }, which: ["SA", "LA"], shiftInvert: false });

describe("linalg.eigsh method lobpcg (specifics)", function () {
  this.timeout(60_000);

  it("eigsh(A, {method: 'lobpcg'}) and eigsh(A, {method: 'lanczos'}) give the same pairs (values and subspaces)", () => {
    const A = randomSparseSymmetric(300, 8, 21);
    for (const which of ["SA", "LA"] as const) {
      const a = linalg.eigsh(A, { k: 5, which, method: "lobpcg" });
      const b = linalg.eigsh(A, { k: 5, which, method: "lanczos" });
      assertBelow(maxRelDiff(a.values, b.values), 1e-10, `values ${which}`);
      // |cos| between matching eigenvectors (simple eigenvalues here).
      for (let j = 0; j < 5; j++) {
        let c = 0;
        for (let i = 0; i < 300; i++) c += a.vectors.get(i, j) * b.vectors.get(i, j);
        assertBelow(1 - Math.abs(c), 1e-8, `vector ${j} ${which}`);
      }
    }
  });

  it("eigsh(A, {method: 'lobpcg', preconditioner: Jacobi}) converges to the same pairs in fewer iterations", () => {
    const A = randomSparseSpd(400, 3);
    const d = A.diagonal();
    const plain = linalg.eigsh(A, { k: 4, which: "SA", method: "lobpcg" });
    const pre = linalg.eigsh(A, { k: 4, which: "SA", method: "lobpcg", preconditioner: d.map((x) => 1 / x) });
    assertBelow(maxRelDiff(pre.values, plain.values), 1e-10, "preconditioned values");
    assertPairs(pre, A, 1e-10 * 20);
    assertBelow(pre.iterations, plain.iterations, "preconditioned iterations");
  });

  it("eigsh(L_grid, {method: 'lobpcg'}) has ‖A‖ from a Lanczos probe, so tol is relative to the whole spectrum", () => {
    const L = gridLaplacian(10, 10);
    const S = linalg.eigsh(L, { k: 3, which: "SA", method: "lobpcg" });
    assertBelow(Math.abs((S.meta.normEstimate as number) - 8) / 8, 0.1, "‖A‖ estimate near 8");
  });

  it("eigsh(A, {method: 'lobpcg', tol: 0}) converges to the attainable 256·√n·ε·‖A‖ and agrees with the dense eigh", () => {
    const EPS = 2.220446049250313e-16;
    const cases: [string, CsrMatrix, "SA" | "LA"][] = [
      ["grid 10×10", gridLaplacian(10, 10), "SA"],
      ["random sparse symmetric", randomSparseSymmetric(300, 8, 21), "LA"],
      ["random sparse SPD", randomSparseSpd(400, 3), "SA"],
    ];
    for (const [name, A, which] of cases) {
      const n = A.rows;
      const S = linalg.eigsh(A, { k: 4, which, method: "lobpcg", tol: 0 });
      const all = Array.from(linalg.eigh(A.toDense()).values);
      const want = which === "SA" ? all.slice(0, 4) : all.slice(n - 4);
      const norm = Math.max(Math.abs(all[0]), Math.abs(all[n - 1]));
      assertBelow(maxRelDiff(S.values, want), 1e-12, `${name}: values vs dense eigh`);
      for (const r of S.residuals) assertBelow(r, 256 * Math.sqrt(n) * EPS * norm * 1.1, `${name}: residual`);
    }
  });

  it("eigsh(A, {method: 'lobpcg', maxIter: 2}) throws a ConvergenceError carrying the k best pairs (.best) with their true residuals", () => {
    const A = gridLaplacian(12, 12);
    const n = A.rows;
    let err: unknown;
    try {
      linalg.eigsh(A, { k: 4, which: "SA", method: "lobpcg", maxIter: 2 });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ConvergenceError, "ConvergenceError thrown");
    const best = (err as ConvergenceError).best;
    assert.ok(best, ".best present");
    if (!best) return;
    assert.equal(best.values.length, 4);
    assert.equal(best.vectors.cols, 4);
    const exact = Array.from(linalg.eigh(A.toDense()).values).slice(0, 4);
    for (let c = 0; c < 4; c++) {
      // Ritz values of a subspace bound the eigenvalues from above (Cauchy interlacing / Courant–Fischer).
      assert.ok(best.values[c] >= exact[c] - 1e-12, `Ritz value ${c} ≥ λ_${c}`);
      const x = Float64Array.from({ length: n }, (_, i) => best.vectors.data[i * 4 + c]);
      const Ax = A.matvec(x);
      let s = 0;
      for (let i = 0; i < n; i++) s += (Ax[i] - best.values[c] * x[i]) ** 2;
      assertBelow(Math.abs(Math.sqrt(s) - best.residuals[c]), 1e-12, `carried residual ${c} is the true one`);
    }
    assert.match((err as ConvergenceError).message, /\.best/);
  });
});
