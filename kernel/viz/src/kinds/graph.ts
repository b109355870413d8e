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
import { labelNamesMissing, linkedView, ownColoring, panelWidth, withLinkedColor, withSchema } from "./kind";
import { namesNote } from "./embedding";
import type { DisplayKind, View, ViewPanel, ViewState } from "./kind";
import { spectrumLayers } from "./spectrum";

/** Node-link diagram: edges as rules, nodes as circles (seeded subsets beyond the spec limits). */
export function graphLayers(p: GraphPayload, opts: SpecOptions = {}): { spec: Json; shownNodes: number; shownEdges: number } {
  const n = p.data.n;
  const pos = decodeArray(p.data.layout);
  const src = decodeArray(p.data.source);
  const dst = decodeArray(p.data.target);
  const w = decodeArray(p.data.weight);
  const names = p.data.nodeNames;
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
    const row: Json = { x: round(pos[2 * s]), y: round(pos[2 * s + 1]), x2: round(pos[2 * d]), y2: round(pos[2 * d + 1]), w: round(w[e]), source: s, target: d };
    if (names) { row.sourceName = names[s]; row.targetName = names[d]; }
    return row;
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
  // A Poincaré disk keeps both axes on [−1, 1] (one scale, the unit circle drawn); other layouts fit the data.
  const scale: Json = p.data.disk ? { domain: [-1, 1], nice: false } : { zero: false };
  // Layout positions have no units: the axes name the layout and draw no ticks or numbers. Poincaré disk
  // coordinates are points of the unit ball, so they keep their ticks.
  const axisX: Json = p.data.disk
    ? { title: "Poincaré disk x", grid: false }
    : { title: `${p.data.layoutMethod} layout x (no units)`, ticks: false, labels: false, domain: false, grid: false };
  const axisY: Json = p.data.disk ? { title: "Poincaré disk y", grid: false } : { ...axisX, title: `${p.data.layoutMethod} layout y (no units)` };
  (nodeLayer.encoding as Json).x = { field: "x", type: "quantitative", axis: axisX, scale };
  (nodeLayer.encoding as Json).y = { field: "y", type: "quantitative", axis: axisY, scale };
  if (names) {
    for (const r of (nodeLayer.data as { values: Json[] }).values) r.name = names[r.i as number];
    ((nodeLayer.encoding as Json).tooltip as Json[]).unshift({ field: "name", title: "node" });
  }
  // Edges thinned for the spec say so in a legend entry; all edges drawn need none. A large graph's payload
  // already carries only its strongest edges (edgesTotal, edgeRule): the note counts from the whole graph.
  const total = p.data.edgesTotal ?? src.length;
  const rule = [p.data.edgeRule, edges.length < src.length ? "seeded sample" : undefined].filter(Boolean).join(", then a ");
  const edgeNote = edges.length < total ? `edges: ${edges.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} drawn (${rule})` : undefined;
  const edgeLayer: Json = {
    data: { values: edges },
    mark: { type: "rule", color: "#999999", opacity: edges.length > 1000 ? 0.25 : 0.6 },
    encoding: {
      x: { field: "x", type: "quantitative", axis: axisX, scale },
      y: { field: "y", type: "quantitative", axis: axisY, scale },
      x2: { field: "x2" },
      y2: { field: "y2" },
      ...(edgeNote ? { stroke: { datum: edgeNote, type: "nominal", scale: { domain: [edgeNote], range: ["#999999"] }, legend: { title: null, orient: "bottom", labelLimit: 0 } } } : {}),
      tooltip: names
        ? [{ field: "sourceName", title: "source" }, { field: "targetName", title: "target" }]
        : [{ field: "source" }, { field: "target" }, { field: "w", title: "weight", format: ".4g" }],
    },
  };
  const layers: Json[] = [edgeLayer, nodeLayer];
  if (p.data.disk) layers.unshift(diskBoundary(scale, axisX, axisY));
  const side = opts.width ?? 360;
  return {
    spec: { width: side, height: p.data.disk ? side : (opts.height ?? 360), layer: layers, view: { stroke: null }, resolve: { scale: { color: "independent", stroke: "independent" } } },
    shownNodes: nodes.length,
    shownEdges: edges.length,
  };
}

