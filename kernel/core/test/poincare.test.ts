import { strict as assert } from "assert";
import { EigenlabError, embed, Matrix, Rng } from "../src";
import { poincareDistanceGrad } from "../src/embed/poincare";
import { runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

/** The transitive closure (child → every proper ancestor) of a complete tree with the given branching and depth; node 0 the root. */
function treeClosure(branching: number, depth: number): { pairs: [number, number][]; n: number } {
  const parent: number[] = [-1];
  let level = [0];
  for (let d = 0; d < depth; d++) {
    const next: number[] = [];
    for (const p of level) for (let b = 0; b < branching; b++) { next.push(parent.length); parent.push(p); }
    level = next;
  }
  const pairs: [number, number][] = [];
  for (let i = 1; i < parent.length; i++) for (let a = parent[i]; a >= 0; a = parent[a]) pairs.push([i, a]);
  return { pairs, n: parent.length };
}

describe("embed.poincare", function () {
  this.timeout(60_000);

  it("poincareDistanceGrad(x, y) is the gradient of arcosh(1 + 2‖x−y‖²/((1−‖x‖²)(1−‖y‖²))): central differences agree to 1e-7", () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const dim = 1 + (trial % 5);
      // Points at radius up to 0.95, where the metric factor is large.
      const point = () => {
        const x = Float64Array.from({ length: dim }, () => rng.normal());
        const r = (0.95 * rng.uniform()) / Math.hypot(...x);
        return x.map((t) => t * r);
      };
      const x = point();
      const y = point();
      const gx = new Float64Array(dim);
      const gy = new Float64Array(dim);
      const d = poincareDistanceGrad(x, y, gx, gy);
      assert.equal(d, embed.poincareDistance(x, y));
      const h = 1e-6;
      for (let k = 0; k < dim; k++) {
        for (const [v, g] of [[x, gx], [y, gy]] as const) {
          const p = v.slice();
          const m = v.slice();
          p[k] += h;
          m[k] -= h;
          const fd = v === x ? (embed.poincareDistance(p, y) - embed.poincareDistance(m, y)) / (2 * h) : (embed.poincareDistance(x, p) - embed.poincareDistance(x, m)) / (2 * h);
          assertBelow(Math.abs(fd - g[k]) / Math.max(1, Math.abs(g[k])), 1e-7, `∂d/∂${v === x ? "x" : "y"}[${k}] trial ${trial}`);
        }
      }
    }
  });

  it("poincareDistance(u, v) ≥ 0, symmetric, 0 on the diagonal, and 2·artanh(‖v‖) from the origin", () => {
    const rng = new Rng(6);
    for (let t = 0; t < 50; t++) {
      const u = Float64Array.from({ length: 3 }, () => (rng.uniform() - 0.5) * 1.1);
      const v = Float64Array.from({ length: 3 }, () => (rng.uniform() - 0.5) * 1.1);
      const d = embed.poincareDistance(u, v);
      assert.ok(d > 0);
      assert.equal(d, embed.poincareDistance(v, u));
      assert.equal(embed.poincareDistance(u, u), 0);
      const r = Math.hypot(...v);
      assertBelow(Math.abs(embed.poincareDistance([0, 0, 0], v) - 2 * Math.atanh(r)) / (2 * Math.atanh(r)), 1e-14, "distance from the origin");
    }
    assert.throws(() => embed.poincareDistance([1, 0], [0, 0]), (e: unknown) => e instanceof EigenlabError && /open unit ball/.test(e.message));
  });

  it("poincare(pairs, { epochs: 1 }) on one pair with one possible negative takes exactly the paper's Riemannian step (eq. 5–7)", () => {
    for (const manifold of ["poincare", "euclidean"] as const) {
      const lr = 0.7;
      const E = embed.poincare([[0, 1]], { n: 3, dim: 4, epochs: 1, burnIn: 0, lr, negatives: 1, seed: 9, manifold });
      // Same init as the implementation: uniform [−1e−3, 1e−3] from stream 0 of the seed.
      const X0 = new Rng(9).stream(0).fillUniform(new Float64Array(12), -1e-3, 1e-3);
      const u = X0.subarray(0, 4);
      const v = X0.subarray(4, 8);
      const w = X0.subarray(8, 12); // node 2: the only node with (0, w) ∉ D and w ≠ 0
      const gv = new Float64Array(4);
      const gw = new Float64Array(4);
      const gu1 = new Float64Array(4);
      const gu2 = new Float64Array(4);
      let d1: number;
      let d2: number;
      if (manifold === "poincare") {
        d1 = poincareDistanceGrad(u, v, gu1, gv);
        d2 = poincareDistanceGrad(u, w, gu2, gw);
      } else {
        d1 = d2 = 0;
        for (let k = 0; k < 4; k++) {
          d1 += (u[k] - v[k]) ** 2;
          d2 += (u[k] - w[k]) ** 2;
          gu1[k] = 2 * (u[k] - v[k]);
          gv[k] = -gu1[k];
          gu2[k] = 2 * (u[k] - w[k]);
          gw[k] = -gu2[k];
        }
      }
      // (The step moves points by O(1) here, so 1e-15 is a few ulps of the result.)
      // L = d1 + log(e^{−d1} + e^{−d2}): ∂L/∂d1 = 1 − p1, ∂L/∂d2 = −p2.
      const p1 = 1 / (1 + Math.exp(d1 - d2));
      const w1 = 1 - p1;
      const w2 = -(1 - p1);
      const scale = (x: Float64Array) => (manifold === "poincare" ? (1 - x.reduce((s, t) => s + t * t, 0)) ** 2 / 4 : 1);
      const expected = [
        u.map((t, k) => t - lr * scale(u) * (w1 * gu1[k] + w2 * gu2[k])),
        v.map((t, k) => t - lr * scale(v) * w1 * gv[k]),
        w.map((t, k) => t - lr * scale(w) * w2 * gw[k]),
      ];
      for (let i = 0; i < 3; i++) {
        for (let k = 0; k < 4; k++) {
          assertBelow(Math.abs(E.coords.get(i, k) - expected[i][k]), 1e-15, `${manifold} point ${i}[${k}]`);
        }
      }
      assert.ok(E.coords.get(0, 0) !== X0[0], "the step moved u");
    }
  });

  it("poincare(tree) keeps every point inside the ball (norm ≤ 1 − eps), even at a large learning rate", () => {
    const { pairs } = treeClosure(3, 3);
    const eps = 1e-3;
    const E = embed.poincare(pairs, { dim: 2, epochs: 60, lr: 5, eps, seed: 2 });
    let maxNorm = 0;
    for (let i = 0; i < E.coords.rows; i++) maxNorm = Math.max(maxNorm, Math.hypot(...E.coords.row(i)));
    assert.ok(maxNorm <= 1 - eps + 1e-15, `max norm ${maxNorm}`);
    assert.ok(maxNorm > 0.99, `a large rate pushes leaves to the boundary (max norm ${maxNorm})`);
    assert.ok(E.coords.data.every(Number.isFinite));
  });

  it("poincare(pairs, { seed }) is deterministic: the same seed gives the same bits, another seed other points", () => {
    const { pairs } = treeClosure(2, 4);
    const a = embed.poincare(pairs, { dim: 3, epochs: 20, seed: 7 });
    const b = embed.poincare(pairs, { dim: 3, epochs: 20, seed: 7 });
    const c = embed.poincare(pairs, { dim: 3, epochs: 20, seed: 8 });
    assert.deepEqual(Array.from(a.coords.data), Array.from(b.coords.data));
    assert.notDeepEqual(Array.from(a.coords.data), Array.from(c.coords.data));
    assert.equal(a.meta.model, "poincare");
    assert.equal(a.meta.seed, 7);
    assert.equal((a.meta.loss as number[]).length, 20);
  });

  it("poincare(tree closure, { dim: 2 }) reconstructs the hierarchy: MAP > 0.9, and beats the trained 2-D Euclidean embedding", () => {
    const { pairs, n } = treeClosure(3, 3); // 40 nodes, 102 pairs
    const P = embed.poincare(pairs, { dim: 2, epochs: 300, negatives: 10, seed: 1 });
    const r = embed.reconstruction(P, pairs);
    assert.equal(r.pairs, pairs.length);
    assert.equal(r.nodes, n - 1);
    assert.ok(r.map > 0.9, `Poincaré MAP ${r.map}`);
    const Eu = embed.poincare(pairs, { dim: 2, epochs: 300, negatives: 10, lr: 0.03, seed: 1, manifold: "euclidean" });
    assert.equal(Eu.meta.model, "euclidean");
    const re = embed.reconstruction(Eu, pairs);
    assert.ok(re.map < r.map && re.meanRank > r.meanRank, `Euclidean ${JSON.stringify(re)} vs Poincaré ${JSON.stringify(r)}`);
    // The loss fell.
    const loss = P.meta.loss as number[];
    assert.ok(loss[loss.length - 1] < 0.5 * loss[0], `loss ${loss[0]} → ${loss[loss.length - 1]}`);
  });

  it("poincare checks its input and options", () => {
    const bad = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof EigenlabError && re.test(e.message));
    bad(() => embed.poincare([], {}), /no pairs/);
    bad(() => embed.poincare([[0, 0]], {}), /to itself/);
    bad(() => embed.poincare([[0, -1]], {}), /non-negative integers/);
    bad(() => embed.poincare({ child: [1, 2], ancestor: [0] }, {}), /child has 2 entries/);
    bad(() => embed.poincare([[0, 5]], { n: 3 }), /needs n ≥ 6/);
    bad(() => embed.poincare([[0, 1]], { eps: 1 }), /eps/);
    bad(() => embed.poincare([[0, 1]], { manifold: "sphere" as "poincare" }), /manifold/);
    bad(() => embed.poincare([[0, 1]], { epoch: 3 } as object), /epoch/);
  });
});

