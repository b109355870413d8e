/**
 * Silent wrong answers found by the peer suite (issue #16), each reproduced against scipy or a closed form.
 */
import { strict as assert } from "assert";
import { CsrMatrix, data, diffusion, EigenlabError, embed, graph, linalg, linearOperator, Matrix, rmt } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";

/** scipy.linalg.expm(−tL) x for each t. */
function expmPeer(L: Matrix, x: Float64Array, ts: number[]): number[][] {
  return runPython(
    `import scipy.linalg as sl
out = {"y": [sl.expm(-t * L) @ x for t in json.loads(ts)]}`,
    { L: peerMatrix(L), x: { shape: [x.length], data: x }, ts: JSON.stringify(ts) as unknown as string },
  ).y;
}

function throwsCode(f: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof EigenlabError && e.code === code && (!pattern || pattern.test(e.message)));
}

describe("diffusion accuracy (issue #16)", function () {
  this.timeout(120_000);
  const karate = data.karateClub().graph;
  const Ls = graph.laplacian(karate, { kind: "sym" });
  const x = Float64Array.from({ length: 34 }, (_, i) => Math.sin(i + 1));
  const ts = [1, 20, 50, 80, 100];

  it("heatKernel(graph.laplacian(karate, { kind: 'sym' }), x, { t }) matches scipy.linalg.expm to 1e-10 for t up to 100 (was 2e-2 at t = 20, 9e15 at t = 50)", () => {
    const peer = expmPeer(Ls.toDense(), x, ts);
    ts.forEach((t, i) => assertBelow(maxRelDiff(diffusion.heatKernel(Ls, x, { t }), peer[i]), 1e-10, `t = ${t}`));
  });

  it("heatKernel on a 60-node SBM's normalized Laplacian matches scipy.linalg.expm to 1e-10 for t up to 100 (was 9.4 at t = 100)", () => {
    const W = data.sbm({ sizes: [30, 30], pIn: 0.3, pOut: 0.05, seed: 3 }).graph;
    const L = graph.laplacian(W, { kind: "sym" });
    const x60 = Float64Array.from({ length: 60 }, (_, i) => Math.cos(i));
    const peer = expmPeer(L.toDense(), x60, ts);
    ts.forEach((t, i) => assertBelow(maxRelDiff(diffusion.heatKernel(L, x60, { t }), peer[i]), 1e-10, `t = ${t}`));
  });

  it("heatKernel on a dense copy of the normalized Laplacian (no graph.laplacian provenance) bounds λ_min by Collatz–Wielandt and matches expm to 1e-10", () => {
    const D = Ls.toDense();
    const peer = expmPeer(D, x, ts);
    ts.forEach((t, i) => assertBelow(maxRelDiff(diffusion.heatKernel(D, x, { t }), peer[i]), 1e-10, `t = ${t}`));
  });

  it("heatKernel on a LinearOperator matches expm at t = 100, refuses t = 1000 where its Lanczos interval (1 % padding) would cost digits, and is exact there with { lmin: 0, lmax: 2 }", () => {
    const op = linearOperator([34, 34], (v) => Ls.matvec(v));
    const [p100, p1000] = expmPeer(Ls.toDense(), x, [100, 1000]);
    assertBelow(maxRelDiff(diffusion.heatKernel(op, x, { t: 100 }), p100), 1e-10, "t = 100");
    throwsCode(() => diffusion.heatKernel(op, x, { t: 1000 }), "inaccurate", /lmin/);
    assertBelow(maxRelDiff(diffusion.heatKernel(op, x, { t: 1000, lmin: 0, lmax: 2 }), p1000), 1e-10, "with lmin, lmax");
  });

  it("heatKernel(L, x, { t: 1e15 }) returns the steady state at once: the mean for D − W, the projection on √d for the normalized kind", () => {
    const L = graph.laplacian(karate);
    const start = Date.now();
    const y = diffusion.heatKernel(L, x, { t: 1e15 });
    const mean = x.reduce((a, b) => a + b, 0) / 34;
    assertBelow(Math.max(...y.map((v) => Math.abs(v - mean))), 1e-14, "mean");
    const d = karate.rowSums();
    const s = Float64Array.from(d, Math.sqrt);
    const c = s.reduce((a, si, i) => a + si * x[i], 0) / d.reduce((a, b) => a + b, 0);
    const ys = diffusion.heatKernel(Ls, x, { t: 1e15 });
    assertBelow(maxRelDiff(ys, Float64Array.from(s, (si) => c * si)), 1e-13, "√d projection");
    assert.ok(Date.now() - start < 2000, `took ${Date.now() - start} ms`);
    // and it agrees with the series where both apply (t = 5000: e^{−tλ₂} ≈ 0 but the series is still affordable)
    assertBelow(maxRelDiff(diffusion.heatKernel(L, x, { t: 5000, lmin: 0, lmax: 2 * Math.max(...d) }), y), 1e-11, "series vs limit");
  });

  it("heatKernel(A, x, { t: 1e15 }) on a symmetric matrix that is not a Laplacian fails fast instead of running ~10⁸ products", () => {
    const A = Matrix.from([[1, 0], [0, 3]]);
    const start = Date.now();
    throwsCode(() => diffusion.heatKernel(A, [1, 0], { t: 1e15 }), "too-large", /smaller t/);
    assert.ok(Date.now() - start < 1000);
  });

  it("heatKernel on a non-symmetric matrix or operator throws not-symmetric (was accepted)", () => {
    throwsCode(() => diffusion.heatKernel(Matrix.from([[1, -1], [0, 1]]), [1, 0], { t: 1 }), "not-symmetric");
    const rw = graph.laplacian(karate, { kind: "rw" });
    throwsCode(() => diffusion.heatKernel(rw, x, { t: 1 }), "not-symmetric");
    throwsCode(() => diffusion.heatKernel(linearOperator([2, 2], (v) => Float64Array.of(v[0] - v[1], v[1])), [1, 0], { t: 1 }), "not-symmetric");
  });

  it("heatKernel / chebyshevFilter with an operator or a filter producing NaN throw an error naming the NaN", () => {
    const nanOp = linearOperator([2, 2], (v) => Float64Array.of(v[0] * NaN, v[1]));
    throwsCode(() => diffusion.heatKernel(nanOp, [1, 0], { t: 1, lmin: 0, lmax: 1 }), "nan", /NaN/);
    throwsCode(() => diffusion.chebyshevFilter(Ls, x, { filter: (l) => (l > 1 ? NaN : l) }), "nan", /NaN/);
  });

  it("chebyshevFilter(L_sym, x, { filter: λ ↦ 1/(1 + 4λ), order: 80 }) matches V h(Λ) Vᵀ x to 1e-12 (default interval [0, 2]; was 0.84 on Gershgorin's [−0.5, 2.5])", () => {
    const S = linalg.eigh(Ls.toDense());
    const h = (l: number) => 1 / (1 + 4 * l);
    const exact = new Float64Array(34);
    for (let j = 0; j < 34; j++) {
      let c = 0;
      for (let i = 0; i < 34; i++) c += S.vectors.get(i, j) * x[i];
      c *= h(S.values[j]);
      for (let i = 0; i < 34; i++) exact[i] += c * S.vectors.get(i, j);
    }
    assertBelow(maxRelDiff(diffusion.chebyshevFilter(Ls, x, { filter: h, order: 80 }), exact), 1e-12, "CSR from graph.laplacian");
    assertBelow(maxRelDiff(diffusion.chebyshevFilter(Ls.toDense(), x, { filter: h, order: 80 }), exact), 1e-12, "dense copy");
  });

  it("graph.laplacian's provenance does not leak to other matrices: a CSR copy of a sym Laplacian is bounded from its entries", () => {
    const copy = new CsrMatrix(34, 34, Ls.indptr.slice(), Ls.indices.slice(), Ls.values.slice());
    const [peer] = expmPeer(Ls.toDense(), x, [50]);
    assertBelow(maxRelDiff(diffusion.heatKernel(copy, x, { t: 50 }), peer), 1e-10, "copy");
  });
});

