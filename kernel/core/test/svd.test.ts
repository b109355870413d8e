import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, JUPYTER_DISPLAY, linalg, linearOperator, Matrix } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff, orthogonalityError } from "../../../test/util/math";
import { relDiff, withSingularValues } from "../../../test/util/dense";
import { setWasmEnabled } from "../src/kernels";

/** ‖U diag(s) Vᵀ − A‖_max / ‖A‖_max */
function reconstructionError(A: Matrix, U: Matrix, s: Float64Array, V: Matrix): number {
  const k = s.length;
  const US = new Float64Array(U.rows * k);
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < k; j++) US[i * k + j] = U.data[i * k + j] * s[j];
  return relDiff(new Matrix(U.rows, k, US).matmul(V.T), A);
}

describe("linalg.svd", () => {
  for (const [m, n] of [[1, 1], [6, 4], [4, 6], [80, 80], [310, 60]]) {
    it(`svd(A) full of a ${m}×${n} matrix: U S Vᵀ = A, UᵀU = VᵀV = I, s descending, s agrees with numpy to 1e-10`, () => {
      const A = Matrix.random(m, n, { seed: m + 7 * n });
      const { U, s, V } = linalg.svd(A);
      assertBelow(reconstructionError(A, U, s, V), 1e-12, "U S Vᵀ − A");
      assertBelow(orthogonalityError(U), 1e-12, "UᵀU − I");
      assertBelow(orthogonalityError(V), 1e-12, "VᵀV − I");
      for (let i = 1; i < s.length; i++) assert.ok(s[i] <= s[i - 1]);
      const peer = runPython(`out = {"s": np.linalg.svd(A, compute_uv=False)}`, { A: peerMatrix(A) });
      assertBelow(maxRelDiff(s, peer.s), 1e-10, "s vs numpy");
    });
  }

  it("svd full keeps small singular values of an ill-conditioned matrix (κ = 1e10) to high relative accuracy", () => {
    const sv = Array.from({ length: 30 }, (_, i) => Math.pow(10, -10 * (i / 29)));
    const A = withSingularValues(120, 30, sv, 5);
    const { s, U, V } = linalg.svd(A);
    // Gram-matrix eigh would lose every σ below ~1e-8; Jacobi keeps them to a few ulps relative (plus the
    // rounding of forming A itself, ~1e-16·κ relative on the smallest).
    for (let i = 0; i < 30; i++) assert.ok(Math.abs(s[i] - sv[i]) / sv[i] < 1e-5, `σ_${i}: ${s[i]} vs ${sv[i]}`);
    assertBelow(orthogonalityError(U), 1e-12, "UᵀU − I");
    assertBelow(orthogonalityError(V), 1e-12, "VᵀV − I");
    const peer = runPython(`out = {"s": np.linalg.svd(A, compute_uv=False)}`, { A: peerMatrix(A) });
    assertBelow(maxRelDiff(s, peer.s), 1e-10, "s vs numpy");
  });

  it("svd(A) full of a 600×150 matrix (Jacobi preconditioned by AᵀA's eigenvectors): s agrees with numpy to 1e-12, U and V with numpy's up to sign, orthonormal, U S Vᵀ = A, deterministic", () => {
    const A = Matrix.random(600, 150, { seed: 31 });
    const r = linalg.svd(A);
    assert.equal(r.meta.preconditioned, true);
    // A·V₀ with V₀ = eigenvectors of AᵀA already passes Jacobi's convergence test: no QR, no sweep (from I: ~10).
    assert.equal(r.meta.sweeps, 0);
    assertBelow(reconstructionError(A, r.U, r.s, r.V), 1e-12, "U S Vᵀ − A");
    assertBelow(orthogonalityError(r.U), 1e-12, "UᵀU − I");
    assertBelow(orthogonalityError(r.V), 1e-12, "VᵀV − I");
    const peer = runPython(`u, s, vt = np.linalg.svd(A, full_matrices=False)\nout = {"s": s, "u": u, "v": vt.T}`, { A: peerMatrix(A) });
    assertBelow(maxRelDiff(r.s, peer.s), 1e-12, "s vs numpy");
    for (let j = 0; j < 150; j++) {
      let cu = 0, cv = 0;
      for (let i = 0; i < 600; i++) cu += r.U.get(i, j) * peer.u[i][j];
      for (let i = 0; i < 150; i++) cv += r.V.get(i, j) * peer.v[i][j];
      assertBelow(1 - Math.abs(cu), 1e-9, `1 − |cos| of left vector ${j}`);
      assertBelow(Math.abs(cu - cv), 1e-9, `left and right vector ${j} flip together`);
    }
    const again = linalg.svd(A);
    assert.deepEqual(Array.from(again.s), Array.from(r.s));
    assert.deepEqual(Array.from(again.U.data), Array.from(r.U.data));
  });

  it("svd full switches the Jacobi start at σ_min/σ_max = 1e-6: κ = 1e5 starts from AᵀA's eigenvectors, κ = 1e7 and 1e10 from I, all to high relative accuracy", () => {
    for (const [kappa, pre, tolRel] of [[1e5, true, 1e-9], [1e7, false, 1e-8], [1e10, false, 1e-5]] as const) {
      const sv = Array.from({ length: 60 }, (_, i) => Math.pow(kappa, -i / 59));
      const A = withSingularValues(200, 60, sv, 9);
      const r = linalg.svd(A);
      assert.equal(r.meta.preconditioned, pre, `κ = ${kappa}`);
      // κ = 1e5: ε·κ² spoils the start's orthogonality, so a few sweeps on R·V₀ finish the job after a QR.
      if (pre) assert.ok((r.meta.sweeps as number) >= 1 && (r.meta.sweeps as number) <= 4, `sweeps ${r.meta.sweeps}`);
      // Relative error of every σ against the exact values (forming A itself costs ~1e-16·κ relative on the smallest).
      for (let i = 0; i < 60; i++) assert.ok(Math.abs(r.s[i] - sv[i]) / sv[i] < tolRel, `κ = ${kappa}, σ_${i}: ${r.s[i]} vs ${sv[i]}`);
      assertBelow(orthogonalityError(r.U), 1e-12, `UᵀU − I (κ = ${kappa})`);
      assertBelow(orthogonalityError(r.V), 1e-12, `VᵀV − I (κ = ${kappa})`);
      assertBelow(reconstructionError(A, r.U, r.s, r.V), 1e-12, `U S Vᵀ − A (κ = ${kappa})`);
      const peer = runPython(`out = {"s": np.linalg.svd(A, compute_uv=False)}`, { A: peerMatrix(A) });
      assertBelow(maxRelDiff(r.s, peer.s), 1e-12, `s vs numpy (κ = ${kappa})`);
    }
  });

  it("svd full of a rank-deficient matrix returns zeros and still-orthonormal U, V", () => {
    const A = withSingularValues(40, 20, [5, 3, 1], 2);
    const { s, U, V } = linalg.svd(A);
    assertBelow(Math.max(...Array.from(s.subarray(3))), 1e-14, "zero singular values");
    assertBelow(orthogonalityError(U), 1e-12, "UᵀU − I");
    assertBelow(orthogonalityError(V), 1e-12, "VᵀV − I");
    assertBelow(reconstructionError(A, U, s, V), 1e-12, "U S Vᵀ − A");
  });

  it("svd signs are deterministic: each column of U has its largest-magnitude entry positive", () => {
    const A = Matrix.random(30, 12, { seed: 3 });
    for (const method of ["full", "randomized", "lanczos"] as const) {
      const { U } = linalg.svd(A, { k: 5, method });
      for (let j = 0; j < 5; j++) {
        let arg = 0;
        for (let i = 0; i < 30; i++) if (Math.abs(U.get(i, j)) > Math.abs(U.get(arg, j))) arg = i;
        assert.ok(U.get(arg, j) > 0, `${method} column ${j}`);
      }
    }
  });

  const decaying = () => {
    const sv = Array.from({ length: 150 }, (_, i) => 100 * Math.pow(0.85, i));
    return withSingularValues(400, 150, sv, 12);
  };

  it("svd(A, { method: 'randomized', k: 10 }) top-k agrees with numpy on a decaying spectrum; same seed, same result", () => {
    const A = decaying();
    const r = linalg.svd(A, { k: 10, method: "randomized", seed: 4 });
    const peer = runPython(`u, s, vt = np.linalg.svd(A, full_matrices=False)\nout = {"s": s[:10], "v": vt[:10].T}`, { A: peerMatrix(A) });
    assertBelow(maxRelDiff(r.s, peer.s), 1e-10, "top-10 s vs numpy");
    for (let j = 0; j < 10; j++) {
      let c = 0;
      for (let i = 0; i < 150; i++) c += r.V.get(i, j) * peer.v[i][j];
      assertBelow(1 - Math.abs(c), 1e-9, `1 − |cos| of right vector ${j}`);
    }
    assertBelow(orthogonalityError(r.U), 1e-12, "UᵀU − I");
    const again = linalg.svd(A, { k: 10, method: "randomized", seed: 4 });
    assert.deepEqual(Array.from(again.s), Array.from(r.s));
    assert.deepEqual(Array.from(again.U.data), Array.from(r.U.data));
  });

  it("svd randomized agrees with sklearn.utils.extmath.randomized_svd on the top singular values", () => {
    const A = decaying();
    const r = linalg.svd(A, { k: 8, method: "randomized", seed: 1 });
    const peer = runPython(`from sklearn.utils.extmath import randomized_svd\nu, s, vt = randomized_svd(A, 8, random_state=0)\nout = {"s": s}`, { A: peerMatrix(A) });
    assertBelow(maxRelDiff(r.s, peer.s), 1e-10, "s vs sklearn");
  });

  it("svd(A, { method: 'lanczos', k: 6 }) agrees with numpy on Matrix, CsrMatrix and LinearOperator input", () => {
    const A = decaying();
    const peer = runPython(`u, s, vt = np.linalg.svd(A, full_matrices=False)\nout = {"s": s[:6]}`, { A: peerMatrix(A) });
    const dense = linalg.svd(A, { k: 6, method: "lanczos", seed: 2 });
    assertBelow(maxRelDiff(dense.s, peer.s), 1e-10, "dense lanczos");
    assertBelow(orthogonalityError(dense.U), 1e-10, "UᵀU − I");
    assertBelow(orthogonalityError(dense.V), 1e-10, "VᵀV − I");
    const csr = CsrMatrix.fromDense(A);
    assertBelow(maxRelDiff(linalg.svd(csr, { k: 6, method: "lanczos", seed: 2 }).s, peer.s), 1e-10, "csr lanczos");
    const op = linearOperator([400, 150], (x) => A.matvec(x), (y) => A.T.matvec(y));
    const r = linalg.svd(op, { k: 6, method: "lanczos", seed: 2 });
    assertBelow(maxRelDiff(r.s, peer.s), 1e-10, "operator lanczos");
    // Residuals ‖A v − σ u‖ small relative to σ₁.
    for (let j = 0; j < 6; j++) {
      const Av = A.matvec(r.V.col(j));
      let e = 0;
      for (let i = 0; i < 400; i++) e = Math.max(e, Math.abs(Av[i] - r.s[j] * r.U.get(i, j)));
      assertBelow(e / r.s[0], 1e-10, `residual ${j}`);
    }
  });

  it("svd lanczos on a sparse graph-like matrix matches numpy.linalg.svd of its dense form", () => {
    const n = 300;
    const i: number[] = [], j: number[] = [], v: number[] = [];
    for (let a = 0; a < n; a++) for (const b of [a + 1, (a * 7 + 3) % n, (a * 13 + 5) % n]) if (b < n && b !== a) { i.push(a); j.push(b); v.push(1 + ((a + b) % 5)); }
    const S = CsrMatrix.fromTriplets(n, n, i, j, v);
    const r = linalg.svd(S, { k: 5, method: "lanczos", seed: 3 });
    const peer = runPython(`s = np.linalg.svd(A, compute_uv=False)\nout = {"s": s[:5]}`, { A: peerMatrix(S.toDense()) });
    assertBelow(maxRelDiff(r.s, peer.s), 1e-10, "s vs numpy");
  });

  it("svd rejects k too large, unknown options and methods, NaN and operators without rmatvec", () => {
    const A = Matrix.random(5, 3, { seed: 1 });
    assert.throws(() => linalg.svd(A, { k: 4 }), (e: unknown) => e instanceof EigenlabError && e.code === "k-too-large");
    assert.throws(() => linalg.svd(A, { k: 3, method: "lanczos" }), /k < min\(rows, cols\)/);
    assert.throws(() => linalg.svd(A, { k: 0 }), /positive integer/);
    assert.throws(() => linalg.svd(A, { method: "jacobi" as never }), /method = "jacobi" is not one of/);
    assert.throws(() => linalg.svd(A, { full_matrices: false } as never), /unknown option "full_matrices"/);
    assert.throws(() => linalg.svd(Matrix.from([[1, NaN]])), /NaN/);
    assert.throws(() => linalg.svd(linearOperator([3, 3], (x) => x), { k: 1, method: "lanczos" }), /no rmatvec/);
  });
  it("svd full on the TypeScript fallback (WebAssembly off) gives the same factorization to 1e-13", () => {
    const A = Matrix.random(150, 70, { seed: 21 });
    const fast = linalg.svd(A);
    const old = setWasmEnabled(false);
    let slow;
    try {
      slow = linalg.svd(A);
    } finally {
      setWasmEnabled(old);
    }
    assertBelow(maxRelDiff(slow.s, fast.s), 1e-13, "s");
    assertBelow(reconstructionError(A, slow.U, slow.s, slow.V), 1e-12, "U S Vᵀ − A (fallback)");
    assertBelow(orthogonalityError(slow.U), 1e-12, "UᵀU − I (fallback)");
  });

  it("svd lanczos with the same seed gives the same result; meta records method, seed and Krylov dimension", () => {
    const A = Matrix.random(120, 60, { seed: 22 });
    const a = linalg.svd(A, { k: 4, method: "lanczos", seed: 5 });
    const b = linalg.svd(A, { k: 4, method: "lanczos", seed: 5 });
    assert.deepEqual(Array.from(a.U.data), Array.from(b.U.data));
    assert.equal(a.meta.solver, "svd:golub-kahan-lanczos");
    assert.equal(a.meta.seed, 5);
    assert.ok((a.meta.iterations as number) >= 5);
    assert.match(String(a[JUPYTER_DISPLAY]()["text/plain"]), /^SVD: 4 singular values of a 120×60 matrix/);
  });
});
