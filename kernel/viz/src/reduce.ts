/** Making large results small enough to display: block means for matrices, seeded subsets for points. */
// Leaf modules only (not core's barrel): spec.ts and kinds/graph.ts reach this file from the browser entry.
import { Rng } from "@eigenlab/core/base";
import type { CsrMatrix } from "@eigenlab/core";

/** Side length of each axis after reduction to at most `maxSide` blocks. */
export function reducedSide(n: number, maxSide: number): number {
  return Math.min(n, maxSide);
}

/**
 * Block means of a row-major rows×cols array on an r×c grid (r = min(rows, maxSide), ...): cell (a, b)
 * averages the entries whose row maps to a and column to b, row i -> floor(i·r/rows). Averaging (not
 * picking) keeps the mass of thin structures such as cluster blocks visible.
 */
export function blockMean(data: ArrayLike<number>, rows: number, cols: number, maxSide: number): { values: Float64Array; r: number; c: number } {
  const r = reducedSide(rows, maxSide);
  const c = reducedSide(cols, maxSide);
  const sum = new Float64Array(r * c);
  const cnt = new Float64Array(r * c);
  const colMap = new Int32Array(cols);
  for (let j = 0; j < cols; j++) colMap[j] = Math.floor((j * c) / cols);
  for (let i = 0; i < rows; i++) {
    const a = Math.floor((i * r) / rows) * c;
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      sum[a + colMap[j]] += data[o + j];
      cnt[a + colMap[j]]++;
    }
  }
  for (let t = 0; t < sum.length; t++) sum[t] = cnt[t] > 0 ? sum[t] / cnt[t] : 0;
  return { values: sum, r, c };
}

/**
 * Block means of a sparse matrix with rows and columns first permuted: original index i sits at position
 * `position[i]` (identity when omitted). Costs O(nnz + r·c), never forms the dense matrix.
 */
export function sparseBlockMean(A: CsrMatrix, maxSide: number, position?: Int32Array): { values: Float64Array; r: number; c: number } {
  const rows = A.rows;
  const cols = A.cols;
  const r = reducedSide(rows, maxSide);
  const c = reducedSide(cols, maxSide);
  const rowBlock = (i: number) => Math.floor(((position ? position[i] : i) * r) / rows);
  const colBlock = (j: number) => Math.floor(((position ? position[j] : j) * c) / cols);
  const sum = new Float64Array(r * c);
  for (let i = 0; i < rows; i++) {
    const a = rowBlock(i) * c;
    for (let p = A.indptr[i]; p < A.indptr[i + 1]; p++) sum[a + colBlock(A.indices[p])] += A.values[p];
  }
  // Every block has (rows in block) × (cols in block) cells, stored or not.
  const rowsIn = new Float64Array(r);
  const colsIn = new Float64Array(c);
  for (let i = 0; i < rows; i++) rowsIn[Math.floor((i * r) / rows)]++;
  for (let j = 0; j < cols; j++) colsIn[Math.floor((j * c) / cols)]++;
  for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) sum[a * c + b] /= rowsIn[a] * colsIn[b];
  return { values: sum, r, c };
}

/**
 * `max` distinct indices of [0, n), ascending, chosen uniformly with the seeded generator (all of them when
 * n ≤ max). Used to thin point clouds for the Vega-Lite spec and the SVG; the payload keeps every point.
 */
export function subsampleIndices(n: number, max: number, seed = 0): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed);
  // Partial Fisher–Yates: the first `max` slots become a uniform sample without replacement.
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, max).sort();
}
