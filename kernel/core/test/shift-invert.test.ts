/**
 * Shift-invert defects of issue #14: σ on a diagonal entry of A (pivoted factorization), every returned pair
 * held to the same λ-accuracy as the nearest one, and the honest error for a truly singular shift.
 */
import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, linalg, Rng, Spectrum } from "../src";
import { luFactor, luSolveInto } from "../src/linalg/sparse-lu";
import { reverseCuthillMcKee } from "../src/linalg/sparse-ldl";
import { peerCsr, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { cycleLaplacian, cycleSpectrum, gridLaplacian, gridSpectrum } from "./eigensolver-checks";

/** ‖A x_j − λ_j x_j‖ for every returned pair. */
function residuals(A: CsrMatrix, S: Spectrum): number[] {
  return Array.from(S.values, (lambda, c) => {
    const x = Float64Array.from({ length: A.rows }, (_, i) => S.vectors.get(i, c));
    const Ax = A.matvec(x);
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += (Ax[i] - lambda * x[i]) ** 2;
    return Math.sqrt(s);
  });
}

function nearest(all: number[], sigma: number, k: number): number[] {
  return [...all].sort((a, b) => Math.abs(a - sigma) - Math.abs(b - sigma)).slice(0, k).sort((a, b) => a - b);
}

/** scipy.sparse.linalg.eigsh(A, k, sigma, tol=0): sorted values and each pair's residual. */
function scipyShiftInvert(A: CsrMatrix, k: number, sigma: number): { w: number[]; r: number[] } {
  return runPython(
    `
import scipy.sparse as sp, scipy.sparse.linalg as sla
A = sp.csr_matrix((A_values, A_indices, A_indptr), shape=(A_rows, A_cols))
w, V = sla.eigsh(A, k=k, sigma=sigma, tol=0)
out["w"] = w
out["r"] = np.linalg.norm(A @ V - V * w, axis=0)
`,
    { ...peerCsr("A", A), k, sigma },
  );
}

describe("linalg.eigsh shift-invert (pivoted factorization, per-pair accuracy)", function () {
  this.timeout(120_000);

  it("eigsh(L_grid(30×31), {k: 4, sigma: 4}) solves with σ on every interior diagonal entry and agrees with scipy", () => {
    // 4 = 2 + 2 is not an eigenvalue of P_30 × P_31 (it would need i/30 + j/31 = 1), yet A − 4I has a zero
    // diagonal at every interior node: the unpivoted LDLᵀ met an exact zero pivot and called σ an eigenvalue.
    const L = gridLaplacian(30, 31);
    const want = nearest(gridSpectrum(30, 31), 4, 4);
    assert.ok(Math.abs(want[0] - 4) > 1e-4 || Math.abs(want[3] - 4) > 1e-4, "sigma is off the spectrum");
    const S = linalg.eigsh(L, { k: 4, sigma: 4 });
    assertBelow(maxRelDiff(S.values, want), 1e-13, "closed form");
    const peer = scipyShiftInvert(L, 4, 4);
    assertBelow(maxRelDiff(S.values, peer.w), 1e-13, "scipy");
    for (const r of residuals(L, S)) assertBelow(r, 1e-12 * 8, "residual ≤ 1e-12·‖A‖");
    assert.match(String(S.meta.factorization), /^lu-rcm/);
  });

  it("eigsh(L_cycle(101), {k: 4, sigma: 2}) shifts by the degree of a 2-regular graph (A − σI has no diagonal)", () => {
    const L = cycleLaplacian(101);
    for (const tol of [undefined, 0]) {
      const S = linalg.eigsh(L, { k: 4, sigma: 2, ...(tol === undefined ? {} : { tol }) });
      assertBelow(maxRelDiff(S.values, nearest(cycleSpectrum(101), 2, 4)), 1e-13, "closed form");
      for (const r of residuals(L, S)) assertBelow(r, (tol ?? 1e-10) > 0 ? 1e-10 * 4 : 1e-13 * 4, `residual ≤ tol·‖A‖ (tol ${tol})`);
    }
  });

  it("eigsh keeps the honest singular error when sigma IS an eigenvalue: σ = 4 on L_grid(30×30), σ = 7 on diag(1..50)", () => {
    const isSingular = (e: unknown) => e instanceof EigenlabError && e.code === "singular" && /eigenvalue/.test(e.message);
    assert.throws(() => linalg.eigsh(gridLaplacian(30, 30), { k: 4, sigma: 4 }), isSingular);
    assert.throws(() => linalg.eigsh(CsrMatrix.diag(Array.from({ length: 50 }, (_, i) => i + 1)), { k: 2, sigma: 7 }), isSingular);
    // 1e-9 away is not singular: the nearest eigenvalue comes back exactly.
    const S = linalg.eigsh(CsrMatrix.diag(Array.from({ length: 50 }, (_, i) => i + 1)), { k: 1, sigma: 7 + 1e-9 });
    assertBelow(maxRelDiff(S.values, [7]), 1e-15, "diag 7");
  });

  it("luFactor of a sparse symmetric matrix with zero diagonal solves to backward error ~ε (dense check)", () => {
    const n = 120;
    const rng = new Rng(5);
    const i: number[] = [], j: number[] = [], v: number[] = [];
    for (let r = 0; r < n; r++) {
      for (let t = 0; t < 3; t++) {
        const c = Math.floor(rng.uniform() * n);
        if (c === r) continue;
        const x = rng.normal();
        i.push(r, c);
        j.push(c, r);
        v.push(x, x);
      }
    }
    const A = CsrMatrix.fromTriplets(n, n, i, j, v);
    const out = luFactor(A, reverseCuthillMcKee(A));
    assert.ok(out.ok, "factorized");
    if (!out.ok) return;
    const b = new Float64Array(n);
    rng.fillNormal(b);
    const x = new Float64Array(n);
    luSolveInto(x, out.factor, b, new Float64Array(n));
    // Dense reference x = V Λ⁻¹ Vᵀ b from the dense eigh.
    const E = linalg.eigh(A.toDense());
    const ref = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      let d = 0;
      for (let t = 0; t < n; t++) d += E.vectors.get(t, c) * b[t];
      for (let t = 0; t < n; t++) ref[t] += (E.vectors.get(t, c) * d) / E.values[c];
    }
    assertBelow(maxRelDiff(x, ref), 1e-9, "agrees with the dense solve");
    const r = A.matvec(x);
    let worst = 0;
    for (let t = 0; t < n; t++) worst = Math.max(worst, Math.abs(r[t] - b[t]));
    assertBelow(worst, 1e-13 * Math.max(...Array.from(x, Math.abs)), "backward error");
  });

  it("eigsh(L_grid(30×31), {k: 6, sigma: λ + 1e-6}) holds every pair, not only the nearest, to the tolerance in λ like scipy", () => {
    // With σ 1e-6 from an eigenvalue, ‖C‖ = 1e6: a test ‖Cy − θy‖ ≤ tol·‖C‖ held the other pairs only to
    // tol·‖A − σI‖·θ_max/θ_i in λ, and Lanczos rounding (ε‖C‖) left them at ~1e-10 whatever tol said.
    const L = gridLaplacian(30, 31);
    const spec = gridSpectrum(30, 31);
    const sigma = spec[310] + 1e-6;
    const peer = scipyShiftInvert(L, 6, sigma);
    const peerWorst = Math.max(...peer.r);
    for (const tol of [undefined, 1e-12, 0]) {
      const S = linalg.eigsh(L, { k: 6, sigma, ...(tol === undefined ? {} : { tol }) });
      assertBelow(maxRelDiff(S.values, peer.w), 1e-12, `values vs scipy (tol ${tol})`);
      const bound = tol === undefined ? 1e-10 * 8 : tol === 1e-12 ? 1e-12 * 8 : Math.max(20 * peerWorst, 2e-12);
      residuals(L, S).forEach((r, c) => assertBelow(r, bound, `pair ${c} residual (tol ${tol})`));
    }
  });
});
