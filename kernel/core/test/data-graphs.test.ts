import { strict as assert } from "assert";
import { data, EigenlabError } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";

describe("data (graphs and matrices)", function () {
  this.timeout(60_000);

  it("karateClub() is networkx's karate_club_graph (edges, weights, clubs)", () => {
    const k = data.karateClub();
    const w = data.karateClub({ weighted: true });
    const peer = runPython(
      `import networkx as nx, scipy.sparse as sp
G = nx.karate_club_graph()
A = sp.csr_matrix((K_values, K_indices, K_indptr), shape=(K_rows, K_cols))
B = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))
out = {"unweighted": float(abs(A - nx.to_scipy_sparse_array(G, nodelist=range(34), weight=None)).sum()),
       "weighted": float(abs(B - nx.to_scipy_sparse_array(G, nodelist=range(34), weight="weight")).sum()),
       "club": [G.nodes[i]["club"] for i in range(34)]}`,
      { ...peerCsr("K", k.graph), ...peerCsr("W", w.graph) },
    );
    assert.equal(peer.unweighted, 0);
    assert.equal(peer.weighted, 0);
    assert.deepEqual(Array.from(k.labels, (l) => k.labelNames[l]), peer.club);
    assert.equal(k.graph.nnz, 156);
  });

  it("lesMiserables() is the vega-datasets json (77 characters, 254 weighted links) and networkx's les_miserables_graph", () => {
    const lm = data.lesMiserables();
    const peer = runPython(
      `import networkx as nx, scipy.sparse as sp
A = sp.csr_matrix((L_values, L_indices, L_indptr), shape=(L_rows, L_cols))
G = nx.les_miserables_graph()
idx = {name: i for i, name in enumerate(names.split("|"))}
# networkx spells some names differently (e.g. "Mlle.Baptistine" vs "MlleBaptistine"): match ignoring dots.
key = lambda s: s.replace(".", "").replace("-", "").lower()
byKey = {key(nm): i for nm, i in idx.items()}
M = sp.lil_matrix(A.shape)
missing = []
for u, v, d in G.edges(data=True):
    if key(u) not in byKey or key(v) not in byKey: missing.append((u, v)); continue
    i, j = byKey[key(u)], byKey[key(v)]
    M[i, j] = d["weight"]; M[j, i] = d["weight"]
out = {"diff": float(abs(A - M.tocsr()).sum()), "missing": len(missing), "edges": G.number_of_edges()}`,
      { ...peerCsr("L", lm.graph), names: lm.names.join("|") },
    );
    assert.equal(lm.names.length, 77);
    assert.equal(lm.graph.nnz, 2 * 254);
    assert.equal(peer.missing, 0);
    assert.equal(peer.edges, 254);
    assert.equal(peer.diff, 0);
    assert.equal(lm.names[11], "Valjean");
  });

  it("digits() is sklearn's load_digits (1797 × 64, labels)", () => {
    const d = data.digits();
    const peer = runPython(
      `from sklearn.datasets import load_digits
D = load_digits()
out = {"dx": float(np.abs(D.data - X).max()), "dy": int(np.abs(D.target - y).max())}`,
      { X: { shape: [1797, 64], data: d.X.data }, y: { shape: [1797], data: d.labels } },
    );
    assert.equal(peer.dx, 0);
    assert.equal(peer.dy, 0);
  });

  it("sbm({ sizes, pIn, pOut, seed }) has the block densities of the model, no self-loops, symmetric", () => {
    const { graph, labels } = data.sbm({ sizes: [300, 200, 100], pIn: 0.1, pOut: 0.01, seed: 7 });
    assert.equal(graph.asymmetry().value, 0);
    assert.equal(graph.diagonal().some((x) => x !== 0), false);
    const sizes = [300, 200, 100];
    const counts = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (let r = 0; r < graph.rows; r++) for (let p = graph.indptr[r]; p < graph.indptr[r + 1]; p++) counts[labels[r]][labels[graph.indices[p]]]++;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const pairs = a === b ? sizes[a] * (sizes[a] - 1) : sizes[a] * sizes[b];
        const p = a === b ? 0.1 : 0.01;
        const sd = Math.sqrt(p * (1 - p) / (a === b ? pairs / 2 : pairs));
        assert.ok(Math.abs(counts[a][b] / pairs - p) < 5 * sd, `density of block pair (${a}, ${b})`);
      }
    }
    const again = data.sbm({ sizes: [300, 200, 100], pIn: 0.1, pOut: 0.01, seed: 7 });
    assert.deepEqual(again.graph.indices, graph.indices);
    assert.notDeepEqual(data.sbm({ sizes: [300, 200, 100], pIn: 0.1, pOut: 0.01, seed: 8 }).graph.indices, graph.indices);
    // pIn = 1, pOut = 0: disjoint cliques.
    const cliques = data.sbm({ sizes: [4, 3], pIn: 1, pOut: 0 });
    assert.equal(cliques.graph.nnz, 4 * 3 + 3 * 2);
  });

  it("spikedWishart({ n, p, spikes, seed }) has covariance σ²I + Σ θ uuᵀ", () => {
    const sw = data.spikedWishart({ n: 4000, p: 20, spikes: [5], sigma2: 2, seed: 1 });
    const peer = runPython(
      `C = X.T @ X / X.shape[0]
out = {"top": float(U[:, 0] @ C @ U[:, 0]), "orth": float(np.abs(U.T @ U - np.eye(U.shape[1])).max()),
       "tr": float(np.trace(C))}`,
      { X: { shape: [4000, 20], data: sw.X.data }, U: { shape: [20, 1], data: sw.directions.data } },
    );
    assert.ok(Math.abs(peer.top - 7) < 0.5, `variance along the spike ${peer.top}`);
    assert.ok(peer.orth < 1e-12);
    assert.ok(Math.abs(peer.tr - (2 * 20 + 5)) < 2);
  });

  it("bad options throw EigenlabError saying what to pass", () => {
    assert.throws(() => data.sbm({ sizes: [3, 0], pIn: 0.5 }), EigenlabError);
    assert.throws(() => data.sbm({ sizes: [3], pIn: 1.5 }), /probabilities/);
    assert.throws(() => data.spikedWishart({ n: 10, p: 2, spikes: [1, 1, 1] }), /features/);
    assert.throws(() => data.spikedWishart({ n: 10, p: 5, spikes: [-1] }), /non-negative/);
    assert.throws(() => data.karateClub({ weight: true } as never), /unknown option/);
  });
});
