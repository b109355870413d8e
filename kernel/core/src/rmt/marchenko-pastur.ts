/**
 * `rmt.marchenkoPastur`: the Marchenko–Pastur law (Marchenko & Pastur 1967) of the eigenvalues of the sample
 * covariance S = XᵀX / n of an n × p matrix with i.i.d. entries of variance σ², as n, p → ∞ with p / n → γ.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger, positiveNumber } from "../validate";

export interface MarchenkoPasturOptions {
  /** γ = p / n (features over samples). */
  ratio: number;
  /** Entry variance σ² (default 1). */
  sigma2?: number;
}

/** Quadrature panels for the CDF (midpoint rule in θ; the integrand is smooth there, see `cdfTable`). */
const PANELS = 4096;

/**
 * The Marchenko–Pastur law for ratio γ and noise variance σ²: bulk edges `lambdaMinus`/`lambdaPlus`, the `atom` at 0
 * when γ > 1, density, CDFs and quantiles (build it with rmt.marchenkoPastur).
 *
 * @example
 * ```ts
 * const mp = rmt.marchenkoPastur({ ratio: 0.25, sigma2: 2 });
 * mp instanceof rmt.MarchenkoPastur; // => true
 * mp.lambdaPlus; // => 4.5
 * ```
 */
export class MarchenkoPastur {
  readonly ratio: number;
  readonly sigma2: number;
  /** Bulk edges σ²(1 ∓ √γ)². */
  readonly lambdaMinus: number;
  readonly lambdaPlus: number;
  /** Point mass at 0: max(0, 1 − 1/γ) (p > n leaves p − n zero eigenvalues). */
  readonly atom: number;
  readonly meta: ResultMeta;
  private table?: { x: Float64Array; F: Float64Array };

  constructor(ratio: number, sigma2: number) {
    this.ratio = ratio;
    this.sigma2 = sigma2;
    const r = Math.sqrt(ratio);
    this.lambdaMinus = sigma2 * (1 - r) ** 2;
    this.lambdaPlus = sigma2 * (1 + r) ** 2;
    this.atom = Math.max(0, 1 - 1 / ratio);
    this.meta = stamp({ solver: "marchenko-pastur", inputShape: [], ratio, sigma2 });
  }

  /**
   * The density of the continuous part, √((λ₊ − x)(x − λ₋)) / (2π σ² γ x) on [λ₋, λ₊], 0 elsewhere.
   *
   * @example
   * ```ts
   * // √((λ₊ − x)(x − λ₋)) / (2π σ² γ x) at x = 1, γ = ¼
   * rmt.marchenkoPastur({ ratio: 0.25 }).density(1); // => Math.sqrt(1.25 * 0.75) / (Math.PI / 2)
   * rmt.marchenkoPastur({ ratio: 0.25 }).density(3); // => 0
   * ```
   */
  density(x: number): number {
    const { lambdaMinus: a, lambdaPlus: b } = this;
    if (!(x > a && x < b) || x <= 0) return 0;
    return Math.sqrt((b - x) * (x - a)) / (2 * Math.PI * this.sigma2 * this.ratio * x);
  }

  /**
   * P(λ ≤ x), including the atom at 0.
   *
   * @example
   * ```ts
   * // γ = 2: half of the eigenvalues sit at 0
   * const mp = rmt.marchenkoPastur({ ratio: 2 });
   * mp.cdf(0); // => 0.5
   * mp.cdf(mp.lambdaPlus); // => 1
   * ```
   */
  cdf(x: number): number {
    return (x >= 0 ? this.atom : 0) + (1 - this.atom) * this.bulkCdf(x);
  }

  /**
   * The CDF of the continuous part alone, normalized to 1: the law of the min(n, p) non-zero eigenvalues.
   * Substituting x = c − h cos θ (c, h the bulk's centre and half-width) turns √((λ₊−x)(x−λ₋)) dx into
   * h² sin²θ dθ, a smooth integrand that the midpoint rule integrates to near machine precision.
   *
   * @example
   * ```ts
   * const mp = rmt.marchenkoPastur({ ratio: 2 });
   * mp.bulkCdf(0); // => 0
   * mp.bulkCdf(mp.lambdaPlus); // => 1
   * ```
   */
  bulkCdf(x: number): number {
    const { x: xs, F } = this.cdfTable();
    if (x <= xs[0]) return 0;
    if (x >= xs[xs.length - 1]) return 1;
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const t = (x - xs[lo]) / (xs[hi] - xs[lo]);
    return F[lo] + t * (F[hi] - F[lo]);
  }

