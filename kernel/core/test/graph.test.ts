import { strict as assert } from "assert";
import { CsrMatrix, data, EigenlabError, graph, Matrix } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";
import { csrRow, maxAbsDiffDense } from "../../../test/util/graphs";
import { setBlasThreads, setWasmEnabled } from "../src/kernels";

/** Compares our CSR graph with scipy's (rows as sets; values to rtol). Ties would show as a set difference. */
function assertSameGraph(ours: CsrMatrix, peer: { indptr: number[]; indices: number[]; data: number[] }, rtol: number, what: string): void {
  assert.equal(ours.nnz, peer.indices.length, `${what}: nnz`);
  for (let i = 0; i < ours.rows; i++) {
    const row = csrRow(ours, i);
    for (let p = peer.indptr[i]; p < peer.indptr[i + 1]; p++) {
      const j = peer.indices[p];
      assert.ok(row.has(j), `${what}: row ${i} lacks neighbour ${j}`);
      const a = row.get(j)!, b = peer.data[p];
      assert.ok(Math.abs(a - b) <= rtol * Math.max(Math.abs(b), 1e-300) + 1e-15, `${what}: W[${i},${j}] = ${a} vs ${b}`);
    }
  }
}

const SK_GRAPH = `
from sklearn.neighbors import kneighbors_graph, radius_neighbors_graph
def csr(A):
    A = A.tocsr(); A.sort_indices()
    return {"indptr": A.indptr, "indices": A.indices, "data": A.data}
`;