/** The unit circle as a closed line of 181 vertices: the boundary of the Poincaré disk (points at infinity). */
function diskBoundary(scale: Json, axisX: Json, axisY: Json): Json {
  // The last vertex repeats the first exactly (k mod 180), so the path closes without a rounding gap.
  const values = Array.from({ length: 181 }, (_, k) => ({ k, x: round(Math.cos(((k % 180) * Math.PI) / 90)), y: round(Math.sin(((k % 180) * Math.PI) / 90)) }));
  return {
    data: { values },
    mark: { type: "line", color: "#555555", strokeWidth: 1, clip: false },
    encoding: {
      x: { field: "x", type: "quantitative", axis: axisX, scale },
      y: { field: "y", type: "quantitative", axis: axisY, scale },
      order: { field: "k", type: "quantitative" },
    },
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

/** "edges: 29,206 of 137,708 drawn (the 2 strongest per node)", or "edges: all 1,234 drawn". */
export function edgesNote(p: GraphPayload): string {
  const shown = p.data.source.shape[0];
  const total = p.data.edgesTotal ?? shown;
  const rule = p.data.edgeRule ? ` (${p.data.edgeRule})` : "";
  return shown < total ? `edges: ${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} drawn${rule}` : `edges: all ${total.toLocaleString("en-US")} drawn`;
}

/**
 * A large graph (more than LIMITS.largeGraphFrom nodes) as the lab draws it: its nodes as a point set on the
 * canvas path of large point clouds, colored as a small graph's (labels by name, a value, an eigenvector) and
 * with its legend, the payload's (thinned) edges drawn under them, and notes saying which edges and which layout.
 */
function largeGraphView(p: GraphPayload, state: ViewState): View {
  const n = p.data.n;
  const pos = decodeArray(p.data.layout);
  const axis = `${p.data.layoutMethod} layout`;
  const points: ScatterPoints = { x: column(pos, n, 2, 0), y: column(pos, n, 2, 1), xName: `${axis} x (no units)`, yName: `${axis} y (no units)`, unitless: true, noun: "node" };
  if (p.data.nodeNames) points.pointNames = p.data.nodeNames;
  colorPoints(points, p.data, state.colorBy);
  const colored = withLinkedColor(points, state.linkedColor);
  const main: ViewPanel = {
    role: "points",
    points: colored === points ? points : { ...colored, xName: points.xName, yName: points.yName, unitless: true, noun: "node", pointNames: points.pointNames },
    width: Math.min(panelWidth(state), 520),
    edges: {
      source: decodeArray(p.data.source),
      target: decodeArray(p.data.target),
      note: edgesNote(p),
      layoutNote: `layout: ${p.data.layoutNote ?? (p.data.layoutMethod === "given" ? "given coordinates" : p.data.layoutMethod)}`,
    },
  };
  return linkedView(main, p.data, ownColoring(p.data, "none"), spectrumLayers);
}

export const graph: DisplayKind<GraphPayload> = {
  kind: "graph",
  arrays: ["source", "target", "weight", "layout"],
  missing: (data) => {
    const names = data.nodeNames;
    if (names !== undefined && (!Array.isArray(names) || names.length !== data.n || !names.every((s) => typeof s === "string"))) return "nodeNames";
    if (data.disk !== undefined && typeof data.disk !== "boolean") return "disk";
    return labelNamesMissing(data);
  },

  spec(p, opts) {
    const g = graphLayers(p, opts);
    return top(g.spec, p.meta, shownNote(g.shownNodes, p.data.n));
  },

  text: (p) =>
    `Graph with ${p.data.n} nodes and ${p.data.edgesTotal ?? p.data.source.shape[0]} edges (${p.data.disk ? "Poincaré disk" : `${p.data.layoutMethod} layout`}` +
    `${p.data.edgesTotal !== undefined ? `; ${p.data.source.shape[0]} edges kept for display: ${p.data.edgeRule ?? "a subset"}` : ""})` +
    (p.data.labels && p.data.labelNames ? `, colored by ${p.data.colorName ?? "label"}${namesNote(decodeArray(p.data.labels), p.data.labelNames)}` : ""),

  view(p, state) {
    const width = panelWidth(state);
    if (p.data.n > LIMITS.largeGraphFrom && !p.data.disk) return largeGraphView(p, state);
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
