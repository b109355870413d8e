/** Theory overlays drawn on a spectrum: Marchenko–Pastur, BBP threshold, power-law tail, eigengap. */
import type { BbpOverlay, EigengapOverlay, MarchenkoPasturOverlay, PowerLawOverlay, SpikesOverlay } from "./payload";

const SAMPLES = 200;

/**
 * The Marchenko–Pastur density for ratio γ = p/n and noise variance σ² (Marchenko & Pastur 1967; Bai &
 * Silverstein 2010, eq. 3.1.1): f(x) = √((λ₊ − x)(x − λ₋)) / (2π σ² γ x) on [λ₋, λ₊], λ± = σ²(1 ± √γ)².
 * For γ > 1 this is the continuous part (mass 1/γ; the rest is an atom at 0, not drawn). With `bulk: true`
 * the curve is divided by the bulk's mass min(1, 1/γ): the density of the non-zero eigenvalues alone, which
 * is what a histogram of only those (as rmt.fitMarchenkoPastur keeps) estimates. Sampled for display only;
 * @eigenlab/core's rmt module owns the fitting.
 */
export function marchenkoPasturOverlay(ratio: number, sigma2: number, opts: { bulk?: boolean } = {}): MarchenkoPasturOverlay {
  const r = Math.sqrt(ratio);
  const lower = sigma2 * (1 - r) ** 2;
  const upper = sigma2 * (1 + r) ** 2;
  const scale = opts.bulk ? 1 / Math.min(1, 1 / ratio) : 1;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    // Chebyshev-like spacing puts more samples near the square-root edges, where the curve bends most.
    const t = (1 - Math.cos((Math.PI * i) / SAMPLES)) / 2;
    const xi = lower + t * (upper - lower);
    const d = xi > 0 ? Math.sqrt(Math.max(0, (upper - xi) * (xi - lower))) / (2 * Math.PI * sigma2 * ratio * xi) : 0;
    x.push(xi);
    y.push(Number.isFinite(d) ? d * scale : 0);
  }
  return { type: "marchenko-pastur", ratio, sigma2, lower, upper, x, y };
}

/** A vertical marker at the BBP threshold (Baik, Ben Arous & Péché 2005): eigenvalues above it are spikes. */
export function bbpOverlay(value: number, label = "BBP threshold"): BbpOverlay {
  return { type: "bbp-threshold", value, label };
}

/**
 * The fitted power law p(x) = (α − 1)/x_min · (x/x_min)^(−α) for x ≥ x_min (Clauset, Shalizi & Newman 2009,
 * eq. 2.2), scaled by the share of values in the tail so it overlays the histogram's density.
 */
export function powerLawOverlay(values: ArrayLike<number>, fit: { alpha: number; xmin: number; ks?: number }): PowerLawOverlay {
  let tail = 0;
  let max = fit.xmin;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= fit.xmin) tail++;
    max = Math.max(max, values[i]);
  }
  const share = values.length === 0 ? 0 : tail / values.length;
  const x: number[] = [];
  const y: number[] = [];
  const steps = 100;
  for (let i = 0; i <= steps; i++) {
    // Log spacing: the curve is a straight line on log axes.
    const xi = fit.xmin * Math.pow(max / fit.xmin, i / steps);
    x.push(xi);
    y.push((share * (fit.alpha - 1)) / fit.xmin * Math.pow(xi / fit.xmin, -fit.alpha));
  }
  const out: PowerLawOverlay = { type: "power-law", alpha: fit.alpha, xmin: fit.xmin, x, y };
  if (fit.ks !== undefined) out.ks = fit.ks;
  return out;
}

/** Spike eigenvalues marked on the spectrum, with their estimated population eigenvalues and overlaps. */
export function spikesOverlay(values: ArrayLike<number>, extra: { population?: ArrayLike<number>; overlaps?: ArrayLike<number> } = {}): SpikesOverlay {
  const out: SpikesOverlay = { type: "spikes", values: Array.from(values) };
  if (extra.population) out.population = Array.from(extra.population);
  if (extra.overlaps) out.overlaps = Array.from(extra.overlaps);
  return out;
}

/**
 * The eigengap heuristic (von Luxburg 2007, §8.3): the number of clusters k is the index where
 * λ_{k+1} − λ_k is largest among the smallest Laplacian eigenvalues. `index` is 0-based (gap after values[index]).
 * Passing `at` marks a chosen index instead. Gaps are absolute differences, so descending values (singular
 * values, where the largest gap estimates the numerical rank) work too.
 */
export function eigengapOverlay(values: ArrayLike<number>, at?: number): EigengapOverlay | undefined {
  if (values.length < 2) return undefined;
  let index = 0;
  let gap = -Infinity;
  if (at !== undefined) {
    index = Math.max(0, Math.min(values.length - 2, at));
    gap = Math.abs(values[index + 1] - values[index]);
  } else {
    for (let i = 0; i + 1 < values.length; i++) {
      const g = Math.abs(values[i + 1] - values[i]);
      if (g > gap) {
        gap = g;
        index = i;
      }
    }
  }
  return { type: "eigengap", index, gap };
}
