import { strict as assert } from "assert";
import { cluster, CsrMatrix, data, EigenlabError, Matrix, Rng } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";

/** A planted bicluster matrix: k row blocks × k column blocks, block b on the diagonal at `signal`, uniform noise in [0, 1). */
function planted(m: number, n: number, k: number, signal: number, seed: number): { A: Matrix; rows: Int32Array; cols: Int32Array } {
  const rng = new Rng(seed);
  const rows = Int32Array.from({ length: m }, () => rng.int(k));
  const cols = Int32Array.from({ length: n }, () => rng.int(k));
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A[i * n + j] = rng.uniform() + (rows[i] === cols[j] ? signal : 0);
  return { A: new Matrix(m, n, A), rows, cols };
}

const SKLEARN_COCLUSTER = `
from sklearn.cluster import SpectralCoclustering
from sklearn.cluster._bicluster import _scale_normalize
from sklearn.metrics import adjusted_rand_score as ari
import scipy.sparse as sp
def peer(A, k, rows, cols):
    model = SpectralCoclustering(n_clusters=k, random_state=0).fit(A)
    An, _, _ = _scale_normalize(A)
    An = An.toarray() if sp.issparse(An) else An
    s = np.linalg.svd(An, compute_uv=False)[:1 + int(np.ceil(np.log2(k)))]
    return {"rowAri": ari(model.row_labels_, rows), "colAri": ari(model.column_labels_, cols), "s": s,
            "rowLabels": model.row_labels_, "colLabels": model.column_labels_}
`;

