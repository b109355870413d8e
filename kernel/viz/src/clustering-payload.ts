/** Clustering -> `clustermap` payload (affinity reordered by cluster), or an embedding colored by cluster. */
import { Clustering } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { encodeArray } from "./codec";
import { embeddingPayload } from "./embedding-payload";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import { sparseBlockMean } from "./reduce";
import type { ClusterBand, ClustermapPayload, EmbeddingPayload, PayloadMeta } from "./payload";

export interface ClusteringPayloadOptions {
  /** Largest side of the reordered affinity in the payload (block means beyond). */
  maxSide?: number;
  title?: string;
}

const OPTIONS = ["maxSide", "title"] as const;

/**
 * With an affinity: the cluster map, i.e. the affinity with rows and columns sorted by cluster (stable, so
 * points keep their order within a cluster), block-averaged to at most `maxSide`, with each cluster's band.
 * A good clustering shows as bright diagonal blocks. Without an affinity but with an embedding: the
 * embedding colored by cluster. With labels only: the cluster sizes.
 */
export function clusteringPayload(c: Clustering, opts: ClusteringPayloadOptions = {}): ClustermapPayload | EmbeddingPayload {
  checkOptions("clusteringPayload", opts, OPTIONS);
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  if (!c.affinity && c.embedding) {
    return embeddingPayload(c.embedding.withLabels(c.labels, c.labelNames), { colorName: "cluster", ...(opts.title ? { title: opts.title } : {}) });
  }
  const n = c.labels.length;
  const sizes = Array.from(c.sizes());
  const payload: ClustermapPayload = {
    kind: "clustermap",
    version: 1,
    data: { n, k: c.k, labels: encodeArray(c.labels, "int32"), sizes },
    meta: {},
  };
  if (c.labelNames) payload.data.labelNames = Array.from(c.labelNames, String);
  if (c.affinity) {
    // Position of each point after a stable sort by label: counting sort.
    const start = new Int32Array(c.k + 1);
    for (let l = 0; l < c.k; l++) start[l + 1] = start[l] + sizes[l];
    const next = start.slice(0, c.k);
    const position = new Int32Array(n);
    for (let i = 0; i < n; i++) position[i] = next[c.labels[i]]++;
    const maxSide = opts.maxSide ?? LIMITS.payloadMatrixSide;
    const { values, r } = sparseBlockMean(c.affinity, maxSide, position);
    payload.data.matrix = encodeArray(values, "float32", [r, r]);
    const bands: ClusterBand[] = [];
    for (let l = 0; l < c.k; l++) {
      if (sizes[l] === 0) continue;
      bands.push({ cluster: l, start: (start[l] * r) / n, end: (start[l + 1] * r) / n });
    }
    payload.data.bands = bands;
    extra.displayPrecision = "float32";
    if (r < n) extra.reduced = { method: "block-mean", from: [n, n], to: [r, r] };
  }
  payload.meta = payloadMeta(c.meta, extra);
  return payload;
}
