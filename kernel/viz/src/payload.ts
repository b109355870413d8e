/**
 * The display payload `application/vnd.eigenlab.v1+json` (DESIGN.md, display contract). These types are the
 * single source of truth: `scripts/generate-schema.js` turns them into `schema/payload.schema.json` (the
 * Vega-Lite habit: TypeScript types -> JSON Schema -> every example validated), and the JupyterLab renderer
 * reads exactly these shapes. Change a type here, then run `npm run schema -w @eigenlab/viz`; a test fails
 * while the committed schema is stale.
 */

import type { ResultMeta } from "@eigenlab/core/base";

/** The MIME type of the payload. */
export const PAYLOAD_MIME = "application/vnd.eigenlab.v1+json";
/** The payload version this package writes and the renderer reads. */
export const PAYLOAD_VERSION = 1;

/** Element type of an encoded array. */
export type DType = "float64" | "float32" | "int32";

/**
 * A numeric array kept compact: the base64 of the little-endian bytes of a typed array of `dtype`, row-major
 * with the given `shape` (the product of `shape` is the element count).
 */
export interface EncodedArray {
  dtype: DType;
  /** @minItems 1 */
  shape: number[];
  b64: string;
}

/**
 * The provenance stamp: core's `ResultMeta` (every field optional here, because curves and hand-built payloads
 * need not come from a solver), plus what the display did to the data (`PayloadDisplayMeta`).
 */
export type PayloadMeta = Partial<ResultMeta> & PayloadDisplayMeta;

/** What the display adds to a result's provenance stamp. */
export interface PayloadDisplayMeta {
  /** Human title shown above the chart. */
  title?: string;
  /** Element type the display stored coordinates/values in (e.g. "float32": exact to about 7 digits). */
  displayPrecision?: DType;
  /** When the payload holds fewer cells/points than the result, how it was reduced. */
  reduced?: Reduction;
  /** Notes the display adds (e.g. "eigenvectors omitted: n × k above the size limit"). */
  notes?: string[];
  [extra: string]: unknown;
}

/** How a large result was made small enough to display. */
export interface Reduction {
  /** "strongest-edges": a large graph's edges thinned to each node's strongest (graph-payload.ts); `from`/`to` count edges. */
  method: "block-mean" | "subsample" | "truncate" | "strongest-edges";
  /** Shape of the full result. */
  from: number[];
  /** Shape kept in the payload. */
  to: number[];
}

/** Every payload has these four fields. */
export type Payload =
  | SpectrumPayload
  | EmbeddingPayload
  | ClustermapPayload
  | GraphPayload
  | MatrixPayload
  | CurvePayload;

export type PayloadKind = Payload["kind"];

export interface SpectrumPayload {
  kind: "spectrum";
  version: 1;
  data: SpectrumData;
  meta: PayloadMeta;
}

export interface EmbeddingPayload {
  kind: "embedding";
  version: 1;
  data: EmbeddingData;
  meta: PayloadMeta;
}

export interface ClustermapPayload {
  kind: "clustermap";
  version: 1;
  data: ClustermapData;
  meta: PayloadMeta;
}

export interface GraphPayload {
  kind: "graph";
  version: 1;
  data: GraphData;
  meta: PayloadMeta;
}

export interface MatrixPayload {
  kind: "matrix";
  version: 1;
  data: MatrixData;
  meta: PayloadMeta;
}

export interface CurvePayload {
  kind: "curve";
  version: 1;
  data: CurveData;
  meta: PayloadMeta;
}

