/**
 * Payload -> Vega-Lite v5 spec (`application/vnd.vegalite.v5+json`), so stock JupyterLab, VS Code and
 * nbviewer show a chart, and the Eigenlab renderer draws the same specs with vega-embed. Pure: builds JSON,
 * imports nothing from vega or vega-lite. Data goes inline; large point sets are thinned to a seeded subset (the
 * payload keeps every point).
 */

/**
 * A Vega-Lite v5 top-level spec as plain JSON. Our own type rather than vega-lite's `TopLevelSpec`, so that
 * the published .d.ts does not pull vega-lite's types into every notebook cell's type check.
 */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
}
import { decodeArray } from "./codec";
import { LIMITS } from "./limits";
import { blockMean, subsampleIndices } from "./reduce";
import type {
  ClustermapPayload,
  CurvePayload,
  EmbeddingPayload,
  GraphPayload,
  MatrixPayload,
  Payload,
  PayloadMeta,
  SpectrumPayload,
  SpikesOverlay,
} from "./payload";

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
}

type Json = Record<string, unknown>;

const RED = "#d62728";
const GREY = "#7f7f7f";

function top(spec: Json, meta: PayloadMeta, subtitle?: string): VegaLiteSpec {
  const out: Json = { $schema: VEGA_LITE_SCHEMA };
  const title = meta.title;
  if (title || subtitle) out.title = subtitle ? { text: title ?? "", subtitle } : title;
  return { ...out, ...spec } as VegaLiteSpec;
}

