/** rmt.fitMarchenkoPastur's fit or rmt.spikes' result -> `spectrum` payload: ESD, fitted law, threshold, spikes. */
import { rmt } from "@eigenlab/core";
import { populationEigenvalue, spikeOverlap, checkOptions } from "@eigenlab/core/base";
import { histogram } from "./histogram";
import { histogramPayload } from "./histogram-payload";
import { bbpOverlay, marchenkoPasturOverlay, spikesOverlay } from "./overlays";
import type { SpectrumPayload } from "./payload";

export interface RmtFitPayloadOptions {
  /** Histogram bins (default: about √m across the bulk, so far spikes do not squeeze it into a few bins). */
  bins?: number;
  title?: string;
}

const OPTIONS = ["bins", "title"] as const;

/**
 * The histogram of the eigenvalues the fit used (the min(n, p) non-zero ones), the fitted Marchenko–Pastur
 * density of that bulk with its edges λ±, the spike threshold (the BBP edge λ₊ plus the Tracy–Widom margin
 * of Johnstone 2001 that the fit used), and the spikes above it with their estimated population eigenvalues
 * and eigenvector overlaps (inverse BBP map; Paul 2007).
 */
export function rmtFitPayload(result: rmt.MarchenkoPasturFit | rmt.Spikes, opts: RmtFitPayloadOptions = {}): SpectrumPayload {
  checkOptions("rmtFitPayload", opts, OPTIONS);
  const isSpikes = result instanceof rmt.Spikes;
  const fit = isSpikes ? result.fit : result;
  const values = fit.eigenvalues;
  const m = values.length;
  const lo = values[0];
  const hi = values[m - 1];
  const bulk = fit.law.lambdaPlus - Math.min(lo, fit.law.lambdaMinus);
  const bins = opts.bins ?? Math.min(200, Math.max(10, Math.ceil((Math.sqrt(m) * (hi - lo)) / (bulk > 0 ? bulk : hi - lo || 1))));
  const spikes = isSpikes ? result.values : fit.outliers;
  const population = isSpikes ? result.population : Float64Array.from(spikes, (v) => populationEigenvalue(v, fit.ratio, fit.sigma2));
  const overlaps = isSpikes ? result.overlaps : Float64Array.from(population, (l) => spikeOverlap(l, fit.ratio, fit.sigma2));
  const alpha = (result.meta.alpha ?? fit.meta.alpha) as number | undefined;
  const overlays = [
    marchenkoPasturOverlay(fit.ratio, fit.sigma2, { bulk: true }),
    bbpOverlay(fit.threshold, `spike threshold: λ₊ + Tracy–Widom margin${alpha !== undefined ? ` (α = ${alpha})` : ""}`),
    spikesOverlay(spikes, { population, overlaps }),
  ];
  return histogramPayload(values, histogram(values, bins), overlays, result.meta, { sigma2: fit.sigma2, ratio: fit.ratio, ks: fit.ks, title: opts.title });
}
