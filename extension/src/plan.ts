/**
 * What to draw for a payload, as data: panels (each a Vega-Lite spec or a point set for WebGL or a canvas)
 * and the controls the header offers. The payload's display kind (viz's table, `@eigenlab/viz/browser`
 * `displayKind`) gives the view; this module only picks the drawing engine of each point set. Pure and
 * DOM-free, so mocha tests it; `renderer.ts` turns a plan into DOM.
 */
import { column, decodeArray, displayKind, scatterSpec, VEGA_LITE_SCHEMA } from "@eigenlab/viz/browser";
import type { GraphEdges, ScatterPoints, ViewPanel, ViewState as KindViewState, Payload, View } from "@eigenlab/viz/browser";
import { chooseEngine } from "./engine";
import type { Engine, ScatterRenderer } from "./engine";

export { eigenvectorChoices, withLinkedColor } from "@eigenlab/viz/browser";
export type { ColorChoice, LinkedColor } from "@eigenlab/viz/browser";

/** Per-output view state: viz's (what the user toggled) plus the extension's choice of renderer. */
export interface ViewState extends KindViewState {
  /** Large 2-D clouds: force regl-scatterplot or the CPU canvas (default: chosen by engine.ts chooseScatterRenderer). */
  renderer?: ScatterRenderer;
}

export const DEFAULT_STATE: ViewState = { logScale: false, width: 640, threeD: true };

/**
 * "spectrum": clickable eigenvalues; "points" / "graph": what a click recolors; "chart": anything else.
 */
export type Panel =
  | { role: "spectrum" | "chart" | "graph"; engine: "vega"; spec: Record<string, unknown> }
  | { role: "points"; engine: Engine; spec?: Record<string, unknown>; points: ScatterPoints; count: number; edges?: GraphEdges }
  /** A 3-D embedding (scatter3d.ts): `coords` n × `dims` row-major (first three used), colors from `points`. */
  | { role: "points"; engine: "canvas3d"; points: ScatterPoints; coords: ArrayLike<number>; dims: number; count: number };

export interface Plan extends Omit<View, "panels"> {
  panels: Panel[];
}

/** A view panel with its drawing engine: Vega for charts and small point sets, WebGL past WEBGL_MIN_POINTS. */
function withEngine(panel: ViewPanel): Panel {
  if (panel.role !== "points") return { role: panel.role, engine: "vega", spec: panel.spec };
  const { points } = panel;
  const count = points.x.length;
  if (panel.threeD) return { role: "points", engine: "canvas3d", points, coords: panel.threeD.coords, dims: panel.threeD.dims, count };
  // A large graph's nodes and edges: the large-cloud engine whatever the node count (renderer.ts draws them on the canvas).
  if (panel.edges) return { role: "points", engine: "webgl", points, count, edges: panel.edges };
  const engine = chooseEngine(count);
  if (engine === "webgl") return { role: "points", engine, points, count };
  const sc = scatterSpec(points, { width: panel.width, height: Math.min(panel.width, 360) });
  // Vega draws a seeded subset past LIMITS.specPoints (up to the WebGL threshold): the chart says so.
  const note = sc.shown < sc.total ? { title: { text: `${sc.shown.toLocaleString("en-US")} of ${sc.total.toLocaleString("en-US")} points shown (seeded subset)`, fontSize: 11, fontWeight: "normal", anchor: "start" } } : {};
  return { role: "points", engine, points, count, spec: { $schema: VEGA_LITE_SCHEMA, ...sc.spec, ...note } };
}

export function planView(p: Payload, state: ViewState = DEFAULT_STATE): Plan {
  const view = displayKind(p).view(p, state);
  return { ...view, panels: view.panels.map(withEngine) };
}

/** The panel a click on an eigenvalue recolors. */
export function linkedPanel(plan: Plan): Panel | undefined {
  return plan.panels.find((x) => x.role === "points" || x.role === "graph");
}

/**
 * The eigenvector a click on the spectrum chart chose: the clicked item's datum carries `index` (scree
 * points and the histogram's rug ticks do; bars and overlays do not).
 */
export function eigenIndexOf(item: unknown): number | undefined {
  const datum = (item as { datum?: { index?: unknown } } | null | undefined)?.datum;
  const index = datum?.index;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** Point/node count of what a linked pick could recolor in this payload (0: nothing to recolor). */
export function linkTargetSize(p: Payload): number {
  return displayKind(p).linkTarget(p);
}

/** Eigenpair `index` of a payload that carries eigenvectors (spectrum, spectral embedding, graph). */
export function eigenpairOf(p: Payload, index: number): { eigenvalue: number; vector: Float64Array } | undefined {
  const pairs = displayKind(p).eigenpairs(p);
  const vectors = pairs?.vectors;
  if (!pairs || !vectors || index >= vectors.shape[1] || index >= pairs.values.length) return undefined;
  const [n, k] = vectors.shape;
  return { eigenvalue: pairs.values[index], vector: column(decodeArray(vectors), n, k, index) };
}