describe("rmt.marchenkoPastur cdf accuracy (issue #16)", function () {
  this.timeout(60_000);
  it("marchenkoPastur({ ratio }).cdf(x) matches scipy.integrate.quad of the density to 1e-10 relative, within 1e-12·λ₊ of both edges (ratio 1: was 99.97 % off near 0)", () => {
    const fracs = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 0.1, 0.5, 0.9, 0.99, 1 - 1e-6, 1 - 1e-10];
    const cases: [number, number][] = [];
    for (const ratio of [1, 0.25, 2, 0.999]) for (const f of fracs) cases.push([ratio, f]);
    // the peer integrates in u = x − λ₋ (lower half) or u = λ₊ − x (upper half, via 1 − F), so that its integrand
    // never subtracts nearby numbers; our x is λ₋ + f(λ₊ − λ₋) as a double, so the peer gets the same u = x − λ₋
    const xs = cases.map(([ratio, f]) => {
      const mp = rmt.marchenkoPastur({ ratio });
      return mp.lambdaMinus + f * (mp.lambdaPlus - mp.lambdaMinus);
    });
    const us = cases.map(([ratio], i) => {
      const mp = rmt.marchenkoPastur({ ratio });
      return [xs[i] - mp.lambdaMinus, mp.lambdaPlus - xs[i]];
    });
    const peer: number[] = runPython(
      `from scipy.integrate import quad
out = {"F": []}
for (g, f), (ul, uu) in zip(json.loads(cases), json.loads(us)):
    a = (1 - np.sqrt(g))**2; b = (1 + np.sqrt(g))**2; w = b - a
    mass = min(1.0, 1 / g)
    lower = lambda u: np.sqrt(max((w - u) * u, 0)) / (2 * np.pi * g * (a + u))
    upper = lambda v: np.sqrt(max(v * (w - v), 0)) / (2 * np.pi * g * (b - v))
    if f <= 0.5:
        F = (1 - mass) + quad(lower, 0, ul, epsabs=0, epsrel=1e-13, limit=500)[0]
    else:
        F = 1 - quad(upper, 0, uu, epsabs=0, epsrel=1e-13, limit=500)[0]
    out["F"].append(F)`,
      { cases: JSON.stringify(cases), us: JSON.stringify(us) },
    ).F;
    cases.forEach(([ratio, f], i) => {
      const ours = rmt.marchenkoPastur({ ratio }).cdf(xs[i]);
      assertBelow(Math.abs(ours - peer[i]) / peer[i], 1e-10, `ratio ${ratio}, x = λ₋ + ${f}·(λ₊ − λ₋)`);
      if (f > 0.5) assertBelow(Math.abs(1 - ours - (1 - peer[i])), 1e-15, `ratio ${ratio}, 1 − F at ${f}`);
    });
  });

  it("bulkQuantile inverts bulkCdf to 1e-12 across the bulk, at ratio 1 near 0 too", () => {
    for (const ratio of [1, 0.25, 3]) {
      const mp = rmt.marchenkoPastur({ ratio });
      for (const q of [1e-9, 1e-4, 0.01, 0.3, 0.5, 0.9, 0.999999]) {
        // (at q = 1e-9 with λ₋ > 0 the answer x ≈ λ₋ + 1e-6 is itself only a double: F ∝ (x − λ₋)^{3/2} turns its
        // rounding, ε·λ₋/(x − λ₋) ≈ 3e-11, into the CDF's; hence the looser bound there)
        assertBelow(Math.abs(mp.bulkCdf(mp.bulkQuantile(q)) - q) / q, q < 1e-6 ? 1e-9 : 1e-12, `ratio ${ratio}, q ${q}`);
      }
    }
  });
});

