/** `graph.degrees`: weighted and unweighted degrees with summary statistics. */
import { CsrMatrix } from "../csr";
import { checkAdjacency } from "../validate/graph";

export interface DegreeStats {
  /** Weighted degree (row sum) of each node. */
  weighted: Float64Array;
  /** Number of stored non-zero neighbours of each node (a self-loop counts once). */
  counts: Int32Array;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Nodes with no edge (weighted degree 0). */
  isolated: number;
}

/**
 * Weighted degrees (row sums) and neighbour counts of each node, with their minimum, maximum, mean and median and the
 * number of isolated nodes.
 *
 * @example
 * ```ts
 * // a star: node 0 joined to 1, 2, 3 (weight 2 each); node 4 alone
 * const d = graph.degrees(graph.fromEdges(5, [[0, 1], [0, 2], [0, 3]], [2, 2, 2]));
 * d.weighted; // => [6, 2, 2, 2, 0]
 * d.counts; // => [3, 1, 1, 1, 0]
 * d.isolated; // => 1
 * d.median; // => 2
 * ```
 */
export function degrees(W: CsrMatrix): DegreeStats {
  checkAdjacency("graph.degrees", W);
  const n = W.rows;
  const weighted = W.rowSums();
  const counts = new Int32Array(n);
  for (let r = 0; r < n; r++) for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) if (W.storedValues[p] !== 0) counts[r]++;
  let min = Infinity, max = -Infinity, sum = 0, isolated = 0;
  for (const d of weighted) {
    min = Math.min(min, d);
    max = Math.max(max, d);
    sum += d;
    if (d === 0) isolated++;
  }
  const sorted = Float64Array.from(weighted).sort();
  const h = n >> 1;
  const median = n === 0 ? NaN : n % 2 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
  return { weighted, counts, min: n ? min : NaN, max: n ? max : NaN, mean: n ? sum / n : NaN, median, isolated };
}
