import { strict as assert } from "assert";
import { cluster, Clustering, EigenlabError } from "../src";
import { runPython } from "../../../test/util/peer";

describe("cluster.ari", function () {
  this.timeout(60_000);

  it("ari(a, b) equals scikit-learn's adjusted_rand_score on unrelated, related and degenerate labelings", () => {
    const n = 400;
    const a = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 5);
    const b = Int32Array.from({ length: n }, (_, i) => ((i * 104729) % 4) + (i % 3 === 0 ? 2 : 0));
    const c = Int32Array.from(a, (x, i) => (i % 10 === 0 ? (x + 1) % 5 : x)); // a with 10 % of points moved
    const peer = runPython(
      `from sklearn.metrics import adjusted_rand_score as ari
out = {"ab": ari(a, b), "ac": ari(a, c), "aa": ari(a, a), "a0": ari(a, np.zeros_like(a)),
       "ones": ari(np.zeros(5, int), np.zeros(5, int)), "alone": ari(np.arange(5), np.arange(5))}`,
      { a: { shape: [n], data: a }, b: { shape: [n], data: b }, c: { shape: [n], data: c } },
    ) as Record<string, number>;
    assert.ok(Math.abs(cluster.ari(a, b) - peer.ab) < 1e-12, `${cluster.ari(a, b)} vs ${peer.ab}`);
    assert.ok(Math.abs(cluster.ari(a, c) - peer.ac) < 1e-12, `${cluster.ari(a, c)} vs ${peer.ac}`);
    assert.ok(peer.ac > 0.5 && peer.ac < 1, "the related labeling scores between chance and identity");
    assert.equal(cluster.ari(a, a), peer.aa);
    assert.ok(Math.abs(cluster.ari(a, new Int32Array(n)) - peer.a0) < 1e-12);
    assert.equal(cluster.ari(new Int32Array(5), new Int32Array(5)), peer.ones);
    assert.equal(cluster.ari([0, 1, 2, 3, 4], [0, 1, 2, 3, 4]), peer.alone);
  });

  it("ari is symmetric and invariant under renaming the labels", () => {
    const a = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    const b = [1, 1, 2, 2, 0, 0, 0, 0, 1];
    assert.ok(Math.abs(cluster.ari(a, b) - cluster.ari(b, a)) < 1e-15);
    assert.ok(Math.abs(cluster.ari(a, b) - cluster.ari(a.map((x) => 7 - x), b.map((x) => x + 10))) < 1e-15);
    const C = new Clustering({ labels: Int32Array.from(a), k: 3, meta: { solver: "test", backend: "cpu", precision: "float64", version: "0", inputShape: [9] } });
    assert.equal(cluster.ari(C, a), 1);
  });

  it("bad input throws EigenlabError saying what to do", () => {
    assert.throws(() => cluster.ari([0, 1], [0, 1, 1]), /2 and 3 entries/);
    assert.throws(() => cluster.ari([0, 1.5], [0, 1]), /non-negative integers/);
    assert.throws(() => cluster.ari([0, -1], [0, 1]), EigenlabError);
  });
});