describe("Embedding.eigenvalues order (issue #16)", () => {
  const W = data.karateClub().graph;
  const sorted = (v: Float64Array, order: unknown) =>
    v.every((x, i) => i === 0 || (order === "ascending" ? v[i - 1] <= x : v[i - 1] >= x));

  it("embed.spectral, embed.diffusionMap and embed.mds give one eigenvalue per column, in column order, ordered as meta.eigenvalueOrder says", () => {
    const sp = embed.spectral(W, { dim: 3, seed: 0 });
    const dm = embed.diffusionMap(W, { dim: 3, seed: 0 });
    const X = data.blobs({ n: 40, seed: 1 }).X;
    const D = Matrix.from(Array.from({ length: 40 }, (_, i) => Array.from({ length: 40 }, (_, j) => Math.hypot(...X.row(i).map((v, c) => v - X.get(j, c))))));
    const md = embed.mds(D, { dim: 2 });
    assert.deepEqual([sp.meta.eigenvalueOrder, dm.meta.eigenvalueOrder, md.meta.eigenvalueOrder], ["ascending", "descending", "descending"]);
    for (const e of [sp, dm, md]) {
      assert.equal(e.eigenvalues!.length, e.coords.cols);
      assert.ok(sorted(e.eigenvalues!, e.meta.eigenvalueOrder), `${e.meta.solver}: ${e.eigenvalues}`);
    }
    // spectral: the smallest non-trivial eigenvalues of the normalized Laplacian (λ₁ ≤ λ₂ ≤ λ₃ of eigh)
    const all = linalg.eigh(graph.laplacian(W, { kind: "sym" }).toDense()).values;
    assertBelow(maxRelDiff(sp.eigenvalues!, all.slice(1, 4)), 1e-8, "spectral eigenvalues");
    // mds: column j is √λ_j v_j with v_j a unit vector, so ‖col j‖² = λ_j
    for (let j = 0; j < 2; j++) {
      const c = md.coords.col(j);
      assertBelow(Math.abs(c.reduce((a, v) => a + v * v, 0) / md.eigenvalues![j] - 1), 1e-10, `mds column ${j}`);
    }
  });
});

