/** `embed.diffusionMap`: diffusion maps (Coifman & Lafon 2006). */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";
import { nonNegativeNumber, positiveInteger } from "../validate";
import { eigenpairs } from "../graph/eigenpairs";
import { normalizeColumnSignsInPlace } from "../kernels";
import { requireConnected } from "./spectral";

export interface DiffusionMapOptions {
  /** Number of diffusion coordinates (required). */
  dim: number;
  /** Diffusion time: coordinates are scaled by λ^t (default 1). */
  t?: number;
  /**
   * Density normalization α ∈ [0, 1] (default 0.5): 0 = the normalized graph Laplacian, 1/2 = Fokker–Planck,
   * 1 = Laplace–Beltrami (the geometry without the sampling density), Coifman & Lafon 2006 §2.4.
   */
  alpha?: number;
  /** Seed of the starting vector of the sparse eigensolver (default 0). */
  seed?: number;
}

/**
 * Coifman & Lafon (2006), §2: with q = W·1, the α-normalized kernel W⁽ᵅ⁾ = Q^{-α} W Q^{-α}, its degrees d,
 * and the Markov matrix P = D^{-1} W⁽ᵅ⁾. P is similar to the symmetric S = D^{-1/2} W⁽ᵅ⁾ D^{-1/2}; from the
 * eigenpairs (λ_j, u_j) of S, the right eigenvectors of P are ψ_j = u_j / u_0 (so ψ_0 ≡ 1), and the
 * diffusion map at time t is x_i ↦ (λ_1^t ψ_1(i), …, λ_dim^t ψ_dim(i)), the trivial ψ_0 dropped.
 * Coordinates (and `eigenvalues`) are ordered by decreasing λ, the diffusion-map convention.
 *
 * @example
 * ```ts
 * // the path 0 – 1 – 2 – 3: P = D⁻¹W has eigenvalues cos(jπ/3) = 1, ½, −½, −1, and ψ₁ = √2 (1, ½, −½, −1)
 * const W = graph.fromEdges(4, [[0, 1], [1, 2], [2, 3]]);
 * const e = embed.diffusionMap(W, { dim: 1, alpha: 0, seed: 0 });
 * e.eigenvalues; // => [0.5]
 * // coordinates λ₁ψ₁ at t = 1 (up to sign)
 * e.coords.col(0); // => [-Math.SQRT1_2, -Math.SQRT1_2 / 2, Math.SQRT1_2 / 2, Math.SQRT1_2]
 * ```
 */
export function diffusionMap(W: CsrMatrix, opts: DiffusionMapOptions): Embedding {
  const fn = "embed.diffusionMap";
  checkOptions(fn, opts, { dim: opt.integer(1), t: opt.number(), alpha: opt.number(), seed: opt.seed });
  checkAdjacency(fn, W, { symmetric: true });
  if (opts?.dim === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "dim", "{ dim: 2 }"));
  const dim = positiveInteger(fn, "dim", opts.dim);
  const t = nonNegativeNumber(fn, "t", opts.t ?? 1);
  const alpha = nonNegativeNumber(fn, "alpha", opts.alpha ?? 0.5);
  if (alpha > 1) throw new EigenlabError("bad-option", message.badChoice(fn, "alpha", alpha, ["a number in [0, 1]"]));
  const seed = opts.seed ?? 0;
  const n = W.rows;
  if (dim + 1 >= n) throw new EigenlabError("k-too-large", message.dimTooLarge(fn, dim, n, 1));
  requireConnected(fn, W);
  const t0 = performance.now();
  const q = W.rowSums();
  const qa = q.map((v) => Math.pow(v, -alpha));
  const Wa = W.scaleRowsCols(qa, qa);
  const d = Wa.rowSums();
  const ds = d.map((v) => 1 / Math.sqrt(v));
  const S = Wa.scaleRowsCols(ds, ds);
  const m = dim + 1;
  const spec = eigenpairs(S, { k: m, which: "LA", seed });
  // Columns ascending in λ: column m−1 is the trivial pair (λ = 1, u_0 ∝ √d).
  const V = spec.vectors.data;
  const coords = new Float64Array(n * dim);
  const values = new Float64Array(dim);
  for (let c = 0; c < dim; c++) values[c] = spec.values[m - 2 - c];
  for (let i = 0; i < n; i++) {
    const u0 = V[i * m + (m - 1)];
    for (let c = 0; c < dim; c++) coords[i * dim + c] = (Math.pow(values[c], t) * V[i * m + (m - 2 - c)]) / u0;
  }
  // Deterministic signs: each coordinate's largest-magnitude entry positive.
  normalizeColumnSignsInPlace(coords, n, dim);
  return new Embedding({
    coords: new Matrix(n, dim, coords),
    eigenvalues: values,
    meta: stamp({
      solver: `diffusion-map/${String(spec.meta.solver)}`,
      inputShape: [n, n],
      inputHash: hashArrays(W.indptr, W.indices, W.storedValues),
      inputPrecision: W.dtype,
      seed,
      t,
      alpha,
      eigenvalueOrder: "descending",
      timeMs: performance.now() - t0,
    }),
  });
}
