/** rmt.powerLawFit's fit -> `spectrum` payload: the ESD on log–log axes with the fitted tail and xmin. */
import type { rmt } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { histogram } from "./histogram";
import { histogramPayload } from "./histogram-payload";
import { powerLawOverlay } from "./overlays";
import type { SpectrumPayload } from "./payload";

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
  return histogramPayload(
    fit.values,
    histogram(fit.values, opts.bins, { scale: "log" }),
    [powerLawOverlay(fit.values, { alpha: fit.alpha, xmin: fit.xmin, ks: fit.ks })],
    fit.meta,
    { alpha: fit.alpha, alphaSigma: fit.sigma, xmin: fit.xmin, nTail: fit.nTail, title: opts.title },
    { xScale: "log", yScale: "log" },
  );
}