describe("NaN-producing operators and overflowing matrices (issue #16)", () => {
  /** diag(1..50), with NaN in entry 3 from the (after+1)-th product on: passes any probe made before. */
  const lateNaN = (after: number) => {
    let calls = 0;
    return linearOperator([50, 50], (v) => {
      const y = v.map((x, i) => (i + 1) * x);
      if (++calls > after) y[3] = NaN;
      return y;
    });
  };

  it("linalg.powerIteration(op) with an operator that starts returning NaN throws naming the NaN (returned NaN)", () => {
    throwsCode(() => linalg.powerIteration(lateNaN(3)), "nan", /NaN at entry 3/);
  });

  it("linalg.cg and linalg.minres with such an operator throw naming the NaN (cg returned zeros, minres NaN)", () => {
    const b = new Float64Array(50).fill(1);
    throwsCode(() => linalg.cg(lateNaN(3), b), "nan", /NaN at entry 3/);
    throwsCode(() => linalg.minres(lateNaN(3), b), "nan", /NaN at entry 3/);
  });

  it("linalg.eigh / eigvalsh of a matrix near the double range scale it first (eigh gave NaN, eigvalsh [1e308, 1e308] for eigenvalues ±√2·1e308)", () => {
    const A = Matrix.from([[1e308, 1e308], [1e308, -1e308]]);
    const exact = [-Math.SQRT2 * 1e308, Math.SQRT2 * 1e308];
    assertBelow(maxRelDiff(linalg.eigh(A).values, exact), 1e-15, "eigh");
    assertBelow(maxRelDiff(linalg.eigvalsh(A), exact), 1e-15, "eigvalsh");
    const tiny = Matrix.from([[3e-320, 1e-320], [1e-320, 3e-320]]);
    assert.deepEqual(Array.from(linalg.eigvalsh(tiny)), [2e-320, 4e-320]);
    // an eigenvalue past the range is an error, not ∞
    throwsCode(() => linalg.eigvalsh(Matrix.from([[1e308, 1e308], [1e308, 1e308]])), "overflow", /double range/);
  });
});
