/**
 * `rmt.powerLawFit`: continuous power-law tail fit p(x) ∝ x^(−α), x ≥ xmin, by the method of Clauset, Shalizi
 * & Newman (2009, SIAM Review 51, "Power-law distributions in empirical data"): for each candidate xmin the
 * MLE α = 1 + n_tail / Σ ln(x_i / xmin) (their eq. 3.1), and xmin minimizes the Kolmogorov–Smirnov distance
 * between the tail and the fitted law (their §3.3). Heavy-tailed self-regularization (Martin & Mahoney 2021)
 * applies this fit to the ESD of weight matrices.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, hashArrays, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger, positiveNumber } from "../validate";

export interface PowerLawFitOptions {
  /** Fix xmin instead of choosing it by KS minimization. */
  xmin?: number;
  /** Smallest tail size a candidate xmin may leave (default 10). */
  minTail?: number;
  /** Largest number of xmin candidates scanned (evenly spaced by rank; default 1000), bounding the O(n·candidates) cost. */
  maxCandidates?: number;
}

/**
 * A power-law tail fit (from rmt.powerLawFit): exponent `alpha`, its standard error `sigma`, the tail start `xmin`,
 * `nTail` values in the tail, the KS distance and the scanned candidates.
 *
 * @example
 * ```ts
 * const rng = new Rng(2);
 * const fit = rmt.powerLawFit(Array.from({ length: 2000 }, () => Math.pow(1 - rng.uniform(), -1)));
 * fit instanceof rmt.PowerLawFit; // => true
 * fit.nTail <= 2000 && fit.xmin >= 1; // => true
 * ```
 */
export class PowerLawFit {
  readonly alpha: number;
  readonly xmin: number;
  /** KS distance of the tail to the fitted law. */
  readonly ks: number;
  /** Number of values ≥ xmin. */
  readonly nTail: number;
  /** Asymptotic standard error of α, (α − 1)/√n_tail (CSN eq. 3.2). */
  readonly sigma: number;
  /** The scanned candidates and their KS distances (for plotting the selection). */
  readonly candidates: { xmin: Float64Array; ks: Float64Array; alpha: Float64Array };
  /** The values fitted, ascending (the display draws their ESD under the fitted tail). */
  readonly values: Float64Array;
  readonly meta: ResultMeta;

  constructor(init: {
    alpha: number; xmin: number; ks: number; nTail: number; sigma: number;
    candidates: { xmin: Float64Array; ks: Float64Array; alpha: Float64Array }; values: Float64Array; meta: ResultMeta;
  }) {
    this.alpha = init.alpha;
    this.xmin = init.xmin;
    this.ks = init.ks;
    this.nTail = init.nTail;
    this.sigma = init.sigma;
    this.candidates = init.candidates;
    this.values = init.values;
    this.meta = init.meta;
  }

