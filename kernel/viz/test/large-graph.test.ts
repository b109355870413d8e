import { strict as assert } from "assert";
import { CsrMatrix, data } from "@eigenlab/core";
import { decodeArray, graphPayload, toPayload, toText } from "../src";
import type { GraphPayload } from "../src";
import { displayKind } from "../src/kinds";
import { LARGE_GRAPH_FROM, largeSweeps, powerIterationLayout, spectralLayout, thinEdges } from "../src/layout";
import { LIMITS } from "../src/limits";

/** R² of the least-squares fit of `target` (n values) by `a`, `b` and a constant. */
function fitR2(target: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = target.length;
  const cols = [a, b, Float64Array.from({ length: n }, () => 1)];
  const G = cols.map((u) => cols.map((v) => Array.from(u).reduce((s, x, i) => s + x * v[i], 0)));
  const r = cols.map((u) => Array.from(u).reduce((s, x, i) => s + x * target[i], 0));
  // 3×3 normal equations by Cramer's rule.
  const det = (M: number[][]) => M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
  const D = det(G);
  const coef = [0, 1, 2].map((k) => det(G.map((row, i) => row.map((x, j) => (j === k ? r[i] : x)))) / D);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target[i] / n;
  let ssr = 0, sst = 0;
  for (let i = 0; i < n; i++) {
    const fit = coef[0] * a[i] + coef[1] * b[i] + coef[2];
    ssr += (target[i] - fit) ** 2;
    sst += (target[i] - mean) ** 2;
  }
  return 1 - ssr / sst;
}

const col = (pos: Float64Array, k: number) => Float64Array.from({ length: pos.length / 2 }, (_, i) => pos[2 * i + k]);

