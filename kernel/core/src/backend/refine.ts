/**
 * Float64 refinement of what a reduced-precision backend produced, so float32 arithmetic never leaks into
 * a float64 algorithm unannounced:
 * - kNN: a backend ranks *candidates* (a few more than k) by its own distances; the chosen candidates'
 *   distances are then recomputed in float64 from the original data and re-ranked (exact order, exact values).
 * - eigenvectors: one Rayleigh–Ritz step in float64 on the backend's approximate invariant subspace. The Ritz
 *   values' error is quadratic in the subspace error (Parlett, "The Symmetric Eigenvalue Problem", Thm 11.7.1),
 *   so float32-accurate vectors (≈1e-7) give eigenvalues accurate to ≈1e-14·‖A‖.
 * Also the helpers a non-CPU backend uses to produce its kNN candidates (centerColumns, candidateCount).
 */
import type { DenseBlock, Neighbors } from "./types";
import { nrm2, reorthogonalizeInto, scalInto } from "../kernels";
import { symmetricEigen } from "../linalg/symmetric-eigen";

/**
 * ‖x_i − y_j‖² in float64, summed directly (no ‖x‖² + ‖y‖² − 2x·y cancellation). X and Y are row-major with
 * d columns; i and j are row indices.
 *
 * @example
 * ```ts
 * const P = new Float64Array([0, 0, 3, 4]); // two points in the plane: (0, 0) and (3, 4)
 * backend.directSqDistance(P, 0, P, 1, 2); // => 25
 * // two points far from the origin: the expanded form loses their distance entirely, the direct sum does not
 * const x = new Float64Array([1e8 + 1]), y = new Float64Array([1e8]);
 * x[0] * x[0] + y[0] * y[0] - 2 * x[0] * y[0]; // => 0
 * backend.directSqDistance(x, 0, y, 0, 1); // => 1
 * ```
 */
export function directSqDistance(X: Float64Array, i: number, Y: Float64Array, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let t = 0; t < d; t++) {
    const diff = X[a + t] - Y[b + t];
    s += diff * diff;
  }
  return s;
}

/**
 * Per row, the `c` smallest entries offered so far (streaming over column tiles): sorted insertion into a
 * small buffer, which beats a heap for the k ≤ 50 of neighbour graphs. Ties keep the smaller index.
 * `index` and `dist` are n×c row-major, nearest first; unfilled slots hold −1 and Infinity.
 *
 * @example
 * ```ts
 * const lists = new backend.CandidateLists(2, 2); // 2 rows, keep the 2 smallest of each
 * lists.offer(0, [0, 5, 1, 1], 0, 4, 0, 0); // row 0's distances to columns 0..3; column 0 is row 0 itself
 * lists.index; // => [2, 3, -1, -1]
 * lists.dist; // => [1, 1, Infinity, Infinity]
 * ```
 */
export class CandidateLists {
  readonly index: Int32Array;
  readonly dist: Float64Array;
  constructor(readonly n: number, readonly c: number) {
    this.index = new Int32Array(n * c).fill(-1);
    this.dist = new Float64Array(n * c).fill(Infinity);
  }

  /**
   * Offers row i's distances to columns col0 .. col0+count−1 (`values[offset + t]`), skipping column `self`.
   *
   * @example
   * ```ts
   * // row 1 of a 5-point set, its distances arriving in two column tiles: columns 0..2, then 3..4
   * const lists = new backend.CandidateLists(5, 2);
   * const tiles = new Float64Array([4, 0, 9, 1, 4]); // the first tile is tiles[0..2], the second tiles[3..4]
   * lists.offer(1, tiles, 0, 3, 0, 1);
   * lists.offer(1, tiles, 3, 2, 3, 1);
   * // the two nearest of row 1: column 3 (1), then columns 0 and 4 tie at 4 and the smaller index stays
   * lists.index.slice(2, 4); // => [3, 0]
   * lists.dist.slice(2, 4); // => [1, 4]
   * ```
   */
  offer(i: number, values: ArrayLike<number>, offset: number, count: number, col0: number, self: number): void {
    const c = this.c;
    const base = i * c;
    const dist = this.dist;
    const index = this.index;
    let worst = dist[base + c - 1];
    for (let t = 0; t < count; t++) {
      const v = values[offset + t];
      if (!(v < worst)) continue;
      const j = col0 + t;
      if (j === self) continue;
      let p = c - 1;
      while (p > 0 && dist[base + p - 1] > v) {
        dist[base + p] = dist[base + p - 1];
        index[base + p] = index[base + p - 1];
        p--;
      }
      dist[base + p] = v;
      index[base + p] = j;
      worst = dist[base + c - 1];
    }
  }
}

/**
 * Recomputes every candidate's squared distance in float64 from X (n×d) and keeps the k nearest, ordered by
 * (distance, index). `candidates` is n×c (c ≥ k), entries −1 ignored.
 *
 * @example
 * ```ts
 * // four points on a line, at 0, 1, 2 and 5; each row's candidates in any order, −1 where a row has fewer
 * const X = Matrix.from([[0], [1], [2], [5]]);
 * const candidates = new Int32Array([2, 1, 3, 2, 0, -1, 3, 1, 0, 0, 2, 1]); // 4 rows of 3
 * const nn = backend.refineNeighbors(X, candidates, 3, 1);
 * // point 1 is at distance 1 from both 0 and 2: the smaller index wins
 * nn.indices; // => [1, 0, 1, 2]
 * nn.sqDistances; // => [1, 1, 1, 9]
 * ```
 */
