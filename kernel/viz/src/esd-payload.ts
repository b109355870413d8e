/** rmt.esd's Esd -> `spectrum` payload: its own histogram, drawn as a density. */
import type { rmt } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/dist/validate";
import { encodeArray } from "./codec";
import { payloadMeta } from "./meta";
import type { PayloadMeta, SpectrumPayload } from "./payload";

export interface EsdPayloadOptions {
  title?: string;
}

const OPTIONS = ["title"] as const;

/** The ESD as computed (its bins, counts and density), not re-binned, so the chart shows the result's numbers. */
export function esdPayload(esd: rmt.Esd, opts: EsdPayloadOptions = {}): SpectrumPayload {
  checkOptions("esdPayload", opts, OPTIONS);
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  return {
    kind: "spectrum",
    version: 1,
    data: {
      values: encodeArray(esd.values, "float64"),
      view: "histogram",
      histogram: { edges: Array.from(esd.edges), counts: Array.from(esd.counts), density: Array.from(esd.density) },
      overlays: [],
    },
    meta: payloadMeta(esd.meta, extra),
  };
}
