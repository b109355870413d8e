/** Registers the rich display of every core result kind with core's display hook. */
import { registerDisplayFormatter } from "@eigenlab/core";
import { toBundle } from "./bundle";
import { toPayload } from "./to-payload";

/** The kinds core's results announce in `displayBundle(kind, ...)`. */
export const FORMATTER_KINDS = ["spectrum", "embedding", "clustermap", "matrix", "sparse", "curve", "esd", "rmt-fit", "power-law", "svd", "transport", "oja"] as const;

/**
 * After this call, `value[Symbol.for("Jupyter.display")]()` of a Spectrum, Embedding, Clustering, Matrix,
 * CsrMatrix, Esd, MarchenkoPastur, MarchenkoPasturFit, Spikes, PowerLawFit, SvdResult, TransportPlan or
 * OjaResult returns the payload, a Vega-Lite v5 spec, an SVG and text/plain (core keeps its own text/plain).
 * Idempotent; the kernel's prelude calls it once.
 */
export function registerFormatters(): void {
  for (const kind of FORMATTER_KINDS) registerDisplayFormatter(kind, (value) => toBundle(toPayload(value)));
}