describe("graph", function () {
  this.timeout(60000);
  const X = Matrix.random(300, 5, { seed: 3 });

  it("knn(X, {k}) equals sklearn kneighbors_graph for euclidean/cosine, connectivity/distance, includeSelf", () => {
    const variants = [
      { metric: "euclidean", mode: "connectivity", includeSelf: false },
      { metric: "euclidean", mode: "distance", includeSelf: false },
      { metric: "euclidean", mode: "distance", includeSelf: true },
      { metric: "cosine", mode: "distance", includeSelf: false },
    ] as const;
    const peer = runPython(
      SK_GRAPH +
        `out = {"g": [csr(kneighbors_graph(X, 7, mode=m, metric=me, include_self=s)) for (me, m, s) in [` +
        variants.map((v) => `("${v.metric}", "${v.mode}", ${v.includeSelf ? "True" : "False"})`).join(", ") +
        `]]}`,
      { X: peerMatrix(X) },
    );
    variants.forEach((v, idx) => {
      const ours = graph.knn(X, { k: 7, ...v });
      assertSameGraph(ours, peer.g[idx], 1e-10, `knn ${JSON.stringify(v)}`);
    });
  });

  it("knn(X, {k: 10}) equals sklearn on 3000 clustered points, where most tile pairs are pruned", () => {
    const { X: B } = data.blobs({ n: 3000, k: 6, d: 3, std: 0.7, seed: 11 });
    const peer = runPython(SK_GRAPH + `out = {"g": csr(kneighbors_graph(X, 10, mode="distance"))}`, { X: peerMatrix(B) });
    assertSameGraph(graph.knn(B, { k: 10, mode: "distance" }), peer.g, 1e-10, "knn blobs");
  });

  it("knn(X, {k: 6}) across tile and batch boundaries (2119 points: 33 tiles of 64 + 7, > one 2048-column GEMM batch) equals sklearn, euclidean and cosine", () => {
    const T = Matrix.random(2119, 9, { seed: 21 });
    const peer = runPython(SK_GRAPH + `out = {"e": csr(kneighbors_graph(X, 6, mode="distance")), "c": csr(kneighbors_graph(X, 6, mode="distance", metric="cosine"))}`, { X: peerMatrix(T) });
    const e = graph.knn(T, { k: 6, mode: "distance" });
    assertSameGraph(e, peer.e, 1e-10, "knn tiled euclidean");
    assertSameGraph(graph.knn(T, { k: 6, mode: "distance", metric: "cosine" }), peer.c, 1e-10, "knn tiled cosine");
    // The WebAssembly tiles + SIMD filter, one thread, and the TypeScript fallback give the same bits.
    const threads = setBlasThreads(1);
    const wasm = setWasmEnabled(false);
    try {
      const js = graph.knn(T, { k: 6, mode: "distance" });
      assert.deepEqual(Array.from(js.indices), Array.from(e.indices));
      assert.deepEqual(Array.from(js.values), Array.from(e.values));
      setWasmEnabled(true);
      assert.deepEqual(Array.from(graph.knn(T, { k: 6, mode: "distance" }).values), Array.from(e.values));
    } finally {
      setWasmEnabled(wasm);
      setBlasThreads(threads);
    }
  });

  it('knn(X, {k, backend}) records what ran in meta and rejects an unknown backend with an EigenlabError', () => {
    const W = graph.knn(X, { k: 4 });
    assert.match(W.meta!.backend, /^cpu(-wasm)?$/);
    assert.equal(W.meta!.precision, "float64");
    assert.deepEqual(W.meta!.inputShape, [300, 5]);
    assert.deepEqual(Array.from(graph.knn(X, { k: 4, backend: "cpu" }).indices), Array.from(W.indices));
    assert.throws(() => graph.knn(X, { k: 4, backend: "quantum" }), (e: unknown) => e instanceof EigenlabError && e.code === "unknown-backend" && /"cpu"/.test(e.message));
  });

  it("knn on a lattice with many exact ties returns the same distance multiset per row as sklearn", () => {
    const pts: number[][] = [];
    for (let a = 0; a < 8; a++) for (let b = 0; b < 8; b++) pts.push([a, b]);
    pts.push([3, 3]); // a duplicate point
    const L = Matrix.from(pts);
    const peer = runPython(SK_GRAPH + `out = {"g": csr(kneighbors_graph(X, 5, mode="distance"))}`, { X: peerMatrix(L) });
    const ours = graph.knn(L, { k: 5, mode: "distance" });
    for (let i = 0; i < L.rows; i++) {
      const a = [...csrRow(ours, i).values()].sort();
      const b = peer.g.data.slice(peer.g.indptr[i], peer.g.indptr[i + 1]).sort();
      assert.deepEqual(a, b, `row ${i}`);
    }
    // Ties are broken by the lower index.
    assert.deepEqual([...csrRow(ours, 0).keys()].sort((p, q) => p - q), [1, 2, 8, 9, 16]);
  });

  it("knn is exact where ‖x‖² + ‖y‖² − 2x·y cancels: points far from the origin, tiny spacings", () => {
    const base = Matrix.random(200, 3, { seed: 5 }).scale(1e-6);
    const shifted = new Matrix(200, 3, base.data.map((v) => v + 1e4));
    const ours = graph.knn(shifted, { k: 4, mode: "distance" });
    const brute = graph.knn(base, { k: 4, mode: "distance" });
    for (let i = 0; i < 200; i++) assert.deepEqual([...csrRow(ours, i).keys()], [...csrRow(brute, i).keys()], `row ${i}`);
  });

  it("epsilon(X, {eps}) equals sklearn radius_neighbors_graph", () => {
    const peer = runPython(SK_GRAPH + `out = {"g": csr(radius_neighbors_graph(X, 1.1, mode="distance"))}`, { X: peerMatrix(X) });
    assertSameGraph(graph.epsilon(X, { eps: 1.1, mode: "distance" }), peer.g, 1e-10, "epsilon");
  });

  it("laplacian(W, {kind}) equals scipy csgraph.laplacian (normed false/true), isolated node and self-loop included", () => {
    const W = graph.fromEdges(7, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 4], [5, 3]], [1, 2, 0.5, 3, 1, 7, 0.25]); // node 6 isolated
    const peer = runPython(
      `import scipy.sparse as sp\nfrom scipy.sparse.csgraph import laplacian\nW = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\n` +
        `Ld = W.toarray(); deg = Ld.sum(axis=0) - np.diag(Ld); P = Ld - np.diag(np.diag(Ld)); inv = np.where(deg > 0, 1 / np.where(deg > 0, deg, 1), 0)\n` +
        `out = {"c": laplacian(W, normed=False).toarray(), "s": laplacian(W, normed=True).toarray(), "rw": np.diag((deg > 0).astype(float)) - inv[:, None] * P}`,
      peerCsr("W", W),
    );
    assertBelow(maxAbsDiffDense(graph.laplacian(W).toDense().data, peer.c, 7), 1e-15, "combinatorial");
    assertBelow(maxAbsDiffDense(graph.laplacian(W, { kind: "sym" }).toDense().data, peer.s, 7), 1e-15, "sym");
    assertBelow(maxAbsDiffDense(graph.laplacian(W, { kind: "rw" }).toDense().data, peer.rw, 7), 1e-15, "rw");
    // Row sums of the combinatorial Laplacian vanish.
    for (const s of graph.laplacian(W).rowSums()) assertBelow(Math.abs(s), 1e-14, "row sum");
  });

  it("laplacian of a kNN affinity equals scipy's on 300 points", () => {
    const W = graph.affinity(X, { k: 8 });
    const peer = runPython(
      `import scipy.sparse as sp\nfrom scipy.sparse.csgraph import laplacian\nW = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\nout = {"s": laplacian(W, normed=True).toarray()}`,
      peerCsr("W", W),
    );
    assertBelow(maxAbsDiffDense(graph.laplacian(W, { kind: "sym" }).toDense().data, peer.s, 300), 1e-14, "sym");
  });

  it("components(W) matches scipy connected_components (count and labels)", () => {
    const b = data.blobs({ n: 240, k: 4, d: 2, std: 0.3, seed: 2 });
    const W = graph.knn(b.X, { k: 5 });
    const peer = runPython(
      `import scipy.sparse as sp\nfrom scipy.sparse.csgraph import connected_components\nW = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\n` +
        `c, l = connected_components(W, directed=True, connection="weak")\nout = {"c": c, "l": l}`,
      peerCsr("W", W),
    );
    const ours = graph.components(W);
    assert.equal(ours.count, peer.c);
    assert.deepEqual(Array.from(ours.labels), peer.l);
    assert.ok(ours.count > 1, "the test graph should be disconnected");
  });

  it("symmetrize(W, mode) gives (W+Wᵀ)/2, max(W, Wᵀ) and the mutual min", () => {
    const W = graph.knn(X, { k: 4, mode: "distance" });
    const D = W.toDense(), T = W.T.toDense();
    const mean = graph.symmetrize(W, "mean").toDense(), max = graph.symmetrize(W, "max").toDense(), mutual = graph.symmetrize(W, "mutual").toDense();
    for (let p = 0; p < D.data.length; p++) {
      const a = D.data[p], b = T.data[p];
      assert.equal(mean.data[p], 0.5 * (a + b));
      assert.equal(max.data[p], Math.max(a, b));
      assert.equal(mutual.data[p], a > 0 && b > 0 ? Math.min(a, b) : 0);
    }
  });

  it("affinity(X, {sigma: 'self-tuning'}) weights exp(−d²/(σᵢσⱼ)) with σᵢ the 7th-neighbour distance; fixed σ gives exp(−d²/2σ²)", () => {
    const k = 9;
    const D = graph.knn(X, { k, mode: "distance" });
    const scale = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) scale[i] = [...csrRow(D, i).values()].sort((a, b) => a - b)[6];
    const W = graph.affinity(X, { k, symmetrize: "max" });
    const Wf = graph.affinity(X, { k, sigma: 0.7, symmetrize: "max" });
    assert.equal(W.asymmetry().value, 0);
    for (let i = 0; i < X.rows; i++) {
      for (const [j, d] of csrRow(D, i)) {
        const want = Math.exp(-(d * d) / (scale[i] * scale[j]));
        assertBelow(Math.abs(W.get(i, j) - want), 1e-15, "self-tuning weight");
        assertBelow(Math.abs(Wf.get(i, j) - Math.exp(-(d * d) / (2 * 0.49))), 1e-15, "gaussian weight");
      }
    }
  });

  it("fromEdges / toGraphology / fromGraphology round-trip an undirected weighted graph", () => {
    const W = graph.fromEdges(5, [[0, 1], [1, 2], [3, 4], [2, 2]], [2, 3, 4, 5]);
    assert.equal(W.get(1, 0), 2);
    assert.equal(W.get(2, 2), 5);
    const G = graph.toGraphology(W);
    assert.equal(G.order, 5);
    assert.equal(G.size, 4);
    const back = graph.fromGraphology(G);
    assert.deepEqual(Array.from(back.toDense().data), Array.from(W.toDense().data));
    const deg = graph.degrees(W);
    assert.deepEqual(Array.from(deg.weighted), [2, 5, 8, 4, 4]);
    assert.equal(deg.isolated, 0);
  });

  it("bad input gets an EigenlabError that says what to do", () => {
    const bad = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof EigenlabError && re.test(e.message));
    bad(() => graph.knn(X, { k: 300 }), /k = 300.*smaller k/);
    bad(() => graph.knn(new Matrix(2, 1, Float64Array.of(0, NaN)), { k: 1 }), /NaN/);
    bad(() => graph.knn(X, { k: 3, metrik: "cosine" } as never), /unknown option "metrik"/);
    bad(() => graph.knn(X, { k: 3, metric: "manhattan" as never }), /metric/);
    bad(() => graph.laplacian(CsrMatrix.fromTriplets(2, 3, [0], [1], [1])), /square/);
    bad(() => graph.laplacian(CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [-1, -1])), /negative/);
    bad(() => graph.toGraphology(CsrMatrix.fromTriplets(2, 2, [0], [1], [1])), /not symmetric.*symmetrize/);
    bad(() => graph.fromEdges(3, [[0, 5]]), /outside 0..2/);
    bad(() => graph.affinity(X, { k: 5, sigma: -1 }), /sigma must be a positive/);
  });
});
