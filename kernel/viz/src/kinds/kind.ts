/**
 * What a display kind is (`DisplayKind`, one per payload kind, registered in `kinds/index.ts`), and the parts
 * the kinds share: the view the JupyterLab renderer plans from (panels and header controls, as data) and the
 * sentence parts of the text summary. Browser-safe like every module of `kinds/`: no vega, no DOM, no Node.
 */
import { decodeArray, encodeArray } from "../codec";
import type { EncodedArray, Payload, PayloadMeta, SpectrumPayload } from "../payload";
import type { Json, ScatterPoints, SpecOptions, VegaLiteSpec } from "../spec";
import { VEGA_LITE_SCHEMA } from "../spec";

/** Per-output view state of the lab's renderer: what the user toggled (also readable from the output's metadata). */
export interface ViewState {
  logScale: boolean;
  /** Eigenvector column the points are colored by; undefined: labels / default coloring. */
  colorBy?: number;
  width: number;
  /** Coloring sent by a linked output (the extension's link.ts): wins over `colorBy` for the points/graph panel. */
  linkedColor?: LinkedColor;
  /** A 3-D embedding is drawn as a rotatable 3-D scatter; false: its first two coordinates, the third as color. */
  threeD: boolean;
}

/** An eigenvector another output picked, as a per-point color. */
export interface LinkedColor {
  values: Float64Array;
  /** Legend title, e.g. "eigenvector 2 (linked)". */
  name: string;
}

export interface ColorChoice {
  /** undefined: the payload's own labels/color. */
  value: number | undefined;
  label: string;
}

/**
 * One panel of a view. "spectrum": a chart of clickable eigenvalues; "chart": any other Vega-Lite chart;
 * "graph" / "points": what a click on an eigenvalue recolors. A points panel is a point set the renderer
 * draws with the engine its size calls for (Vega up to a size, then WebGL or the CPU canvas), `width` wide;
 * with `threeD`, a rotatable 3-D scatter of the n × dims coordinates (first three used).
 */
export type ViewPanel =
  | { role: "spectrum" | "chart" | "graph"; spec: Json }
  | { role: "points"; points: ScatterPoints; width: number; threeD?: { coords: ArrayLike<number>; dims: number }; edges?: GraphEdges };

/**
 * The edges of a large graph drawn under its nodes on the canvas path (kinds/graph.ts): endpoints as node
 * indices, and what the view says about them (how many of how many, which ones) and about the layout.
 */
export interface GraphEdges {
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  /** e.g. "edges: 29,206 of 137,708 drawn (the 2 strongest per node)". */
  note: string;
  /** e.g. "layout: spectral start (50 power-iteration sweeps) + 10 Barnes–Hut ForceAtlas2 sweeps". */
  layoutNote?: string;
}

/** What the lab's renderer draws for a payload, as data: its panels and the header controls that apply. */
export interface View {
  panels: ViewPanel[];
  /** The header's log-scale toggle applies. */
  logToggle: boolean;
  /** Choices of the "color by" menu (empty: no menu). */
  colorChoices: ColorChoice[];
  /** Clicking an eigenvalue in the spectrum panel recolors the points panel. */
  linked: boolean;
  /** The header's 2-D / 3-D toggle applies (a 3-D embedding). */
  threeDToggle: boolean;
}

/** Eigenvalues and the eigenvectors (n × k, columns) a payload carries for linked recoloring. */
export interface Eigenpairs {
  values: ArrayLike<number>;
  vectors?: EncodedArray;
}

/**
 * Everything the display knows about one payload kind, in one module (kinds/<kind>.ts). The payload builders
 * that make this kind from core's results are Node-side (they need core's classes and numerics) and are
 * mapped onto the kinds in `kinds/results.ts`.
 */
export interface DisplayKind<P extends Payload> {
  readonly kind: P["kind"];
  /** Fields of `data` the reader requires to be encoded arrays. */
  readonly arrays: readonly string[];
  /** The reader's further checks: the first field of `data` that is missing or ill-typed, or undefined. */
  missing?(data: Record<string, unknown>): string | undefined;
  /** The Vega-Lite v5 spec of the notebook's `application/vnd.vegalite.v5+json` (and of the SVG). */
  spec(p: P, opts: SpecOptions): VegaLiteSpec;
  /** The text summary's sentence, without the title before it and the final period and provenance after it. */
  text(p: P): string;
  /** The lab renderer's panels and header controls for view state `state`. */
  view(p: P, state: ViewState): View;
  /** How many points/nodes a linked eigenvector can recolor (0: none). */
  linkTarget(p: P): number;
  /** The eigenpairs a click on an eigenvalue publishes to linked outputs, when the payload carries them. */
  eigenpairs(p: P): Eigenpairs | undefined;
}