/** Eigenvalues, optional theory overlays, optional eigenvectors for linked recoloring. */
export interface SpectrumData {
  /** Eigenvalues ascending (singular values: descending, largest first, as a scree plot lists them), float64, shape [k]. */
  values: EncodedArray;
  /** What the values are (axis titles, text); default "eigenvalue". */
  valueName?: "eigenvalue" | "singular value";
  /** Value axis of the histogram view: "log" for heavy-tailed spectra (then the bins are equal in log x). */
  xScale?: "linear" | "log";
  /** Density axis of the histogram view: "log" shows a power-law tail as a straight line. */
  yScale?: "linear" | "log";
  /** Residual norms ‖Av − λv‖ per eigenpair, shape [k]. */
  residuals?: EncodedArray;
  /** "histogram": empirical spectral density (many values); "scree": value against index (few values). */
  view: "histogram" | "scree";
  /** Histogram of the values (always present; the scree view ignores it). */
  histogram: Histogram;
  overlays: SpectrumOverlay[];
  /** Eigenvectors as columns, shape [n, k] (float32): choosing eigenvalue j recolors points by column j. */
  vectors?: EncodedArray;
  /** 2-D coordinates of the n points for the linked embedding view, shape [n, 2]. */
  coords?: EncodedArray;
  /** Optional labels of the n points, int32 shape [n]. */
  labels?: EncodedArray;
  /** What the two columns of `coords` are (axis titles), e.g. ["eigenvector 2 (λ = 0.013)", "eigenvector 3 (λ = 0.02)"]. */
  coordNames?: string[];
}

/**
 * Bins on [edges[0], edges[bins]], of equal width (equal in log x when the spectrum's xScale is "log");
 * `density` = count / (total · width) integrates to the share of values inside the range.
 */
export interface Histogram {
  edges: number[];
  counts: number[];
  density: number[];
}

export type SpectrumOverlay = MarchenkoPasturOverlay | BbpOverlay | PowerLawOverlay | EigengapOverlay | SpikesOverlay;

/** Marchenko–Pastur law for aspect ratio `ratio` = p/n and noise variance `sigma2`: density curve and edges. */
export interface MarchenkoPasturOverlay {
  type: "marchenko-pastur";
  ratio: number;
  sigma2: number;
  lower: number;
  upper: number;
  /** Density sampled on [lower, upper], scaled like the histogram's density. */
  x: number[];
  y: number[];
}

/**
 * The BBP phase-transition threshold on the eigenvalue axis: eigenvalues beyond it are detectable spikes.
 * Asymptotically the upper bulk edge σ²(1 + √γ)²; a fitted one adds the finite-sample Tracy–Widom margin
 * (Johnstone 2001), and `label` says which.
 */
export interface BbpOverlay {
  type: "bbp-threshold";
  value: number;
  label: string;
}

/** Power-law tail fit p(x) ∝ x^(−alpha) for x ≥ xmin, drawn scaled to the tail's share of the values. */
export interface PowerLawOverlay {
  type: "power-law";
  alpha: number;
  xmin: number;
  /** Kolmogorov–Smirnov distance of the fit, when known. */
  ks?: number;
  x: number[];
  y: number[];
}

/** Eigenvalues detected as spikes (outliers of the bulk), with what is estimated about each. */
export interface SpikesOverlay {
  type: "spikes";
  /** The spike eigenvalues, ascending. */
  values: number[];
  /** Estimated population eigenvalue of each spike (inverse BBP map), when known. */
  population?: number[];
  /** Estimated squared cosine between each sample eigenvector and its population direction, when known. */
  overlaps?: number[];
}

/** The largest gap |values[index + 1] − values[index]| between consecutive values (eigengap heuristic). */
export interface EigengapOverlay {
  type: "eigengap";
  index: number;
  gap: number;
}

/** Points in 2-D or 3-D, colored by labels or by a continuous value. */
export interface EmbeddingData {
  /** Coordinates, shape [n, dims] (float32 unless the result asked otherwise; meta.displayPrecision says). */
  coords: EncodedArray;
  /** Number of coordinates per point drawn: 2 or 3 (the lab draws 3 as a rotatable 3-D scatter; Vega-Lite and SVG draw the first two, the third as color). */
  dims: number;
  /** Categorical labels, int32 shape [n]. */
  labels?: EncodedArray;
  /** Name of each label code (`labelNames[k]` names label k; covers every code up to the largest): legends and tooltips show the names. */
  labelNames?: string[];
  /** Continuous color values, shape [n]. */
  color?: EncodedArray;
  /** Legend title for `labels` or `color`. */
  colorName?: string;
  /** Eigenvalues of the coordinate columns (spectral methods): the renderer offers them for recoloring. */
  eigenvalues?: number[];
  /** Eigenvectors as columns, shape [n, m], for linked recoloring (often the coordinates themselves). */
  vectors?: EncodedArray;
  /** What each drawn coordinate column is (axis titles), e.g. "coordinate 1 (λ = 0.013)"; default "coordinate j". */
  coordNames?: string[];
  /**
   * Present when the payload holds a sample of a larger embedding (above `LIMITS.payloadPoints` points, issue #15):
   * `total` points in the kernel, and each shown point's row among them (`indices`, int32 shape [shown],
   * ascending). The full set stays in the kernel; the lab maps lasso selections back to these rows.
   */
  sample?: EmbeddingSample;
}

