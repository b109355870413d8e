/**
 * `rmt.bbpThreshold`: the Baik–Ben Arous–Péché (2005) phase transition of the spiked covariance model
 * Σ = σ²I + θuuᵀ with γ = p / n. A spike is visible in the sample covariance only when θ > σ²√γ; then the
 * top sample eigenvalue separates from the bulk edge σ²(1 + √γ)² and sits at ℓ(1 + γσ²/(ℓ − σ²)), ℓ = σ² + θ.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveNumber } from "../validate";

export interface BbpThreshold {
  /** Critical added variance θ_c = σ²√γ. */
  strength: number;
  /** Critical population eigenvalue ℓ_c = σ²(1 + √γ). */
  population: number;
  /** The bulk edge σ²(1 + √γ)² where a critical spike's sample eigenvalue lands. */
  edge: number;
}

/**
 * The BBP phase transition (Baik, Ben Arous & Péché 2005) for ratio γ: a spike of strength θ > σ²√γ (population
 * eigenvalue above σ²(1 + √γ)) separates from the bulk, whose edge is σ²(1 + √γ)².
 *
 * @example
 * ```ts
 * const t = rmt.bbpThreshold({ ratio: 0.25 });
 * t.strength; // => 0.5
 * t.population; // => 1.5
 * t.edge; // => 2.25
 * ```
 */
export function bbpThreshold(opts: {
  /** Aspect ratio γ = p/n of the data matrix (features over samples). */
  ratio: number;
  /** Noise variance σ² of the bulk (default 1). */
  sigma2?: number;
}): BbpThreshold {
  checkOptions("rmt.bbpThreshold", opts, { ratio: opt.number(), sigma2: opt.number() });
  if (typeof opts?.ratio !== "number" || !(opts.ratio > 0) || !Number.isFinite(opts.ratio)) {
    throw new EigenlabError("bad-option", message.ratioRange("rmt.bbpThreshold", opts?.ratio));
  }
  const sigma2 = positiveNumber("rmt.bbpThreshold", "sigma2", opts.sigma2 ?? 1);
  const r = Math.sqrt(opts.ratio);
  return { strength: sigma2 * r, population: sigma2 * (1 + r), edge: sigma2 * (1 + r) ** 2 };
}

/** Inverse of the BBP map: the population eigenvalue ℓ whose spike produces sample eigenvalue λ (NaN in the bulk). */
export function populationEigenvalue(lambda: number, ratio: number, sigma2: number): number {
  const b = lambda + sigma2 - ratio * sigma2;
  const disc = b * b - 4 * lambda * sigma2;
  if (disc < 0 || lambda <= sigma2 * (1 + Math.sqrt(ratio)) ** 2) return NaN;
  return 0.5 * (b + Math.sqrt(disc));
}

/**
 * Asymptotic squared cosine between the top sample eigenvector and the planted direction (Paul 2007,
 * Statistica Sinica 17): (1 − γσ⁴/θ²) / (1 + γσ²/θ) with θ = ℓ − σ², 0 below the threshold.
 */
export function spikeOverlap(population: number, ratio: number, sigma2: number): number {
  const theta = population - sigma2;
  if (!(theta > sigma2 * Math.sqrt(ratio))) return 0;
  return (1 - (ratio * sigma2 * sigma2) / (theta * theta)) / (1 + (ratio * sigma2) / theta);
}
