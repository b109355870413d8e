/** linalg.oja's result -> `curve` payload: the variance captured along each direction as samples stream in. */
import type { linalg } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { encodeArray } from "./codec";
import { payloadMeta } from "./meta";
import type { CurvePayload, PayloadMeta } from "./payload";

export interface OjaPayloadOptions {
  title?: string;
}

const OPTIONS = ["title"] as const;

/**
 * One series per estimated direction w_j: the windowed mean of (xᵀw_j)² against the samples seen (the
 * result's history). It rises to the top eigenvalues of the covariance as the estimate converges, and its
 * plateau is where more samples stop helping. Without a history (fewer samples than `historyEvery`) each
 * series is the final variance at the final sample count.
 */
export function ojaPayload(r: linalg.OjaResult, opts: OjaPayloadOptions = {}): CurvePayload {
  checkOptions("ojaPayload", opts, OPTIONS);
  const k = r.values.length;
  const h = r.history;
  const series = Array.from({ length: k }, (_, j) => {
    const x = h.t.length ? h.t : [r.samples];
    const y = h.t.length ? h.values.map((v) => v[j]) : [r.values[j]];
    return { name: `direction ${j + 1}`, x: encodeArray(x, "float64"), y: encodeArray(y, "float64") };
  });
  const extra: PayloadMeta = { samples: r.samples, values: Array.from(r.values) };
  if (opts.title) extra.title = opts.title;
  return {
    kind: "curve",
    version: 1,
    data: { series, xLabel: "samples", yLabel: "windowed mean of (xᵀw)²" },
    meta: payloadMeta(r.meta, extra),
  };
}
