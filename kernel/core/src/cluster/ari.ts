/**
 * `cluster.ari`: the adjusted Rand index between two labelings of the same points (Hubert & Arabie 1985,
 * "Comparing partitions", J. Classification 2(1)): the Rand index corrected for chance,
 * ARI = (Σ C(n_ij, 2) − E) / (½(Σ C(a_i, 2) + Σ C(b_j, 2)) − E), E = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2),
 * as scikit-learn's adjusted_rand_score. 1 when the labelings agree up to renaming, about 0 for independent
 * labelings, negative when they agree less than chance.
 */
import type { Clustering } from "../clustering";
import { contingency } from "./contingency";

const pairs = (m: number): number => (m * (m - 1)) / 2;

/**
 * Adjusted Rand index of two labelings (label arrays or Clusterings) of the same points.
 *
 * @example
 * ```ts
 * cluster.ari([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * cluster.ari([0, 0, 1, 1], [0, 1, 0, 1]); // => -0.5
 * ```
 */
export function ari(a: Clustering | ArrayLike<number>, b: Clustering | ArrayLike<number>): number {
  const { n, rows, cols, joint } = contingency("cluster.ari", a, b);
  let sumJoint = 0;
  for (const { count } of joint) sumJoint += pairs(count);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = n < 2 ? 0 : (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  // Both labelings put every point in one cluster, or every point alone: identical partitions; scikit-learn
  // returns 1 (the formula is 0/0 there).
  if (max === expected) return 1;
  return (sumJoint - expected) / (max - expected);
}
