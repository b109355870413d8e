/**
 * The `graph` display kind: a node-link diagram (edges as rules, nodes as circles), colored by labels, a value,
 * or the eigenvector of a clicked eigenvalue when the payload carries the graph's eigenpairs. Results mapped
 * onto it: a square, symmetric, non-negative CsrMatrix of at most a few thousand nodes (kinds/results.ts).
 */
import { decodeArray, encodeArray } from "../codec";
import { LIMITS } from "../limits";
import type { GraphPayload } from "../payload";
import { subsampleIndices } from "../reduce";
import { colorPoints, column, round, scatterSpec, shownNote, top } from "../spec";
import type { Json, ScatterPoints, SpecOptions } from "../spec";
import { labelNamesMissing, linkedView, ownColoring, panelWidth, withSchema } from "./kind";
import { namesNote } from "./embedding";
import type { DisplayKind } from "./kind";
import { spectrumLayers } from "./spectrum";

/** Node-link diagram: edges as rules, nodes as circles (seeded subsets beyond the spec limits). */
export function graphLayers(p: GraphPayload, opts: SpecOptions = {}): { spec: Json; shownNodes: number; shownEdges: number } {
  const n = p.data.n;
  const pos = decodeArray(p.data.layout);
  const src = decodeArray(p.data.source);
  const dst = decodeArray(p.data.target);
  const w = decodeArray(p.data.weight);
  const nodes = subsampleIndices(n, opts.maxPoints ?? LIMITS.specPoints, opts.seed ?? 0);
  const kept = new Uint8Array(n);
  for (const i of nodes) kept[i] = 1;
  const candidate: number[] = [];
  for (let e = 0; e < src.length; e++) if (kept[src[e]] && kept[dst[e]]) candidate.push(e);
  const edgeIdx = subsampleIndices(candidate.length, opts.maxEdges ?? LIMITS.specEdges, opts.seed ?? 0);
  const edges = Array.from(edgeIdx, (t) => {
    const e = candidate[t];
    const s = src[e];
    const d = dst[e];
    return { x: round(pos[2 * s]), y: round(pos[2 * s + 1]), x2: round(pos[2 * d]), y2: round(pos[2 * d + 1]), w: round(w[e]), source: s, target: d };
  });
  const pts: ScatterPoints = { x: column(pos, n, 2, 0), y: column(pos, n, 2, 1) };
  colorPoints(pts, p.data, opts.colorBy);
  const nodeLayer = scatterSpec(pts, { ...opts, maxPoints: opts.maxPoints ?? LIMITS.specPoints }).spec;
  delete nodeLayer.width;
  delete nodeLayer.height;
  (nodeLayer.mark as Json).size = n > 500 ? 16 : 60;
  (nodeLayer.mark as Json).opacity = 1;
  (nodeLayer.mark as Json).stroke = "#ffffff";
  (nodeLayer.mark as Json).strokeWidth = 0.5;
  // Layout positions have no units: the axes name the layout and draw no ticks or numbers.
  const axisX = { title: `${p.data.layoutMethod} layout x (no units)`, ticks: false, labels: false, domain: false, grid: false };
  const axisY = { ...axisX, title: `${p.data.layoutMethod} layout y (no units)` };
  (nodeLayer.encoding as Json).x = { field: "x", type: "quantitative", axis: axisX, scale: { zero: false } };
  (nodeLayer.encoding as Json).y = { field: "y", type: "quantitative", axis: axisY, scale: { zero: false } };
  // Edges thinned for the spec say so in a legend entry; all edges drawn need none.
  const total = src.length;
  const edgeNote = edges.length < total ? `edges: ${edges.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} drawn (seeded sample)` : undefined;
  const edgeLayer: Json = {
    data: { values: edges },
    mark: { type: "rule", color: "#999999", opacity: edges.length > 1000 ? 0.25 : 0.6 },
    encoding: {
      x: { field: "x", type: "quantitative", axis: axisX, scale: { zero: false } },
      y: { field: "y", type: "quantitative", axis: axisY, scale: { zero: false } },
      x2: { field: "x2" },
      y2: { field: "y2" },
      ...(edgeNote ? { stroke: { datum: edgeNote, type: "nominal", scale: { domain: [edgeNote], range: ["#999999"] }, legend: { title: null, orient: "bottom", labelLimit: 0 } } } : {}),
      tooltip: [{ field: "source" }, { field: "target" }, { field: "w", title: "weight", format: ".4g" }],
    },
  };
  return {
    spec: { width: opts.width ?? 360, height: opts.height ?? 360, layer: [edgeLayer, nodeLayer], view: { stroke: null }, resolve: { scale: { color: "independent", stroke: "independent" } } },
    shownNodes: nodes.length,
    shownEdges: edges.length,
  };
}

/** Sets every continuous point color scale in a (layered) spec to the diverging eigenvector scale. */
function divergingColors(spec: unknown): void {
  if (!spec || typeof spec !== "object") return;
  const o = spec as Record<string, unknown>;
  const color = (o.encoding as { color?: Record<string, unknown> } | undefined)?.color;
  if (color && color.field === "c") color.scale = { scheme: "blueorange", domainMid: 0 };
  for (const v of Object.values(o)) if (v && typeof v === "object") divergingColors(v);
}

export const graph: DisplayKind<GraphPayload> = {
  kind: "graph",
  arrays: ["source", "target", "weight", "layout"],
  missing: labelNamesMissing,

  spec(p, opts) {
    const g = graphLayers(p, opts);
    return top(g.spec, p.meta, shownNote(g.shownNodes, p.data.n));
  },

  text: (p) =>
    `Graph with ${p.data.n} nodes and ${p.data.source.shape[0]} edges (${p.data.layoutMethod} layout)` +
    (p.data.labels && p.data.labelNames ? `, colored by ${p.data.colorName ?? "label"}${namesNote(decodeArray(p.data.labels), p.data.labelNames)}` : ""),

  view(p, state) {
    const width = panelWidth(state);
    const lc = state.linkedColor && state.linkedColor.values.length === p.data.n ? state.linkedColor : undefined;
    // A linked output's eigenvector replaces the graph's own coloring.
    const source = lc ? { ...p, data: { ...p.data, labels: undefined, vectors: undefined, color: encodeArray(lc.values, "float64"), colorName: lc.name } } : p;
    const g = graphLayers(source, { colorBy: lc ? undefined : state.colorBy, width: Math.min(width, 520), height: Math.min(width, 520) });
    if (lc) divergingColors(g.spec);
    return linkedView({ role: "graph", spec: withSchema(g.spec) }, p.data, ownColoring(p.data, "none"), spectrumLayers);
  },

  linkTarget: (p) => p.data.n,
  eigenpairs: (p) => (p.data.eigenvalues ? { values: p.data.eigenvalues, vectors: p.data.vectors } : undefined),
};
