import { strict as assert } from "assert";
import { cluster, data, EigenlabError, graph, Matrix } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { adjustedRandIndex } from "../../../test/util/graphs";

describe("cluster", function () {
  this.timeout(120000);

  it("kmeans(X, {k, nInit: 10}) reaches inertia ≤ sklearn KMeans' (+1e-9 rel) on blobs and on uniform noise", () => {
    const cases = [
      { X: data.blobs({ n: 600, k: 5, d: 4, std: 2, seed: 1 }).X, k: 5 },
      { X: Matrix.random(500, 3, { seed: 2, dist: "uniform" }), k: 8 },
    ];
    const peer = runPython(
      `from sklearn.cluster import KMeans\nout = {"inertia": [KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_ for X, k in [(X0, ${cases[0].k}), (X1, ${cases[1].k})]]}`,
      { X0: peerMatrix(cases[0].X), X1: peerMatrix(cases[1].X) },
    );
    cases.forEach((c, i) => {
      const ours = cluster.kmeans(c.X, { k: c.k, nInit: 10, seed: 0 });
      assert.ok(ours.inertia! <= peer.inertia[i] * (1 + 1e-9), `case ${i}: inertia ${ours.inertia} > sklearn ${peer.inertia[i]}`);
      // The inertia is the within-cluster sum of squares of the returned labels around their means.
      const d = c.X.cols, n = c.X.rows;
      const sums = new Float64Array(c.k * d), counts = new Float64Array(c.k);
      for (let p = 0; p < n; p++) { counts[ours.labels[p]]++; for (let q = 0; q < d; q++) sums[ours.labels[p] * d + q] += c.X.data[p * d + q]; }
      let wcss = 0;
      for (let p = 0; p < n; p++) for (let q = 0; q < d; q++) wcss += (c.X.data[p * d + q] - sums[ours.labels[p] * d + q] / counts[ours.labels[p]]) ** 2;
      assert.ok(Math.abs(wcss - ours.inertia!) <= 1e-9 * wcss, "inertia is the WCSS at convergence");
    });
  });

  it("kmeans and spectral with the same seed give the same labels bit for bit", () => {
    const X = data.blobs({ n: 400, k: 4, d: 3, std: 3, seed: 7 }).X;
    const a = cluster.kmeans(X, { k: 4, seed: 11, nInit: 3 });
    const b = cluster.kmeans(X, { k: 4, seed: 11, nInit: 3 });
    assert.deepEqual(a.labels, b.labels);
    assert.equal(a.inertia, b.inertia);
    const W = graph.affinity(X, { k: 10 });
    const s1 = cluster.spectral(W, { k: 4, seed: 3 }), s2 = cluster.spectral(W, { k: 4, seed: 3 });
    assert.deepEqual(s1.labels, s2.labels);
    assert.deepEqual(s1.embedding!.coords.data, s2.embedding!.coords.data);
  });

  const datasets = [
    { name: "blobs", cloud: () => data.blobs({ n: 450, k: 3, d: 2, std: 2.5, seed: 4 }), k: 3 },
    { name: "moons", cloud: () => data.moons({ n: 400, noise: 0.06, seed: 1 }), k: 2 },
    { name: "circles", cloud: () => data.circles({ n: 400, noise: 0.04, factor: 0.5, seed: 1 }), k: 2 },
  ];
  for (const ds of datasets) {
    it(`spectral(W, {k: ${ds.k}}) on ${ds.name}: ARI ≥ 0.99 against sklearn SpectralClustering(affinity="precomputed") on the same W, both assignments`, () => {
      const { X, labels: truth } = ds.cloud();
      const W = graph.affinity(X, { k: 10 });
      const peer = runPython(
        `import scipy.sparse as sp\nfrom sklearn.cluster import SpectralClustering\nW = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\n` +
          `out = {a: SpectralClustering(n_clusters=${ds.k}, affinity="precomputed", assign_labels=a, random_state=0).fit(W).labels_ for a in ["kmeans", "discretize"]}`,
        peerCsr("W", W),
      );
      for (const assign of ["kmeans", "discretize"] as const) {
        const ours = cluster.spectral(W, { k: ds.k, seed: 0, assign });
        const ari = adjustedRandIndex(ours.labels, peer[assign]);
        assert.ok(ari >= 0.99, `${assign}: ARI vs sklearn ${ari}`);
        assert.ok(adjustedRandIndex(ours.labels, truth!) >= 0.9, `${assign}: recovers the ground truth`);
        assert.equal(ours.embedding!.coords.cols, ds.k);
      }
    });
  }

  it("spectral on a graph with as many components as clusters separates them; more components than k is an error naming the count", () => {
    const { X, labels } = data.blobs({ n: 300, k: 3, d: 2, std: 0.5, seed: 1 });
    const W = graph.affinity(X, { k: 8 });
    assert.equal(graph.components(W).count, 3);
    assert.equal(adjustedRandIndex(cluster.spectral(W, { k: 3 }).labels, labels!), 1);
    assert.throws(() => cluster.spectral(W, { k: 2 }), (e: unknown) => e instanceof EigenlabError && /3 connected components/.test(e.message) && /k ≥ 3/.test(e.message));
  });

  it("spectral(W, {k}) with exactly k components uses the closed-form null space: L_sym·D^{1/2}u = 0, eigenvalues 0, labels = sklearn's", () => {
    const { X } = data.blobs({ n: 400, k: 4, d: 3, std: 0.4, seed: 5 });
    const W = graph.symmetrize(graph.knn(X, { k: 6, includeSelf: true }), "mean");
    assert.equal(graph.components(W).count, 4);
    const ours = cluster.spectral(W, { k: 4, seed: 0 });
    assert.match(ours.meta.solver, /components-null-space/);
    assert.deepEqual(Array.from(ours.embedding!.eigenvalues!), [0, 0, 0, 0]);
    // Each column u of the map is D^{-1/2} times a null vector of L_sym = I − D^{-1/2} W D^{-1/2}, i.e. D u = W u
    // off the diagonal; and the D^{1/2}u are orthonormal.
    const n = W.rows;
    const deg = new Float64Array(n);
    for (let r = 0; r < n; r++) for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) if (W.indices[p] !== r) deg[r] += W.values[p];
    const U = ours.embedding!.coords;
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < n; r++) {
        let wu = 0;
        for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) if (W.indices[p] !== r) wu += W.values[p] * U.get(W.indices[p], c);
        assert.ok(Math.abs(deg[r] * U.get(r, c) - wu) < 1e-14, `residual at node ${r}, column ${c}`);
      }
      for (let c2 = 0; c2 < 4; c2++) {
        let g = 0;
        for (let r = 0; r < n; r++) g += deg[r] * U.get(r, c) * U.get(r, c2);
        assert.ok(Math.abs(g - (c === c2 ? 1 : 0)) < 1e-12, `Gram entry ${c},${c2} = ${g}`);
      }
    }
    const peer = runPython(
      `import scipy.sparse as sp\nfrom sklearn.cluster import SpectralClustering\nA = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\n` +
        `out = {"labels": SpectralClustering(n_clusters=4, affinity="precomputed", eigen_solver="arpack", random_state=0).fit(A).labels_}`,
      peerCsr("W", W),
    );
    assert.equal(adjustedRandIndex(ours.labels, peer.labels), 1);
  });

  it("ncut(W) splits two cliques joined by one edge at that edge, and reports the Ncut of its partition", () => {
    const edges: [number, number][] = [];
    for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) { edges.push([a, b]); edges.push([a + 6, b + 6]); }
    edges.push([5, 6]);
    const W = graph.fromEdges(12, edges);
    const c = cluster.ncut(W);
    assert.deepEqual(Array.from(c.labels), [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    // cut = 1, assoc(A, V) = assoc(B, V) = 2·15 + 1 = 31.
    assert.ok(Math.abs((c.meta.ncuts as number[])[0] - 2 / 31) < 1e-14);
  });

  it("ncut(W, {k: 3}) recovers three blobs (ARI ≥ 0.95) with Ncut values in [0, 2)", () => {
    const { X, labels } = data.blobs({ n: 300, k: 3, d: 2, std: 2, seed: 4 });
    const W = graph.affinity(X, { k: 10 });
    assert.equal(graph.components(W).count, 1);
    const c = cluster.ncut(W, { k: 3 });
    assert.ok(adjustedRandIndex(c.labels, labels!) >= 0.95, `ARI ${adjustedRandIndex(c.labels, labels!)}`);
    for (const v of c.meta.ncuts as number[]) assert.ok(v >= 0 && v < 2);
  });

  it("eigengap(values) picks the number of blobs from the normalized Laplacian spectrum", () => {
    const { X } = data.blobs({ n: 400, k: 4, d: 2, std: 1, seed: 8 });
    const W = graph.affinity(X, { k: 10, symmetrize: "max" });
    const L = graph.laplacian(W, { kind: "sym" });
    const values = runPython(`out = {"w": np.linalg.eigvalsh(L)[:10]}`, { L: peerMatrix(L.toDense()) }).w;
    assert.equal(cluster.eigengap(values).k, 4);
    assert.throws(() => cluster.eigengap([0, 2, 1]), /ascending/);
  });

  it("bad input: k too large, missing k, non-symmetric affinity", () => {
    const X = Matrix.random(10, 2, { seed: 1 });
    assert.throws(() => cluster.kmeans(X, { k: 11 }), /k = 11 clusters/);
    assert.throws(() => cluster.kmeans(X, {} as never), /option k is required/);
    const W = graph.knn(X, { k: 3 });
    assert.throws(() => cluster.spectral(W, { k: 2 }), /not symmetric.*graph.symmetrize/);
  });
});
