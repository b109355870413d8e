/**
 * `cluster.accuracy`: clustering accuracy, the share of points whose cluster is matched to their class under
 * the best one-to-one matching of clusters to classes (the "ACC" of the clustering literature, e.g. Xu, Liu &
 * Gong 2003). The matching is a maximum-weight assignment on the contingency table, solved exactly by the
 * Hungarian method (Kuhn 1955; Munkres 1957) in its shortest-augmenting-path form (Jonker & Volgenant 1987),
 * as scipy.optimize.linear_sum_assignment does.
 */
import type { Clustering } from "../clustering";
import { contingency } from "./contingency";

/**
 * Minimum-cost perfect assignment of an m × m cost matrix (row-major): `assign[i]` is the column of row i.
 * O(m³) shortest augmenting paths with dual potentials (Jonker & Volgenant 1987).
 */
export function minCostAssignment(cost: Float64Array, m: number): Int32Array {
  // 1-based arrays; column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(m + 1);
  const v = new Float64Array(m + 1);
  const rowOf = new Int32Array(m + 1); // rowOf[j]: row assigned to column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= m; i++) {
    rowOf[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) { u[rowOf[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOf[j0] = rowOf[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assign = new Int32Array(m);
  for (let j = 1; j <= m; j++) if (rowOf[j] > 0) assign[rowOf[j] - 1] = j - 1;
  return assign;
}

/**
 * Clustering accuracy of `predicted` against the true classes `truth`: the largest share of points that agree
 * after renaming the clusters one-to-one (best matching by the Hungarian method). 1 for a perfect clustering up
 * to label names; with more clusters than classes the unmatched clusters count as errors (and vice versa).
 * Unlike cluster.ari and cluster.nmi it is not symmetric in chance: k random clusters of equal size score about
 * 1/k. Equals scikit-learn's recipe `linear_sum_assignment(-contingency_matrix(truth, predicted))`.
 *
 * @example
 * ```ts
 * cluster.accuracy([1, 1, 0, 0], [0, 0, 1, 1]); // => 1
 * // clusters 0 → class 0, 1 → class 1 (cluster 2's single point cannot also be matched to class 1)
 * cluster.accuracy([0, 0, 1, 1, 2], [0, 0, 1, 1, 1]); // => 0.8
 * ```
 */
export function accuracy(predicted: Clustering | ArrayLike<number>, truth: Clustering | ArrayLike<number>): number {
  const { n, rows, cols, joint } = contingency("cluster.accuracy", predicted, truth);
  if (n === 0) return 1;
  const ra = new Map<number, number>();
  for (const a of rows.keys()) ra.set(a, ra.size);
  const cb = new Map<number, number>();
  for (const b of cols.keys()) cb.set(b, cb.size);
  const m = Math.max(ra.size, cb.size);
  // Cost = −count: a minimum-cost assignment is a maximum-agreement matching; padding rows/columns cost 0.
  const cost = new Float64Array(m * m);
  for (const { a, b, count } of joint) cost[ra.get(a)! * m + cb.get(b)!] = -count;
  const assign = minCostAssignment(cost, m);
  let matched = 0;
  for (let i = 0; i < m; i++) matched -= cost[i * m + assign[i]];
  return matched / n;
}
