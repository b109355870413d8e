/**
 * The ONE check suite every iterative symmetric eigensolver passes (scikit-learn's estimator_checks habit):
 * closed-form graph spectra, repeated eigenvalues, residuals, orthonormality, agreement with scipy on the
 * same CSR input, generalized problems, determinism and failure behaviour. A solver declares what it
 * supports; every check that applies runs against it.
 */
import { strict as assert } from "assert";
import { ConvergenceError, CsrMatrix, EigenlabError, linalg, linearOperator, Matrix, Rng, Spectrum } from "../src";
import type { EigshOptions, Which } from "../src/linalg";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";

export interface SolverUnderTest {
  /** Shown in test titles, e.g. `eigsh(·, {method: "lanczos"})`. */
  name: string;
  options: EigshOptions;
  which: Which[];
  shiftInvert: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Test matrices with closed-form spectra
// ---------------------------------------------------------------------------------------------------------

/** Combinatorial Laplacian of an undirected graph given by its edge list. */
export function laplacianOf(n: number, edges: [number, number][]): CsrMatrix {
  const i: number[] = [], j: number[] = [], v: number[] = [];
  for (const [a, b] of edges) {
    i.push(a, b, a, b);
    j.push(b, a, a, b);
    v.push(-1, -1, 1, 1);
  }
  return CsrMatrix.fromTriplets(n, n, i, j, v);
}

export function pathLaplacian(n: number): CsrMatrix {
  return laplacianOf(n, Array.from({ length: n - 1 }, (_, a) => [a, a + 1] as [number, number]));
}

/** Path P_n: λ_j = 2 − 2cos(πj/n), j = 0..n−1. */
export function pathSpectrum(n: number): number[] {
  return Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos((Math.PI * j) / n)).sort((a, b) => a - b);
}

export function cycleLaplacian(n: number): CsrMatrix {
  return laplacianOf(n, Array.from({ length: n }, (_, a) => [a, (a + 1) % n] as [number, number]));
}

/** Cycle C_n: λ_j = 2 − 2cos(2πj/n) — every non-zero eigenvalue but one is DOUBLE. */
export function cycleSpectrum(n: number): number[] {
  return Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos((2 * Math.PI * j) / n)).sort((a, b) => a - b);
}

/** Grid P_a × P_b (Cartesian product): λ = μ_i + ν_j with μ, ν path spectra. */
export function gridLaplacian(a: number, b: number): CsrMatrix {
  const edges: [number, number][] = [];
  for (let r = 0; r < a; r++) {
    for (let c = 0; c < b; c++) {
      const u = r * b + c;
      if (c + 1 < b) edges.push([u, u + 1]);
      if (r + 1 < a) edges.push([u, u + b]);
    }
  }
  return laplacianOf(a * b, edges);
}

export function gridSpectrum(a: number, b: number): number[] {
  const mu = pathSpectrum(a);
  const nu = pathSpectrum(b);
  const out: number[] = [];
  for (const x of mu) for (const y of nu) out.push(x + y);
  return out.sort((p, q) => p - q);
}

/** Q diag(λ) Qᵀ with Q from seeded Gram–Schmidt: a dense symmetric matrix with a prescribed spectrum. */
export function withSpectrum(lambda: number[], seed: number): Matrix {
  const n = lambda.length;
  const G = Matrix.random(n, n, { seed });
  const Q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = G.col(j);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of Q) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= d * q[i];
      }
    }
    const nv = Math.hypot(...v);
    Q.push(v.map((x) => x / nv));
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += Q[c][i] * lambda[c] * Q[c][j];
      A[i * n + j] = A[j * n + i] = s;
    }
  }
  return new Matrix(n, n, A);
}