function round(x: number): number {
  // Six significant digits keep the inline JSON small; the payload has the exact numbers.
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** Spectrum chart: ESD histogram or scree plot, with theory overlays. A layer spec (no $schema). */
export function spectrumLayers(p: SpectrumPayload, opts: SpecOptions = {}): Json {
  const values = decodeArray(p.data.values);
  const decoded = p.data.residuals ? decodeArray(p.data.residuals) : undefined;
  const residuals = decoded && decoded.length === values.length ? decoded : undefined;
  const width = opts.width ?? 360;
  const height = opts.height ?? 240;
  const name = p.data.valueName ?? "eigenvalue";
  // Log axes that the payload asks for (a heavy-tailed ESD) win over the view's symlog toggle.
  const xLog = p.data.view === "histogram" && p.data.xScale === "log";
  const yLog = p.data.view === "histogram" && p.data.yScale === "log";
  const yScale = yLog ? { type: "log" } : opts.logScale ? { type: "symlog" } : {};
  const xScale = xLog ? { type: "log" } : {};
  // On a log axis, points at or below 0 have no position: leave them out rather than let Vega drop them with a warning.
  const onAxes = (x: number, y: number) => (!xLog || x > 0) && (!yLog || y > 0);
  const layers: Json[] = [];
  const linkable = !!p.data.vectors;
  if (p.data.view === "histogram") {
    const h = p.data.histogram;
    const bars = h.counts.map((c, b) => ({ lo: round(h.edges[b]), hi: round(h.edges[b + 1]), count: c, density: round(h.density[b]) })).filter((b) => onAxes(b.lo, b.density));
    // A log axis has no 0 to grow bars from: they start at the power of ten below the smallest bar.
    const floor = yLog && bars.length ? 10 ** Math.floor(Math.log10(Math.min(...bars.map((b) => b.density)))) : undefined;
    layers.push({
      data: { values: bars },
      mark: { type: "bar", color: "#4c78a8", opacity: 0.85 },
      encoding: {
        x: { field: "lo", type: "quantitative", title: name, ...(xLog ? { scale: xScale } : { bin: { binned: true } }) },
        x2: { field: "hi" },
        y: { field: "density", type: "quantitative", title: "density", scale: yScale },
        ...(floor !== undefined ? { y2: { datum: floor } } : {}),
        tooltip: [
          { field: "lo", title: "from", format: ".4g" },
          { field: "hi", title: "to", format: ".4g" },
          { field: "count", title: `${name}s` },
        ],
      },
    });
    if (linkable) {
      // A rug of every eigenvalue, each clickable to recolor the linked points by its eigenvector.
      layers.push({
        data: { values: Array.from(values, (v, i) => ({ index: i, value: round(v) })) },
        mark: { type: "tick", color: "#222", thickness: 2, size: 10, yOffset: height - 5, cursor: "pointer" },
        encoding: {
          x: { field: "value", type: "quantitative" },
          tooltip: [{ field: "index", title: "index" }, { field: "value", title: name, format: ".6g" }],
        },
      });
    }
    for (const o of p.data.overlays) {
      if (o.type === "marchenko-pastur") {
        layers.push({
          data: { values: o.x.map((x, i) => ({ x: round(x), y: round(o.y[i]), curve: "Marchenko–Pastur" })).filter((d) => onAxes(d.x, d.y)) },
          mark: { type: "line", color: RED, strokeWidth: 2 },
          encoding: { x: { field: "x", type: "quantitative", scale: xScale }, y: { field: "y", type: "quantitative", scale: yScale }, tooltip: [{ field: "curve" }] },
        });
        layers.push(verticalRules([{ at: o.lower, label: "λ₋" }, { at: o.upper, label: "λ₊" }].filter((r) => onAxes(r.at, 1)), RED, [4, 3]));
      } else if (o.type === "bbp-threshold") {
        layers.push(verticalRules([{ at: o.value, label: o.label }], "#9467bd", [6, 3]));
      } else if (o.type === "power-law") {
        layers.push({
          data: { values: o.x.map((x, i) => ({ x: round(x), y: round(o.y[i]), curve: `power law α = ${round(o.alpha)}` })).filter((d) => onAxes(d.x, d.y)) },
          mark: { type: "line", color: "#ff7f0e", strokeWidth: 2 },
          encoding: { x: { field: "x", type: "quantitative", scale: xScale }, y: { field: "y", type: "quantitative", scale: yScale }, tooltip: [{ field: "curve" }] },
        });
        layers.push(verticalRules([{ at: o.xmin, label: `xmin (α = ${round(o.alpha)}${o.ks !== undefined ? `, KS ${round(o.ks)}` : ""})` }], "#ff7f0e", [3, 3]));
      } else if (o.type === "eigengap") {
        layers.push(verticalRules([{ at: (values[o.index] + values[o.index + 1]) / 2, label: `${gapName(name)} after #${o.index + 1}` }], GREY, [2, 2]));
      } else if (o.type === "spikes") {
        // Spikes sit far out in sparse bins: a marker on the axis under each one says where they are.
        layers.push({
          data: { values: spikeRows(o) },
          mark: { type: "point", shape: "triangle-up", filled: true, color: RED, size: 90, opacity: 1 },
          encoding: { x: { field: "value", type: "quantitative", scale: xScale }, y: { value: height - 5 }, tooltip: spikeTooltip(o, name) },
        });
      }
    }
  } else {
    const rows = Array.from(values, (v, i) => {
      const r: Json = { index: i, rank: i + 1, value: round(v) };
      if (residuals) r.residual = Number(residuals[i].toExponential(2));
      return r;
    });
    const tooltip: Json[] = [{ field: "rank", title: "#" }, { field: "value", title: name, format: ".6g" }];
    if (residuals) tooltip.push({ field: "residual", title: "residual", format: ".2e" });
    for (const o of p.data.overlays) {
      if (o.type === "marchenko-pastur") {
        layers.push({
          data: { values: [{ lo: round(o.lower), hi: round(o.upper), label: "Marchenko–Pastur bulk" }] },
          mark: { type: "rect", color: RED, opacity: 0.12 },
          encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, tooltip: [{ field: "label" }] },
        });
      } else if (o.type === "bbp-threshold") {
        layers.push({
          data: { values: [{ at: round(o.value), label: o.label }] },
          mark: { type: "rule", color: "#9467bd", strokeDash: [6, 3] },
          encoding: { y: { field: "at", type: "quantitative" }, tooltip: [{ field: "label" }, { field: "at", format: ".4g" }] },
        });
      } else if (o.type === "eigengap") {
        layers.push({
          data: { values: [{ at: o.index + 1.5, label: `${gapName(name)} after #${o.index + 1}`, gap: round(o.gap) }] },
          mark: { type: "rule", color: GREY, strokeDash: [2, 2] },
          encoding: { x: { field: "at", type: "quantitative" }, tooltip: [{ field: "label" }, { field: "gap", format: ".4g" }] },
        });
      }
    }
    layers.push({
      data: { values: rows },
      mark: { type: "line", color: "#4c78a8", point: { filled: true, size: 50, cursor: linkable ? "pointer" : "default" } },
      encoding: {
        x: { field: "rank", type: "quantitative", title: "index", axis: { tickMinStep: 1 } },
        y: { field: "value", type: "quantitative", title: name, scale: { zero: false, ...yScale } },
        tooltip,
      },
    });
    for (const o of p.data.overlays) {
      if (o.type !== "spikes") continue;
      // Ring the scree points that are spikes (matched by value: the overlay lists some of `values`).
      const rank = new Map(Array.from(values, (v, i) => [v, i + 1] as const));
      layers.push({
        data: { values: spikeRows(o).map((r) => ({ ...r, rank: rank.get(o.values[r.i]) ?? null })).filter((r) => r.rank !== null) },
        mark: { type: "point", color: RED, size: 160, strokeWidth: 2 },
        encoding: { x: { field: "rank", type: "quantitative" }, y: { field: "value", type: "quantitative" }, tooltip: spikeTooltip(o, name) },
      });
    }
  }
  return { width, height, layer: layers };
}