  toString(): string {
    return (
      `Power-law tail: α = ${this.alpha.toPrecision(4)} ± ${this.sigma.toPrecision(2)}, xmin = ${this.xmin.toPrecision(4)}, ` +
      `${this.nTail} values in the tail, KS ${this.ks.toPrecision(3)}.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("power-law", this, this.toString());
  }
}

/** Fit on sorted positive values x[0..n): α and KS for the tail starting at index i. */
function tailFit(x: Float64Array, i: number, suffixLog: Float64Array, xmin = x[i]): { alpha: number; ks: number } {
  const n = x.length;
  const nt = n - i;
  const denom = suffixLog[i] - nt * Math.log(xmin);
  const alpha = denom > 0 ? 1 + nt / denom : Infinity;
  if (!Number.isFinite(alpha)) return { alpha, ks: 1 };
  let d = 0;
  for (let j = i; j < n; j++) {
    const F = 1 - Math.pow(x[j] / xmin, 1 - alpha);
    const lo = (j - i) / nt;
    const hi = (j - i + 1) / nt;
    // Ties: the empirical CDF jumps once over equal values.
    if (j + 1 < n && x[j + 1] === x[j]) {
      d = Math.max(d, Math.abs(F - lo));
      continue;
    }
    d = Math.max(d, Math.abs(F - lo), Math.abs(hi - F));
  }
  return { alpha, ks: d };
}

/**
 * Fits a power-law tail p(x) ∝ x^(−α) for x ≥ xmin to positive values (e.g. eigenvalues): α by maximum likelihood,
 * xmin by the smallest KS distance (Clauset, Shalizi & Newman 2009).
 *
 * @example
 * ```ts
 * // Pareto samples with α = 3 and xmin = 1 (inverse CDF x = (1 − u)^(−1/(α − 1)))
 * const rng = new Rng(1);
 * const x = Array.from({ length: 5000 }, () => Math.pow(1 - rng.uniform(), -1 / 2));
 * const fit = rmt.powerLawFit(x);
 * Math.abs(fit.alpha - 3) < 0.15; // => true
 * ```
 */
export function powerLawFit(values: ArrayLike<number> | { values: ArrayLike<number> }, opts: PowerLawFitOptions = {}): PowerLawFit {
  const fn = "rmt.powerLawFit";
  checkOptions(fn, opts, { xmin: opt.number(), minTail: opt.integer(1), maxCandidates: opt.integer(1) });
  if (values === null || typeof values !== "object") throw new EigenlabError("bad-input", message.notAVector(fn, "the values (an array, or a Spectrum with .values)", values));
  const raw = "values" in (values as object) && !(ArrayBuffer.isView(values) || Array.isArray(values))
    ? (values as { values: ArrayLike<number> }).values
    : (values as ArrayLike<number>);
  const x = Float64Array.from(raw);
  x.forEach((v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new EigenlabError("bad-input", message.powerLawValues(i, v));
  });
  x.sort();
  const n = x.length;
  const minTail = positiveInteger(fn, "minTail", opts.minTail ?? 10);
  const maxCandidates = positiveInteger(fn, "maxCandidates", opts.maxCandidates ?? 1000);
  const suffixLog = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) suffixLog[i] = suffixLog[i + 1] + Math.log(x[i]);
  // Candidate start indices: first occurrence of each distinct value leaving ≥ minTail values.
  const starts: number[] = [];
  for (let i = 0; i + minTail <= n; i++) if (i === 0 || x[i] !== x[i - 1]) starts.push(i);
  if (starts.length === 0 || new Set(x).size < 2) throw new EigenlabError("shape", message.powerLawTail(new Set(x).size, minTail));
  let chosen = starts;
  if (opts.xmin !== undefined) {
    const xm = positiveNumber(fn, "xmin", opts.xmin);
    let i = 0;
    while (i < n && x[i] < xm) i++;
    if (n - i < 2) throw new EigenlabError("shape", message.powerLawTail(n - i, 2));
    // With a fixed xmin the MLE uses xmin itself as the lower bound (CSN eq. 3.1).
    const { alpha, ks } = tailFit(x, i, suffixLog, xm);
    return result(x, alpha, xm, ks, n - i, { xmin: Float64Array.of(xm), ks: Float64Array.of(ks), alpha: Float64Array.of(alpha) });
  }
  if (starts.length > maxCandidates) {
    chosen = [];
    for (let c = 0; c < maxCandidates; c++) chosen.push(starts[Math.floor((c * starts.length) / maxCandidates)]);
  }
  const cx = new Float64Array(chosen.length);
  const cks = new Float64Array(chosen.length);
  const ca = new Float64Array(chosen.length);
  let best = 0;
  chosen.forEach((i, c) => {
    const f = tailFit(x, i, suffixLog);
    cx[c] = x[i];
    cks[c] = f.ks;
    ca[c] = f.alpha;
    if (f.ks < cks[best]) best = c;
  });
  return result(x, ca[best], cx[best], cks[best], n - chosen[best], { xmin: cx, ks: cks, alpha: ca });
}

function result(
  x: Float64Array, alpha: number, xmin: number, ks: number, nTail: number,
  candidates: { xmin: Float64Array; ks: Float64Array; alpha: Float64Array },
): PowerLawFit {
  return new PowerLawFit({
    alpha,
    xmin,
    ks,
    nTail,
    sigma: (alpha - 1) / Math.sqrt(nTail),
    candidates,
    values: x,
    meta: stamp({
      solver: "clauset-shalizi-newman", inputShape: [x.length], inputHash: hashArrays(x),
    }),
  });
}
