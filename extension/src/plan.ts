/**
 * What to draw for a payload, as data: panels (each a Vega-Lite spec or a WebGL point set) and the controls
 * the header offers. Pure and DOM-free, so mocha tests it; `renderer.ts` turns a plan into DOM.
 */
import {
  clustermapLayers,
  column,
  curveLayers,
  decodeArray,
  encodeArray,
  embeddingPoints,
  graphLayers,
  matrixLayers,
  scatterSpec,
  spectrumLayers,
  spectrumPoints,
  VEGA_LITE_SCHEMA,
} from "@eigenlab/viz/browser";
import type { EncodedArray, Payload, ScatterPoints, SpectrumPayload } from "@eigenlab/viz/browser";
import { chooseEngine } from "./engine";
import type { Engine, ScatterRenderer } from "./engine";

/** Per-output view state: what the user toggled (also readable from the output's metadata). */
export interface ViewState {
  logScale: boolean;
  /** Eigenvector column the points are colored by; undefined: labels / default coloring. */
  colorBy?: number;
  width: number;
  /** Coloring sent by a linked output (link.ts): wins over `colorBy` for the points/graph panel. */
  linkedColor?: LinkedColor;
  /** A 3-D embedding is drawn as a rotatable 3-D scatter; false: its first two coordinates, the third as color. */
  threeD: boolean;
  /** Large 2-D clouds: force regl-scatterplot or the CPU canvas (default: chosen by engine.ts chooseScatterRenderer). */
  renderer?: ScatterRenderer;
}

/** An eigenvector another output picked, as a per-point color. */
export interface LinkedColor {
  values: Float64Array;
  /** Legend title, e.g. "eigenvector 2 (linked)". */
  name: string;
}

export const DEFAULT_STATE: ViewState = { logScale: false, width: 640, threeD: true };

/**
 * "spectrum": clickable eigenvalues; "points" / "graph": what a click recolors; "chart": anything else.
 */
export type Panel =
  | { role: "spectrum" | "chart" | "graph"; engine: "vega"; spec: Record<string, unknown> }
  | { role: "points"; engine: Engine; spec?: Record<string, unknown>; points: ScatterPoints; count: number }
  /** A 3-D embedding (scatter3d.ts): `coords` n × `dims` row-major (first three used), colors from `points`. */
  | { role: "points"; engine: "canvas3d"; points: ScatterPoints; coords: ArrayLike<number>; dims: number; count: number };

export interface ColorChoice {
  /** undefined: the payload's own labels/color. */
  value: number | undefined;
  label: string;
}

export interface Plan {
  panels: Panel[];
  /** The header's log-scale toggle applies. */
  logToggle: boolean;
  /** Choices of the "color by" menu (empty: no menu). */
  colorChoices: ColorChoice[];
  /** Clicking an eigenvalue in the spectrum panel recolors the points panel. */
  linked: boolean;
  /** The header's 2-D / 3-D toggle applies (a 3-D embedding). */
  threeDToggle: boolean;
}

function withSchema(spec: Record<string, unknown>): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, ...spec };
}

function formatValue(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** "eigenvector j+1 (λ = ...)" choices for k eigenvectors with the given eigenvalues. */
export function eigenvectorChoices(eigenvalues: ArrayLike<number>, own: string | undefined): ColorChoice[] {
  const out: ColorChoice[] = own ? [{ value: undefined, label: own }] : [];
  for (let j = 0; j < eigenvalues.length; j++) out.push({ value: j, label: `eigenvector ${j + 1} (λ = ${formatValue(eigenvalues[j])})` });
  return out;
}

/** `pts` colored by a linked output's eigenvector (diverging, centred at 0) when the point counts agree. */
export function withLinkedColor(pts: ScatterPoints, linked: LinkedColor | undefined): ScatterPoints {
  if (!linked || linked.values.length !== pts.x.length) return pts;
  return { x: pts.x, y: pts.y, color: linked.values, colorName: linked.name, diverging: true };
}

/** Sets every continuous point color scale in a (layered) spec to the diverging eigenvector scale. */
function divergingColors(spec: unknown): void {
  if (!spec || typeof spec !== "object") return;
  const o = spec as Record<string, unknown>;
  const color = (o.encoding as { color?: Record<string, unknown> } | undefined)?.color;
  if (color && color.field === "c") color.scale = { scheme: "blueorange", domainMid: 0 };
  for (const v of Object.values(o)) if (v && typeof v === "object") divergingColors(v);
}

function pointsPanel(points: ScatterPoints, state: ViewState, width: number): Panel {
  const count = points.x.length;
  const engine = chooseEngine(count);
  if (engine === "webgl") return { role: "points", engine, points, count };
  return { role: "points", engine, points, count, spec: withSchema(scatterSpec(points, { width, height: Math.min(width, 360) }).spec) };
}

/**
 * A scree chart of the eigenvalues an embedding or graph carries with its eigenvectors: clicking one recolors
 * the points/nodes by its eigenvector (the same linking as a spectrum payload's).
 */
function eigenvaluePanel(eigenvalues: ArrayLike<number>, vectors: EncodedArray, width: number): Panel {
  const scree: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(eigenvalues, "float64"), view: "scree", histogram: { edges: [], counts: [], density: [] }, overlays: [], vectors },
    meta: {},
  };
  return { role: "spectrum", engine: "vega", spec: withSchema(spectrumLayers(scree, { width, height: 200 })) };
}

