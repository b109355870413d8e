import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { join } from "path";
import { EigenlabError, linalg, Matrix } from "../src";
import { gemm, gemmJs, nrm2, reorthogonalizeInto, setBlasThreads, setWasmEnabled, withWasmScratch } from "../src/kernels";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, orthogonalityError } from "../../../test/util/math";
import { relDiff, withSingularValues } from "../../../test/util/dense";

describe("linalg dense kernels (gemm, gram)", () => {
  it("the committed WebAssembly bytes match their .wat sources (node scripts/build-wasm.js --check)", function () {
    this.timeout(60000);
    const root = join(__dirname, "..", "..", "..");
    const r = spawnSync(process.execPath, [join(root, "scripts", "build-wasm.js"), "--check"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });

  it("gemm on the wasm kernel equals the TypeScript loop for all transposes, offsets, α, β and odd sizes", () => {
    for (const [m, n, k] of [[67, 45, 301], [130, 129, 64], [5, 300, 77]]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = Matrix.random(m + k + 3, m + k + 3, { seed: m + k }).data;
          const B = Matrix.random(n + k + 3, n + k + 3, { seed: n + k }).data;
          const lda = m + k + 3, ldb = n + k + 3, ldc = n + 5;
          const C0 = Matrix.random(m + 2, ldc, { seed: 7 }).data;
          const ours = Float64Array.from(C0), ref = Float64Array.from(C0);
          gemm(tA, tB, m, n, k, 0.75, A, 2, lda, B, 1, ldb, -0.5, ours, ldc + 1, ldc);
          gemmJs(tA, tB, m, n, k, 0.75, A, 2, lda, B, 1, ldb, -0.5, ref, ldc + 1, ldc);
          let worst = 0, scale = 0;
          for (let i = 0; i < ours.length; i++) { worst = Math.max(worst, Math.abs(ours[i] - ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
          assertBelow(worst / scale, 1e-14, `gemm ${m}×${n}×${k} tA=${tA} tB=${tB}`);
        }
      }
    }
  });

  it("A.matmul(B) is bit-for-bit the same with 1 and 2 threads, and agrees with numpy to 1e-13", () => {
    const A = Matrix.random(300, 257, { seed: 1 });
    const B = Matrix.random(257, 310, { seed: 2 });
    const old = setBlasThreads(1);
    const one = A.matmul(B);
    setBlasThreads(2);
    const two = A.matmul(B);
    setBlasThreads(old);
    assert.deepEqual(Buffer.from(one.data.buffer), Buffer.from(two.data.buffer));
    const peer = runPython(`out = {"C": A @ B}`, { A: peerMatrix(A), B: peerMatrix(B) });
    assertBelow(relDiff(one, Matrix.from(peer.C)), 1e-13, "matmul vs numpy");
  });

  it("matmul falls back to the TypeScript kernel and gives the same product", () => {
    const A = Matrix.random(90, 70, { seed: 3 });
    const B = Matrix.random(70, 80, { seed: 4 });
    const fast = A.matmul(B);
    const old = setWasmEnabled(false);
    const slow = A.matmul(B);
    setWasmEnabled(old);
    assertBelow(relDiff(fast, slow), 1e-14, "wasm vs js");
  });

  it("gram(X) = XᵀX and outerGram(X) = XXᵀ, exactly symmetric, agreeing with numpy", () => {
    const X = Matrix.random(203, 77, { seed: 5 });
    const G = linalg.gram(X);
    const H = linalg.outerGram(X);
    for (let i = 0; i < 77; i++) for (let j = 0; j < i; j++) assert.equal(G.get(i, j), G.get(j, i));
    for (let i = 0; i < 203; i++) for (let j = 0; j < i; j++) assert.equal(H.get(i, j), H.get(j, i));
    const peer = runPython(`out = {"G": X.T @ X, "H": X @ X.T}`, { X: peerMatrix(X) });
    assertBelow(relDiff(G, Matrix.from(peer.G)), 1e-13, "XᵀX");
    assertBelow(relDiff(H, Matrix.from(peer.H)), 1e-13, "XXᵀ");
  });

  it("gram of Gaussian X (n samples) has mean eigenvalue ≈ 1 after dividing by n (Wishart first moment)", () => {
    const n = 2000, p = 100;
    const X = Matrix.random(n, p, { seed: 11 });
    const S = linalg.eigh(linalg.gram(X).scale(1 / n));
    let mean = 0;
    for (const v of S.values) mean += v / p;
    // E[tr(XᵀX/n)/p] = 1, sd ≈ sqrt(2/(n p)) ≈ 0.0032
    assert.ok(Math.abs(mean - 1) < 0.02, `mean eigenvalue ${mean}`);
    // Marchenko–Pastur second moment: E[λ²] = 1 + p/n
    let m2 = 0;
    for (const v of S.values) m2 += (v * v) / p;
    assert.ok(Math.abs(m2 - (1 + p / n)) < 0.03, `second moment ${m2}`);
  });

  it("symvUpper(S, x) reads only the upper triangle in memory and equals S·x for odd and even sizes and a padded stride", () => {
    for (const len of [1, 2, 3, 4, 7, 64, 65, 130]) {
      const ld = len + 3;
      const S = Matrix.random(len, len, { seed: len }).data;
      const x = Matrix.random(len, 1, { seed: 100 + len }).data;
      // the symmetric matrix whose upper triangle (c ≥ r) is S's
      const sym = (r: number, c: number) => (c >= r ? S[r * len + c] : S[c * len + r]);
      const want = new Float64Array(len);
      for (let r = 0; r < len; r++) for (let c = 0; c < len; c++) want[r] += sym(r, c) * x[c];
      const got = withWasmScratch(len * ld + 2 * len, (s) => {
        assert.ok(s, "WebAssembly SIMD is available in Node 20");
        s.f64.fill(NaN); // the lower triangle and the padding must never be read
        for (let r = 0; r < len; r++) for (let c = r; c < len; c++) s.f64[r * ld + c] = S[r * len + c];
        s.f64.set(x, len * ld);
        s.symvUpper(0, len * ld, len * ld + len, len, ld);
        return s.f64.slice(len * ld + len, len * ld + 2 * len);
      });
      let worst = 0;
      for (let r = 0; r < len; r++) worst = Math.max(worst, Math.abs(got[r] - want[r]) / (1 + Math.abs(want[r])));
      assertBelow(worst, 1e-14, `symvUpper len ${len}`);
    }
  });

  it("reorthogonalizeInto(x, basis) leaves x orthogonal to the basis to working precision, even when x nearly lies in its span", () => {
    // an orthonormal basis of 3 columns in R^200, and x = Q c + 1e-9 r: one Gram–Schmidt pass keeps a component
    // along the basis of about ε‖Qc‖ ≈ 1e-16, i.e. 1e-7 relative to what is left; the second pass removes it
    const n = 200;
    const Q = linalg.qr(Matrix.random(n, 3, { seed: 5 })).Q;
    const basis = [0, 1, 2].map((j) => Q.col(j));
    const r = Matrix.random(n, 1, { seed: 6 }).data;
    const x = Q.matvec(new Float64Array([3, -2, 1])).map((v, i) => v + 1e-9 * r[i]);
    // the exact answer: r's component orthogonal to the basis, times 1e-9
    const exact = Float64Array.from(r);
    for (const b of basis) {
      const d = b.reduce((s, v, i) => s + v * r[i], 0);
      for (let i = 0; i < n; i++) exact[i] -= d * b[i];
    }
    reorthogonalizeInto(x, basis);
    const xn = nrm2(x);
    for (const b of basis) assertBelow(Math.abs(b.reduce((s, v, i) => s + v * x[i], 0)) / xn, 1e-12, "bᵀx / ‖x‖");
    assertBelow(Math.max(...x.map((v, i) => Math.abs(v - 1e-9 * exact[i]))) / (1e-9 * nrm2(exact)), 1e-6, "x vs 1e-9·(I − QQᵀ)r");
    // an empty basis leaves x as it is
    const y = Float64Array.from(r);
    reorthogonalizeInto(y, []);
    assert.deepEqual(y, r);
  });
});

describe("linalg.qr", () => {
  for (const [m, n] of [[1, 1], [7, 3], [3, 7], [50, 50], [333, 120], [120, 333]]) {
    it(`qr(A) of a ${m}×${n} matrix: QR = A, QᵀQ = I, R upper triangular with diagonal ≥ 0`, () => {
      const A = Matrix.random(m, n, { seed: m * 31 + n });
      const { Q, R } = linalg.qr(A);
      const k = Math.min(m, n);
      assert.deepEqual([Q.rows, Q.cols, R.rows, R.cols], [m, k, k, n]);
      assertBelow(relDiff(Q.matmul(R), A), 1e-13, "QR − A");
      assertBelow(orthogonalityError(Q), 1e-13, "QᵀQ − I");
      for (let i = 0; i < k; i++) {
        assert.ok(R.get(i, i) >= 0);
        for (let j = 0; j < i; j++) assert.equal(R.get(i, j), 0);
      }
    });
  }

  it("qr of an ill-conditioned matrix (κ = 1e12) keeps Q orthonormal to 1e-13", () => {
    const s = Array.from({ length: 40 }, (_, i) => Math.pow(10, -12 * (i / 39)));
    const A = withSingularValues(200, 40, s, 3);
    const { Q, R } = linalg.qr(A);
    assertBelow(orthogonalityError(Q), 1e-13, "QᵀQ − I");
    assertBelow(relDiff(Q.matmul(R), A), 1e-13, "QR − A");
  });

  it("qr agrees with numpy.linalg.qr up to column signs (R with non-negative diagonal)", () => {
    const A = Matrix.random(90, 40, { seed: 8 });
    const { R } = linalg.qr(A);
    const peer = runPython(`q, r = np.linalg.qr(A)\ns = np.sign(np.diag(r))\nout = {"R": (r.T * s).T}`, { A: peerMatrix(A) });
    assertBelow(relDiff(R, Matrix.from(peer.R)), 1e-12, "R vs numpy");
  });

  it("qr rejects NaN, empty input and unknown options", () => {
    assert.throws(() => linalg.qr(Matrix.from([[1, NaN]])), /NaN at flat index 1/);
    assert.throws(() => linalg.qr(Matrix.zeros(0, 3)), /empty/);
    assert.throws(() => linalg.qr(Matrix.eye(2), { pivoting: true } as never), /unknown option "pivoting"/);
  });
});

describe("linalg.cholesky and linalg.solveTriangular", () => {
  for (const n of [1, 5, 64, 250]) {
    it(`cholesky(A) of an SPD ${n}×${n} matrix: LLᵀ = A, L lower triangular with positive diagonal`, () => {
      const X = Matrix.random(n + 10, n, { seed: n });
      const A = linalg.gram(X);
      const L = linalg.cholesky(A);
      assertBelow(relDiff(L.matmul(L.T), A), 1e-13, "LLᵀ − A");
      for (let i = 0; i < n; i++) {
        assert.ok(L.get(i, i) > 0);
        for (let j = i + 1; j < n; j++) assert.equal(L.get(i, j), 0);
      }
    });
  }

  it("cholesky agrees with numpy.linalg.cholesky", () => {
    const A = linalg.gram(Matrix.random(150, 120, { seed: 2 }));
    const peer = runPython(`out = {"L": np.linalg.cholesky(A)}`, { A: peerMatrix(A) });
    assertBelow(relDiff(linalg.cholesky(A), Matrix.from(peer.L)), 1e-12, "L vs numpy");
  });

  it("cholesky of a non-SPD matrix throws an EigenlabError naming the failing pivot", () => {
    const A = Matrix.from([[4, 2, 0], [2, 1, 0], [0, 0, 1]]); // pivot 1 is 1 − 2²/4 = 0
    assert.throws(() => linalg.cholesky(A), (e: unknown) => e instanceof EigenlabError && e.code === "not-positive-definite" && /pivot 1 /.test(e.message));
    const B = Matrix.diag(Array.from({ length: 200 }, (_, i) => (i === 150 ? -1 : 1)));
    assert.throws(() => linalg.cholesky(B), /pivot 150 is -1/);
    assert.throws(() => linalg.cholesky(Matrix.from([[1, 2], [0, 1]])), /not symmetric/);
    assert.throws(() => linalg.cholesky(Matrix.zeros(2, 3)), /must be square/);
  });

  it("solveTriangular(L, B) solves lower/upper, transposed and unit-diagonal systems with many right-hand sides", () => {
    const n = 120;
    const L = linalg.cholesky(linalg.gram(Matrix.random(n + 5, n, { seed: 4 })));
    const B = Matrix.random(n, 7, { seed: 5 });
    const X1 = linalg.solveTriangular(L, B);
    assertBelow(relDiff(L.matmul(X1), B), 1e-12, "L X = B");
    const X2 = linalg.solveTriangular(L, B, { transpose: true });
    assertBelow(relDiff(L.T.matmul(X2), B), 1e-12, "Lᵀ X = B");
    const X3 = linalg.solveTriangular(L.T, B, { lower: false });
    assertBelow(relDiff(L.T.matmul(X3), B), 1e-12, "U X = B");
    const Lu = Matrix.from(L.toArray().map((r, i) => r.map((v, j) => (i === j ? 1 : v / L.get(i, i)))));
    const X4 = linalg.solveTriangular(Lu, B, { unitDiagonal: true });
    assertBelow(relDiff(Lu.matmul(X4), B), 1e-11, "unit L X = B");
    const x = linalg.solveTriangular(L, B.col(0));
    assertBelow(relDiff(new Matrix(n, 1, x), new Matrix(n, 1, X1.col(0))), 1e-15, "vector rhs");
  });

  it("solveTriangular rejects singular, mis-shaped and NaN input", () => {
    assert.throws(() => linalg.solveTriangular(Matrix.from([[1, 0], [2, 0]]), [1, 1]), /singular \(zero diagonal at 1\)/);
    assert.throws(() => linalg.solveTriangular(Matrix.eye(3), [1, 1]), /has 2 rows/);
    assert.throws(() => linalg.solveTriangular(Matrix.eye(2), [1, NaN]), /NaN/);
    assert.throws(() => linalg.solveTriangular(Matrix.eye(2), [1, 1], { upper: true } as never), /unknown option "upper"/);
  });
});