/** The sample an embedding payload holds of a larger set. */
export interface EmbeddingSample {
  /** Points of the full embedding (in the kernel). */
  total: number;
  /** Row of each shown point in the full embedding, int32 shape [shown], ascending. */
  indices: EncodedArray;
}

/** Affinity reordered by cluster with the cluster bands, or (no affinity) cluster sizes. */
export interface ClustermapData {
  /** Number of points. */
  n: number;
  /** Number of clusters. */
  k: number;
  /** Cluster of each point (original order), int32 shape [n]. */
  labels: EncodedArray;
  /** Points per cluster. */
  sizes: number[];
  /** Name of each cluster code (`labelNames[k]` names cluster k): legends, axes and tooltips show the names. */
  labelNames?: string[];
  /** Affinity with rows/columns ordered by cluster, possibly block-averaged: shape [m, m]. */
  matrix?: EncodedArray;
  /** Each cluster's rows in `matrix`: [start, end) in matrix coordinates. */
  bands?: ClusterBand[];
}

export interface ClusterBand {
  cluster: number;
  start: number;
  end: number;
}

/** A node-link diagram. */
export interface GraphData {
  n: number;
  /** Edge endpoints (int32 [m]) and weights ([m]); each undirected edge once (source < target). */
  source: EncodedArray;
  target: EncodedArray;
  weight: EncodedArray;
  /** Node positions, shape [n, 2]. */
  layout: EncodedArray;
  layoutMethod: "spectral" | "force" | "given";
  /** How the layout was computed, when the view should say more than `layoutMethod` (large graphs). */
  layoutNote?: string;
  /** Edges of the graph before the display thinned them (absent: every edge is carried). */
  edgesTotal?: number;
  /** Which edges were kept when thinned, e.g. "the 2 strongest per node". */
  edgeRule?: string;
  /**
   * The layout is a Poincaré-disk embedding (Nickel & Kiela 2017): draw the unit circle, and x and y on
   * [−1, 1] at one scale, so that hyperbolic geometry (the boundary at infinite distance) reads off the plot.
   */
  disk?: boolean;
  /** Name of each node, shown in node and edge tooltips. */
  nodeNames?: string[];
  labels?: EncodedArray;
  /** Name of each label code (`labelNames[k]` names label k; covers every code up to the largest). */
  labelNames?: string[];
  color?: EncodedArray;
  colorName?: string;
  eigenvalues?: number[];
  vectors?: EncodedArray;
}

/** A dense or sparse matrix as a heatmap (block-averaged when large). */
export interface MatrixData {
  /** Rows × cols of the result. */
  rows: number;
  cols: number;
  /** Displayed cells, shape [r, c] with r ≤ rows, c ≤ cols. */
  values: EncodedArray;
  /** Minimum and maximum of the displayed cells. */
  range: number[];
  /** Stored entries, for sparse matrices. */
  nnz?: number;
  /** Diverging color scale centred at 0 (set when the values take both signs). */
  diverging: boolean;
  /** Axis titles (default "row", "column") and the color legend's title (default "value"). */
  rowName?: string;
  colName?: string;
  valueName?: string;
  /** A convergence history drawn beside the heatmap (e.g. Sinkhorn's marginal error per iteration). */
  history?: CurveData;
}

/** x/y series, e.g. a convergence history or an eigenvalue path. */
export interface CurveData {
  series: CurveSeries[];
  xLabel?: string;
  yLabel?: string;
  xScale?: "linear" | "log";
  yScale?: "linear" | "log";
}

export interface CurveSeries {
  name: string;
  x: EncodedArray;
  y: EncodedArray;
}
