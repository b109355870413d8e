import { strict as assert } from "assert";
import { EigenlabError, linalg, Matrix } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff, maxRelativeResidual, orthogonalityError } from "../../../test/util/math";
import { setBlasThreads, setWasmEnabled } from "../src/kernels";
import { symmetricWithSpectrum } from "../../../test/util/dense";

/** Symmetric test matrix Q diag(λ) Qᵀ with a prescribed spectrum (Q from a seeded QR via Gram–Schmidt). */
function withSpectrum(lambda: number[], seed: number): Matrix {
  const n = lambda.length;
  const G = Matrix.random(n, n, { seed });
  const Q = new Float64Array(n * n); // columns orthonormal, stored row-major
  for (let j = 0; j < n; j++) {
    const v = G.col(j);
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += Q[i * n + p] * v[i];
        for (let i = 0; i < n; i++) v[i] -= d * Q[i * n + p];
      }
    }
    const nv = Math.hypot(...v);
    for (let i = 0; i < n; i++) Q[i * n + j] = v[i] / nv;
  }
  const Qm = new Matrix(n, n, Q);
  const QL = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QL[i * n + j] = Q[i * n + j] * lambda[j];
  const A = new Matrix(n, n, QL).matmul(Qm.T);
  return A.add(A.T).scale(0.5);
}

