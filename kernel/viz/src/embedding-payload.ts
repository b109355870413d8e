/** Embedding (or any n×d coordinates) -> `embedding` payload. */
import { EigenlabError, Embedding, Matrix } from "@eigenlab/core";
import { checkChoice, checkLabelNames, checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { LIMITS } from "./limits";
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
}

const OPTIONS = ["labels", "labelNames", "color", "colorName", "precision", "title"] as const;

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
  const dims = Math.min(3, Math.max(2, X.cols));
  const coords = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) for (let j = 0; j < Math.min(dims, X.cols); j++) coords[i * dims + j] = X.data[i * X.cols + j];
  const payload: EmbeddingPayload = {
    kind: "embedding",
    version: 1,
    data: { coords: encodeArray(coords, precision, [n, dims]), dims },
    meta: {},
  };
  const labels = opts.labels ?? (isEmbedding ? embedding.labels : undefined);
  // The embedding's names belong to its own labels: labels passed here take only the names passed with them.
  const labelNames = opts.labelNames ?? (opts.labels === undefined && isEmbedding ? embedding.labelNames : undefined);
  if (labels) {
    if (labels.length !== n) throw new EigenlabError("shape", message.length("labels", labels.length, n));
    payload.data.labels = encodeArray(labels, "int32");
  }
  checkLabelNames(labels, labelNames);
  if (labelNames) payload.data.labelNames = Array.from(labelNames, String);
  if (opts.color) {
    if (opts.color.length !== n) throw new EigenlabError("shape", message.length("color", opts.color.length, n));
    payload.data.color = encodeArray(opts.color, "float32");
  }
  if (opts.colorName) payload.data.colorName = opts.colorName;
  const extra: PayloadMeta = { displayPrecision: precision };
  if (opts.title) extra.title = opts.title;
  if (X.cols > 3) extra.notes = [`showing the first 3 of ${X.cols} dimensions`];
  if (isEmbedding && embedding.eigenvalues && embedding.eigenvalues.length === X.cols) {
    // Axis titles say which eigenpair each drawn coordinate comes from, whether or not the vectors travel.
    const ev = embedding.eigenvalues;
    payload.data.coordNames = Array.from({ length: dims }, (_, j) => (j < X.cols ? `coordinate ${j + 1} (λ = ${Number(ev[j].toPrecision(4))})` : `coordinate ${j + 1}`));
  }
  if (isEmbedding && embedding.eigenvalues && embedding.eigenvalues.length === X.cols && n * X.cols <= LIMITS.vectorEntries) {
    payload.data.eigenvalues = Array.from(embedding.eigenvalues);
    payload.data.vectors = encodeArray(X.data, "float32", [n, X.cols]);
  }
  payload.meta = payloadMeta(isEmbedding ? embedding.meta : undefined, extra);
  return payload;
}
