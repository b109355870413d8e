import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, linalg, linearOperator, Matrix, Rng } from "../src";
import { ldlFactor, ldlSolveInto, reverseCuthillMcKee } from "../src/linalg/sparse-ldl";
import { peerCsr, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { gridLaplacian, randomSparseSpd, randomSparseSymmetric } from "./eigensolver-checks";

function residual(A: CsrMatrix, x: Float64Array, b: Float64Array): number {
  const Ax = A.matvec(x);
  let s = 0;
  let t = 0;
  for (let i = 0; i < b.length; i++) {
    s += (b[i] - Ax[i]) ** 2;
    t += b[i] ** 2;
  }
  return Math.sqrt(s / t);
}

describe("Krylov linear solvers and the sparse LDLᵀ behind shift-invert", function () {
  this.timeout(30_000);
  const rng = new Rng(1);
  const b = rng.fillNormal(new Float64Array(300));

  it("cg(A_spd, b) reaches ‖b − Ax‖ ≤ tol‖b‖ and agrees with scipy.sparse.linalg.spsolve", () => {
    const A = randomSparseSpd(300, 4);
    const r = linalg.cg(A, b, { tol: 1e-12 });
    assert.ok(r.converged);
    assertBelow(residual(A, r.x, b), 1e-11, "relative residual");
    const peer = runPython(
      `import scipy.sparse as sp, scipy.sparse.linalg as sla
A = sp.csr_matrix((A_values, A_indices, A_indptr), shape=(A_rows, A_cols))
out["x"] = sla.spsolve(A.tocsc(), b)`,
      { ...peerCsr("A", A), b: { shape: [300], data: b } },
    );
    assertBelow(maxRelDiff(r.x, peer.x), 1e-9, "x vs scipy");
    assert.equal(r.meta.solver, "cg:preconditioned-conjugate-gradient");
    assert.equal(r.meta.residualNorms?.[0], r.residualNorm);
  });

  it("cg with a Jacobi preconditioner M = diag(A)⁻¹ converges in fewer iterations to the same x", () => {
    // Badly scaled SPD matrix: Jacobi preconditioning removes the scaling.
    const base = randomSparseSpd(300, 6);
    const s = Float64Array.from({ length: 300 }, (_, i) => Math.pow(10, (3 * i) / 299));
    const A = base.scaleRowsCols(s, s);
    const plain = linalg.cg(A, b, { tol: 1e-10 });
    const pre = linalg.cg(A, b, { tol: 1e-10, M: A.diagonal().map((d) => 1 / d) });
    assert.ok(pre.converged);
    assertBelow(residual(A, pre.x, b), 1e-9, "preconditioned residual");
    assert.ok(pre.iterations < plain.iterations, `${pre.iterations} < ${plain.iterations}`);
  });

  it("minres(A_indefinite, b) solves a symmetric indefinite system that CG cannot", () => {
    const A = randomSparseSymmetric(300, 6, 3);
    const r = linalg.minres(A, b, { tol: 1e-10, maxIter: 3000 });
    assert.ok(r.converged);
    assertBelow(residual(A, r.x, b), 1e-9, "relative residual");
    const c = linalg.cg(A, b, { tol: 1e-10, maxIter: 300 });
    assert.equal(c.converged, false, "CG is not for indefinite A: it reports non-convergence instead of a wrong x");
  });

  it("minres on a LinearOperator and on its Matrix give the same x; x0 is honoured", () => {
    const A = gridLaplacian(10, 10);
    const shifted = linearOperator([100, 100], (x) => {
      const y = A.matvec(x);
      for (let i = 0; i < 100; i++) y[i] -= 0.37 * x[i];
      return y;
    });
    const dense = A.toDense().sub(Matrix.eye(100).scale(0.37));
    const bb = b.subarray(0, 100);
    const r1 = linalg.minres(shifted, bb, { tol: 1e-12 });
    const r2 = linalg.minres(dense, bb, { tol: 1e-12 });
    assertBelow(maxRelDiff(r1.x, r2.x), 1e-9, "operator vs matrix");
    const warm = linalg.minres(dense, bb, { tol: 1e-12, x0: r2.x });
    assert.ok(warm.iterations <= 2, `warm start took ${warm.iterations} iterations`);
  });

  it("cg/minres reject bad input: wrong b length, NaN, unknown option, non-symmetric A", () => {
    const A = gridLaplacian(3, 3);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof EigenlabError);
        return e.code;
      }
      return "none";
    };
    assert.equal(code(() => linalg.cg(A, [1, 2])), "shape");
    assert.equal(code(() => linalg.cg(A, new Float64Array(9).fill(NaN))), "nan");
    assert.equal(code(() => linalg.minres(A, new Float64Array(9), { rtol: 1 } as object)), "unknown-option");
    assert.equal(code(() => linalg.minres(Matrix.from([[1, 2], [0, 1]]), [1, 1])), "not-symmetric");
    assert.equal(code(() => linalg.cg(A, new Float64Array(9), { maxIter: 0 })), "bad-option");
  });

  it("ldlFactor(P A Pᵀ) with RCM solves A x = b for SPD and indefinite A; RCM is a permutation that narrows the band", () => {
    for (const A of [randomSparseSpd(200, 9), randomSparseSymmetric(200, 4, 9)]) {
      const out = ldlFactor(A);
      assert.ok(out.ok);
      const x = new Float64Array(200);
      ldlSolveInto(x, out.factor, b.subarray(0, 200), new Float64Array(200));
      assertBelow(residual(A, x, b.subarray(0, 200)), 1e-12, "LDLᵀ solve residual");
    }
    const G = gridLaplacian(20, 30);
    const p = reverseCuthillMcKee(G);
    assert.deepEqual(Array.from(p).sort((a, c) => a - c), Array.from({ length: 600 }, (_, i) => i));
    const pinv = new Int32Array(600);
    p.forEach((v, k) => (pinv[v] = k));
    let band = 0;
    for (let r = 0; r < 600; r++) for (let q = G.indptr[r]; q < G.indptr[r + 1]; q++) band = Math.max(band, Math.abs(pinv[r] - pinv[G.indices[q]]));
    assert.ok(band <= 21, `RCM bandwidth ${band} (natural order: 30)`);
  });

  it("ldlFactor reports a zero pivot for a singular matrix (a graph Laplacian) instead of dividing by it", () => {
    const out = ldlFactor(gridLaplacian(5, 5));
    assert.equal(out.ok, false);
  });
});
