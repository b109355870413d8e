/** Any displayable result -> its payload (dispatch on the result's class). */
import { Clustering, CsrMatrix, EigenlabError, Embedding, linalg, Matrix, ot, rmt, Spectrum } from "@eigenlab/core";
import { message } from "./messages";
import { clusteringPayload } from "./clustering-payload";
import { embeddingPayload } from "./embedding-payload";
import { esdPayload } from "./esd-payload";
import { marchenkoPasturPayload } from "./marchenko-pastur-payload";
import { ojaPayload } from "./oja-payload";
import { powerLawPayload } from "./power-law-payload";
import { rmtFitPayload } from "./rmt-fit-payload";
import { svdPayload } from "./svd-payload";
import { transportPayload } from "./transport-payload";
import { graphPayload } from "./graph-payload";
import { matrixPayload } from "./matrix-payload";
import { spectrumPayload } from "./spectrum-payload";
import { LIMITS } from "./limits";
import type { Payload } from "./payload";

/** Largest square symmetric sparse matrix shown as a graph rather than a heatmap. */
const GRAPH_MAX_NODES = 5_000;

/**
 * The default display of a result (every class core's results announce in `displayBundle`). A CsrMatrix that is square, symmetric (an adjacency/affinity) and
 * not huge draws as a node-link graph; any other matrix as a heatmap.
 */
export function toPayload(value: unknown): Payload {
  if (value instanceof Spectrum) return spectrumPayload(value);
  if (value instanceof Embedding) return embeddingPayload(value);
  if (value instanceof Clustering) return clusteringPayload(value);
  if (value instanceof CsrMatrix) {
    const graphLike = value.rows === value.cols && value.rows <= GRAPH_MAX_NODES && value.nnz <= LIMITS.payloadEdges && value.asymmetry().value === 0 && nonNegative(value.values);
    return graphLike ? graphPayload(value) : matrixPayload(value);
  }
  if (value instanceof Matrix) return matrixPayload(value);
  if (value instanceof rmt.Esd) return esdPayload(value);
  if (value instanceof rmt.MarchenkoPasturFit || value instanceof rmt.Spikes) return rmtFitPayload(value);
  if (value instanceof rmt.PowerLawFit) return powerLawPayload(value);
  if (value instanceof rmt.MarchenkoPastur) return marchenkoPasturPayload(value);
  if (value instanceof linalg.SvdResult) return svdPayload(value);
  if (value instanceof linalg.OjaResult) return ojaPayload(value);
  if (value instanceof ot.TransportPlan) return transportPayload(value);
  throw new EigenlabError("not-displayable", message.notDisplayable(value === null ? "null" : typeof value === "object" ? (value.constructor?.name ?? "an object") : typeof value));
}

function nonNegative(v: Float64Array): boolean {
  for (const x of v) if (x < 0) return false;
  return true;
}
