/**
 * Which core result becomes which payload kind, through which builder: the Node-side half of the table of
 * display kinds (the browser-safe half is `index.ts`). It lives apart because the builders need core's classes
 * and numerics (a graph's spectral layout runs `linalg.eigh`), which the renderer's bundle must not load.
 * `toPayload` tries the entries in order; `registerFormatters` registers each entry's `name` with core's
 * display hook. Displaying a new core result = one entry here (plus, for a new payload kind, see index.ts).
 */
import { Clustering, CsrMatrix, Embedding, linalg, Matrix, ot, rmt, Spectrum } from "@eigenlab/core";
import { clusteringPayload } from "../clustering-payload";
import { embeddingPayload } from "../embedding-payload";
import { esdPayload } from "../esd-payload";
import { graphPayload } from "../graph-payload";
import { LARGE_GRAPH_FROM } from "../layout";
import { LIMITS } from "../limits";
import { marchenkoPasturPayload } from "../marchenko-pastur-payload";
import { matrixPayload } from "../matrix-payload";
import { ojaPayload } from "../oja-payload";
import type { Payload, PayloadKind } from "../payload";
import { powerLawPayload } from "../power-law-payload";
import { rmtFitPayload } from "../rmt-fit-payload";
import { spectrumPayload } from "../spectrum-payload";
import { svdPayload } from "../svd-payload";
import { transportPayload } from "../transport-payload";

/** One kind of core result and its default display. */
export interface ResultKind {
  /** The kind the result announces to core's display hook: `displayBundle(name, value, text)`. */
  readonly name: string;
  /** The payload kinds its display may be. */
  readonly payloads: readonly PayloadKind[];
  is(value: unknown): boolean;
  /** Its default payload (call only when `is(value)`). */
  build(value: unknown): Payload;
}

function result<T>(name: string, payloads: readonly PayloadKind[], is: (value: unknown) => value is T, build: (value: T) => Payload): ResultKind {
  return { name, payloads, is, build: (value) => build(value as T) };
}

const instance =
  <T>(...classes: (abstract new (...args: never[]) => T)[]) =>
  (value: unknown): value is T =>
    classes.some((c) => value instanceof c);


function nonNegative(v: Float64Array): boolean {
  for (const x of v) if (x < 0) return false;
  return true;
}

/**
 * Every result class core's results announce in `displayBundle`, in the order `toPayload` tries them. A
 * CsrMatrix that is square, symmetric (an adjacency/affinity) and not huge draws as a node-link graph; any
 * other matrix as a heatmap.
 */
export const RESULT_KINDS: readonly ResultKind[] = [
  result("spectrum", ["spectrum"], instance(Spectrum), (s) => spectrumPayload(s)),
  result("embedding", ["embedding"], instance(Embedding), (e) => embeddingPayload(e)),
  result("clustermap", ["clustermap", "embedding"], instance(Clustering), (c) => clusteringPayload(c)),
  result("sparse", ["graph", "matrix"], instance(CsrMatrix), (W) => {
    // Up to LIMITS.graphNodes nodes; above LARGE_GRAPH_FROM the payload thins the edges itself, below it a
    // graph with more than LIMITS.payloadEdges stored entries is read better as a heatmap.
    const sizeOk = W.rows <= LARGE_GRAPH_FROM ? W.nnz <= LIMITS.payloadEdges : W.rows <= LIMITS.graphNodes;
    const graphLike = W.rows === W.cols && sizeOk && W.asymmetry().value === 0 && nonNegative(W.values);
    return graphLike ? graphPayload(W) : matrixPayload(W);
  }),
  result("matrix", ["matrix"], instance(Matrix), (A) => matrixPayload(A)),
  result("esd", ["spectrum"], instance(rmt.Esd), (e) => esdPayload(e)),
  result("rmt-fit", ["spectrum"], instance<rmt.MarchenkoPasturFit | rmt.Spikes>(rmt.MarchenkoPasturFit, rmt.Spikes), (f) => rmtFitPayload(f)),
  result("power-law", ["spectrum"], instance(rmt.PowerLawFit), (f) => powerLawPayload(f)),
  result("curve", ["curve"], instance(rmt.MarchenkoPastur), (law) => marchenkoPasturPayload(law)),
  result("svd", ["spectrum"], instance(linalg.SvdResult), (r) => svdPayload(r)),
  result("oja", ["curve"], instance(linalg.OjaResult), (r) => ojaPayload(r)),
  result("transport", ["matrix"], instance(ot.TransportPlan), (t) => transportPayload(t)),
];