function gapName(valueName: string): string {
  return valueName === "eigenvalue" ? "eigengap" : "largest gap";
}

function spikeRows(o: SpikesOverlay): { i: number; value: number; population?: number; overlap?: number }[] {
  return o.values.map((v, i) => {
    const r: { i: number; value: number; population?: number; overlap?: number } = { i, value: round(v) };
    if (o.population && Number.isFinite(o.population[i])) r.population = round(o.population[i]);
    if (o.overlaps && Number.isFinite(o.overlaps[i])) r.overlap = round(o.overlaps[i]);
    return r;
  });
}

function spikeTooltip(o: SpikesOverlay, name: string): Json[] {
  const t: Json[] = [{ field: "value", title: `spike ${name}`, format: ".6g" }];
  if (o.population) t.push({ field: "population", title: "population estimate", format: ".4g" });
  if (o.overlaps) t.push({ field: "overlap", title: "overlap cos²", format: ".3f" });
  return t;
}

function verticalRules(rules: { at: number; label: string }[], color: string, dash: number[]): Json {
  return {
    data: { values: rules.map((r) => ({ at: round(r.at), label: r.label })) },
    mark: { type: "rule", color, strokeDash: dash, strokeWidth: 1.5 },
    encoding: { x: { field: "at", type: "quantitative" }, tooltip: [{ field: "label" }, { field: "at", format: ".4g" }] },
  };
}

/** Points for a scatter: positions, and either labels or a continuous value per point. */
export interface ScatterPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  labels?: ArrayLike<number>;
  color?: ArrayLike<number>;
  colorName?: string;
  /** Continuous color is an eigenvector: diverging scale centred at 0. */
  diverging?: boolean;
}