  /**
   * The q-quantile of the continuous part (0 ≤ q ≤ 1).
   *
   * @example
   * ```ts
   * const mp = rmt.marchenkoPastur({ ratio: 0.25 });
   * mp.bulkQuantile(0); // => 0.25
   * mp.bulkQuantile(1); // => 2.25
   * Math.abs(mp.bulkCdf(mp.bulkQuantile(0.3)) - 0.3) < 1e-9; // => true
   * ```
   */
  bulkQuantile(q: number): number {
    const { x: xs, F } = this.cdfTable();
    if (q <= 0) return xs[0];
    if (q >= 1) return xs[xs.length - 1];
    let lo = 0;
    let hi = F.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (F[mid] <= q) lo = mid;
      else hi = mid;
    }
    const t = F[hi] > F[lo] ? (q - F[lo]) / (F[hi] - F[lo]) : 0;
    return xs[lo] + t * (xs[hi] - xs[lo]);
  }

  /**
   * The density sampled at `points` equally spaced abscissae across the bulk (for plotting).
   *
   * @example
   * ```ts
   * const { x, y } = rmt.marchenkoPastur({ ratio: 0.25 }).curve(5);
   * x; // => [0.25, 0.75, 1.25, 1.75, 2.25]
   * [y[0], y[4]]; // => [0, 0]
   * ```
   */
  curve(points = 400): { x: Float64Array; y: Float64Array } {
    positiveInteger("MarchenkoPastur.curve", "points", points);
    const x = new Float64Array(points);
    const y = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      x[i] = this.lambdaMinus + ((this.lambdaPlus - this.lambdaMinus) * i) / Math.max(1, points - 1);
      y[i] = this.density(x[i]);
    }
    return { x, y };
  }

  private cdfTable(): { x: Float64Array; F: Float64Array } {
    if (!this.table) {
      const c = 0.5 * (this.lambdaPlus + this.lambdaMinus);
      const h = 0.5 * (this.lambdaPlus - this.lambdaMinus);
      const x = new Float64Array(PANELS + 1);
      const F = new Float64Array(PANELS + 1);
      const dt = Math.PI / PANELS;
      const scale = (h * h) / (2 * Math.PI * this.sigma2 * this.ratio);
      x[0] = c - h;
      for (let i = 0; i < PANELS; i++) {
        const tm = (i + 0.5) * dt;
        const s = Math.sin(tm);
        F[i + 1] = F[i] + (scale * s * s * dt) / (c - h * Math.cos(tm));
        x[i + 1] = c - h * Math.cos((i + 1) * dt);
      }
      const total = F[PANELS];
      for (let i = 0; i <= PANELS; i++) F[i] /= total;
      this.table = { x, F };
    }
    return this.table;
  }

  toString(): string {
    return (
      `Marchenko–Pastur law, ratio γ = ${this.ratio.toPrecision(4)}, σ² = ${this.sigma2.toPrecision(4)}: ` +
      `bulk [${this.lambdaMinus.toPrecision(4)}, ${this.lambdaPlus.toPrecision(4)}]` +
      (this.atom > 0 ? `, mass ${this.atom.toPrecision(3)} at 0.` : ".")
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("curve", this, this.toString());
  }
}

/**
 * The Marchenko–Pastur law of the eigenvalues of S = XᵀX/n for white noise X (n × p) of variance σ², with ratio γ =
 * p/n: bulk edges λ± = σ²(1 ± √γ)², density, CDF and quantiles.
 *
 * @example
 * ```ts
 * const mp = rmt.marchenkoPastur({ ratio: 0.25 });
 * [mp.lambdaMinus, mp.lambdaPlus]; // => [0.25, 2.25]
 * mp.atom; // => 0
 * ```
 */
export function marchenkoPastur(opts: MarchenkoPasturOptions): MarchenkoPastur {
  checkOptions("rmt.marchenkoPastur", opts, { ratio: opt.number(), sigma2: opt.number() });
  if (typeof opts?.ratio !== "number" || !(opts.ratio > 0) || !Number.isFinite(opts.ratio)) {
    throw new EigenlabError("bad-option", message.ratioRange("rmt.marchenkoPastur", opts?.ratio));
  }
  const sigma2 = positiveNumber("rmt.marchenkoPastur", "sigma2", opts.sigma2 ?? 1);
  return new MarchenkoPastur(opts.ratio, sigma2);
}
