/** rmt.esd's Esd -> `spectrum` payload: its own histogram, drawn as a density. */
import type { rmt } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { histogramPayload } from "./histogram-payload";
import type { SpectrumPayload } from "./payload";

export interface EsdPayloadOptions {
  title?: string;
}

const OPTIONS = ["title"] as const;

/** The ESD as computed (its bins, counts and density), not re-binned, so the chart shows the result's numbers. */
export function esdPayload(esd: rmt.Esd, opts: EsdPayloadOptions = {}): SpectrumPayload {
  checkOptions("esdPayload", opts, OPTIONS);
  const h = { edges: Array.from(esd.edges), counts: Array.from(esd.counts), density: Array.from(esd.density) };
  return histogramPayload(esd.values, h, [], esd.meta, { title: opts.title });
}