/** A scatter plot of (a seeded subset of) points. A unit spec (no $schema). */
export function scatterSpec(pts: ScatterPoints, opts: SpecOptions = {}): { spec: Json; shown: number; total: number } {
  const n = pts.x.length;
  const idx = subsampleIndices(n, opts.maxPoints ?? LIMITS.specPoints, opts.seed ?? 0);
  const values = Array.from(idx, (i) => {
    const r: Json = { i, x: round(pts.x[i]), y: round(pts.y[i]) };
    if (pts.labels) r.label = pts.labels[i];
    else if (pts.color) r.c = round(pts.color[i]);
    return r;
  });
  const name = pts.colorName ?? (pts.labels ? "label" : "value");
  const tooltip: Json[] = [{ field: "i", title: "point" }];
  const encoding: Json = {
    x: { field: "x", type: "quantitative", scale: { zero: false }, axis: { title: null } },
    y: { field: "y", type: "quantitative", scale: { zero: false }, axis: { title: null } },
    tooltip,
  };
  if (pts.labels) {
    encoding.color = { field: "label", type: "nominal", title: name };
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

/** The linked points of a spectrum payload (coords), colored by eigenvector `colorBy`. */
export function spectrumPoints(p: SpectrumPayload, colorBy?: number): ScatterPoints | undefined {
  if (!p.data.coords) return undefined;
  const c = decodeArray(p.data.coords);
  const n = p.data.coords.shape[0];
  const pts: ScatterPoints = { x: column(c, n, 2, 0), y: column(c, n, 2, 1) };
  if (p.data.labels && colorBy === undefined) {
    pts.labels = decodeArray(p.data.labels);
    pts.colorName = "label";
  } else if (p.data.vectors) {
    const k = p.data.vectors.shape[1];
    const j = Math.min(k - 1, colorBy ?? defaultColorColumn(k));
    pts.color = column(decodeArray(p.data.vectors), n, k, j);
    pts.colorName = `eigenvector ${j + 1}`;
    pts.diverging = true;
  }
  return pts;
}

/** The points of an embedding payload, colored by labels, a continuous color, an eigenvector or dim 3. */
export function embeddingPoints(p: EmbeddingPayload, colorBy?: number): ScatterPoints {
  const d = p.data.coords.shape[1];
  const n = p.data.coords.shape[0];
  const c = decodeArray(p.data.coords);
  const pts: ScatterPoints = { x: column(c, n, d, 0), y: column(c, n, d, 1) };
  if (colorBy !== undefined && p.data.vectors) {
    const k = p.data.vectors.shape[1];
    const j = Math.min(k - 1, colorBy);
    pts.color = column(decodeArray(p.data.vectors), n, k, j);
    pts.colorName = `eigenvector ${j + 1}`;
    pts.diverging = true;
  } else if (p.data.labels) {
    pts.labels = decodeArray(p.data.labels);
    pts.colorName = p.data.colorName ?? "label";
  } else if (p.data.color) {
    pts.color = decodeArray(p.data.color);
    pts.colorName = p.data.colorName ?? "value";
  } else if (d >= 3) {
    pts.color = column(c, n, d, 2);
    pts.colorName = "dimension 3";
  }
  return pts;
}

function shownNote(shown: number, total: number): string | undefined {
  return shown < total ? `${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} points shown` : undefined;
}

/** Heatmap cells on quantitative axes spanning the full matrix (cell j covers [j·cols/c, (j+1)·cols/c)). */
function heatmapLayer(values: ArrayLike<number>, r: number, c: number, rows: number, cols: number, diverging: boolean, title: string, axes = { row: "row", col: "column" }): Json {
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
      color: { field: "v", type: "quantitative", title, scale: diverging ? { scheme: "redblue", domainMid: 0, reverse: true } : { scheme: "viridis" } },
      tooltip: [
        { field: "y0", title: `${axes.row} from`, format: ".0f" },
        { field: "x0", title: `${axes.col} from`, format: ".0f" },
        { field: "v", title, format: ".4g" },
      ],
    },
  };
}

function toSpecGrid(values: ArrayLike<number>, r: number, c: number): { values: ArrayLike<number>; r: number; c: number } {
  return r > LIMITS.specMatrixSide || c > LIMITS.specMatrixSide ? blockMean(values, r, c, LIMITS.specMatrixSide) : { values, r, c };
}

