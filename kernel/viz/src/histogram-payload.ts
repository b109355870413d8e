/** The `spectrum` payload in histogram view from parts already computed: the shape ESD-like results share. */
import type { ResultMeta } from "@eigenlab/core";
import { encodeArray } from "./codec";
import { payloadMeta } from "./meta";
import type { Histogram, PayloadMeta, SpectrumData, SpectrumOverlay, SpectrumPayload } from "./payload";

/**
 * Eigenvalues (float64), their histogram and overlays, with the result's provenance merged with `extra` and
 * the optional title; `axes` sets log scales for heavy-tailed spectra.
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
  return {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(values, "float64"), view: "histogram", ...axes, histogram, overlays },
    meta: payloadMeta(meta, title ? { ...rest, title } : rest),
  };
}
