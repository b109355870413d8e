/**
 * `cluster.nmi`: normalized mutual information between two labelings of the same points (Strehl & Ghosh 2002;
 * Vinh, Epps & Bailey 2010): NMI = I(A; B) / mean(H(A), H(B)), the arithmetic mean as scikit-learn's
 * normalized_mutual_info_score default. 1 when the labelings agree up to renaming, near 0 when independent.
 */
import type { Clustering } from "../clustering";
import { contingency } from "./contingency";

/** Entropy (nats) of a count table with total n. */
function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalized mutual information of two labelings of the same points (arithmetic-mean normalization, scikit-learn's
 * default): 1 when they agree up to renaming, 0 when independent.
 *
 * @example
 * ```ts
 * cluster.nmi([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * cluster.nmi([0, 0, 1, 1], [0, 1, 0, 1]); // => 0
 * ```
 */
export function nmi(a: Clustering | ArrayLike<number>, b: Clustering | ArrayLike<number>): number {
  const { n, rows: ca, cols: cb, joint } = contingency("cluster.nmi", a, b);
  const ha = entropy(ca.values(), n);
  const hb = entropy(cb.values(), n);
  // Both labelings constant (one cluster each): identical up to renaming; scikit-learn returns 1.
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const { a: x, b: y, count: c } of joint) mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
  return Math.max(0, mi) / ((ha + hb) / 2);
}
