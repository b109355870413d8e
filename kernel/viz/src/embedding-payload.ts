/** Embedding (or any n×d coordinates) -> `embedding` payload. */
import { EigenlabError, Embedding, Matrix } from "@eigenlab/core";
import { checkChoice, checkLabelNames, checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { LIMITS } from "./limits";
import { subsampleIndices } from "./reduce";
import { payloadMeta } from "./meta";
import type { EmbeddingPayload, PayloadMeta } from "./payload";

export interface EmbeddingPayloadOptions {
  /** Categorical labels per point (default: the embedding's labels). */
  labels?: ArrayLike<number>;
  /**
   * Name of each label code, shown in the legend and tooltips instead of the integer (default: the embedding's
   * `labelNames` when its own labels are used). Must cover every code up to the largest.
   */
  labelNames?: readonly string[];
  /** Continuous color per point. */
  color?: ArrayLike<number>;
  colorName?: string;
  /** Coordinate element type; float32 (default) keeps 100 000 2-D points near 1 MB. */
  precision?: "float32" | "float64";
  title?: string;
  /**
   * Most points the payload carries (default `LIMITS.payloadPoints`, 100 000): a larger embedding is saved as a
   * uniform seeded sample of this many (`data.sample` names their rows), so a 10⁶-point output stays a few MB
   * in the notebook while the full set stays in the kernel. `Infinity` keeps every point.
   */
  maxPoints?: number;
}

const OPTIONS = ["labels", "labelNames", "color", "colorName", "precision", "title", "maxPoints"] as const;

/**
 * The payload of an embedding: the first min(d, 3) coordinate columns; the labels or a continuous color;
 * and, for spectral embeddings (eigenvalues known), every coordinate column as an eigenvector for linked
 * recoloring.
 */
export function embeddingPayload(embedding: Embedding | Matrix, opts: EmbeddingPayloadOptions = {}): EmbeddingPayload {
  checkOptions("embeddingPayload", opts, OPTIONS);
  const isEmbedding = embedding instanceof Embedding;
  const X = isEmbedding ? embedding.coords : embedding;
  const n = X.rows;
  if (n === 0) throw new EigenlabError("empty", message.empty("The embedding"));
  const precision = checkChoice("embeddingPayload", "precision", opts.precision ?? "float32", ["float32", "float64"] as const);
  const maxPoints = opts.maxPoints ?? LIMITS.payloadPoints;
  if (!(typeof maxPoints === "number" && maxPoints >= 1)) throw new EigenlabError("bad-option", message.maxPointsOption(maxPoints));
  const dims = Math.min(3, Math.max(2, X.cols));
  // Above maxPoints: a uniform sample (seed 0, rows ascending) is what the notebook saves; the kernel keeps all n.
  const rows = n > maxPoints ? subsampleIndices(n, Math.floor(maxPoints), 0) : null;
  const shown = rows ? rows.length : n;
  const rowOf = (t: number) => (rows ? rows[t] : t);
  const src = X.stored; // float32 coordinates are read as stored
  const coords = new Float64Array(shown * dims);
  for (let t = 0; t < shown; t++) {
    const i = rowOf(t);
    for (let j = 0; j < Math.min(dims, X.cols); j++) coords[t * dims + j] = src[i * X.cols + j];
  }
  const pick = (a: ArrayLike<number>): ArrayLike<number> => (rows ? Array.from(rows, (i) => a[i]) : a);
  const payload: EmbeddingPayload = {
    kind: "embedding",
    version: 1,
    data: { coords: encodeArray(coords, precision, [shown, dims]), dims },
    meta: {},
  };
  if (rows) payload.data.sample = { total: n, indices: encodeArray(rows, "int32") };
  const labels = opts.labels ?? (isEmbedding ? embedding.labels : undefined);
  // The embedding's names belong to its own labels: labels passed here take only the names passed with them.
  const labelNames = opts.labelNames ?? (opts.labels === undefined && isEmbedding ? embedding.labelNames : undefined);
  if (labels) {
    if (labels.length !== n) throw new EigenlabError("shape", message.length("labels", labels.length, n));
    payload.data.labels = encodeArray(pick(labels), "int32");
  }
  checkLabelNames(labels, labelNames);
  if (labelNames) payload.data.labelNames = Array.from(labelNames, String);
  if (opts.color) {
    if (opts.color.length !== n) throw new EigenlabError("shape", message.length("color", opts.color.length, n));
    payload.data.color = encodeArray(pick(opts.color), "float32");
  }
  if (opts.colorName) payload.data.colorName = opts.colorName;
  const extra: PayloadMeta = { displayPrecision: precision };
  if (opts.title) extra.title = opts.title;
  const notes: string[] = [];
  if (X.cols > 3) notes.push(`showing the first 3 of ${X.cols} dimensions`);
  if (rows) notes.push(`${shown.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} points saved with the notebook (a uniform sample; the full set stays in the kernel)`);
  if (notes.length) extra.notes = notes;
  if (isEmbedding && embedding.eigenvalues && embedding.eigenvalues.length === X.cols) {
    // Axis titles say which eigenpair each drawn coordinate comes from, whether or not the vectors travel.
    const ev = embedding.eigenvalues;
    payload.data.coordNames = Array.from({ length: dims }, (_, j) => (j < X.cols ? `coordinate ${j + 1} (λ = ${Number(ev[j].toPrecision(4))})` : `coordinate ${j + 1}`));
  }
  if (!rows && isEmbedding && embedding.eigenvalues && embedding.eigenvalues.length === X.cols && n * X.cols <= LIMITS.vectorEntries) {
    payload.data.eigenvalues = Array.from(embedding.eigenvalues);
    payload.data.vectors = encodeArray(src, "float32", [n, X.cols]);
  }
  payload.meta = payloadMeta(isEmbedding ? embedding.meta : undefined, extra);
  return payload;
}
