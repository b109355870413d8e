import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, Matrix, Rng } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";

describe("Matrix", () => {
  it("Matrix.from(rows) keeps row-major order and rejects ragged rows", () => {
    const A = Matrix.from([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual([A.rows, A.cols], [2, 3]);
    assert.equal(A.get(1, 0), 4);
    assert.deepEqual(A.T.toArray(), [[1, 4], [2, 5], [3, 6]]);
    assert.throws(() => Matrix.from([[1, 2], [3]]), (e: unknown) => e instanceof EigenlabError && /Row 1 has 1/.test(e.message));
  });

  it("A.matmul(B) equals the triple-loop product and names mismatched inner dimensions", () => {
    const A = Matrix.random(37, 53, { seed: 1 });
    const B = Matrix.random(53, 29, { seed: 2 });
    const C = A.matmul(B);
    let worst = 0;
    for (let i = 0; i < 37; i++) {
      for (let j = 0; j < 29; j++) {
        let s = 0;
        for (let k = 0; k < 53; k++) s += A.get(i, k) * B.get(k, j);
        worst = Math.max(worst, Math.abs(s - C.get(i, j)));
      }
    }
    assert.ok(worst < 1e-12, `max error ${worst}`);
    assert.throws(() => A.matmul(A), /inner dimensions 53 and 37 differ/);
  });

  it("Matrix.random(r, c, { seed }) is reproducible and seed-sensitive", () => {
    assert.deepEqual(Matrix.random(5, 5, { seed: 7 }).data, Matrix.random(5, 5, { seed: 7 }).data);
    assert.notDeepEqual(Matrix.random(5, 5, { seed: 7 }).data, Matrix.random(5, 5, { seed: 8 }).data);
    assert.throws(() => Matrix.random(2, 2, { seed: 1, dist: "cauchy" as never }), /"cauchy" is not one of/);
    assert.throws(() => Matrix.random(2, 2, { sed: 1 } as never), /unknown option "sed"/);
  });
});

describe("Rng", () => {
  it("normal draws have mean 0 and variance 1 (n = 200 000, 5-sigma bounds)", () => {
    const x = new Rng(42).fillNormal(new Float64Array(200_000));
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v2 = 0;
    for (const v of x) v2 += (v - m) ** 2;
    v2 /= x.length - 1;
    assert.ok(Math.abs(m) < 5 / Math.sqrt(x.length), `mean ${m}`);
    assert.ok(Math.abs(v2 - 1) < 5 * Math.sqrt(2 / x.length), `variance ${v2}`);
  });

  it("stream(k) gives independent streams: different draws, near-zero correlation", () => {
    const a = new Rng(3).stream(1).fillUniform(new Float64Array(50_000));
    const b = new Rng(3).stream(2).fillUniform(new Float64Array(50_000));
    let sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += a[i] * b[i]; sa += a[i]; sb += b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i];
    }
    const n = a.length;
    const corr = (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
    assert.ok(Math.abs(corr) < 5 / Math.sqrt(n), `correlation ${corr}`);
  });

  it("int(n) is unbiased over 6 buckets (chi-square, 5 dof, p > 1e-4)", () => {
    const rng = new Rng(11);
    const counts = new Array(6).fill(0);
    const N = 60_000;
    for (let i = 0; i < N; i++) counts[rng.int(6)]++;
    const chi2 = counts.reduce((s, c) => s + (c - N / 6) ** 2 / (N / 6), 0);
    assert.ok(chi2 < 25.7, `chi2 ${chi2}`);
  });
});

describe("CsrMatrix", () => {
  it("CsrMatrix.fromTriplets sums duplicates exactly as scipy's coo -> csr does", () => {
    const rng = new Rng(5);
    const nz = 400;
    const i = Array.from({ length: nz }, () => rng.int(30));
    const j = Array.from({ length: nz }, () => rng.int(20));
    const v = Array.from({ length: nz }, () => rng.normal());
    const A = CsrMatrix.fromTriplets(30, 20, i, j, v);
    const peer = runPython(
      `import scipy.sparse as sp
M = sp.coo_matrix((v, (i, j)), shape=(30, 20)).tocsr(); M.sum_duplicates(); M.sort_indices()
x = np.arange(20, dtype=float)
out = {"indptr": M.indptr, "indices": M.indices, "data": M.data, "y": M @ x, "yt": M.T @ np.arange(30, dtype=float)}`,
      {
        i: { shape: [nz], data: Int32Array.from(i) },
        j: { shape: [nz], data: Int32Array.from(j) },
        v: { shape: [nz], data: Float64Array.from(v) },
      },
    );
    assert.deepEqual(Array.from(A.indptr), peer.indptr);
    assert.deepEqual(Array.from(A.indices), peer.indices);
    const close = (a: ArrayLike<number>, b: number[]) => b.every((x, k) => Math.abs(x - a[k]) <= 1e-12 * (1 + Math.abs(x)));
    assert.ok(close(A.values, peer.data));
    assert.ok(close(A.matvec(Float64Array.from({ length: 20 }, (_, k) => k)), peer.y));
    assert.ok(close(A.rmatvec(Float64Array.from({ length: 30 }, (_, k) => k)), peer.yt));
    assert.ok(close(A.T.matvec(Float64Array.from({ length: 30 }, (_, k) => k)), peer.yt));
  });

  it("fromTriplets rejects out-of-range indices and mismatched lengths", () => {
    assert.throws(() => CsrMatrix.fromTriplets(2, 2, [0, 2], [0, 1], [1, 1]), /row index 2 is outside \[0, 2\)/);
    assert.throws(() => CsrMatrix.fromTriplets(2, 2, [0], [0, 1], [1]), /differ in length/);
  });

  it("toDense / fromDense round-trip and asymmetry() finds the worst pair", () => {
    const D = Matrix.from([[1, 0, 2], [0, 3, 0], [2.5, 0, 0]]);
    const S = CsrMatrix.fromDense(D);
    assert.equal(S.nnz, 4);
    assert.deepEqual(S.toDense().toArray(), D.toArray());
    const a = S.asymmetry();
    assert.equal(a.value, 0.5);
    assert.deepEqual([Math.min(a.i, a.j), Math.max(a.i, a.j)], [0, 2]);
  });

  it("peerCsr ships a CSR matrix to scipy unchanged", () => {
    const A = CsrMatrix.fromTriplets(3, 3, [0, 1, 2, 2], [1, 0, 2, 0], [1, 2, 3, 4]);
    const peer = runPython(`import scipy.sparse as sp
M = sp.csr_matrix((A_values, A_indices, A_indptr), shape=(A_rows, A_cols))
out = {"dense": M.toarray()}`, peerCsr("A", A));
    assert.deepEqual(peer.dense, A.toDense().toArray());
  });
});
