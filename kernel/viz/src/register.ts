/** Registers the rich display of every core result kind with core's display hook. */
import { registerDisplayFormatter } from "@eigenlab/core";
import { toBundle } from "./bundle";
import { RESULT_KINDS } from "./kinds/results";
import { toPayload } from "./to-payload";

/** The kinds core's results announce in `displayBundle(kind, ...)` (one per entry of kinds/results.ts). */
export const FORMATTER_KINDS: readonly string[] = RESULT_KINDS.map((r) => r.name);

/**
 * After this call, `value[Symbol.for("Jupyter.display")]()` of a Spectrum, Embedding, Clustering, Matrix,
 * CsrMatrix, Esd, MarchenkoPastur, MarchenkoPasturFit, Spikes, PowerLawFit, SvdResult, TransportPlan or
 * OjaResult returns the payload, a Vega-Lite v5 spec, an SVG and text/plain (core keeps its own text/plain).
 * Idempotent; the kernel's prelude calls it once.
 */
export function registerFormatters(): void {
  for (const kind of FORMATTER_KINDS) registerDisplayFormatter(kind, (value) => toBundle(toPayload(value)));
}
