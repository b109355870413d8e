/**
 * `rmt.marchenkoPastur`: the Marchenko–Pastur law (Marchenko & Pastur 1967) of the eigenvalues of the sample
 * covariance S = XᵀX / n of an n × p matrix with i.i.d. entries of variance σ², as n, p → ∞ with p / n → γ.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkOptions } from "../validate";
import { checkAllocation } from "../guard";
import { opt } from "../validate/options";
import { positiveInteger, positiveNumber, probability, asScalar } from "../validate";

export interface MarchenkoPasturOptions {
  /** γ = p / n (features over samples). */
  ratio: number;
  /** Entry variance σ² (default 1). */
  sigma2?: number;
}

/** 20-point Gauss–Legendre nodes and weights on [−1, 1] (Newton on P₂₀; Golub & Welsch would do as well). */
const GAUSS = gaussLegendre(20);

function gaussLegendre(m: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= m; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      dp = (m * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

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
    asScalar("MarchenkoPastur#density", "x", x);
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
    asScalar("MarchenkoPastur#cdf", "x", x);
    return (x >= 0 ? this.atom : 0) + (1 - this.atom) * this.bulkCdf(x);
  }

  /**
   * The CDF of the continuous part alone, normalized to 1: the law of the min(n, p) non-zero eigenvalues. In closed
   * form: with x = c − h cos θ (c, h the bulk's centre and half-width, a = λ₋, b = λ₊), √((b−x)(x−a)) dx / x becomes
   * h² sin²θ / (c − h cos θ) dθ, whose integral is
   *   N(θ) = h sin θ + c θ − 2√(ab) atan(√(b/a) tan(θ/2)),   F = N(θ) / N(π),   N(π) = π(√b − √a)²/2.
   * θ/2 is taken from asin/atan2 of √((x−a)/(b−a)), exact at both edges: at ratio 1 (a = 0) F rises like √x, which
   * the former table with linear interpolation missed by up to 74 % within 1e-8·λ₊ of 0 (issue #16). Near the
   * lower edge of a bulk with a > 0, N(θ) ~ θ³ is a difference of O(θ) terms; there it is integrated by
   * 20-point Gauss–Legendre instead, where the integrand is a smooth low-degree function of φ.
   *
   * @example
   * ```ts
   * const mp = rmt.marchenkoPastur({ ratio: 2 });
   * mp.bulkCdf(0); // => 0
   * mp.bulkCdf(mp.lambdaPlus); // => 1
   * // ratio 1: F(x) = (θ + sin θ)/π with sin²(θ/2) = x/4, ≈ 2√x/π near 0
   * Math.abs(rmt.marchenkoPastur({ ratio: 1 }).bulkCdf(1e-12) / (2e-6 / Math.PI) - 1) < 1e-6; // => true
   * ```
   */
  bulkCdf(x: number): number {
    asScalar("MarchenkoPastur#bulkCdf", "x", x);
    const { lambdaMinus: a, lambdaPlus: b } = this;
    if (!(x > a)) return 0;
    if (x >= b) return 1;
    const s = Math.sqrt((x - a) / (b - a)); // sin(θ/2)
    const co = Math.sqrt((b - x) / (b - a)); // cos(θ/2)
    return Math.min(1, this.bulkIntegral(2 * Math.atan2(s, co), s, co) / this.bulkTotal());
  }

  /** N(π) = π(c − √(ab)) = π(√b − √a)²/2. */
  private bulkTotal(): number {
    return (Math.PI * (Math.sqrt(this.lambdaPlus) - Math.sqrt(this.lambdaMinus)) ** 2) / 2;
  }

  /** N(θ) (see bulkCdf), given s = sin(θ/2) and co = cos(θ/2). */
  private bulkIntegral(theta: number, s: number, co: number): number {
    const { lambdaMinus: a, lambdaPlus: b } = this;
    const c = 0.5 * (a + b);
    const h = 0.5 * (b - a);
    const closed = 2 * h * s * co + c * theta - 2 * Math.sqrt(a * b) * Math.atan2(Math.sqrt(b) * s, Math.sqrt(a) * co);
    if (c * theta < 1e4 * closed) return closed; // at most 4 digits of 16 lost to cancellation
    // h² ∫₀^θ sin²φ / (a + 2h sin²(φ/2)) dφ (c − h cos φ written without cancellation)
    let sum = 0;
    for (let i = 0; i < GAUSS.x.length; i++) {
      const phi = 0.5 * theta * (GAUSS.x[i] + 1);
      const sp = Math.sin(phi);
      const sh = Math.sin(0.5 * phi);
      sum += (GAUSS.w[i] * sp * sp) / (a + 2 * h * sh * sh);
    }
    return h * h * 0.5 * theta * sum;
  }

  /**
   * The q-quantile of the continuous part (0 ≤ q ≤ 1), by bisection on θ ∈ [0, π] of the closed-form CDF.
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
    probability("MarchenkoPastur#bulkQuantile", "q", q);
    const { lambdaMinus: a, lambdaPlus: b } = this;
    if (q <= 0) return a;
    if (q >= 1) return b;
    const target = q * this.bulkTotal();
    let lo = 0;
    let hi = Math.PI;
    for (let it = 0; it < 300 && hi - lo > 2 * Number.EPSILON * hi; it++) {
      const mid = 0.5 * (lo + hi);
      if (this.bulkIntegral(mid, Math.sin(mid / 2), Math.cos(mid / 2)) <= target) lo = mid;
      else hi = mid;
    }
    const th = 0.5 * (lo + hi);
    // x = a + (b − a) sin²(θ/2), exact at the lower edge
    return Math.min(b, a + (b - a) * Math.sin(th / 2) ** 2);
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
    checkAllocation("MarchenkoPastur.curve", `${points} points`, 16 * points);
    const x = new Float64Array(points);
    const y = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      x[i] = this.lambdaMinus + ((this.lambdaPlus - this.lambdaMinus) * i) / Math.max(1, points - 1);
      y[i] = this.density(x[i]);
    }
    return { x, y };
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