describe("linalg.eigh", () => {
  for (const n of [1, 2, 10, 57, 200]) {
    it(`eigh(A) of a random symmetric ${n}×${n}: residual ≤ 1e-12‖A‖, VᵀV = I, ascending, signs normalized`, () => {
      const G = Matrix.random(n, n, { seed: n });
      const A = G.add(G.T);
      const S = linalg.eigh(A);
      const normA = A.norm();
      assertBelow(maxRelativeResidual((v) => A.matvec(v), S.values, S.vectors, normA), 1e-12, "residual");
      assertBelow(orthogonalityError(S.vectors), 1e-12, "orthogonality");
      for (let i = 1; i < n; i++) assert.ok(S.values[i] >= S.values[i - 1]);
      for (let j = 0; j < n; j++) {
        let arg = 0;
        for (let i = 0; i < n; i++) if (Math.abs(S.vectors.get(i, j)) > Math.abs(S.vectors.get(arg, j))) arg = i;
        assert.ok(S.vectors.get(arg, j) > 0);
      }
    });
  }

  it("eigh(L) of the path graph P_n gives 2 − 2cos(πk/n)", () => {
    const n = 40;
    const L = Matrix.zeros(n, n).toArray();
    for (let i = 0; i + 1 < n; i++) {
      L[i][i] += 1; L[i + 1][i + 1] += 1; L[i][i + 1] -= 1; L[i + 1][i] -= 1;
    }
    const S = linalg.eigh(Matrix.from(L));
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos((Math.PI * k) / n));
    assertBelow(maxRelDiff(S.values, expected), 1e-13, "path spectrum");
  });

  it("eigh keeps repeated and clustered eigenvalues apart with orthonormal vectors", () => {
    const lambda = [1, 1, 1, 2, 2, 3, 3 + 1e-9, 3 + 2e-9, -5, 0, 0, 7];
    const A = withSpectrum(lambda, 9);
    const S = linalg.eigh(A);
    assertBelow(maxRelDiff(S.values, [...lambda].sort((a, b) => a - b)), 1e-13, "eigenvalues");
    assertBelow(orthogonalityError(S.vectors), 1e-13, "orthogonality");
    assertBelow(maxRelativeResidual((v) => A.matvec(v), S.values, S.vectors, A.norm()), 1e-13, "residual");
  });

  it("eigh agrees with numpy.linalg.eigh (eigenvalues to 1e-12 relative, eigenvectors within the Davis–Kahan bound)", () => {
    const n = 120;
    const lambda = Array.from({ length: n }, (_, i) => Math.pow(10, -6 + (12 * i) / (n - 1)) * (i % 2 ? -1 : 1));
    const A = withSpectrum(lambda, 4);
    const S = linalg.eigh(A);
    const peer = runPython(`w, v = np.linalg.eigh(A)\nout = {"w": w, "v": v}`, { A: peerMatrix(A) });
    assertBelow(maxRelDiff(S.values, peer.w), 1e-12, "eigenvalues vs numpy");
    // Two backward-stable solvers can disagree on eigenvector j by an angle up to ~ n ε‖A‖ / gap_j
    // (Davis–Kahan); with λ spanning 1e-6..1e6 the smallest ones are only determined to ~1e-3 rad.
    // We require 1 − |cos| ≤ max(1e-12, (n ε ‖A‖₂ / gap_j)²).
    const sorted = [...lambda].sort((a, b) => a - b);
    const normA2 = Math.max(...lambda.map(Math.abs));
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += S.vectors.get(i, j) * peer.v[i][j];
      const gap = Math.min(j > 0 ? sorted[j] - sorted[j - 1] : Infinity, j < n - 1 ? sorted[j + 1] - sorted[j] : Infinity);
      assertBelow(1 - Math.abs(c), Math.max(1e-12, ((n * 2.2e-16 * normA2) / gap) ** 2), `1 − |cos| of eigenvector ${j} (gap ${gap.toExponential(1)})`);
    }
  });

  it("eigh rejects non-square, non-symmetric and NaN input with a message that says what to do", () => {
    assert.throws(() => linalg.eigh(Matrix.zeros(2, 3)), (e: unknown) => e instanceof EigenlabError && e.code === "not-square");
    assert.throws(() => linalg.eigh(Matrix.from([[1, 2], [3, 4]])), /not symmetric.*Symmetrize it/);
    assert.throws(() => linalg.eigh(Matrix.from([[1, NaN], [NaN, 4]])), /NaN at flat index 1/);
    assert.throws(() => linalg.eigh(Matrix.eye(2), { vectors: false } as never), /unknown option "vectors"/);
  });
  describe("blocked path (tridiagonalization + divide and conquer, n ≥ 64)", function () {
    this.timeout(120000);
    const check = (A: Matrix, what: string, tol = 1e-10) => {
      const S = linalg.eigh(A);
      const normA = A.norm();
      assertBelow(maxRelativeResidual((v) => A.matvec(v), S.values, S.vectors, normA), tol, `${what}: ‖Av − λv‖/‖A‖`);
      assertBelow(orthogonalityError(S.vectors), tol, `${what}: VᵀV − I`);
      for (let i = 1; i < S.values.length; i++) assert.ok(S.values[i] >= S.values[i - 1], `${what}: ascending`);
      return S;
    };

    it("eigh of a random symmetric 333×333 and an ill-conditioned 300×300 (λ from 1e-12 to 1) meet 1e-10 residual and orthogonality", () => {
      const G = Matrix.random(333, 333, { seed: 5 });
      check(G.add(G.T), "random 333");
      const lambda = Array.from({ length: 300 }, (_, i) => Math.pow(10, -12 * (i / 299)));
      const S = check(symmetricWithSpectrum(lambda, 6), "graded 300");
      assertBelow(maxRelDiff(S.values, [...lambda].sort((a, b) => a - b)), 1e-13, "graded eigenvalues (absolute, relative to λmax)");
    });

    it("eigh handles heavy degeneracy: Laplacian of 8 disjoint 40-cliques (eigenvalue 40 of multiplicity 312, 0 of multiplicity 8)", () => {
      const n = 320;
      const L = new Float64Array(n * n);
      for (let b = 0; b < 8; b++) {
        for (let i = 0; i < 40; i++) {
          for (let j = 0; j < 40; j++) L[(b * 40 + i) * n + b * 40 + j] = i === j ? 39 : -1;
        }
      }
      const S = check(new Matrix(n, n, L), "cliques", 1e-12);
      for (let i = 0; i < 8; i++) assert.ok(Math.abs(S.values[i]) < 1e-12);
      for (let i = 8; i < n; i++) assert.ok(Math.abs(S.values[i] - 40) < 1e-11);
    });

    it("eigh of the Wilkinson-like tridiagonal W⁺ (n = 201, pairs agreeing to 1e-14) and identity + rank one", () => {
      const n = 201;
      const W = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        W[i * n + i] = Math.abs(i - 100);
        if (i + 1 < n) W[i * n + i + 1] = W[(i + 1) * n + i] = 1;
      }
      const A = new Matrix(n, n, W);
      const S = check(A, "Wilkinson", 1e-13);
      const peer = runPython(`out = {"w": np.linalg.eigvalsh(A)}`, { A: peerMatrix(A) });
      assertBelow(maxRelDiff(S.values, peer.w), 1e-13, "W⁺ eigenvalues vs numpy");
      const u = Matrix.random(150, 1, { seed: 3 });
      check(Matrix.eye(150).add(u.matmul(u.T)), "I + uuᵀ", 1e-13);
    });

    it("eigh of a 500×500 matrix agrees with numpy.linalg.eigh and is bit-for-bit the same with 1 and 2 threads", () => {
      const G = Matrix.random(500, 500, { seed: 9 });
      const A = G.add(G.T);
      const old = setBlasThreads(1);
      const one = check(A, "random 500");
      setBlasThreads(2);
      const two = linalg.eigh(A);
      setBlasThreads(old);
      assert.deepEqual(Buffer.from(one.values.buffer), Buffer.from(two.values.buffer));
      assert.deepEqual(Buffer.from(one.vectors.data.buffer), Buffer.from(two.vectors.data.buffer));
      const peer = runPython(`out = {"w": np.linalg.eigvalsh(A)}`, { A: peerMatrix(A) });
      assertBelow(maxRelDiff(one.values, peer.w), 1e-12, "eigenvalues vs numpy");
    });
    it("eigh on the TypeScript fallback (WebAssembly off) meets the same residual and orthogonality bounds", () => {
      const G = Matrix.random(150, 150, { seed: 12 });
      const A = G.add(G.T);
      const old = setWasmEnabled(false);
      try {
        const S = check(A, "fallback 150", 1e-12);
        const fast = linalg.eigh(A);
        assertBelow(maxRelDiff(S.values, fast.values), 1e-13, "fallback vs wasm eigenvalues");
      } finally {
        setWasmEnabled(old);
      }
    });
  });
});