/** Matrix heatmap; with a history, the history's curve beside it. */
export function matrixLayers(p: MatrixPayload, opts: SpecOptions = {}): Json {
  const [r0, c0] = p.data.values.shape;
  const g = toSpecGrid(decodeArray(p.data.values), r0, c0);
  const side = opts.width ?? 320;
  const aspect = p.data.rows / p.data.cols;
  const axes = { row: p.data.rowName ?? "row", col: p.data.colName ?? "column" };
  const heatmap = {
    width: aspect <= 1 ? side : side / aspect,
    height: aspect <= 1 ? side * aspect : side,
    layer: [heatmapLayer(g.values, g.r, g.c, p.data.rows, p.data.cols, p.data.diverging, p.data.valueName ?? "value", axes)],
  };
  if (!p.data.history) return heatmap;
  const history: CurvePayload = { kind: "curve", version: 1, data: p.data.history, meta: {} };
  const curve = curveLayers(history, { width: Math.round(side * 0.8), height: Math.min(heatmap.height, 240) });
  return { hconcat: [heatmap, curve], resolve: { scale: { color: "independent" } } };
}

/** Cluster map: reordered affinity with a box per cluster; or cluster sizes when no affinity was given. */
export function clustermapLayers(p: ClustermapPayload, opts: SpecOptions = {}): Json {
  if (!p.data.matrix) {
    return {
      width: opts.width ?? 320,
      height: opts.height ?? 200,
      data: { values: p.data.sizes.map((s, l) => ({ cluster: l, size: s })) },
      mark: { type: "bar" },
      encoding: {
        x: { field: "cluster", type: "ordinal" },
        y: { field: "size", type: "quantitative", title: "points" },
        color: { field: "cluster", type: "nominal", legend: null },
        tooltip: [{ field: "cluster" }, { field: "size" }],
      },
    };
  }
  const m = p.data.matrix.shape[0];
  const g = toSpecGrid(decodeArray(p.data.matrix), m, m);
  const n = p.data.n;
  const bands = (p.data.bands ?? []).map((b) => ({ cluster: b.cluster, lo: round((b.start * n) / m), hi: round((b.end * n) / m), size: p.data.sizes[b.cluster] }));
  const side = opts.width ?? 340;
  return {
    width: side,
    height: side,
    layer: [
      heatmapLayer(g.values, g.r, g.c, n, n, false, "affinity"),
      {
        data: { values: bands },
        mark: { type: "rect", fill: null, fillOpacity: 0, stroke: "#ffffff", strokeWidth: 1.5 },
        encoding: {
          x: { field: "lo", type: "quantitative" },
          x2: { field: "hi" },
          y: { field: "lo", type: "quantitative" },
          y2: { field: "hi" },
          tooltip: [{ field: "cluster" }, { field: "size", title: "points" }],
        },
      },
    ],
  };
}

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
  const edgeIdx = subsampleIndices(candidate.length, LIMITS.specEdges, opts.seed ?? 0);
  const edges = Array.from(edgeIdx, (t) => {
    const e = candidate[t];
    const s = src[e];
    const d = dst[e];
    return { x: round(pos[2 * s]), y: round(pos[2 * s + 1]), x2: round(pos[2 * d]), y2: round(pos[2 * d + 1]), w: round(w[e]), source: s, target: d };
  });
  const pts: ScatterPoints = { x: column(pos, n, 2, 0), y: column(pos, n, 2, 1) };
  if (opts.colorBy !== undefined && p.data.vectors) {
    const k = p.data.vectors.shape[1];
    const j = Math.min(k - 1, opts.colorBy);
    pts.color = column(decodeArray(p.data.vectors), n, k, j);
    pts.colorName = `eigenvector ${j + 1}`;
    pts.diverging = true;
  } else if (p.data.labels) {
    pts.labels = decodeArray(p.data.labels);
    pts.colorName = p.data.colorName ?? "label";
  } else if (p.data.color) {
    pts.color = decodeArray(p.data.color);
    pts.colorName = p.data.colorName ?? "value";
  }
  const nodeLayer = scatterSpec(pts, { ...opts, maxPoints: opts.maxPoints ?? LIMITS.specPoints }).spec;
  delete nodeLayer.width;
  delete nodeLayer.height;
  (nodeLayer.mark as Json).size = n > 500 ? 16 : 60;
  (nodeLayer.mark as Json).opacity = 1;
  (nodeLayer.mark as Json).stroke = "#ffffff";
  (nodeLayer.mark as Json).strokeWidth = 0.5;
  (nodeLayer.encoding as Json).x = { field: "x", type: "quantitative", axis: null, scale: { zero: false } };
  (nodeLayer.encoding as Json).y = { field: "y", type: "quantitative", axis: null, scale: { zero: false } };
  const edgeLayer: Json = {
    data: { values: edges },
    mark: { type: "rule", color: "#999999", opacity: edges.length > 1000 ? 0.25 : 0.6 },
    encoding: {
      x: { field: "x", type: "quantitative", axis: null, scale: { zero: false } },
      y: { field: "y", type: "quantitative", axis: null, scale: { zero: false } },
      x2: { field: "x2" },
      y2: { field: "y2" },
      tooltip: [{ field: "source" }, { field: "target" }, { field: "w", title: "weight", format: ".4g" }],
    },
  };
  return {
    spec: { width: opts.width ?? 360, height: opts.height ?? 360, layer: [edgeLayer, nodeLayer], view: { stroke: null } },
    shownNodes: nodes.length,
    shownEdges: edges.length,
  };
}