export function refineNeighbors(X: DenseBlock, candidates: Int32Array, c: number, k: number): Neighbors {
  const n = X.rows;
  const d = X.cols;
  const indices = new Int32Array(n * k);
  const sqDistances = new Float64Array(n * k);
  const order = new Array<number>(c);
  const dist = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let t = 0; t < c; t++) {
      const j = candidates[i * c + t];
      if (j < 0) continue;
      dist[m] = directSqDistance(X.data, i, X.data, j, d);
      order[m] = j;
      m++;
    }
    const pos = Array.from({ length: m }, (_, t) => t);
    pos.sort((p, q) => dist[p] - dist[q] || order[p] - order[q]);
    for (let t = 0; t < k; t++) {
      indices[i * k + t] = order[pos[t]];
      sqDistances[i * k + t] = dist[pos[t]];
    }
  }
  return { n, k, indices, sqDistances };
}

export interface RitzPairs {
  /** Ritz values, ascending. */
  values: Float64Array;
  /** n×p, columns the Ritz vectors (orthonormal in float64). */
  vectors: DenseBlock;
  /** ‖A y_j − θ_j y_j‖ for each pair, computed in float64. */
  residuals: Float64Array;
}

/**
 * One float64 Rayleigh–Ritz step on the span of V's columns (n×p, e.g. from float32 subspace iteration):
 * orthonormalize V (modified Gram–Schmidt, twice — "twice is enough", Giraud et al. 2005), W = A·V with the
 * float64 `apply`, H = VᵀW, H = QΘQᵀ, Y = VQ, residuals from W·Q − YΘ (no second product with A).
 *
 * @example
 * ```ts
 * // A's eigenvalues are 2 − √2, 2 and 2 + √2; the top two eigenvectors known only to float32 precision
 * const A = Matrix.from([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);
 * const apply = (V: backend.DenseBlock) => backend.getBackend("cpu").matmul(A, V);
 * const f = Math.fround;
 * const V = Matrix.from([[f(Math.SQRT1_2), 0.5], [0, f(Math.SQRT1_2)], [-f(Math.SQRT1_2), 0.5]]);
 * const ritz = backend.rayleighRitzRefine(apply, V);
 * // the Ritz values are right to float64 precision: their error is quadratic in the vectors' (≈ 1e-8)
 * ritz.values; // => [2, 2 + Math.SQRT2]
 * Math.max(...ritz.residuals) < 1e-7; // => true
 * // on the whole space it reproduces all three eigenvalues
 * backend.rayleighRitzRefine(apply, Matrix.from([[1, 0, 0], [1, 1, 0], [1, 1, 1]])).values; // => [2 - Math.SQRT2, 2, 2 + Math.SQRT2]
 * ```
 */
export function rayleighRitzRefine(apply: (V: DenseBlock) => DenseBlock, V: DenseBlock): RitzPairs {
  const n = V.rows;
  const p = V.cols;
  const cols: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = V.data[i * p + j];
    reorthogonalizeInto(v, cols);
    scalInto(v, 1 / nrm2(v));
    cols.push(v);
  }
  const Q = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) Q[i * p + j] = cols[j][i];
  const W = apply({ rows: n, cols: p, data: Q });
  const H = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Q[i * p + a] * W.data[i * p + b];
      H[a * p + b] = s;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) H[a * p + b] = H[b * p + a] = 0.5 * (H[a * p + b] + H[b * p + a]);
  }
  const eig = symmetricEigen(H, p);
  const Y = new Float64Array(n * p);
  const residuals = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const z = eig.vectors.subarray(j * p, j * p + p);
    const theta = eig.values[j];
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      let y = 0;
      let w = 0;
      for (let t = 0; t < p; t++) {
        y += Q[i * p + t] * z[t];
        w += W.data[i * p + t] * z[t];
      }
      Y[i * p + j] = y;
      r2 += (w - theta * y) ** 2;
    }
    residuals[j] = Math.sqrt(r2);
  }
  return { values: eig.values, vectors: { rows: n, cols: p, data: Y }, residuals };
}

/**
 * Subtracts the column means: distances are translation invariant and smaller magnitudes cancel less.
 * Returns the centred n×d data, row-major.
 *
 * @example
 * ```ts
 * backend.centerColumns(Matrix.from([[1, 10], [3, 20], [5, 60]])); // => [-2, -20, 0, -10, 2, 30]
 * ```
 */
export function centerColumns(X: DenseBlock): Float64Array {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let t = 0; t < cols; t++) mean[t] += data[i * cols + t];
  for (let t = 0; t < cols; t++) mean[t] /= Math.max(rows, 1);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let t = 0; t < cols; t++) out[i * cols + t] = data[i * cols + t] - mean[t];
  return out;
}

/**
 * Candidates kept per row before the float64 re-ranking: a margin against ties and rounding near the k-th.
 *
 * @example
 * ```ts
 * backend.candidateCount(10, 1000); // => 13
 * backend.candidateCount(3, 1000); // => 5
 * // never more than the n − 1 other points
 * backend.candidateCount(10, 12); // => 11
 * ```
 */
export function candidateCount(k: number, n: number): number {
  return Math.min(n - 1, k + Math.max(2, Math.ceil(k / 4)));
}
