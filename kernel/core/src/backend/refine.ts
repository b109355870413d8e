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
import { symmetricEigen } from "../linalg/symmetric-eigen";

/** ‖x_i − y_j‖² in float64, summed directly (no ‖x‖² + ‖y‖² − 2x·y cancellation). */
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
 */
export class CandidateLists {
  readonly index: Int32Array;
  readonly dist: Float64Array;
  constructor(readonly n: number, readonly c: number) {
    this.index = new Int32Array(n * c).fill(-1);
    this.dist = new Float64Array(n * c).fill(Infinity);
  }

  /** Offers row i's distances to columns col0 .. col0+count−1 (`values[offset + t]`), skipping column `self`. */
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
 */
export function rayleighRitzRefine(apply: (V: DenseBlock) => DenseBlock, V: DenseBlock): RitzPairs {
  const n = V.rows;
  const p = V.cols;
  const cols: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = V.data[i * p + j];
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        let s = 0;
        for (let i = 0; i < n; i++) s += q[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= s * q[i];
      }
    }
    let nv = 0;
    for (let i = 0; i < n; i++) nv += v[i] * v[i];
    nv = Math.sqrt(nv);
    for (let i = 0; i < n; i++) v[i] /= nv;
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

/** Subtracts the column means: distances are translation invariant and smaller magnitudes cancel less. */
export function centerColumns(X: DenseBlock): Float64Array {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let t = 0; t < cols; t++) mean[t] += data[i * cols + t];
  for (let t = 0; t < cols; t++) mean[t] /= Math.max(rows, 1);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let t = 0; t < cols; t++) out[i * cols + t] = data[i * cols + t] - mean[t];
  return out;
}

/** Candidates kept per row before the float64 re-ranking: a margin against ties and rounding near the k-th. */
export function candidateCount(k: number, n: number): number {
  return Math.min(n - 1, k + Math.max(2, Math.ceil(k / 4)));
}
