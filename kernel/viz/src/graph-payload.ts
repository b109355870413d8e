/** CsrMatrix adjacency -> `graph` payload (node-link diagram). */
import { CsrMatrix, EigenlabError, Matrix, Rng, Spectrum } from "@eigenlab/core";
import { message as coreMessage, checkLabelNames, checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { forceLayout, LARGE_GRAPH_FROM, largeForceLayout, largeLayoutStart, largeSweeps, SPECTRAL_LAYOUT_MAX_NODES, spectralLayout, thinEdges } from "./layout";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import { subsampleIndices } from "./reduce";
import type { GraphPayload, PayloadMeta } from "./payload";

export interface GraphPayloadOptions {
  /** "spectral" (default up to SPECTRAL_LAYOUT_MAX_NODES nodes), "force", or given n×2 positions. */
  layout?: "spectral" | "force" | Matrix;
  labels?: ArrayLike<number>;
  /** Name of each label code, shown in the legend and tooltips instead of the integer; covers every code up to the largest. */
  labelNames?: readonly string[];
  color?: ArrayLike<number>;
  colorName?: string;
  /**
   * Eigenpairs of the graph (e.g. of its Laplacian, n rows): carried for linked recoloring, so choosing an
   * eigenvalue colors the nodes by its eigenvector. Kept when n × k ≤ LIMITS.vectorEntries.
   */
  spectrum?: Spectrum;
  /**
   * The layout (a given n × 2 Matrix, every row of norm < 1) is a 2-D Poincaré-ball embedding, e.g. of
   * `embed.poincare(pairs, { dim: 2 })`: the display draws the unit circle and keeps both axes on [−1, 1].
   */
  disk?: boolean;
  /** Name of each node (e.g. `data.wordnet().nodes`), shown in node and edge tooltips. */
  nodeNames?: readonly string[];
  /** Seed of the force layout and of edge thinning. */
  seed?: number;
  title?: string;
}

const OPTIONS = ["layout", "labels", "labelNames", "color", "colorName", "spectrum", "seed", "title", "disk", "nodeNames"] as const;

/**
 * The node-link payload of a (weighted) adjacency matrix: each undirected edge once (i < j, weight of
 * (W_ij + W_ji)/2), self-loops dropped, and node positions. Graphs with more than LIMITS.payloadEdges edges
 * keep a seeded uniform sample of them (said in meta.reduced).
 *
 * Large graphs (more than LARGE_GRAPH_FROM nodes, up to 10⁵ and beyond) are laid out in seconds — Koren's
 * spectral coordinates by power iteration, then a few Barnes–Hut ForceAtlas2 sweeps (layout.ts; a given
 * layout, e.g. the graph's own embedding, skips both) — and carry only each node's strongest edges (thinEdges:
 * about LIMITS.largeGraphEdges), said in `edgesTotal`/`edgeRule` and meta.reduced; the lab draws them on the
 * canvas path of large point clouds.
 */
export function graphPayload(W: CsrMatrix, opts: GraphPayloadOptions = {}): GraphPayload {
  checkOptions("graphPayload", opts, OPTIONS);
  const n = W.rows;
  if (W.rows !== W.cols) throw new EigenlabError("not-square", coreMessage.notSquare("The adjacency matrix", W.rows, W.cols));
  if (n === 0) throw new EigenlabError("empty", message.empty("The graph"));
  const seed = opts.seed ?? 0;
  const src: number[] = [];
  const dst: number[] = [];
  const wt: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
      const j = W.indices[p];
      if (j <= i) {
        if (j < i && W.get(j, i) === 0) {
          // Only (i, j) stored with j < i: keep it once.
          src.push(j);
          dst.push(i);
          wt.push(W.values[p] / 2);
        }
        continue;
      }
      src.push(i);
      dst.push(j);
      wt.push((W.values[p] + W.get(j, i)) / 2);
    }
  }
  const extra: PayloadMeta = { inputShape: [n, n], displayPrecision: "float32" };
  const large = n > LARGE_GRAPH_FROM;
  let keep: Int32Array = Int32Array.from({ length: src.length }, (_, t) => t);
  if (!large && src.length > LIMITS.payloadEdges) {
    keep = subsampleIndices(src.length, LIMITS.payloadEdges, seed);
    extra.reduced = { method: "subsample", from: [src.length], to: [keep.length] };
  }
  let layout: Float64Array;
  let layoutMethod: "spectral" | "force" | "given";
  let layoutNote: string | undefined;
  if (opts.layout instanceof Matrix) {
    if (opts.layout.rows !== n || opts.layout.cols !== 2) throw new EigenlabError("shape", message.length("layout", opts.layout.rows, n));
    layout = opts.layout.data;
    layoutMethod = "given";
  } else if (large) {
    // Koren's spectral start by power iteration (O(nnz) a sweep), or a seeded cloud for "force", then a few
    // Barnes–Hut ForceAtlas2 sweeps: the dense spectral layout and 50 sweeps would take minutes at 10⁵ nodes.
    const sweeps = largeSweeps(n);
    const force = opts.layout === "force";
    const start = force ? Float64Array.from({ length: 2 * n }, () => 0) : largeLayoutStart(W, seed);
    if (force) {
      const rng = new Rng(seed);
      const s = 10 * Math.sqrt(n);
      for (let i = 0; i < 2 * n; i++) start[i] = (rng.uniform() - 0.5) * s;
    }
    layout = largeForceLayout(W, start, { seed, iterations: sweeps });
    layoutMethod = force ? "force" : "spectral";
    layoutNote = `${force ? "seeded random start" : "spectral start (50 power-iteration sweeps)"} + ${sweeps} Barnes–Hut ForceAtlas2 sweeps`;
  } else if (opts.layout === "spectral" || (opts.layout === undefined && n <= SPECTRAL_LAYOUT_MAX_NODES)) {
    // Spectral start, then a short force refinement: eigenvector drawings collapse dense clusters to points.
    layout = forceLayout(W, { seed, iterations: 30, init: normalizeLayout(spectralLayout(W)) });
    layoutMethod = "spectral";
  } else {
    layout = forceLayout(W, { seed });
    layoutMethod = "force";
  }
  let edgeRule: string | undefined;
  if (large) {
    // Each node's strongest edges (ties: shared neighbours, then shorter in this layout), about LIMITS.largeGraphEdges in all.
    const perNode = Math.max(1, Math.min(3, Math.floor(LIMITS.largeGraphEdges / n)));
    const length = src.map((a, e) => Math.hypot(layout[2 * a] - layout[2 * dst[e]], layout[2 * a + 1] - layout[2 * dst[e] + 1]));
    const thinned = thinEdges(n, src, dst, wt, length, perNode);
    if (thinned.length < src.length) {
      keep = thinned;
      edgeRule = perNode === 1 ? "the strongest per node" : `the ${perNode} strongest per node`;
      extra.reduced = { method: "strongest-edges", from: [src.length], to: [keep.length] };
    }
  }
  if (opts.disk) {
    if (layoutMethod !== "given") throw new EigenlabError("bad-option", message.diskNeedsLayout());
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(layout[2 * i], layout[2 * i + 1]);
      if (!(r < 1)) throw new EigenlabError("bad-input", message.diskOutside(i, r));
    }
  }
  const payload: GraphPayload = {
    kind: "graph",
    version: 1,
    data: {
      n,
      source: encodeArray(Array.from(keep, (t) => src[t]), "int32"),
      target: encodeArray(Array.from(keep, (t) => dst[t]), "int32"),
      weight: encodeArray(Array.from(keep, (t) => wt[t]), "float32"),
      layout: encodeArray(layout, "float32", [n, 2]),
      layoutMethod,
      ...(layoutNote ? { layoutNote } : {}),
      ...(edgeRule ? { edgesTotal: src.length, edgeRule } : {}),
    },
    meta: {},
  };
  if (opts.labels) {
    if (opts.labels.length !== n) throw new EigenlabError("shape", message.length("labels", opts.labels.length, n));
    payload.data.labels = encodeArray(opts.labels, "int32");
  }
  checkLabelNames(opts.labels, opts.labelNames);
  if (opts.labelNames) payload.data.labelNames = Array.from(opts.labelNames, String);
  if (opts.color) {
    if (opts.color.length !== n) throw new EigenlabError("shape", message.length("color", opts.color.length, n));
    payload.data.color = encodeArray(opts.color, "float32");
  }
  if (opts.colorName) payload.data.colorName = opts.colorName;
  if (opts.disk) payload.data.disk = true;
  if (opts.nodeNames) {
    if (opts.nodeNames.length !== n) throw new EigenlabError("shape", message.length("nodeNames", opts.nodeNames.length, n));
    payload.data.nodeNames = Array.from(opts.nodeNames, String);
  }
  if (opts.spectrum) {
    const V = opts.spectrum.vectors;
    if (V.rows !== n) throw new EigenlabError("shape", message.length("spectrum eigenvectors", V.rows, n));
    if (V.rows * V.cols <= LIMITS.vectorEntries) {
      payload.data.eigenvalues = Array.from(opts.spectrum.values);
      payload.data.vectors = encodeArray(V.data, "float32", [n, V.cols]);
    } else {
      extra.notes = [`eigenvectors omitted: ${n} × ${V.cols} is above the display limit of ${LIMITS.vectorEntries} entries`];
    }
  }
  extra.seed = seed;
  if (opts.title) extra.title = opts.title;
  payload.meta = payloadMeta(undefined, extra);
  return payload;
}

/** Scales positions into [-0.5, 0.5]² (spectral coordinates are tiny and of arbitrary scale). */
function normalizeLayout(pos: Float64Array): Float64Array {
  let max = 0;
  for (const v of pos) max = Math.max(max, Math.abs(v));
  return max > 0 ? Float64Array.from(pos, (v) => (0.5 * v) / max) : pos;
}