describe("large graphs (layout.ts powerIterationLayout, thinEdges; graphPayload above LARGE_GRAPH_FROM nodes)", function () {
  this.timeout(120_000);

  it("powerIterationLayout(3 weakly linked blocks) spans the dense spectral layout's plane: each dense coordinate is fit with R² > 0.999", () => {
    const { graph: W } = data.sbm({ sizes: [40, 40, 40], pIn: 0.5, pOut: 0.01, seed: 1 });
    const dense = spectralLayout(W);
    const fast = powerIterationLayout(W, { seed: 0, iterations: 200 });
    for (const k of [0, 1]) assert.ok(fitR2(col(dense, k), col(fast, 0), col(fast, 1)) > 0.999, `coordinate ${k + 1}`);
    assert.ok(fast.every((v) => Math.abs(v) <= 0.5 + 1e-12));
  });

  it("thinEdges(n, source, target, weight, length, 1) keeps each node's strongest edge; equal weights go to the larger Jaccard, then the shorter edge", () => {
    // Edges: 0–1 (w 3), 0–2 (w 1), 0–3 (w 2), 1–2 (w 1). Node 2's two edges tie on weight: N(0) = {1,2,3} and
    // N(2) = {0,1} share 1 of 4 (0.25), N(1) = {0,2} and N(2) share 1 of 3 (0.33): 1–2 is kept.
    assert.deepEqual(Array.from(thinEdges(4, [0, 0, 0, 1], [1, 2, 3, 2], [3, 1, 2, 1], [1, 1, 1, 1], 1)), [0, 2, 3]);
    // A path 0–1–2–3 with unit weights and no shared neighbours: node 1 keeps its shorter edge (1–2), node 2 too.
    assert.deepEqual(Array.from(thinEdges(4, [0, 1, 2], [1, 2, 3], [1, 1, 1], [5, 1, 3], 1)), [0, 1, 2]);
    assert.deepEqual(Array.from(thinEdges(5, [0, 1, 2, 3], [1, 2, 3, 4], [1, 1, 1, 1], [5, 1, 3, 1], 1)), [0, 1, 3]);
    // Two per node keep everything here.
    assert.deepEqual(Array.from(thinEdges(4, [0, 0, 0, 1], [1, 2, 3, 2], [3, 1, 2, 1], [1, 1, 1, 1], 2)), [0, 1, 2, 3]);
  });

  it(`graphPayload(sbm of ${LARGE_GRAPH_FROM + 1000} nodes): blocks laid out apart, each node's 3 strongest edges kept (mostly inside blocks), said in edgesTotal/edgeRule/meta.reduced; same seed, same bits`, () => {
    const n = LARGE_GRAPH_FROM + 1000;
    const { graph: W, labels } = data.sbm({ sizes: [n / 4, n / 4, n / 4, n / 4], pIn: 16 / (n / 4), pOut: 2 / n, seed: 3 });
    const t0 = Date.now();
    const p = graphPayload(W, { labels, seed: 0 });
    const ms = Date.now() - t0;
    assert.equal(p.data.layoutMethod, "spectral");
    assert.equal(p.data.layoutNote, `spectral start (50 power-iteration sweeps) + ${largeSweeps(n)} Barnes–Hut ForceAtlas2 sweeps`);
    const total = (W.nnz - 0) / 2;
    assert.equal(p.data.edgesTotal, total);
    assert.equal(p.data.edgeRule, "the 3 strongest per node");
    const src = decodeArray(p.data.source), dst = decodeArray(p.data.target);
    assert.ok(src.length <= 3 * n && src.length < total);
    assert.deepEqual(p.meta.reduced, { method: "strongest-edges", from: [total], to: [src.length] });
    // Every node with an edge keeps at least one.
    const touched = new Uint8Array(n);
    for (let e = 0; e < src.length; e++) touched[src[e]] = touched[dst[e]] = 1;
    const deg = W.rowSums();
    for (let i = 0; i < n; i++) if (deg[i] > 0) assert.equal(touched[i], 1, `node ${i}`);
    // Kept edges lie inside blocks more often than the graph's edges do (8/9 of them here).
    let inside = 0;
    for (let e = 0; e < src.length; e++) if (labels[src[e]] === labels[dst[e]]) inside++;
    assert.ok(inside / src.length > 0.97, `inside-block share of kept edges: ${inside / src.length}`);
    // The blocks are apart: mean distance to the own block's centroid < ½ the mean distance between centroids.
    const pos = decodeArray(p.data.layout);
    const c = [0, 1, 2, 3].map((b) => {
      let x = 0, y = 0, k = 0;
      for (let i = 0; i < n; i++) if (labels[i] === b) { x += pos[2 * i]; y += pos[2 * i + 1]; k++; }
      return [x / k, y / k];
    });
    let within = 0;
    for (let i = 0; i < n; i++) within += Math.hypot(pos[2 * i] - c[labels[i]][0], pos[2 * i + 1] - c[labels[i]][1]) / n;
    let between = 0;
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) between += Math.hypot(c[a][0] - c[b][0], c[a][1] - c[b][1]) / 6;
    assert.ok(within < 0.5 * between, `within ${within}, between ${between}`);
    assert.deepEqual(graphPayload(W, { labels, seed: 0 }).data.layout, p.data.layout);
    assert.match(toText(p), new RegExp(`Graph with ${n} nodes and ${total} edges \\(spectral layout; ${src.length} edges kept for display: the 3 strongest per node\\)`));
    console.log(`      (graphPayload of ${n} nodes, ${total} edges: ${ms} ms)`);
  });

  it("the large graph's view: one points panel with the payload's edges, titled layout axes without units, and notes on the edges and the layout", () => {
    const n = LARGE_GRAPH_FROM + 500;
    const { graph: W, labels } = data.sbm({ sizes: [n / 2, n / 2], pIn: 10 / (n / 2), pOut: 1 / n, seed: 4 });
    const p = graphPayload(W, { labels, labelNames: ["left", "right"], seed: 0 });
    const view = displayKind(p).view(p, { logScale: false, width: 640, threeD: true });
    assert.equal(view.panels.length, 1);
    const panel = view.panels[0];
    assert.ok(panel.role === "points" && panel.edges);
    assert.equal(panel.points.x.length, n);
    assert.equal(panel.points.xName, "spectral layout x (no units)");
    assert.equal(panel.points.unitless, true);
    assert.deepEqual(panel.points.labelNames, ["left", "right"]);
    assert.equal(panel.edges.source.length, p.data.source.shape[0]);
    assert.equal(panel.edges.note, `edges: ${p.data.source.shape[0].toLocaleString("en-US")} of ${p.data.edgesTotal!.toLocaleString("en-US")} drawn (the 3 strongest per node)`);
    assert.match(panel.edges.layoutNote ?? "", /^layout: spectral start \(50 power-iteration sweeps\) \+ \d+ Barnes–Hut ForceAtlas2 sweeps$/);
  });

  it(`toPayload(CsrMatrix adjacency of ${LARGE_GRAPH_FROM + 1000} nodes) is a graph (it was a heatmap above 5 000 nodes); over LIMITS.graphNodes it is a heatmap`, () => {
    const n = LARGE_GRAPH_FROM + 1000;
    const { graph: W } = data.sbm({ sizes: [n / 2, n / 2], pIn: 6 / (n / 2), pOut: 1 / n, seed: 5 });
    const p = toPayload(W) as GraphPayload;
    assert.equal(p.kind, "graph");
    assert.equal(p.data.n, n);
    const big = LIMITS.graphNodes + 1;
    const sym = CsrMatrix.fromTriplets(big, big, [...Array.from({ length: big }, (_, i) => i), ...Array.from({ length: big }, (_, i) => (i + 1) % big)], [...Array.from({ length: big }, (_, i) => (i + 1) % big), ...Array.from({ length: big }, (_, i) => i)], Array.from({ length: 2 * big }, () => 1));
    assert.equal(toPayload(sym).kind, "matrix");
  });
});
