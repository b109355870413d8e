/** rmt.powerLawFit's fit -> `spectrum` payload: the ESD on log–log axes with the fitted tail and xmin. */
import type { rmt } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/dist/validate";
import { encodeArray } from "./codec";
import { histogram } from "./histogram";
import { payloadMeta } from "./meta";
import { powerLawOverlay } from "./overlays";
import type { PayloadMeta, SpectrumPayload } from "./payload";

export interface PowerLawPayloadOptions {
  /** Number of log-spaced bins (default √n clamped to [10, 100]). */
  bins?: number;
  title?: string;
}

const OPTIONS = ["bins", "title"] as const;

/**
 * The density of the fitted values in log-spaced bins on log–log axes, where the fitted tail
 * p(x) ∝ x^(−α), x ≥ xmin, is a straight line (drawn scaled to the tail's share of the values) and xmin a rule.
 */
export function powerLawPayload(fit: rmt.PowerLawFit, opts: PowerLawPayloadOptions = {}): SpectrumPayload {
  checkOptions("powerLawPayload", opts, OPTIONS);
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  return {
    kind: "spectrum",
    version: 1,
    data: {
      values: encodeArray(fit.values, "float64"),
      view: "histogram",
      xScale: "log",
      yScale: "log",
      histogram: histogram(fit.values, opts.bins, { scale: "log" }),
      overlays: [powerLawOverlay(fit.values, { alpha: fit.alpha, xmin: fit.xmin, ks: fit.ks })],
    },
    meta: payloadMeta(fit.meta, { alpha: fit.alpha, alphaSigma: fit.sigma, xmin: fit.xmin, nTail: fit.nTail, ...extra }),
  };
}