/** A seeded random sparse symmetric matrix (about `perRow` off-diagonal entries a row) plus a diagonal. */
export function randomSparseSymmetric(n: number, perRow: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const i: number[] = [], j: number[] = [], v: number[] = [];
  for (let r = 0; r < n; r++) {
    i.push(r);
    j.push(r);
    v.push(4 * rng.normal());
    for (let t = 0; t < perRow / 2; t++) {
      const c = rng.int(n);
      if (c === r) continue;
      const x = rng.normal();
      i.push(r, c);
      j.push(c, r);
      v.push(x, x);
    }
  }
  return CsrMatrix.fromTriplets(n, n, i, j, v);
}

/** A seeded sparse SPD matrix: diagonally dominant with random off-diagonal couplings. */
export function randomSparseSpd(n: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const i: number[] = [], j: number[] = [], v: number[] = [];
  const rowAbs = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < 2; t++) {
      const c = rng.int(n);
      if (c === r) continue;
      const x = 0.5 * rng.normal();
      i.push(r, c);
      j.push(c, r);
      v.push(x, x);
      rowAbs[r] += Math.abs(x);
      rowAbs[c] += Math.abs(x);
    }
  }
  for (let r = 0; r < n; r++) {
    i.push(r);
    j.push(r);
    v.push(rowAbs[r] + 0.5 + rng.uniform());
  }
  return CsrMatrix.fromTriplets(n, n, i, j, v);
}

// ---------------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------------

const TOL = linalg.EIGSH_DEFAULT_TOL;

/** ‖A‖₂ bound: the max absolute row sum. */
function normInf(A: CsrMatrix | Matrix): number {
  const D = A instanceof CsrMatrix ? A : CsrMatrix.fromDense(A);
  let best = 0;
  for (let r = 0; r < D.rows; r++) {
    let s = 0;
    for (let p = D.indptr[r]; p < D.indptr[r + 1]; p++) s += Math.abs(D.values[p]);
    best = Math.max(best, s);
  }
  return best;
}

/** Every returned pair: ‖A v − λ B v‖ ≤ bound (recomputed here, not trusted from the solver), ascending. */
export function assertPairs(S: Spectrum, A: CsrMatrix | Matrix, bound: number, B?: CsrMatrix | Matrix): void {
  const n = A.rows;
  for (let j = 1; j < S.k; j++) assert.ok(S.values[j] >= S.values[j - 1], "values ascending");
  for (let j = 0; j < S.k; j++) {
    const v = S.vectors.col(j);
    const Av = A.matvec(v);
    const Bv = B ? B.matvec(v) : v;
    let s = 0;
    for (let i = 0; i < n; i++) s += (Av[i] - S.values[j] * Bv[i]) ** 2;
    assertBelow(Math.sqrt(s), bound, `residual of pair ${j}`);
    assertBelow(Math.abs(Math.sqrt(s) - S.residuals[j]), 1e-12 * normInf(A) + 1e-3 * Math.sqrt(s), `reported residual ${j}`);
    let arg = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[arg])) arg = i;
    assert.ok(v[arg] > 0, "sign convention: largest-magnitude entry positive");
  }
}

