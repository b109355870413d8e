import { strict as assert } from "assert";
import { data, EigenlabError, linalg, Matrix, rmt } from "../src";
import { symmetricEigenvaluesReduced } from "../src/linalg/symmetric-eigen";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";
import { relDiff, symmetricWithSpectrum } from "../../../test/util/dense";
import { setWasmEnabled } from "../src/kernels";

/** max_i |a_i − b_i| / max_i |b_i|: eigenvalue agreement relative to ‖A‖₂ (the backward-stable bound). */
function normRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / Math.max(s, Number.MIN_VALUE);
}

describe("linalg.eigvalsh", function () {
  this.timeout(60000);

  it("eigvalsh(A) agrees with numpy.linalg.eigvalsh to 1e-13‖A‖ on both paths (n = 1, 7, 63 unblocked; 64, 257 blocked)", () => {
    for (const n of [1, 7, 63, 64, 257]) {
      const G = Matrix.random(n, n, { seed: 30 + n });
      const A = G.add(G.T);
      const w = linalg.eigvalsh(A);
      const peer = runPython(`out = {"w": np.linalg.eigvalsh(A)}`, { A: peerMatrix(A) });
      assertBelow(normRelDiff(w, peer.w), 1e-13, `n = ${n}: eigvalsh vs numpy`);
      for (let i = 1; i < n; i++) assert.ok(w[i] >= w[i - 1], `n = ${n}: ascending`);
    }
  });

  it("eigvalsh(Q diag(λ) Qᵀ) returns λ for clustered, repeated and ill-scaled spectra (1e-12 to 1), and equals eigh's values", () => {
    const lambda = Array.from({ length: 150 }, (_, i) => (i < 20 ? 0.5 : i < 40 ? 0.5 + 1e-10 * i : Math.pow(10, -12 * ((i - 40) / 109))));
    const A = symmetricWithSpectrum(lambda, 3);
    const w = linalg.eigvalsh(A);
    const sorted = [...lambda].sort((a, b) => a - b);
    assertBelow(normRelDiff(w, sorted), 1e-13, "prescribed spectrum");
    assertBelow(normRelDiff(w, linalg.eigh(A).values), 1e-13, "eigh values");
  });

  it("eigvalsh on the TypeScript fallback (WebAssembly off) gives the same values to 1e-13‖A‖", () => {
    const G = Matrix.random(120, 120, { seed: 8 });
    const A = G.add(G.T);
    const fast = linalg.eigvalsh(A);
    const old = setWasmEnabled(false);
    try {
      assertBelow(normRelDiff(linalg.eigvalsh(A), fast), 1e-13, "js vs wasm");
    } finally {
      setWasmEnabled(old);
    }
  });

  it("eigvalsh rejects non-square, non-symmetric and NaN input and unknown options with EigenlabError", () => {
    assert.throws(() => linalg.eigvalsh(Matrix.zeros(2, 3)), (e: unknown) => e instanceof EigenlabError && e.code === "not-square");
    assert.throws(() => linalg.eigvalsh(Matrix.from([[1, 2], [3, 4]])), /not symmetric.*Symmetrize it/);
    assert.throws(() => linalg.eigvalsh(Matrix.from([[1, NaN], [NaN, 4]])), /NaN/);
    assert.throws(() => linalg.eigvalsh(Matrix.eye(2), { vectors: true } as never), /unknown option "vectors"/);
  });

  it("gram(X) over several 128-column block rows (X 150×300) equals numpy X.T @ X, exactly symmetric", () => {
    const X = Matrix.random(150, 300, { seed: 12 });
    const G = linalg.gram(X);
    for (let i = 0; i < 300; i++) for (let j = 0; j < i; j++) assert.equal(G.get(i, j), G.get(j, i));
    const peer = runPython(`out = {"G": X.T @ X}`, { X: peerMatrix(X) });
    assertBelow(relDiff(G, Matrix.from(peer.G)), 1e-13, "XᵀX");
  });

  it("fitMarchenkoPastur(X) eigenvalues (values-only Gram path) agree with numpy eigvalsh of XᵀX/n or XXᵀ/n, p < n and p > n", () => {
    for (const [n, p] of [[400, 150], [150, 400]]) {
      const X = Matrix.random(n, p, { seed: n + p });
      const fit = rmt.fitMarchenkoPastur(X);
      const peer = runPython(`G = X.T @ X if X.shape[1] <= X.shape[0] else X @ X.T\nout = {"w": np.maximum(np.linalg.eigvalsh(G / X.shape[0]), 0)}`, { X: peerMatrix(X) });
      assertBelow(normRelDiff(fit.eigenvalues, peer.w), 1e-13, `${n}×${p} eigenvalues vs numpy`);
    }
  });
});

describe("a few eigenvectors after a values-only solve (inverse iteration on the kept tridiagonal form)", function () {
  this.timeout(60000);

  it("symmetricEigenvaluesReduced(a, n).vectors(top k) have residual ≤ 1e-12‖A‖ and are orthonormal, close pairs included (n = 40, 200)", () => {
    for (const n of [40, 200]) {
      // Spectrum with a well separated top, a close pair (gap 1e-9) and a repeated eigenvalue among the wanted ones.
      const lambda = Array.from({ length: n }, (_, i) => (i < n - 5 ? i / n : [5, 7, 7 + 1e-9, 9, 9][i - (n - 5)]));
      const A = symmetricWithSpectrum(lambda, n);
      const red = symmetricEigenvaluesReduced(A.data, n);
      const idx = [n - 5, n - 4, n - 3, n - 2, n - 1];
      const V = red.vectors(idx);
      const normA = 9;
      for (let j = 0; j < idx.length; j++) {
        const v = V.subarray(j * n, j * n + n);
        const Av = A.matvec(v);
        let r = 0;
        for (let i = 0; i < n; i++) r = Math.max(r, Math.abs(Av[i] - red.values[idx[j]] * v[i]));
        assertBelow(r / normA, 1e-12, `n = ${n}: residual of vector ${j}`);
        for (let q = 0; q <= j; q++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += V[q * n + i] * v[i];
          assertBelow(Math.abs(s - (q === j ? 1 : 0)), 1e-12, `n = ${n}: vᵀv (${q}, ${j})`);
        }
      }
    }
  });

  it("spikes(X) vectors span numpy eigh's top-k eigenvectors of XᵀX/n (p < n) and XXᵀ-mapped ones (p > n)", () => {
    for (const [n, p] of [[600, 200], [150, 400]]) {
      const sw = data.spikedWishart({ n, p, spikes: [20, 10, 6], seed: n });
      const s = rmt.spikes(sw.X);
      assert.equal(s.k, 3);
      const peer = runPython(`w, v = np.linalg.eigh(X.T @ X / X.shape[0])\nout = {"v": v[:, -3:]}`, { X: peerMatrix(sw.X) });
      for (let j = 0; j < 3; j++) {
        let c = 0;
        for (let i = 0; i < p; i++) c += s.vectors.get(i, j) * peer.v[i][j];
        assertBelow(1 - Math.abs(c), 1e-10, `${n}×${p}: 1 − |cos| of spike vector ${j}`);
      }
    }
  });
});