describe("cluster.cocluster", () => {
  it("cocluster(A, { k: 5 }) on a planted 300×200 bicluster matrix agrees with scikit-learn's SpectralCoclustering (ARI ≥ 0.99) and its singular values to 1e-10", () => {
    const k = 5;
    const P = planted(300, 200, k, 1, 7);
    const dense = cluster.cocluster(P.A, { k, seed: 0 });
    const sparse = cluster.cocluster(CsrMatrix.fromDense(P.A), { k, seed: 0, svd: "randomized" });
    const peer = runPython(
      SKLEARN_COCLUSTER + `r = peer(A, ${k}, rows, cols)
out = {**r, "oursRow": ari(r["rowLabels"], ourRows), "oursCol": ari(r["colLabels"], ourCols)}`,
      {
        A: peerMatrix(P.A), rows: { shape: [300], data: P.rows }, cols: { shape: [200], data: P.cols },
        ourRows: { shape: [300], data: dense.rows.labels }, ourCols: { shape: [200], data: dense.columns.labels },
      },
    );
    assert.equal(dense.singularValues.length, 1 + Math.ceil(Math.log2(k)));
    for (const r of [dense, sparse]) {
      r.singularValues.forEach((s, i) => assert.ok(Math.abs(s - peer.s[i]) <= 1e-10, `σ${i + 1}: ${s} vs numpy ${peer.s[i]}`));
      assert.ok(cluster.ari(r.rows, P.rows) >= 0.99, `row ARI vs planted ${cluster.ari(r.rows, P.rows)}`);
      assert.ok(cluster.ari(r.columns, P.cols) >= 0.99, `column ARI vs planted ${cluster.ari(r.columns, P.cols)}`);
    }
    assert.ok(peer.rowAri >= 0.99 && peer.colAri >= 0.99, `sklearn's own recovery ${peer.rowAri} / ${peer.colAri}`);
    assert.ok(peer.oursRow >= 0.99, `row labels: ARI(ours, sklearn) = ${peer.oursRow}`);
    assert.ok(peer.oursCol >= 0.99, `column labels: ARI(ours, sklearn) = ${peer.oursCol}`);
    // A row and a column of the same planted block share one co-cluster label.
    const rowOf = new Map<number, number>();
    P.rows.forEach((b, i) => rowOf.set(b, dense.rows.labels[i]));
    P.cols.forEach((b, j) => assert.equal(dense.columns.labels[j], rowOf.get(b)));
  });

  it("cocluster(X) on a sparse TF-IDF matrix of real mail has scikit-learn's singular values of D₁^-½ X D₂^-½ (1e-10)", () => {
    const s = data.spamAssassin({ groups: ["hard-ham-1", "spam-1"], minDf: 5, maxDf: 0.5 });
    // Drop documents with no kept term (degree 0), as the bipartite scaling needs.
    const keep: number[] = [];
    for (let d = 0; d < s.X.rows; d++) if (s.X.indptr[d + 1] > s.X.indptr[d]) keep.push(d);
    const X = s.X.toDense();
    const Xk = CsrMatrix.fromDense(new Matrix(keep.length, X.cols, Float64Array.from(keep.flatMap((d) => Array.from(X.data.subarray(d * X.cols, (d + 1) * X.cols))))));
    const c = cluster.cocluster(Xk, { k: 4, seed: 0 });
    const peer = runPython(
      SKLEARN_COCLUSTER + `A = sp.csr_matrix((X_values, X_indices, X_indptr), shape=(X_rows, X_cols))
An, _, _ = _scale_normalize(A)
out = {"s": np.linalg.svd(An.toarray(), compute_uv=False)[:3]}`,
      peerCsr("X", Xk),
    );
    c.singularValues.forEach((v, i) => assert.ok(Math.abs(v - peer.s[i]) <= 1e-10, `σ${i + 1}: ${v} vs numpy ${peer.s[i]}`));
    assert.ok(Math.abs(c.singularValues[0] - 1) < 1e-12);
  }).timeout(120000); // a Python peer on real mail: 20–35 s on a loaded machine

  it("cocluster(A) returns Z = [D₁^-½U; D₂^-½V]: D-orthonormal, D-orthogonal to the constant, and A·Z_cols = σ·D₁·Z_rows", () => {
    const P = planted(60, 40, 4, 1, 3);
    const c = cluster.cocluster(P.A, { k: 4, seed: 1 });
    const m = 60, n = 40, ell = 2;
    assert.deepEqual(c.Z.shape, [m + n, ell]);
    const d1 = P.A.toArray().map((r) => r.reduce((a, b) => a + b, 0));
    const d2 = Array.from({ length: n }, (_, j) => P.A.toArray().reduce((a, r) => a + r[j], 0));
    const z = (i: number, q: number) => c.Z.data[i * ell + q];
    for (const [off, d] of [[0, d1], [m, d2]] as const) {
      for (let p = 0; p < ell; p++) {
        assert.ok(Math.abs(d.reduce((a, w, i) => a + w * z(off + i, p), 0)) < 1e-10, "orthogonal to the trivial pair");
        for (let q = 0; q < ell; q++) {
          const g = d.reduce((a, w, i) => a + w * z(off + i, p) * z(off + i, q), 0);
          assert.ok(Math.abs(g - (p === q ? 1 : 0)) < 1e-10, `Gram (${p}, ${q}) = ${g}`);
        }
      }
    }
    const A = P.A.toArray();
    for (let q = 0; q < ell; q++) {
      const sigma = c.singularValues[q + 1];
      for (let i = 0; i < m; i++) {
        const lhs = A[i].reduce((a, v, j) => a + v * z(m + j, q), 0);
        assert.ok(Math.abs(lhs - sigma * d1[i] * z(i, q)) < 1e-9, `row ${i}, vector ${q}`);
      }
    }
    // The labels are k-means' on Z: each point is nearest to its own cluster's mean.
    const labels = [...c.rows.labels, ...c.columns.labels];
    const means = Array.from({ length: 4 }, (_, l) => {
      const pts = labels.map((x, i) => (x === l ? i : -1)).filter((i) => i >= 0);
      return [0, 1].map((q) => pts.reduce((a, i) => a + z(i, q), 0) / pts.length);
    });
    labels.forEach((l, i) => {
      const dist = means.map((mu) => (z(i, 0) - mu[0]) ** 2 + (z(i, 1) - mu[1]) ** 2);
      assert.ok(dist[l] <= Math.min(...dist) + 1e-12, `point ${i}`);
    });
  });

  it("cocluster(A) is the same for the same seed, and permuting rows and columns permutes the labels", () => {
    const P = planted(80, 50, 3, 1, 11);
    const a = cluster.cocluster(P.A, { k: 3, seed: 4 });
    const b = cluster.cocluster(P.A, { k: 3, seed: 4 });
    assert.deepEqual(a.rows.labels, b.rows.labels);
    assert.deepEqual(a.columns.labels, b.columns.labels);
    const pr = Array.from({ length: 80 }, (_, i) => (i * 37) % 80);
    const pc = Array.from({ length: 50 }, (_, j) => (j * 17) % 50);
    const A = P.A.toArray();
    const B = Matrix.from(pr.map((i) => pc.map((j) => A[i][j])));
    const c = cluster.cocluster(B, { k: 3, seed: 4 });
    assert.equal(cluster.ari(c.rows.labels, pr.map((i) => a.rows.labels[i])), 1);
    assert.equal(cluster.ari(c.columns.labels, pc.map((j) => a.columns.labels[j])), 1);
  });

  it("cocluster() rejects negative entries, empty rows or columns, k < 2 and too many clusters, saying what to do", () => {
    const bad = (f: () => unknown, code: string, re: RegExp) =>
      assert.throws(f, (e: unknown) => e instanceof EigenlabError && e.code === code && re.test(e.message));
    bad(() => cluster.cocluster(Matrix.from([[1, -1], [1, 1], [2, 1]]), { k: 2 }), "bad-input", /non-negative/);
    bad(() => cluster.cocluster(Matrix.from([[1, 1, 0], [0, 0, 0], [2, 1, 1]]), { k: 2 }), "bad-input", /row 1 sums to zero/);
    bad(() => cluster.cocluster(Matrix.from([[1, 0, 0], [1, 0, 2], [2, 0, 1]]), { k: 2 }), "bad-input", /column 1 sums to zero/);
    bad(() => cluster.cocluster(Matrix.from([[1, 2], [3, 4]]), { k: 1 }), "bad-option", /Lower k/);
    bad(() => cluster.cocluster(Matrix.from([[1, 2, 3], [3, 4, 5]]), { k: 3 }), "bad-option", /Lower k/);
    bad(() => cluster.cocluster(Matrix.from([[1, 2], [3, 4]]), {} as never), "bad-option", /k/);
    bad(() => cluster.cocluster(Matrix.from([[1, 2], [3, 4]]), { k: 2, svd: "arpack" as never }), "bad-option", /svd/);
    bad(() => cluster.cocluster([[1, 2]] as never, { k: 2 }), "bad-input", /Matrix or CsrMatrix/);
  });
});
