import { strict as assert } from "assert";
import { cluster, data, graph, CsrMatrix, EigenlabError, Rng } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";

describe("cluster.accuracy", function () {
  this.timeout(60_000);

  it("accuracy(pred, truth) equals scipy's linear_sum_assignment on the contingency table, for equal, more and fewer clusters than classes", () => {
    const rng = new Rng(3);
    const n = 500;
    const truth = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 6));
    // A noisy relabelling of the truth (40 % of points moved), with 6, 9 and 4 clusters.
    const noisy = (k: number) => Int32Array.from(truth, (t) => (rng.uniform() < 0.4 ? Math.floor(rng.uniform() * k) : (t * 5 + 2) % k));
    const cases = { same: noisy(6), more: noisy(9), fewer: noisy(4) };
    const peer = runPython(
      `from scipy.optimize import linear_sum_assignment
from sklearn.metrics.cluster import contingency_matrix
def acc(p, t):
    C = contingency_matrix(t, p)
    r, c = linear_sum_assignment(-C)
    return C[r, c].sum() / len(t)
out = {"same": acc(same, truth), "more": acc(more, truth), "fewer": acc(fewer, truth)}`,
      { truth: { shape: [n], data: truth }, ...Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, { shape: [n], data: v }])) },
    ) as Record<string, number>;
    for (const [name, pred] of Object.entries(cases)) {
      assert.equal(cluster.accuracy(pred, truth), peer[name], name);
      assert.ok(peer[name] > 0.3 && peer[name] < 1, `${name}: between chance (about 1/6) and perfect (${peer[name]})`);
    }
  });

  it("accuracy is 1 under renaming, matches exhaustive search over all matchings on small tables", () => {
    assert.equal(cluster.accuracy([5, 5, 9, 9, 7], [0, 0, 1, 1, 2]), 1);
    const rng = new Rng(11);
    const perms = (a: number[]): number[][] => (a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p])));
    for (let trial = 0; trial < 20; trial++) {
      const n = 30;
      const t = Array.from({ length: n }, () => Math.floor(rng.uniform() * 5));
      const p = Array.from({ length: n }, () => Math.floor(rng.uniform() * 5));
      let best = 0;
      for (const perm of perms([0, 1, 2, 3, 4])) best = Math.max(best, p.filter((x, i) => perm[x] === t[i]).length);
      assert.equal(cluster.accuracy(p, t), best / n);
    }
  });

  it("bad input throws EigenlabError saying what to do", () => {
    assert.throws(() => cluster.accuracy([0, 1], [0, 1, 1]), /2 and 3 entries/);
    assert.throws(() => cluster.accuracy([0, -1], [0, 1]), EigenlabError);
  });
});

describe("graph.eigenvectorCentrality", function () {
  this.timeout(60_000);

  it("eigenvectorCentrality(W) equals networkx's eigenvector_centrality_numpy on the weighted US airport network and Les Misérables", () => {
    const air = data.usAirports({ directed: false }).W;
    const les = data.lesMiserables().graph;
    const peer = runPython(
      `import networkx as nx, scipy.sparse as sp
def ec(p):
    A = sp.csr_matrix((globals()[p + "_values"], globals()[p + "_indices"], globals()[p + "_indptr"]), shape=(globals()[p + "_rows"], globals()[p + "_cols"]))
    G = nx.from_scipy_sparse_array(A)
    c = nx.eigenvector_centrality_numpy(G, weight="weight")
    return [c[i] for i in range(A.shape[0])]
out = {"air": ec("air"), "les": ec("les")}`,
      { ...peerCsr("air", air), ...peerCsr("les", les) },
    ) as Record<string, number[]>;
    for (const [name, W] of [["air", air], ["les", les]] as [string, CsrMatrix][]) {
      const x = graph.eigenvectorCentrality(W);
      let err = 0;
      for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(x[i] - peer[name][i]));
      assert.ok(err < 1e-9, `${name}: max difference ${err}`);
      // and it is an eigenvector of W with the largest eigenvalue
      const Wx = W.matvec(x);
      const lambda = Wx.reduce((s, v, i) => s + v * x[i], 0);
      for (let i = 0; i < x.length; i++) assert.ok(Math.abs(Wx[i] - lambda * x[i]) < 1e-8 * lambda);
    }
  });

  it("a disconnected graph or an asymmetric one is an EigenlabError that says what to do", () => {
    assert.throws(() => graph.eigenvectorCentrality(graph.fromEdges(4, [[0, 1], [2, 3]])), (e: unknown) => e instanceof EigenlabError && /component/.test(e.message));
    assert.throws(() => graph.eigenvectorCentrality(CsrMatrix.fromTriplets(2, 2, [0], [1], [1])), EigenlabError);
    assert.throws(() => graph.eigenvectorCentrality(graph.fromEdges(2, [[0, 1]]), { k: 1 } as never), /k/);
  });
});
