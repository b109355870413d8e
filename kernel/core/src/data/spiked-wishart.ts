/** `data.spikedWishart`: Gaussian samples whose covariance is σ²I plus a few planted rank-one spikes. */
import { Matrix } from "../matrix";
import { reorthogonalizeInto } from "../kernels";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Rng } from "../random";
import { checkOptions } from "../validate";
import { checkAllocation, f64Bytes } from "../guard";
import { opt, requireOptions } from "../validate/options";
import { asVector, positiveInteger, positiveNumber } from "../validate";

export interface SpikedWishartOptions {
  /** Samples (rows of X). */
  n: number;
  /** Features (columns of X). */
  p: number;
  /** Added variances θ_k along random orthonormal directions u_k (may be empty). */
  spikes?: number[];
  /** Noise variance σ² (default 1). */
  sigma2?: number;
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

export interface SpikedWishart {
  /** n × p data, rows i.i.d. N(0, σ²I + Σ θ_k u_k u_kᵀ). */
  X: Matrix;
  /** p × k matrix whose orthonormal columns are the planted directions u_k. */
  directions: Matrix;
  spikes: Float64Array;
  sigma2: number;
  /** γ = p / n. */
  ratio: number;
  /** Whether each spike is above the BBP threshold θ > σ²√γ (detectable from the sample covariance). */
  detectable: boolean[];
}

/**
 * The spiked covariance model (Johnstone 2001). Directions come from Gram–Schmidt on Gaussian vectors (Haar
 * distributed), so spikes are not aligned with coordinates. Row i is σ z_i + Σ_k √θ_k w_ik u_k with z_i, w_i
 * standard normal: covariance σ²I + Σ θ_k u_k u_kᵀ. Detectability follows Baik, Ben Arous & Péché (2005).
 *
 * @example
 * ```ts
 * const w = data.spikedWishart({ n: 500, p: 100, spikes: [5, 0.1], seed: 0 });
 * w.X.shape; // => [500, 100]
 * w.ratio; // => 0.2
 * // the BBP threshold is √0.2 ≈ 0.447: only the first spike is detectable
 * w.detectable; // => [true, false]
 * ```
 */
export function spikedWishart(opts: SpikedWishartOptions): SpikedWishart {
  requireOptions("data.spikedWishart", opts, "{ n: 500, p: 100, spikes: [5] }");
  checkOptions("data.spikedWishart", opts, { n: opt.integer(1), p: opt.integer(1), spikes: opt.array(opt.number(0)), sigma2: opt.number(), seed: opt.seed });
  const n = positiveInteger("data.spikedWishart", "n", opts.n);
  const p = positiveInteger("data.spikedWishart", "p", opts.p);
  const sigma2 = positiveNumber("data.spikedWishart", "sigma2", opts.sigma2 ?? 1);
  const spikesIn = opts.spikes ?? [];
  asVector("data.spikedWishart", "spikes", spikesIn);
  spikesIn.forEach((s, i) => {
    if (typeof s !== "number" || !(s >= 0) || !Number.isFinite(s)) throw new EigenlabError("bad-option", message.spikeValue(i, s));
  });
  const k = spikesIn.length;
  if (k > p) throw new EigenlabError("bad-option", message.spikesTooMany(k, p));
  checkAllocation("data.spikedWishart", `an ${n} × ${p} sample`, f64Bytes(n, p) + f64Bytes(p, k + 1));
  const rng = new Rng(opts.seed ?? 0);
  // Directions: stream 0; noise: stream 1; spike scores: stream 2.
  const dirRng = rng.stream(0);
  const U = new Float64Array(p * k); // row-major p × k
  const cols: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = dirRng.fillNormal(new Float64Array(p));
    reorthogonalizeInto(v, cols);
    let nv = 0;
    for (let i = 0; i < p; i++) nv += v[i] * v[i];
    nv = Math.sqrt(nv);
    for (let i = 0; i < p; i++) v[i] /= nv;
    cols.push(v);
    for (let i = 0; i < p; i++) U[i * k + j] = v[i];
  }
  const sigma = Math.sqrt(sigma2);
  const X = new Float64Array(n * p);
  rng.stream(1).fillNormal(X, 0, sigma);
  const scoreRng = rng.stream(2);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < k; j++) {
      const w = Math.sqrt(spikesIn[j]) * scoreRng.normal();
      const u = cols[j];
      for (let c = 0; c < p; c++) X[o + c] += w * u[c];
    }
  }
  const ratio = p / n;
  return {
    X: new Matrix(n, p, X),
    directions: new Matrix(p, k, U),
    spikes: Float64Array.from(spikesIn),
    sigma2,
    ratio,
    detectable: spikesIn.map((s) => s > sigma2 * Math.sqrt(ratio)),
  };
}