export function planView(p: Payload, state: ViewState = DEFAULT_STATE): Plan {
  const width = Math.max(240, state.width - 40);
  switch (p.kind) {
    case "spectrum": {
      const own = spectrumPoints(p, state.colorBy);
      const points = own && withLinkedColor(own, state.linkedColor);
      const half = points ? Math.max(240, Math.floor(width / 2) - 20) : width;
      const chart = withSchema(spectrumLayers(p, { logScale: state.logScale, width: half, height: 260 }));
      const panels: Panel[] = [{ role: "spectrum", engine: "vega", spec: chart }];
      if (points) panels.push(pointsPanel(points, state, half));
      const values = decodeArray(p.data.values);
      const linked = !!(points && p.data.vectors);
      return {
        panels,
        logToggle: true,
        colorChoices: linked ? eigenvectorChoices(values, p.data.labels ? "labels" : undefined) : [],
        linked,
        threeDToggle: false,
      };
    }
    case "embedding": {
      const points = withLinkedColor(embeddingPoints(p, state.colorBy), state.linkedColor);
      const own = p.data.labels ? (p.data.colorName ?? "labels") : p.data.color ? (p.data.colorName ?? "value") : p.data.dims >= 3 ? "dimension 3" : "none";
      const linked = !!(p.data.vectors && p.data.eigenvalues && p.data.eigenvalues.length === p.data.vectors.shape[1]);
      const threeD = p.data.dims >= 3 && p.data.coords.shape[1] >= 3;
      const panels: Panel[] = [
        threeD && state.threeD
          ? { role: "points", engine: "canvas3d", points, coords: decodeArray(p.data.coords), dims: p.data.coords.shape[1], count: points.x.length }
          : pointsPanel(points, state, Math.min(width, 520)),
      ];
      if (linked) panels.unshift(eigenvaluePanel(p.data.eigenvalues!, p.data.vectors!, 220));
      return { panels, logToggle: false, colorChoices: linked ? eigenvectorChoices(p.data.eigenvalues!, own) : [], linked, threeDToggle: threeD };
    }
    case "graph": {
      const lc = state.linkedColor && state.linkedColor.values.length === p.data.n ? state.linkedColor : undefined;
      const source = lc ? { ...p, data: { ...p.data, labels: undefined, vectors: undefined, color: encodeArray(lc.values, "float64"), colorName: lc.name } } : p;
      const g = graphLayers(source, { colorBy: lc ? undefined : state.colorBy, width: Math.min(width, 520), height: Math.min(width, 520) });
      if (lc) divergingColors(g.spec);
      const own = p.data.labels ? (p.data.colorName ?? "labels") : p.data.color ? (p.data.colorName ?? "value") : "none";
      const linked = !!(p.data.vectors && p.data.eigenvalues && p.data.eigenvalues.length === p.data.vectors.shape[1]);
      const panels: Panel[] = [{ role: "graph", engine: "vega", spec: withSchema(g.spec) }];
      if (linked) panels.unshift(eigenvaluePanel(p.data.eigenvalues!, p.data.vectors!, 220));
      return { panels, logToggle: false, colorChoices: linked ? eigenvectorChoices(p.data.eigenvalues!, own) : [], linked, threeDToggle: false };
    }
    case "clustermap":
      return { panels: [{ role: "chart", engine: "vega", spec: withSchema(clustermapLayers(p, { width: Math.min(width, 420) })) }], logToggle: false, colorChoices: [], linked: false, threeDToggle: false };
    case "matrix":
      return { panels: [{ role: "chart", engine: "vega", spec: withSchema(matrixLayers(p, { width: Math.min(width, 420) })) }], logToggle: false, colorChoices: [], linked: false, threeDToggle: false };
    case "curve":
      return { panels: [{ role: "chart", engine: "vega", spec: withSchema(curveLayers(p, { logScale: state.logScale, width: Math.min(width - 40, 720) })) }], logToggle: true, colorChoices: [], linked: false, threeDToggle: false };
  }
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
  switch (p.kind) {
    case "spectrum":
      return p.data.coords?.shape[0] ?? 0;
    case "embedding":
      return p.data.coords.shape[0];
    case "graph":
      return p.data.n;
    default:
      return 0;
  }
}

/** Eigenpair `index` of a payload that carries eigenvectors (spectrum, spectral embedding, graph). */
export function eigenpairOf(p: Payload, index: number): { eigenvalue: number; vector: Float64Array } | undefined {
  let vectors: EncodedArray | undefined;
  let values: ArrayLike<number> | undefined;
  if (p.kind === "spectrum") {
    vectors = p.data.vectors;
    values = decodeArray(p.data.values);
  } else if (p.kind === "embedding" || p.kind === "graph") {
    vectors = p.data.vectors;
    values = p.data.eigenvalues;
  }
  if (!vectors || !values || index >= vectors.shape[1] || index >= values.length) return undefined;
  const [n, k] = vectors.shape;
  return { eigenvalue: values[index], vector: column(decodeArray(vectors), n, k, index) };
}
