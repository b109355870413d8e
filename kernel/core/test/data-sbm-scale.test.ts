/** data.sbm samples each block pair by geometric skipping (Batagelj & Brandes 2005): O(n + edges), seeded. */
import { strict as assert } from "assert";
import { data } from "../src";

describe("data.sbm at scale (#16 follow-up)", function () {
  this.timeout(60000);

  it("sbm({ sizes: [6000, 4000, 2000], pIn: 3×3 matrix, seed }) has every block pair's density within 4 sigma; same seed, same graph", () => {
    const sizes = [6000, 4000, 2000];
    const P = [[2e-3, 1e-4, 5e-4], [1e-4, 4e-3, 0], [5e-4, 0, 1e-2]];
    const { graph, labels } = data.sbm({ sizes, pIn: P, seed: 11 });
    const counts = P.map((r) => r.map(() => 0));
    for (let r = 0; r < graph.rows; r++) for (let p = graph.indptr[r]; p < graph.indptr[r + 1]; p++) counts[labels[r]][labels[graph.indices[p]]]++;
    for (let a = 0; a < 3; a++) {
      for (let b = a; b < 3; b++) {
        // edges of the pair: each stored twice inside a block (i→j and j→i), once per direction across blocks
        const edges = a === b ? counts[a][a] / 2 : counts[a][b];
        const pairs = a === b ? (sizes[a] * (sizes[a] - 1)) / 2 : sizes[a] * sizes[b];
        const mean = pairs * P[a][b];
        const sd = Math.sqrt(pairs * P[a][b] * (1 - P[a][b]));
        if (P[a][b] === 0) assert.equal(edges, 0, `block pair (${a}, ${b}) has probability 0`);
        else assert.ok(Math.abs(edges - mean) < 4 * sd, `block pair (${a}, ${b}): ${edges} edges, expected ${mean} ± ${sd}`);
      }
    }
    const again = data.sbm({ sizes, pIn: P, seed: 11 });
    assert.deepEqual(again.graph.indptr, graph.indptr);
    assert.deepEqual(again.graph.indices, graph.indices);
  });

  it("sbm({ sizes: [10⁵, 10⁵], pIn: 5e-5, pOut: 1e-5 }) takes time in proportion to the edges, not to the 2·10¹⁰ pairs", () => {
    const t0 = Date.now();
    const { graph } = data.sbm({ sizes: [1e5, 1e5], pIn: 5e-5, pOut: 1e-5, seed: 2 });
    const ms = Date.now() - t0;
    // expected edges: 2·C(10⁵, 2)·5e-5 + 10¹⁰·1e-5 ≈ 6·10⁵ (1.2·10⁶ stored entries)
    assert.ok(Math.abs(graph.nnz / 2 - 6e5) < 4 * Math.sqrt(6e5), `edges ${graph.nnz / 2}`);
    // an O(n²) loop over 2·10¹⁰ pairs would take minutes; O(edges) takes well under a second on a quiet core
    assert.ok(ms < 15000, `${ms} ms`);
  });
});