describe("embed.reconstruction", function () {
  this.timeout(60_000);

  it("reconstruction(X, pairs) equals the paper's evaluation code (mean rank among non-neighbours, scikit-learn average_precision_score)", () => {
    const rng = new Rng(3);
    const n = 40;
    const X = new Matrix(n, 3, Float64Array.from({ length: n * 3 }, () => (rng.uniform() - 0.5) * 1.2));
    const pairs: [number, number][] = [];
    for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (u !== v && rng.uniform() < 0.1) pairs.push([u, v]);
    const ours = { p: embed.reconstruction(X, pairs, { distance: "poincare" }), e: embed.reconstruction(X, pairs, { distance: "euclidean" }) };
    // The reference implementation's ranking (facebookresearch/poincare-embeddings, 2017 embed.py `ranking`).
    const peer = runPython(
      `from sklearn.metrics import average_precision_score
def pdist(x, Y):
    a = 1 - (x * x).sum(); b = 1 - (Y * Y).sum(1)
    return np.arccosh(1 + 2 * ((Y - x) ** 2).sum(1) / (a * b))
def edist(x, Y):
    return np.sqrt(((Y - x) ** 2).sum(1))
types = {}
for u, v in P.astype(int):
    types.setdefault(u, set()).add(v)
out = {}
for name, dist in [("p", pdist), ("e", edist)]:
    ranks, aps = [], []
    for s, st in types.items():
        d = dist(X[s], X); d[s] = 1e12
        labels = np.zeros(len(X)); masked = d.copy()
        for o in st: masked[o] = np.inf; labels[o] = 1
        aps.append(average_precision_score(labels, -d))
        for o in st:
            dd = masked.copy(); dd[o] = d[o]
            ranks.append(1 + int((np.delete(dd, o) <= d[o]).sum()))
    out[name] = [float(np.mean(ranks)), float(np.mean(aps)), len(ranks), len(aps)]`,
      { X: { shape: [n, 3], data: X.data }, P: { shape: [pairs.length, 2], data: Float64Array.from(pairs.flat()) } },
    ) as Record<string, number[]>;
    for (const k of ["p", "e"] as const) {
      const [rank, map, count, nodes] = peer[k];
      assertBelow(Math.abs(ours[k].meanRank - rank), 1e-12, `${k} mean rank ${ours[k].meanRank} vs ${rank}`);
      assertBelow(Math.abs(ours[k].map - map), 1e-12, `${k} MAP ${ours[k].map} vs ${map}`);
      assert.equal(ours[k].pairs, count);
      assert.equal(ours[k].nodes, nodes);
    }
  });

  it("reconstruction(poincare embedding) ranks by hyperbolic distance unless told otherwise, and refuses points outside the ball", () => {
    const { pairs } = treeClosure(2, 3);
    const E = embed.poincare(pairs, { dim: 2, epochs: 50, seed: 3 });
    assert.deepEqual(embed.reconstruction(E, pairs), embed.reconstruction(E, pairs, { distance: "poincare" }));
    assert.throws(() => embed.reconstruction(Matrix.from([[0], [2]]), [[0, 1]], { distance: "poincare" }), (e: unknown) => e instanceof EigenlabError && /outside the open unit ball/.test(e.message));
  });
});