/** The width the panels of an output `state.width` wide may use. */
export function panelWidth(state: ViewState): number {
  return Math.max(240, state.width - 40);
}

/** Whether `x` has the shape of an EncodedArray (the reader's check; decoding checks the bytes). */
export function isEncoded(x: unknown): boolean {
  const e = x as { dtype?: unknown; shape?: unknown; b64?: unknown } | null;
  return !!e && typeof e === "object" && typeof e.b64 === "string" && Array.isArray(e.shape) && ["float64", "float32", "int32"].includes(e.dtype as string);
}

/**
 * The reader's check of `labelNames` (embedding and graph payloads): absent, or an array of strings with labels
 * beside it and a name for every label code up to the largest. "labelNames" when it fails, else undefined.
 */
export function labelNamesMissing(data: Record<string, unknown>): string | undefined {
  const names = data.labelNames;
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || !names.every((s) => typeof s === "string") || !isEncoded(data.labels)) return "labelNames";
  let labels: ArrayLike<number>;
  try {
    labels = decodeArray(data.labels as EncodedArray);
  } catch {
    return "labels";
  }
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  return names.length < max + 1 ? "labelNames" : undefined;
}

/** A chart panel's spec as vega-embed takes it: with `$schema`. */
export function withSchema(spec: Json): Json {
  return { $schema: VEGA_LITE_SCHEMA, ...spec };
}

/** A view of one Vega-Lite chart and no header controls but, where it applies, the log toggle. */
export function chartView(spec: Json, logToggle = false): View {
  return { panels: [{ role: "chart", spec: withSchema(spec) }], logToggle, colorChoices: [], linked: false, threeDToggle: false };
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

/** The legend name of what an embedding or graph colors its points by before any eigenvector is chosen. */
export function ownColoring(d: { labels?: unknown; color?: unknown; colorName?: string }, otherwise: string): string {
  return d.labels ? (d.colorName ?? "labels") : d.color ? (d.colorName ?? "value") : otherwise;
}

/** Whether an embedding or graph carries one eigenvalue per eigenvector column (the linked view). */
export function carriesEigenpairs(d: { eigenvalues?: number[]; vectors?: EncodedArray }): d is { eigenvalues: number[]; vectors: EncodedArray } {
  return !!(d.vectors && d.eigenvalues && d.eigenvalues.length === d.vectors.shape[1]);
}

/**
 * A view's main panel, preceded (when the payload carries eigenpairs) by a scree of its eigenvalues whose
 * click recolors the points/nodes by that eigenvector — the same linking as a spectrum payload's. `scree`
 * draws that chart (kinds/spectrum.ts's, passed in so this module needs no kind module).
 */
export function linkedView(main: ViewPanel, d: { eigenvalues?: number[]; vectors?: EncodedArray; labels?: unknown; color?: unknown; colorName?: string }, own: string, scree: (p: SpectrumPayload, opts: SpecOptions) => Json, threeDToggle = false): View {
  if (!carriesEigenpairs(d)) return { panels: [main], logToggle: false, colorChoices: [], linked: false, threeDToggle };
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(d.eigenvalues, "float64"), view: "scree", histogram: { edges: [], counts: [], density: [] }, overlays: [], vectors: d.vectors },
    meta: {},
  };
  const eigenvalues: ViewPanel = { role: "spectrum", spec: withSchema(scree(payload, { width: 220, height: 200 })) };
  return { panels: [eigenvalues, main], logToggle: false, colorChoices: eigenvectorChoices(d.eigenvalues, own), linked: true, threeDToggle };
}

/** Six significant digits for the text summary. */
export function g(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}

/** "s" unless there is exactly one. */
export function plural(count: number): string {
  return count === 1 ? "" : "s";
}

/** The provenance sentence of the text summary: solver, seed, iterations, residual, reduction, notes. */
export function provenance(meta: PayloadMeta): string {
  const parts: string[] = [];
  if (meta.solver) parts.push(`solver ${meta.solver}${meta.backend ? ` on ${meta.backend}` : ""}${meta.precision ? ` (${meta.precision})` : ""}`);
  if (meta.seed !== undefined) parts.push(`seed ${meta.seed}`);
  if (meta.iterations !== undefined) parts.push(`${meta.iterations} iterations`);
  if (meta.residualNorms && meta.residualNorms.length) parts.push(`max residual ${Math.max(...meta.residualNorms.map(Number)).toExponential(2)}`);
  if (meta.reduced) parts.push(`display reduced by ${meta.reduced.method} from ${meta.reduced.from.join("×")} to ${meta.reduced.to.join("×")}`);
  for (const note of meta.notes ?? []) parts.push(note);
  return parts.length ? ` ${parts.join("; ")}.` : "";
}
