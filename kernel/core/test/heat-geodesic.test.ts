import { strict as assert } from "assert";
import { CsrMatrix, data, diffusion, EigenlabError, graph, linearOperator, Matrix } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

/** Path graph 0 − 1 − … − (n−1) with unit weights. */
function path(n: number): CsrMatrix {
  const i: number[] = [];
  const j: number[] = [];
  for (let a = 0; a + 1 < n; a++) {
    i.push(a, a + 1);
    j.push(a + 1, a);
  }
  return CsrMatrix.fromTriplets(n, n, i, j, i.map(() => 1));
}

describe("diffusion.heatGeodesic", function () {
  this.timeout(60_000);
  const L = graph.laplacian(data.lesMiserables().graph, { kind: "sym" });
  const n = L.rows;

  it("heatGeodesic(L, { t, harnack }) = √(−4t log H + ρ 4t log((H_ii + H_jj)/2)) with H = scipy.linalg.expm(−tL)", () => {
    for (const t of [1, 5]) {
      for (const harnack of [0, 1]) {
        const ours = diffusion.heatGeodesic(L, { t, harnack });
        const peer = runPython(
          `import scipy.sparse as sp, scipy.linalg as sl
A = sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols)).toarray()
H = sl.expm(-t * A)
dg = np.diag(H)
D2 = -4 * t * np.log(H) + rho * 4 * t * np.log(0.5 * (dg[:, None] + dg[None, :]))
out = {"D": np.sqrt(np.maximum(D2, 0)), "H": H}`,
          { ...peerCsr("L", L), t, rho: harnack },
        );
        // Compare where the heat is well above the expansion's error (10·tol): there log H is accurate.
        let worst = 0;
        let compared = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (peer.H[i][j] < 1e-9) continue;
            compared++;
            worst = Math.max(worst, Math.abs(ours.get(i, j) - peer.D[i][j]) / Math.max(peer.D[i][j], 1));
          }
        }
        assert.ok(compared > n * n * 0.5, `compared ${compared} of ${n * n} entries`);
        assertBelow(worst, 1e-6, `t = ${t}, harnack = ${harnack} vs scipy expm`);
      }
    }
  });

  it("heatGeodesic(L, { t, sources }) returns the rows of the full matrix; the full matrix is symmetric, zero on the diagonal at harnack 1", () => {
    const full = diffusion.heatGeodesic(L, { t: 3, harnack: 1 });
    const sources = [5, 0, 76, 40];
    const some = diffusion.heatGeodesic(L, { t: 3, harnack: 1, sources });
    assert.deepEqual([some.rows, some.cols], [4, n]);
    let rowDiff = 0;
    let asym = 0;
    let diag = 0;
    for (let a = 0; a < sources.length; a++) for (let j = 0; j < n; j++) rowDiff = Math.max(rowDiff, Math.abs(some.get(a, j) - full.get(sources[a], j)));
    for (let i = 0; i < n; i++) {
      diag = Math.max(diag, full.get(i, i));
      for (let j = 0; j < n; j++) asym = Math.max(asym, Math.abs(full.get(i, j) - full.get(j, i)));
    }
    assertBelow(rowDiff, 1e-9, "sources rows vs full rows");
    assert.equal(asym, 0);
    assert.equal(diag, 0);
  });

  it("heatGeodesic on a path graph increases strictly with hop distance, and on a LinearOperator matches the CSR result", () => {
    const P = graph.laplacian(path(40), { kind: "combinatorial" });
    const D = diffusion.heatGeodesic(P, { t: 20, sources: [0] });
    for (let j = 2; j < 40; j++) assert.ok(D.get(0, j) > D.get(0, j - 1), `d(0, ${j}) > d(0, ${j - 1})`);
    const op = linearOperator([40, 40], (x) => P.matvec(x));
    const Dop = diffusion.heatGeodesic(op, { t: 20, sources: [0], lmin: 0, lmax: 4 });
    const Dcsr = diffusion.heatGeodesic(P, { t: 20, sources: [0], lmin: 0, lmax: 4 });
    let worst = 0;
    for (let j = 0; j < 40; j++) worst = Math.max(worst, Math.abs(Dop.get(0, j) - Dcsr.get(0, j)));
    assertBelow(worst, 1e-9, "LinearOperator vs CSR");
  });

  it("heatGeodesic saturates at √(4t ln(1/(10 tol))) where the heat is below the expansion's error", () => {
    const P = graph.laplacian(path(200), { kind: "combinatorial" });
    const t = 2;
    const D = diffusion.heatGeodesic(P, { t, sources: [0], lmin: 0, lmax: 4 });
    const cap = Math.sqrt(4 * t * Math.log(1 / (10 * 1e-14)));
    assertBelow(Math.abs(D.get(0, 199) - cap), 1e-9, "far end is clipped");
    for (let j = 0; j < 200; j++) assert.ok(D.get(0, j) <= cap + 1e-9);
  });

  it("bad input throws EigenlabError saying what to do", () => {
    assert.throws(() => diffusion.heatGeodesic(L, { t: 0 }), /positive/);
    assert.throws(() => diffusion.heatGeodesic(L, { t: 1, harnack: 2 }), /\[0, 1\]/);
    assert.throws(() => diffusion.heatGeodesic(L, { t: 1, sources: [0, 77] }), /sources\[1\] = 77/);
    assert.throws(() => diffusion.heatGeodesic(L, { t: 1, sources: [1.5] }), EigenlabError);
    assert.throws(() => diffusion.heatGeodesic(L, { t: 1, time: 2 } as never), /unknown option/);
    assert.throws(() => diffusion.heatGeodesic(Matrix.zeros(2, 3) as never, { t: 1 }), /square/);
  });
});
