/**
 * The Vega-Lite v5 building blocks every display kind shares (kinds/<kind>.ts builds its own chart from them):
 * the top-level wrapper, rounding of inline numbers, the scatter of a point set, heatmap cells, and the
 * coloring of points by labels, a value or an eigenvector. Pure: builds JSON, imports nothing from vega or
 * vega-lite. Data goes inline; large point sets are thinned to a seeded subset (the payload keeps every point).
 */
import { decodeArray } from "./codec";
import { LIMITS } from "./limits";
import { blockMean, subsampleIndices } from "./reduce";
import type { EncodedArray, PayloadMeta } from "./payload";

/**
 * A Vega-Lite v5 top-level spec as plain JSON. Our own type rather than vega-lite's `TopLevelSpec`, so that
 * the published .d.ts does not pull vega-lite's types into every notebook cell's type check.
 */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
}

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

export interface SpecOptions {
  width?: number;
  height?: number;
  /** Spectrum: symmetric-log value axis (scree) / density axis (histogram). Curves: log y. */
  logScale?: boolean;
  /** Color points by this eigenvector column (embedding, graph, spectrum's linked view). */
  colorBy?: number;
  /** Most points drawn (default LIMITS.specPoints). */
  maxPoints?: number;
  /** Seed of the point subset. */
  seed?: number;
  /** Largest heatmap side (default LIMITS.specMatrixSide; block means beyond). */
  maxMatrixSide?: number;
  /** Most edges of a node-link diagram (default LIMITS.specEdges). */
  maxEdges?: number;
  /** Most points per curve (default LIMITS.specCurvePoints). */
  maxCurvePoints?: number;
}

export type Json = Record<string, unknown>;

/** The top-level spec: `$schema`, the payload's title (with a subtitle when given), then `spec`. */
export function top(spec: Json, meta: PayloadMeta, subtitle?: string): VegaLiteSpec {
  const out: Json = { $schema: VEGA_LITE_SCHEMA };
  const title = meta.title;
  // Vega draws no title block for an empty text, subtitle included: a space keeps the subtitle (the note of
  // what is shown, e.g. "1,000 of 30,000 points shown") in the SVG.
  if (title || subtitle) out.title = subtitle ? { text: title || " ", subtitle } : title;
  return { ...out, ...spec } as VegaLiteSpec;
}

export function round(x: number): number {
  // Six significant digits keep the inline JSON small; the payload has the exact numbers.
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** "1,000 of 30,000 points shown" when a spec draws a subset, else undefined. */
export function shownNote(shown: number, total: number): string | undefined {
  return shown < total ? `${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} points shown` : undefined;
}

/** Points for a scatter: positions, and either labels or a continuous value per point. */
export interface ScatterPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  labels?: ArrayLike<number>;
  /** Name of each label code: the legend, tooltips and hover text show `labelNames[k]` for label k. */
  labelNames?: readonly string[];
  color?: ArrayLike<number>;
  colorName?: string;
  /** Continuous color is an eigenvector: diverging scale centred at 0. */
  diverging?: boolean;
  /** What the x and y coordinates are (axis titles), e.g. "eigenvector 2 (λ = 0.013)"; default "coordinate 1" / "coordinate 2". */
  xName?: string;
  yName?: string;
  /** What the third coordinate is (the lab's 3-D view), e.g. "coordinate 3". */
  zName?: string;
  /** The coordinates have no units (a graph layout): the canvas views' axes draw their titles but no tick numbers. */
  unitless?: boolean;
  /** What a point is called in the canvas views' status line and tooltips (default "point"; graphs: "node"). */
  noun?: string;
  /** Name of each point (a graph's node names), shown in the canvas views' tooltips. */
  pointNames?: readonly string[];
}

/** A scatter plot of (a seeded subset of) points. A unit spec (no $schema). */
export function scatterSpec(pts: ScatterPoints, opts: SpecOptions = {}): { spec: Json; shown: number; total: number } {
  const n = pts.x.length;
  const idx = subsampleIndices(n, opts.maxPoints ?? LIMITS.specPoints, opts.seed ?? 0);
  const values = Array.from(idx, (i) => {
    const r: Json = { i, x: round(pts.x[i]), y: round(pts.y[i]) };
    if (pts.labels) r.label = pts.labelNames ? labelName(pts.labelNames, pts.labels[i]) : pts.labels[i];
    else if (pts.color) r.c = round(pts.color[i]);
    return r;
  });
  const name = pts.colorName ?? (pts.labels ? "label" : "value");
  const tooltip: Json[] = [
    { field: "i", title: "point" },
    { field: "x", title: pts.xName ?? "coordinate 1", format: ".4g" },
    { field: "y", title: pts.yName ?? "coordinate 2", format: ".4g" },
  ];
  const encoding: Json = {
    x: { field: "x", type: "quantitative", scale: { zero: false }, title: pts.xName ?? "coordinate 1" },
    y: { field: "y", type: "quantitative", scale: { zero: false }, title: pts.yName ?? "coordinate 2" },
    tooltip,
  };
  if (pts.labels) {
    encoding.color = { field: "label", type: "nominal", title: name };
    // Names in label-code order, so the legend lists them (and the palette assigns colors) as the integer path
    // and the lab's canvas views do, not alphabetically.
    if (pts.labelNames) (encoding.color as Json).scale = { domain: labelDomain(pts.labels, pts.labelNames) };
    tooltip.push({ field: "label", title: name });
  } else if (pts.color) {
    encoding.color = {
      field: "c",
      type: "quantitative",
      title: name,
      scale: pts.diverging ? { scheme: "blueorange", domainMid: 0 } : { scheme: "viridis" },
    };
    tooltip.push({ field: "c", title: name, format: ".4g" });
  }
  const size = n > 2000 ? 6 : n > 500 ? 14 : 30;
  return {
    spec: { width: opts.width ?? 360, height: opts.height ?? 320, data: { values }, mark: { type: "circle", size, opacity: 0.8 }, encoding },
    shown: idx.length,
    total: n,
  };
}

