import { strict as assert } from "assert";
import { CsrMatrix, Clustering, cluster, data, graph, EigenlabError } from "../src";
import { runPython } from "../../../test/util/peer";

/** networkx's greedy_modularity_communities (CNM) and modularity on the same adjacency, as labels by node. */
function peerCommunities(G: CsrMatrix, resolution = 1): { labels: number[]; modularity: number } {
  return runPython(
    `import networkx as nx, scipy.sparse as sp
from networkx.algorithms import community as nxc
A = sp.csr_matrix((v, j, ip), shape=(len(ip) - 1, len(ip) - 1))
G = nx.from_scipy_sparse_array(A)
cs = nxc.greedy_modularity_communities(G, weight="weight", resolution=${resolution})
lab = np.zeros(A.shape[0], int)
for c, s in enumerate(cs):
    for u in s: lab[u] = c
out = {"labels": lab.tolist(), "modularity": nxc.modularity(G, cs, weight="weight", resolution=${resolution})}`,
    { v: { shape: [G.nnz], data: G.values }, j: { shape: [G.nnz], data: G.indices }, ip: { shape: [G.rows + 1], data: G.indptr } },
  ) as { labels: number[]; modularity: number };
}

/** True when two labelings are the same partition (equal up to renaming the labels). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

describe("graph.greedyModularity / cluster.nmi", function () {
  this.timeout(60_000);

  const cases: [string, CsrMatrix, number][] = [
    ["lesMiserables() (weighted)", data.lesMiserables().graph, 1],
    ["lesMiserables({ weighted: false })", data.lesMiserables({ weighted: false }).graph, 1],
    ["karateClub()", data.karateClub().graph, 1],
    ["sbm(4 × 60, pIn 0.2, pOut 0.02)", data.sbm({ sizes: [60, 60, 60, 60], pIn: 0.2, pOut: 0.02, seed: 3 }).graph, 1],
    ["lesMiserables() at resolution 2", data.lesMiserables().graph, 2],
  ];
  for (const [name, G, resolution] of cases) {
    it(`greedyModularity(${name}) makes networkx's CNM merges: same partition, same modularity`, () => {
      const ours = graph.greedyModularity(G, { resolution });
      const peer = peerCommunities(G, resolution);
      assert.ok(samePartition(ours.labels, peer.labels), `partitions differ: ${ours.labels} vs ${peer.labels}`);
      assert.ok(Math.abs((ours.meta.modularity as number) - peer.modularity) < 1e-12, `Q ${ours.meta.modularity} vs ${peer.modularity}`);
      // Labels numbered by decreasing community size.
      const sizes = ours.sizes();
      for (let c = 1; c < ours.k; c++) assert.ok(sizes[c - 1] >= sizes[c]);
    });
  }

  it("greedyModularity finds the planted blocks of a well separated SBM", () => {
    const g = data.sbm({ sizes: [50, 50, 50], pIn: 0.3, pOut: 0.01, seed: 1 });
    const c = graph.greedyModularity(g.graph);
    assert.equal(c.k, 3);
    assert.ok(samePartition(c.labels, g.labels));
    assert.equal(cluster.nmi(c, g.labels), 1);
  });

  it("nmi(a, b) equals scikit-learn's normalized_mutual_info_score (arithmetic mean)", () => {
    const n = 300;
    const a = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 5);
    const b = Int32Array.from({ length: n }, (_, i) => ((i * 104729) % 4) + (i % 3 === 0 ? 2 : 0));
    const peer = runPython(
      `from sklearn.metrics import normalized_mutual_info_score as nmi
out = {"ab": nmi(a, b), "aa": nmi(a, a), "ac": nmi(a, np.zeros_like(a))}`,
      { a: { shape: [n], data: a }, b: { shape: [n], data: b } },
    ) as { ab: number; aa: number; ac: number };
    assert.ok(Math.abs(cluster.nmi(a, b) - peer.ab) < 1e-12, `${cluster.nmi(a, b)} vs ${peer.ab}`);
    assert.ok(Math.abs(cluster.nmi(a, Array.from(a, (x) => 9 - x)) - 1) < 1e-12, "relabelled copy gives 1");
    assert.ok(Math.abs(cluster.nmi(a, a) - peer.aa) < 1e-12);
    assert.equal(cluster.nmi(a, new Int32Array(n)), peer.ac);
    assert.equal(cluster.nmi(new Int32Array(4), new Int32Array(4)), 1);
  });

  it("bad input throws EigenlabError saying what to do", () => {
    const K = data.karateClub().graph;
    assert.throws(() => graph.greedyModularity(K, { gamma: 1 } as never), /unknown option "gamma"/);
    assert.throws(() => graph.greedyModularity(K, { resolution: 0 }), /resolution must be a positive/);
    assert.throws(() => graph.greedyModularity(CsrMatrix.fromTriplets(2, 2, [0], [1], [1])), /not symmetric/);
    assert.throws(() => graph.greedyModularity(CsrMatrix.fromTriplets(3, 3, [], [], [])), /no edges/);
    assert.throws(() => cluster.nmi([0, 1], [0, 1, 1]), /2 and 3 entries/);
    assert.throws(() => cluster.nmi([0, 1.5], [0, 1]), /non-negative integers/);
    assert.throws(() => cluster.nmi([0, -1], [0, 1]), EigenlabError);
    assert.ok(graph.greedyModularity(K) instanceof Clustering);
  });
});
