/** The `spectrum` payload in histogram view from parts already computed: the shape ESD-like results share. */
import type { ResultMeta } from "@eigenlab/core";
import { encodeArray } from "./codec";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import type { Histogram, PayloadMeta, SpectrumData, SpectrumOverlay, SpectrumPayload } from "./payload";

/**
 * Eigenvalues (float64, sorted), their histogram and overlays, with the result's provenance merged with
 * `extra` and the optional title; `axes` sets log scales for heavy-tailed spectra. More than
 * LIMITS.payloadValues values (a power-law fit of a million degrees) keep an evenly spaced subset by rank,
 * i.e. quantiles, said in meta.reduced; the histogram and overlays were computed from all of them.
 */
export function histogramPayload(
  values: ArrayLike<number>,
  histogram: Histogram,
  overlays: SpectrumOverlay[],
  meta: ResultMeta,
  extra: PayloadMeta & { title?: string },
  axes: Pick<SpectrumData, "xScale" | "yScale"> = {},
): SpectrumPayload {
  const { title, ...rest } = extra;
  const n = values.length;
  let kept: ArrayLike<number> = values;
  if (n > LIMITS.payloadValues) {
    const m = LIMITS.payloadValues;
    kept = Float64Array.from({ length: m }, (_, i) => values[Math.round((i * (n - 1)) / (m - 1))]);
    rest.reduced = { method: "subsample", from: [n], to: [m] };
  }
  return {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(kept, "float64"), view: "histogram", ...axes, histogram, overlays },
    meta: payloadMeta(meta, title ? { ...rest, title } : rest),
  };
}
