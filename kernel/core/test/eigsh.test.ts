import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, JUPYTER_DISPLAY, linalg, linearOperator } from "../src";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { eigensolverChecks, assertPairs, bOrthogonalityError, gridLaplacian, gridSpectrum, pathLaplacian, pathSpectrum } from "./eigensolver-checks";

eigensolverChecks({ name: `eigsh(·, {method: "lanczos"})`, options: { method: "lanczos" }, which: ["SA", "LA", "LM", "SM"], shiftInvert: true });

describe("linalg.eigsh (Lanczos specifics)", function () {
  this.timeout(60_000);

  it("eigsh(L_grid, {k: 5, sigma: 0.2}) returns the eigenvalues nearest 0.2 (shift-invert by sparse LDLᵀ)", () => {
    const L = gridLaplacian(15, 20);
    const S = linalg.eigsh(L, { k: 5, sigma: 0.2 });
    const all = gridSpectrum(15, 20);
    const nearest = [...all].sort((a, b) => Math.abs(a - 0.2) - Math.abs(b - 0.2)).slice(0, 5).sort((a, b) => a - b);
    assertBelow(maxRelDiff(S.values, nearest), 1e-10, "nearest to sigma");
    assertPairs(S, L, 1e-8);
    assert.match(S.meta.solver, /shift-invert/);
    assert.match(String(S.meta.factorization), /^ldl-rcm/);
  });

  it("eigsh(LinearOperator, {sigma}) shift-inverts with inner MINRES solves and agrees with the factorized route", () => {
    const L = pathLaplacian(80);
    const op = linearOperator([80, 80], (x) => L.matvec(x));
    const a = linalg.eigsh(L, { k: 3, sigma: 1.01 });
    const b = linalg.eigsh(op, { k: 3, sigma: 1.01 });
    assert.equal(b.meta.factorization, "minres");
    assertBelow(maxRelDiff(b.values, a.values), 1e-10, "MINRES vs LDLᵀ shift-invert");
    assertPairs(b, L, 1e-8);
  });

  it("eigsh(L_path, {sigma: exact eigenvalue 0}) throws a singular-shift EigenlabError", () => {
    assert.throws(() => linalg.eigsh(pathLaplacian(30), { k: 2, sigma: 0 }), (e: unknown) => e instanceof EigenlabError && e.code === "singular" && /eigenvalue/.test(e.message));
  });

  it("eigsh(D − W, {B: D, which: 'SA'}) is the normalized-cut problem: equals eigsh of D^{-1/2}(D − W)D^{-1/2}", () => {
    const L = gridLaplacian(8, 9);
    const deg = L.diagonal();
    const D = CsrMatrix.diag(deg);
    const g = linalg.eigsh(L, { k: 4, which: "SA", B: D });
    const inv = deg.map((d) => 1 / Math.sqrt(d));
    const sym = linalg.eigsh(L.scaleRowsCols(inv, inv), { k: 4, which: "SA" });
    assertBelow(maxRelDiff(g.values, sym.values), 1e-10, "generalized vs symmetric normalized");
    assertBelow(bOrthogonalityError(g.vectors, D), 1e-10, "D-orthonormal vectors");
    assert.equal(g.meta.B, "diagonal");
  });

  it("eigsh(L, {which: 'SM'}) and eigsh(L, {which: 'SA'}) agree on a positive semidefinite L", () => {
    const L = pathLaplacian(50);
    const a = linalg.eigsh(L, { k: 3, which: "SM" });
    assertBelow(maxRelDiff(a.values, pathSpectrum(50).slice(0, 3)), 1e-9, "SM");
  });

  it("eigsh(diag(c·(1..40)), {which: 'LA'}) is exact for c = 1e-300 and c = 1e300 (internal rescaling, no under/overflow)", () => {
    for (const c of [1e-300, 1e300]) {
      const S = linalg.eigsh(CsrMatrix.diag(Array.from({ length: 40 }, (_, i) => c * (i + 1))), { k: 2, which: "LA" });
      assertBelow(maxRelDiff(S.values, [39 * c, 40 * c]), 1e-12, `scale ${c}`);
    }
  });

  it("eigsh with ncv = n on a small matrix returns exact pairs", () => {
    const L = pathLaplacian(12);
    const S = linalg.eigsh(L, { k: 11, which: "SA", ncv: 12 });
    assertBelow(maxRelDiff(S.values, pathSpectrum(12).slice(0, 11)), 1e-12, "full space");
  });

  it("eigsh's Spectrum displays a text summary and carries provenance", () => {
    const S = linalg.eigsh(pathLaplacian(40), { k: 3, which: "SA", seed: 3 });
    const bundle = S[JUPYTER_DISPLAY]();
    assert.match(String(bundle["text/plain"]), /3 eigenvalues of a 40×40 operator/);
    assert.equal(S.meta.seed, 3);
    assert.equal(S.meta.which, "SA");
    assert.ok((S.meta.matvecs as number) > 0);
    assert.match(S.meta.inputHash ?? "", /^[0-9a-f]{8}$/);
  });

  it("eigsh rejects bad options: ncv ≤ k, non-finite sigma, unknown which/method, B of the wrong size", () => {
    const L = pathLaplacian(20);
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as EigenlabError).code;
      }
      return "none";
    };
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 5, ncv: 5 })), "bad-option");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 5, sigma: NaN })), "bad-option");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 5, which: "BE" as "SA" })), "bad-option");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 5, method: "arnoldi" as "lanczos" })), "bad-option");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 5, B: CsrMatrix.identity(4) })), "shape");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 2, method: "lobpcg", which: "LM" })), "bad-option");
    assert.equal(codeOf(() => linalg.eigsh(L, { k: 2, method: "lobpcg", sigma: 1 })), "bad-option");
  });
  it("eigsh(P A Pᵀ, {k: 3, which: 'SA'}) on a large randomly numbered matrix solves in a breadth-first order and returns A's pairs in the input's numbering", () => {
    // A: a path-coupled matrix with diagonal 0, 1, 2 at three nodes and 10..11 elsewhere (three wanted pairs far
    // from the rest); numbered at random (node i → pi[i]) so the stored order scatters the matvec's reads.
    const n = 140_000;
    const pi = Int32Array.from({ length: n }, (_, i) => i);
    let state = 12345;
    for (let i = n - 1; i > 0; i--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (i + 1);
      [pi[i], pi[j]] = [pi[j], pi[i]];
    }
    const diag = (i: number) => (i < 3 ? i : 10 + i / n);
    const I: number[] = [], J: number[] = [], V: number[] = [];
    for (let i = 0; i < n; i++) {
      I.push(i);
      J.push(i);
      V.push(diag(i));
      if (i + 1 < n) {
        I.push(i, i + 1);
        J.push(i + 1, i);
        V.push(-0.05, -0.05);
      }
    }
    const A = CsrMatrix.fromTriplets(n, n, I.map((i) => pi[i]), J.map((j) => pi[j]), V);
    const S = linalg.eigsh(A, { k: 3, which: "SA", seed: 1 });
    assert.equal(S.meta.reordered, "breadth-first");
    assertPairs(S, A, 1e-8);
    // the same problem in the path's own (banded) numbering is solved without reordering: same eigenvalues
    const Aband = CsrMatrix.fromTriplets(n, n, I, J, V);
    const R = linalg.eigsh(Aband, { k: 3, which: "SA", seed: 1 });
    assert.equal(R.meta.reordered, undefined);
    assertBelow(maxRelDiff(S.values, R.values), 1e-12, "eigenvalues in both numberings");
    for (let j = 0; j < 3; j++) {
      const s = S.vectors.col(j), r = R.vectors.col(j);
      let d = 0;
      for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(s[pi[i]] - r[i]));
      assertBelow(d, 1e-8, `eigenvector ${j} in the input's numbering`);
    }
  });
});
