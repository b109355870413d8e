/** ot.sinkhorn's plan -> `matrix` payload: the coupling as a heatmap beside its convergence history. */
import type { ot } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { encodeArray } from "./codec";
import { matrixPayload } from "./matrix-payload";
import { payloadMeta } from "./meta";
import type { MatrixPayload, PayloadMeta } from "./payload";

export interface TransportPayloadOptions {
  /** Largest side of the plan's heatmap in the payload (block means beyond). */
  maxSide?: number;
  title?: string;
}

const OPTIONS = ["maxSide", "title"] as const;

/**
 * The n × m plan P (mass moved from source i to target j; block means when large) and the L1 marginal error
 * after each Sinkhorn iteration on a log axis: linear convergence shows as a straight line (Franklin &
 * Lorenz 1989), and a flat tail says ε is too small for the iteration budget.
 */
export function transportPayload(t: ot.TransportPlan, opts: TransportPayloadOptions = {}): MatrixPayload {
  checkOptions("transportPayload", opts, OPTIONS);
  const base = matrixPayload(t.plan, opts.maxSide !== undefined ? { maxSide: opts.maxSide } : {});
  const h = t.history;
  const extra: PayloadMeta = { ...base.meta, cost: t.cost, objective: t.objective };
  if (opts.title) extra.title = opts.title;
  if (!t.converged) extra.notes = [...(base.meta.notes ?? []), `not converged: marginal error ${(h[h.length - 1] ?? NaN).toExponential(2)} after ${t.iterations} iterations`];
  return {
    ...base,
    data: {
      ...base.data,
      rowName: "source",
      colName: "target",
      valueName: "mass",
      history: {
        series: [{ name: "marginal error", x: encodeArray(Float64Array.from(h, (_, i) => i + 1), "float64"), y: encodeArray(h, "float64") }],
        xLabel: "iteration",
        yLabel: "L1 marginal error",
        yScale: "log",
      },
    },
    meta: payloadMeta(t.meta, extra),
  };
}
