/** `rmt.spikes`, `rmt.projectSpikes`, `rmt.removeSpikes`: eigenvalues that stand out of the MP bulk, and their subspace. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, hashArrays, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { probability } from "../validate";
import { centerColumns, covarianceEigen } from "./covariance";
import { fitMarchenkoPastur, MarchenkoPasturFit } from "./fit-marchenko-pastur";
import { populationEigenvalue, spikeOverlap } from "./bbp";
import { asMatrix } from "../validate/inputs";

export interface SpikesOptions {
  /** Significance level of the Tracy–Widom margin above the bulk edge (default 0.01). */
  alpha?: number;
  /** Subtract column means first (default false). */
  center?: boolean;
}

/**
 * The spikes found above the Marchenko–Pastur bulk: sample eigenvalues `values` and eigenvectors `vectors` (columns),
 * estimated population eigenvalues, predicted overlaps with the true directions, the threshold used and the bulk fit
 * (from rmt.spikes).
 *
 * @example
 * ```ts
 * const s = rmt.spikes(data.spikedWishart({ n: 1000, p: 100, spikes: [10, 5], seed: 3 }).X);
 * s instanceof rmt.Spikes; // => true
 * s.k; // => 2
 * s.vectors.shape; // => [100, 2]
 * ```
 */
export class Spikes {
  /** Sample eigenvalues of XᵀX/n above the threshold, ascending. */
  readonly values: Float64Array;
  /** p × k orthonormal feature-space eigenvectors, columns matching `values`. */
  readonly vectors: Matrix;
  /** Estimated population eigenvalues ℓ = σ² + θ (inverse BBP map). */
  readonly population: Float64Array;
  /** Estimated squared cosines between each sample eigenvector and its population direction. */
  readonly overlaps: Float64Array;
  readonly threshold: number;
  /** The fitted bulk (σ², γ, edges). */
  readonly fit: MarchenkoPasturFit;
  readonly meta: ResultMeta;

  constructor(init: {
    values: Float64Array; vectors: Matrix; population: Float64Array; overlaps: Float64Array; threshold: number;
    fit: MarchenkoPasturFit; meta: ResultMeta;
  }) {
    this.values = init.values;
    this.vectors = init.vectors;
    this.population = init.population;
    this.overlaps = init.overlaps;
    this.threshold = init.threshold;
    this.fit = init.fit;
    this.meta = init.meta;
  }

  get k(): number {
    return this.values.length;
  }

  toString(): string {
    const vals = Array.from(this.values, (v) => v.toPrecision(4)).join(", ");
    return (
      `${this.k} spike(s) above the Marchenko–Pastur bulk (edge ${this.fit.law.lambdaPlus.toPrecision(4)}, ` +
      `threshold ${this.threshold.toPrecision(4)}, σ² = ${this.fit.sigma2.toPrecision(4)})${this.k ? `: ${vals}` : ""}.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("rmt-fit", this, this.toString());
  }
}

/**
 * Fits the bulk (σ² by median matching with γ = p/n known), then keeps the eigenvalues of S = XᵀX/n above the
 * Johnstone (2001) largest-eigenvalue threshold σ²(μ + s·TW₁⁻¹(1 − α)): under pure noise the top eigenvalue
 * exceeds it with probability ≈ α, and spikes above the BBP transition land beyond it as n grows.
 *
 * @example
 * ```ts
 * const W = data.spikedWishart({ n: 2000, p: 200, spikes: [10], seed: 1 });
 * const s = rmt.spikes(W.X);
 * s.k; // => 1
 * s.overlaps[0] > 0.95; // => true
 * ```
 */
export function spikes(X: Matrix, opts: SpikesOptions = {}): Spikes {
  const fn = "rmt.spikes";
  X = asMatrix(fn, "X", X);
  checkOptions(fn, opts, { alpha: opt.number(), center: opt.boolean });
  const alpha = probability(fn, "alpha", opts.alpha ?? 0.01);
  const Xc = opts.center ? centerColumns(X) : X;
  const eig = covarianceEigen(fn, Xc);
  const fit = fitMarchenkoPastur(eig.values, { ratio: X.cols / X.rows, alpha });
  // fitMarchenkoPastur drops zeros for γ > 1, keep indexes aligned with eig.values by counting from the top.
  const m = eig.values.length;
  const k = fit.outliers.length;
  // Only the k spike vectors are computed (inverse iteration on the kept tridiagonal form), not all min(n, p).
  const vectors = eig.topVectors(k);
  const values = eig.values.slice(m - k);
  const population = Float64Array.from(values, (v) => populationEigenvalue(v, fit.ratio, fit.sigma2));
  const overlaps = Float64Array.from(population, (l) => spikeOverlap(l, fit.ratio, fit.sigma2));
  return new Spikes({
    values,
    vectors,
    population,
    overlaps,
    threshold: fit.threshold,
    fit,
    meta: stamp({
      solver: "eigvalsh(gram)+mp-fit+tracy-widom+inverse-iteration", inputShape: [X.rows, X.cols], inputHash: hashArrays(X.data), alpha,
    }),
  });
}

function projection(X: Matrix, s: Spikes): Float64Array {
  const p = s.vectors.rows;
  if (X.cols !== p) throw new EigenlabError("shape", message.projectionShape(X.cols, p));
  // (X V) Vᵀ
  const XV = X.matmul(s.vectors);
  return XV.matmul(s.vectors.T).data;
}

/**
 * X V Vᵀ: each row of X projected onto the spiked subspace.
 *
 * @example
 * ```ts
 * const W = data.spikedWishart({ n: 1000, p: 100, spikes: [10], seed: 1 });
 * const s = rmt.spikes(W.X);
 * // X = X V Vᵀ + (X − X V Vᵀ)
 * rmt.projectSpikes(W.X, s).add(rmt.removeSpikes(W.X, s)).sub(W.X).norm() < 1e-9; // => true
 * ```
 */
export function projectSpikes(X: Matrix, s: Spikes): Matrix {
  X = spikeInputs("rmt.projectSpikes", X, s);
  return new Matrix(X.rows, X.cols, projection(X, s));
}

/**
 * X − X V Vᵀ: X with the spiked directions removed (the noise bulk alone).
 *
 * @example
 * ```ts
 * const W = data.spikedWishart({ n: 1000, p: 100, spikes: [10], seed: 1 });
 * const s = rmt.spikes(W.X);
 * // nothing is left along the spiked direction, and the bulk finds no spike any more
 * rmt.removeSpikes(W.X, s).matmul(s.vectors).norm() < 1e-9; // => true
 * rmt.spikes(rmt.removeSpikes(W.X, s)).k; // => 0
 * ```
 */
export function removeSpikes(X: Matrix, s: Spikes): Matrix {
  X = spikeInputs("rmt.removeSpikes", X, s);
  const P = projection(X, s);
  const out = new Float64Array(X.data.length);
  for (let i = 0; i < out.length; i++) out[i] = X.data[i] - P[i];
  return new Matrix(X.rows, X.cols, out);
}

/** X as a Matrix and s as a Spikes (the shape check, in feature space, stays with the projection). */
function spikeInputs(fn: string, X: unknown, s: unknown): Matrix {
  const M = asMatrix(fn, "X", X);
  if (!(s instanceof Spikes)) throw new EigenlabError("bad-input", message.notSpikes(fn, s));
  return M;
}
