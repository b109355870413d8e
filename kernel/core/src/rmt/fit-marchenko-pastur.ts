/** `rmt.fitMarchenkoPastur`: fit the noise variance σ² (and, from eigenvalues alone, the ratio γ) of the MP bulk. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, hashArrays, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { probability } from "../validate";
import { eigenvalueArray } from "./esd";
import { MarchenkoPastur } from "./marchenko-pastur";
import { centerColumns, covarianceEigen } from "./covariance";
import { johnstoneScaling, tracyWidom1Quantile } from "./tracy-widom";

export interface FitMarchenkoPasturOptions {
  /** γ = p / n. Known from X's shape; with eigenvalues alone it is fitted in (0, 1] unless given. */
  ratio?: number;
  /** Subtract column means of X first (default false: the MP model is for mean-zero data). */
  center?: boolean;
  /** Significance level of the Tracy–Widom margin that separates outliers from the bulk (default 0.01). */
  alpha?: number;
}

/**
 * A Marchenko–Pastur fit (from rmt.fitMarchenkoPastur): σ², γ, the fitted `law`, its KS distance to the bulk, the
 * outlier threshold and the eigenvalues above it.
 *
 * @example
 * ```ts
 * const fit = rmt.fitMarchenkoPastur(Matrix.random(1000, 100, { seed: 2 }));
 * fit instanceof rmt.MarchenkoPasturFit; // => true
 * fit.law.ratio; // => 0.1
 * fit.ks < 0.1; // => true
 * ```
 */
export class MarchenkoPasturFit {
  readonly sigma2: number;
  readonly ratio: number;
  /** The fitted law. */
  readonly law: MarchenkoPastur;
  /** Kolmogorov–Smirnov distance between the bulk eigenvalues and the fitted law's continuous part. */
  readonly ks: number;
  /** Largest-eigenvalue threshold σ²(μ + s·TW₁⁻¹(1 − α)) (Johnstone 2001) above which values are outliers. */
  readonly threshold: number;
  /** Eigenvalues above the threshold (spike candidates), ascending. */
  readonly outliers: Float64Array;
  /** All non-zero eigenvalues the fit used, ascending. */
  readonly eigenvalues: Float64Array;
  readonly meta: ResultMeta;

  constructor(init: {
    sigma2: number; ratio: number; law: MarchenkoPastur; ks: number; threshold: number; outliers: Float64Array;
    eigenvalues: Float64Array; meta: ResultMeta;
  }) {
    this.sigma2 = init.sigma2;
    this.ratio = init.ratio;
    this.law = init.law;
    this.ks = init.ks;
    this.threshold = init.threshold;
    this.outliers = init.outliers;
    this.eigenvalues = init.eigenvalues;
    this.meta = init.meta;
  }