/** max |Vᵀ B V − I|. */
export function bOrthogonalityError(V: Matrix, B?: CsrMatrix | Matrix): number {
  let worst = 0;
  const BV = Array.from({ length: V.cols }, (_, j) => (B ? B.matvec(V.col(j)) : V.col(j)));
  for (let a = 0; a < V.cols; a++) {
    const va = V.col(a);
    for (let b = 0; b < V.cols; b++) {
      let s = 0;
      for (let i = 0; i < V.rows; i++) s += va[i] * BV[b][i];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

function expectSelection(all: number[], k: number, which: Which, sigma?: number): number[] {
  const key = (x: number): number => {
    const t = sigma === undefined ? x : 1 / (x - sigma);
    switch (which) {
      case "SA": return t;
      case "LA": return -t;
      case "LM": return -Math.abs(t);
      case "SM": return Math.abs(t);
    }
  };
  return [...all].sort((a, b) => key(a) - key(b)).slice(0, k).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------------------

export function eigensolverChecks(sut: SolverUnderTest): void {
  const solve = (A: CsrMatrix | Matrix | ReturnType<typeof linearOperator>, o: EigshOptions) => linalg.eigsh(A, { ...sut.options, ...o });
  const both = (w: Which[]) => w.filter((x) => sut.which.includes(x));

  describe(`shared eigensolver checks: ${sut.name}`, function () {
    this.timeout(60_000);

    for (const which of both(["SA", "LA"])) {
      it(`${sut.name} eigsh(L_path(60), {k: 4, which: "${which}"}) gives 2 − 2cos(πj/n), residual ≤ tol‖A‖, VᵀV = I`, () => {
        const L = pathLaplacian(60);
        const S = solve(L, { k: 4, which });
        const expected = expectSelection(pathSpectrum(60), 4, which);
        assertBelow(maxRelDiff(S.values, expected), 1e-9, "path spectrum");
        assertPairs(S, L, TOL * 4 * 1.01);
        assertBelow(bOrthogonalityError(S.vectors), 1e-10, "VᵀV − I");
        assert.equal(S.converged, 4);
        assert.equal(S.meta.seed, 0);
        assert.deepEqual(S.meta.inputShape, [60, 60]);
        assert.deepEqual(S.meta.residualNorms, Array.from(S.residuals));
      });
    }

    if (sut.which.includes("SA")) {
      it(`${sut.name} eigsh(L_cycle(40), {k: 7, which: "SA"}) finds every copy of the double eigenvalues`, () => {
        const L = cycleLaplacian(40);
        const S = solve(L, { k: 7, which: "SA" });
        // 0, then three double eigenvalues: k = 7 covers them exactly.
        assertBelow(maxRelDiff(S.values, cycleSpectrum(40).slice(0, 7)), 1e-9, "cycle spectrum with multiplicities");
        assertPairs(S, L, TOL * 4 * 1.01);
        assertBelow(bOrthogonalityError(S.vectors), 1e-10, "VᵀV − I on a repeated eigenspace");
      });

      it(`${sut.name} eigsh(L_grid(12×12), {k: 6, which: "SA"}) gives μ_i + ν_j with repeated values`, () => {
        const L = gridLaplacian(12, 12);
        const S = solve(L, { k: 6, which: "SA" });
        assertBelow(maxRelDiff(S.values, gridSpectrum(12, 12).slice(0, 6)), 1e-9, "grid spectrum");
        assertPairs(S, L, TOL * 8 * 1.01);
        assertBelow(bOrthogonalityError(S.vectors), 1e-10, "VᵀV − I");
      });
    }

    if (sut.which.includes("LA")) {
      it(`${sut.name} eigsh(Q diag(λ) Qᵀ, {k: 6, which: "LA"}) returns a triple eigenvalue three times and a tight cluster`, () => {
        const lambda = Array.from({ length: 90 }, (_, i) => -1 + (2 * i) / 89);
        lambda.push(5, 5, 5, 4, 4 + 1e-7, 4 + 2e-7);
        const A = withSpectrum(lambda, 3);
        const S = solve(A, { k: 6, which: "LA" });
        assertBelow(maxRelDiff(S.values, [4, 4 + 1e-7, 4 + 2e-7, 5, 5, 5]), 1e-9, "triple + cluster");
        assertPairs(S, A, TOL * normInf(A) * 1.01);
        assertBelow(bOrthogonalityError(S.vectors), 1e-9, "VᵀV − I");
      });
    }

    it(`${sut.name} agrees with scipy.sparse.linalg.eigsh on the same CSR input (eigenvalues to 1e-8 relative)`, function () {
      this.timeout(120_000);
      const A = randomSparseSymmetric(150, 6, 11);
      const sigma = 0.3;
      const code = `
import scipy.sparse as sp, scipy.sparse.linalg as sla
A = sp.csr_matrix((A_values, A_indices, A_indptr), shape=(A_rows, A_cols))
for which in ["SA", "LA", "LM", "SM"]:
    out[which] = np.sort(sla.eigsh(A, k=6, which=which, tol=0, v0=np.ones(A_rows))[0])
out["sigma"] = np.sort(sla.eigsh(A, k=6, sigma=${sigma}, which="LM", tol=0, v0=np.ones(A_rows))[0])
`;
      const peer = runPython(code, peerCsr("A", A));
      const scale = normInf(A);
      for (const which of sut.which) {
        const S = solve(A, { k: 6, which });
        assertBelow(maxRelDiff(S.values, peer[which]), 1e-8, `${which} vs scipy`);
        assertPairs(S, A, TOL * scale * 1.01);
      }
      if (sut.shiftInvert) {
        const S = solve(A, { k: 6, sigma });
        assertBelow(maxRelDiff(S.values, peer.sigma), 1e-8, "sigma vs scipy");
        assertPairs(S, A, 1e-7 * scale);
        assertBelow(bOrthogonalityError(S.vectors), 1e-9, "VᵀV − I (shift-invert)");
      }
    });

    it(`${sut.name} solves A x = λ B x for diagonal and sparse SPD B like scipy.linalg.eigh(A, B)`, () => {
      const n = 80;
      const A = randomSparseSymmetric(n, 4, 5);
      const rng = new Rng(2);
      const Bdiag = CsrMatrix.diag(Array.from({ length: n }, () => 0.5 + rng.uniform()));
      const Bspd = randomSparseSpd(n, 8);
      const peer = runPython(
        `import scipy.linalg as sl
out["diag"] = sl.eigh(A, Bd, eigvals_only=True)
out["spd"] = sl.eigh(A, Bs, eigvals_only=True)`,
        { A: peerMatrix(A.toDense()), Bd: peerMatrix(Bdiag.toDense()), Bs: peerMatrix(Bspd.toDense()) },
      );
      for (const [name, B] of [["diag", Bdiag], ["spd", Bspd]] as const) {
        for (const which of both(["SA", "LA"])) {
          const S = solve(A, { k: 5, which, B });
          const expected = expectSelection(peer[name], 5, which);
          assertBelow(maxRelDiff(S.values, expected), 1e-8, `${name} B, ${which}`);
          assertPairs(S, A, 1e-8 * normInf(A), B);
          assertBelow(bOrthogonalityError(S.vectors, B), 1e-9, `VᵀBV − I (${name})`);
        }
        if (sut.shiftInvert) {
          const S = solve(A, { k: 4, B, sigma: 0.1 });
          assertBelow(maxRelDiff(S.values, expectSelection(peer[name], 4, "LM", 0.1)), 1e-8, `${name} B with sigma`);
          assertPairs(S, A, 1e-7 * normInf(A), B);
        }
      }
    });

    it(`${sut.name} gives the same answer for a Matrix, a CsrMatrix and a LinearOperator of one matrix`, () => {
      const L = gridLaplacian(7, 9);
      const which = sut.which[0];
      const a = solve(L, { k: 3, which });
      const b = solve(L.toDense(), { k: 3, which });
      const c = solve(linearOperator([63, 63], (x) => L.matvec(x)), { k: 3, which });
      assertBelow(maxRelDiff(b.values, a.values), 1e-10, "Matrix vs CsrMatrix");
      assertBelow(maxRelDiff(c.values, a.values), 1e-10, "LinearOperator vs CsrMatrix");
      assert.equal(c.meta.inputHash, "operator");
    });

    it(`${sut.name} with the same seed is bit-for-bit identical; another seed agrees to tolerance`, () => {
      const A = randomSparseSymmetric(120, 6, 4);
      const which = sut.which.includes("SA") ? "SA" : sut.which[0];
      const s1 = solve(A, { k: 5, which, seed: 7 });
      const s2 = solve(A, { k: 5, which, seed: 7 });
      const s3 = solve(A, { k: 5, which, seed: 8 });
      assert.deepEqual(Array.from(s1.values), Array.from(s2.values));
      assert.deepEqual(Array.from(s1.vectors.data), Array.from(s2.vectors.data));
      assertBelow(maxRelDiff(s3.values, s1.values), 1e-9, "seed 8 vs seed 7");
    });

    it(`${sut.name} with a tiny maxIter throws ConvergenceError carrying the converged pairs`, () => {
      // Three well-separated large eigenvalues converge at once; the rest sit in a tight cluster.
      const n = 300;
      const d = Array.from({ length: n }, (_, i) => 1 + 1e-4 * i);
      d[0] = 1000;
      d[1] = 500;
      d[2] = 250;
      const A = CsrMatrix.diag(d);
      const k = 6;
      let err: unknown;
      try {
        solve(A, { k, which: "LA", maxIter: 3, ...(sut.options.method === "lanczos" || sut.options.method === undefined ? { ncv: 12 } : {}) });
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof ConvergenceError, "ConvergenceError thrown");
      assert.ok(err instanceof EigenlabError);
      const e = err as ConvergenceError;
      assert.ok(e.values.length > 0 && e.values.length < k, `converged part: ${e.values.length} of ${k}`);
      assert.ok(e.message.includes(`${e.values.length} of ${k}`));
      for (let c = 0; c < e.values.length; c++) {
        assert.ok([1000, 500, 250].some((x) => Math.abs(e.values[c] - x) <= 1e-7 * x), `carried value ${e.values[c]}`);
        assertBelow(e.residuals[c], TOL * 1000 * 1.01, "carried residual");
        const v = Array.from({ length: n }, (_, i) => e.vectors.data[i * e.vectors.cols + c]);
        const Av = A.matvec(Float64Array.from(v));
        let s = 0;
        for (let i = 0; i < n; i++) s += (Av[i] - e.values[c] * v[i]) ** 2;
        assertBelow(Math.abs(Math.sqrt(s) - e.residuals[c]), 1e-9, "carried residual is the true one");
      }
    });

    it(`${sut.name} rejects bad input with EigenlabErrors that say what to do`, () => {
      const L = pathLaplacian(10);
      const which = sut.which[0];
      const code = (f: () => unknown): string => {
        try {
          f();
        } catch (e) {
          assert.ok(e instanceof EigenlabError, `EigenlabError, got ${String(e)}`);
          assert.ok(e.message.length > 30);
          return e.code;
        }
        assert.fail("no error thrown");
      };
      assert.equal(code(() => solve(L, { k: 10, which })), "k-too-large");
      assert.equal(code(() => solve(L, { k: 0, which })), "bad-option");
      assert.equal(code(() => solve(Matrix.zeros(3, 4), { k: 1, which })), "not-square");
      assert.equal(code(() => solve(Matrix.from([[1, 2, 0], [0, 1, 0], [0, 0, 1]]), { k: 1, which })), "not-symmetric");
      assert.equal(code(() => solve(CsrMatrix.fromTriplets(3, 3, [0, 1], [1, 2], [1, 1]), { k: 1, which })), "not-symmetric");
      assert.equal(code(() => solve(linearOperator([3, 3], (x) => Float64Array.from([x[1], 0, 0])), { k: 1, which })), "not-symmetric");
      assert.equal(code(() => solve(Matrix.from([[1, NaN], [NaN, 1]]), { k: 1, which })), "nan");
      assert.equal(code(() => solve(L, { k: 2, which, tol: -1 })), "bad-option");
      assert.equal(code(() => solve(L, { k: 2, which, tolerance: 1e-3 } as EigshOptions)), "unknown-option");
      assert.equal(code(() => solve(L, { k: 2, which, B: CsrMatrix.diag([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]) })), "not-spd");
      assert.equal(code(() => solve(L, { k: 2, which, B: L })), "not-spd");
      assert.equal(code(() => solve(L, { k: 2, which, v0: [1, 2] })), "shape");
    });
  });
}
