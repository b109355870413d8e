/** `cluster.eigengap`: estimate the number of clusters from the Laplacian spectrum. */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { asVector, positiveInteger } from "../validate";

export interface EigengapOptions {
  /** Largest k considered (default: all but the last value). */
  maxK?: number;
}

export interface EigengapResult {
  /** The estimated number of clusters. */
  k: number;
  /** gaps[i] = values[i+1] − values[i]. */
  gaps: Float64Array;
}

/**
 * The eigengap heuristic (von Luxburg 2007, §8.3): for ascending Laplacian eigenvalues λ_1 ≤ λ_2 ≤ …,
 * choose k so that λ_1..λ_k are small and λ_{k+1} is relatively large, i.e. k = argmax_k (λ_{k+1} − λ_k).
 *
 * @example
 * ```ts
 * // three near-zero Laplacian eigenvalues, then a jump: three clusters
 * const g = cluster.eigengap([0, 0, 0.01, 1, 1.2]);
 * g.k; // => 3
 * // gaps λ_{k+1} − λ_k for k = 1, 2, ...
 * g.gaps; // => [0, 0.01, 0.99, 0.2]
 * ```
 */
export function eigengap(values: ArrayLike<number>, opts: EigengapOptions = {}): EigengapResult {
  const fn = "cluster.eigengap";
  checkOptions(fn, opts, { maxK: opt.integer(1) });
  checkFinite(`${fn}: values`, asVector(fn, "values", values));
  const m = values.length;
  if (m < 2) throw new EigenlabError("too-few-points", message.tooFewPoints(fn, m, 2));
  for (let i = 1; i < m; i++) if (values[i] < values[i - 1]) throw new EigenlabError("not-ascending", message.notAscending(fn, i));
  const maxK = Math.min(positiveInteger(fn, "maxK", opts.maxK ?? m - 1), m - 1);
  const gaps = new Float64Array(m - 1);
  for (let i = 0; i + 1 < m; i++) gaps[i] = values[i + 1] - values[i];
  let k = 1;
  for (let i = 1; i < maxK; i++) if (gaps[i] > gaps[k - 1]) k = i + 1;
  return { k, gaps };
}