/** One line per series (thinned to LIMITS.specCurvePoints points each). */
export function curveLayers(p: CurvePayload, opts: SpecOptions = {}): Json {
  const values: Json[] = [];
  const xLog = p.data.xScale === "log";
  const yLog = opts.logScale || p.data.yScale === "log";
  for (const s of p.data.series) {
    const x = decodeArray(s.x);
    const y = decodeArray(s.y);
    const stride = Math.max(1, Math.ceil(x.length / LIMITS.specCurvePoints));
    for (let i = 0; i < x.length; i += stride) {
      // Points at or below 0 have no place on a log axis (e.g. an error that reached exactly 0).
      if ((xLog && !(x[i] > 0)) || (yLog && !(y[i] > 0))) continue;
      values.push({ series: s.name, x: round(x[i]), y: round(y[i]) });
    }
  }
  return {
    width: opts.width ?? 360,
    height: opts.height ?? 240,
    data: { values },
    mark: { type: "line", point: values.length <= 200 },
    encoding: {
      x: { field: "x", type: "quantitative", title: p.data.xLabel ?? "x", scale: xLog ? { type: "log" } : { zero: false } },
      y: { field: "y", type: "quantitative", title: p.data.yLabel ?? "y", scale: yLog ? { type: "log" } : { zero: false } },
      color: { field: "series", type: "nominal", legend: p.data.series.length > 1 ? {} : null },
      tooltip: [{ field: "series" }, { field: "x", format: ".4g" }, { field: "y", format: ".4g" }],
    },
  };
}

/** The Vega-Lite v5 spec of any payload. A spectrum with linked points draws both side by side. */
export function toVegaLite(p: Payload, opts: SpecOptions = {}): VegaLiteSpec {
  switch (p.kind) {
    case "spectrum": {
      const chart = spectrumLayers(p, opts);
      const pts = spectrumPoints(p, opts.colorBy);
      if (!pts) return top(chart, p.meta);
      const sc = scatterSpec(pts, { ...opts, width: 300, height: opts.height ?? 240 });
      return top({ hconcat: [chart, sc.spec], resolve: { scale: { color: "independent" } } }, p.meta, shownNote(sc.shown, sc.total));
    }
    case "embedding": {
      const sc = scatterSpec(embeddingPoints(p, opts.colorBy), opts);
      return top(sc.spec, p.meta, shownNote(sc.shown, sc.total));
    }
    case "clustermap":
      return top(clustermapLayers(p, opts), p.meta, p.meta.reduced ? `block means of the ${p.data.n} × ${p.data.n} affinity, rows ordered by cluster` : undefined);
    case "graph": {
      const g = graphLayers(p, opts);
      return top(g.spec, p.meta, shownNote(g.shownNodes, p.data.n));
    }
    case "matrix":
      return top(matrixLayers(p, opts), p.meta, `${p.data.rows} × ${p.data.cols}${p.meta.reduced ? " (block means)" : ""}`);
    case "curve":
      return top(curveLayers(p, opts), p.meta);
  }
}