  toString(): string {
    return (
      `Marchenko–Pastur fit: σ² = ${this.sigma2.toPrecision(5)}, γ = ${this.ratio.toPrecision(4)}, bulk ` +
      `[${this.law.lambdaMinus.toPrecision(4)}, ${this.law.lambdaPlus.toPrecision(4)}], KS ${this.ks.toPrecision(3)}, ` +
      `${this.outliers.length} outlier(s) above ${this.threshold.toPrecision(4)} of ${this.eigenvalues.length} eigenvalues.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("rmt-fit", this, this.toString());
  }
}

/** KS distance between sorted values v[0..m) and a CDF. */
function ksDistance(v: Float64Array, m: number, cdf: (x: number) => number): number {
  let d = 0;
  for (let i = 0; i < m; i++) {
    const F = cdf(v[i]);
    d = Math.max(d, Math.abs(F - i / m), Math.abs((i + 1) / m - F));
  }
  return d;
}

function medianOf(v: Float64Array, m: number): number {
  return m % 2 ? v[(m - 1) >> 1] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
}

interface BulkFit { sigma2: number; threshold: number; bulk: number; ks: number }

/**
 * σ² for a fixed γ by matching the median of the bulk to the MP median (the robust noise estimate of Gavish &
 * Donoho 2014, "The optimal hard threshold for singular values is 4/√3"): a few spikes barely move a median,
 * whereas they bias the mean. Outliers above the Tracy–Widom margin are then dropped and the median re-matched,
 * until the outlier count is stable.
 */
function fitFixedRatio(v: Float64Array, ratio: number, n: number, p: number, q: number): BulkFit {
  const unit = new MarchenkoPastur(ratio, 1);
  const med1 = unit.bulkQuantile(0.5);
  const { mu, scale } = johnstoneScaling(n, p);
  let m = v.length;
  let sigma2 = medianOf(v, m) / med1;
  let threshold = sigma2 * (mu + scale * q);
  for (let it = 0; it < 10; it++) {
    let bulk = v.length;
    while (bulk > 1 && v[bulk - 1] > threshold) bulk--;
    if (bulk === m && it > 0) break;
    m = bulk;
    sigma2 = medianOf(v, m) / med1;
    threshold = sigma2 * (mu + scale * q);
  }
  const law = new MarchenkoPastur(ratio, sigma2);
  return { sigma2, threshold, bulk: m, ks: ksDistance(v, m, (x) => law.bulkCdf(x)) };
}

/**
 * Fits the Marchenko–Pastur bulk to the eigenvalues of S = XᵀX/n (given X, its eigenvalues, or a Spectrum): σ² by
 * median matching, γ known or fitted, the Tracy–Widom outlier threshold and the KS distance.
 *
 * @example
 * ```ts
 * // pure noise of variance 4: the fit recovers σ² and finds no outlier
 * const X = Matrix.random(2000, 400, { seed: 1 }).scale(2);
 * const fit = rmt.fitMarchenkoPastur(X);
 * fit.ratio; // => 0.2
 * Math.abs(fit.sigma2 - 4) < 0.1; // => true
 * fit.outliers.length; // => 0
 * ```
 */
export function fitMarchenkoPastur(
  input: Matrix | ArrayLike<number> | { values: ArrayLike<number> },
  opts: FitMarchenkoPasturOptions = {},
): MarchenkoPasturFit {
  const fn = "rmt.fitMarchenkoPastur";
  checkOptions(fn, opts, { ratio: opt.number(), center: opt.boolean, alpha: opt.number() });
  const alpha = probability(fn, "alpha", opts.alpha ?? 0.01);
  const q = tracyWidom1Quantile(1 - alpha);
  if (opts.ratio !== undefined && (typeof opts.ratio !== "number" || !(opts.ratio > 0) || !Number.isFinite(opts.ratio))) {
    throw new EigenlabError("bad-option", message.ratioRange(fn, opts.ratio));
  }
  let values: Float64Array;
  let n: number;
  let p: number;
  let ratio: number | undefined = opts.ratio;
  let inputShape: number[];
  let inputHash: string;
  if (input instanceof Matrix) {
    const X = opts.center ? centerColumns(input) : input;
    values = covarianceEigen(fn, X).values;
    n = input.rows;
    p = input.cols;
    ratio ??= p / n;
    inputShape = [n, p];
    inputHash = hashArrays(input.data);
  } else {
    values = eigenvalueArray(fn, input);
    values.forEach((x, i) => {
      if (x < -1e-12 * Math.abs(values[values.length - 1])) throw new EigenlabError("bad-option", message.negativeEigenvalue(fn, i, x));
    });
    inputShape = [values.length];
    inputHash = hashArrays(values);
    if (ratio !== undefined && ratio > 1) {
      // The p − n zero eigenvalues are the atom of the law, not part of the bulk: fit the non-zero ones.
      const tiny = 1e-10 * values[values.length - 1];
      values = values.filter((x) => x > tiny);
    }
    p = values.length;
    n = Math.round(p / (ratio ?? 1));
  }
  if (values.length < 4) throw new EigenlabError("shape", message.tooFewValues(fn, values.length, 4));

  let best: BulkFit & { ratio: number };
  if (ratio !== undefined) {
    const r = ratio;
    const m = values.length;
    // Sample sizes for the TW margin: the bulk has min(n, p) = m values; n = m/γ (γ ≤ 1) or m (γ > 1).
    const nn = input instanceof Matrix ? n : r <= 1 ? Math.round(m / r) : m;
    const pp = input instanceof Matrix ? p : r <= 1 ? m : Math.round(m * r);
    best = { ...fitFixedRatio(values, r, nn, pp, q), ratio: r };
  } else {
    // γ unknown: minimize the KS distance over γ ∈ (0, 1] (γ and 1/γ give the same non-zero bulk up to
    // scale, so eigenvalues alone cannot tell them apart). Coarse log grid, then golden-section refinement.
    const m = values.length;
    const at = (r: number) => ({ ...fitFixedRatio(values, r, Math.max(m + 1, Math.round(m / r)), m, q), ratio: r });
    const grid = 48;
    const logLo = Math.log(1e-3);
    let bestI = 0;
    const fits = [] as (BulkFit & { ratio: number })[];
    for (let i = 0; i <= grid; i++) {
      fits.push(at(Math.exp(logLo + (-logLo * i) / grid)));
      if (fits[i].ks < fits[bestI].ks) bestI = i;
    }
    let a = logLo + (-logLo * Math.max(0, bestI - 1)) / grid;
    let b = logLo + (-logLo * Math.min(grid, bestI + 1)) / grid;
    best = fits[bestI];
    const g = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 40; it++) {
      const c = b - g * (b - a);
      const d = a + g * (b - a);
      const fc = at(Math.exp(c));
      const fd = at(Math.exp(d));
      if (fc.ks < best.ks) best = fc;
      if (fd.ks < best.ks) best = fd;
      if (fc.ks <= fd.ks) b = d;
      else a = c;
    }
  }
  const law = new MarchenkoPastur(best.ratio, best.sigma2);
  return new MarchenkoPasturFit({
    sigma2: best.sigma2,
    ratio: best.ratio,
    law,
    ks: best.ks,
    threshold: best.threshold,
    outliers: values.slice(best.bulk),
    eigenvalues: values,
    meta: stamp({
      solver: "mp-median-match+tracy-widom", inputShape, inputHash,
      alpha, ratioFitted: opts.ratio === undefined && !(input instanceof Matrix),
    }),
  });
}