/** The shown name of label `k`: its name, or the integer itself for a code without one (e.g. -1 for noise). */
export function labelName(names: readonly string[], k: number): string {
  return k >= 0 && k < names.length ? names[k] : String(k);
}

/** The names of the label codes present, in ascending code order. */
export function labelDomain(labels: ArrayLike<number>, names: readonly string[]): string[] {
  const codes = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  return codes.map((k) => labelName(names, k));
}

/** Column `j` of a row-major n×k array. */
export function column(data: ArrayLike<number>, n: number, k: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * k + j];
  return out;
}

/** The default eigenvector to color by: the first non-constant one (index 1 when there are several). */
export function defaultColorColumn(k: number): number {
  return k >= 2 ? 1 : 0;
}

/** Colors the n points `pts` by column `colorBy` (clamped to the last) of the n × k eigenvectors, on the diverging scale. */
export function colorByEigenvector(pts: ScatterPoints, vectors: EncodedArray, n: number, colorBy: number): ScatterPoints {
  const k = vectors.shape[1];
  const j = Math.min(k - 1, colorBy);
  pts.color = column(decodeArray(vectors), n, k, j);
  pts.colorName = `eigenvector ${j + 1}`;
  pts.diverging = true;
  return pts;
}

/** What an embedding or graph payload may color its points by. */
export interface PointColors {
  labels?: EncodedArray;
  labelNames?: string[];
  color?: EncodedArray;
  colorName?: string;
  vectors?: EncodedArray;
}

/**
 * Colors `pts` as embeddings and graphs do: by eigenvector `colorBy` when one is chosen and the payload carries
 * eigenvectors, else by the payload's labels, else by its continuous color. False when none applied.
 */
export function colorPoints(pts: ScatterPoints, d: PointColors, colorBy: number | undefined): boolean {
  if (colorBy !== undefined && d.vectors) colorByEigenvector(pts, d.vectors, pts.x.length, colorBy);
  else if (d.labels) {
    pts.labels = decodeArray(d.labels);
    if (d.labelNames) pts.labelNames = d.labelNames;
    pts.colorName = d.colorName ?? "label";
  } else if (d.color) {
    pts.color = decodeArray(d.color);
    pts.colorName = d.colorName ?? "value";
  } else return false;
  return true;
}

/** Heatmap cells on quantitative axes spanning the full matrix (cell j covers [j·cols/c, (j+1)·cols/c)). */
export function heatmapLayer(values: ArrayLike<number>, r: number, c: number, rows: number, cols: number, diverging: boolean, title: string, axes = { row: "row", col: "column" }): Json {
  const cells: Json[] = [];
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < c; b++) {
      cells.push({ x0: round((b * cols) / c), x1: round(((b + 1) * cols) / c), y0: round((a * rows) / r), y1: round(((a + 1) * rows) / r), v: round(values[a * c + b]) });
    }
  }
  return {
    data: { values: cells },
    mark: { type: "rect" },
    encoding: {
      x: { field: "x0", type: "quantitative", title: axes.col, scale: { domain: [0, cols], nice: false } },
      x2: { field: "x1" },
      y: { field: "y0", type: "quantitative", title: axes.row, scale: { domain: [0, rows], nice: false, reverse: true } },
      y2: { field: "y1" },
      // A title too long for one line (a block-mean note) breaks after its first ": " rather than being cut off.
      color: { field: "v", type: "quantitative", title: title.includes(": ") ? title.split(": ") : title, legend: { titleLimit: 0 }, scale: diverging ? { scheme: "redblue", domainMid: 0, reverse: true } : { scheme: "viridis" } },
      tooltip: [
        { field: "y0", title: `${axes.row} from`, format: ".0f" },
        { field: "x0", title: `${axes.col} from`, format: ".0f" },
        { field: "v", title, format: ".4g" },
      ],
    },
  };
}

/** A heatmap grid small enough for the spec: block means past `maxSide` (default LIMITS.specMatrixSide). */
export function toSpecGrid(values: ArrayLike<number>, r: number, c: number, maxSide: number = LIMITS.specMatrixSide): { values: ArrayLike<number>; r: number; c: number } {
  return r > maxSide || c > maxSide ? blockMean(values, r, c, maxSide) : { values, r, c };
}
