/**
 * The float64 CPU reference backend: the numbers every other backend is checked against, and the path "auto"
 * runs unless a measured crossover says otherwise. Dense products go through kernels/blas.ts `matmulInto`
 * (blocked, register-tiled), so any speed-up there speeds these kernels too.
 */
import type { Backend, CsrBlock, DenseBlock, GaussianScale, KernelName, Neighbors } from "./types";
import { refineNeighbors } from "./refine";
import { matmulInto, nearestNeighbors, rowSqNorms, transposeInto } from "../kernels";

function transpose(A: DenseBlock): Float64Array {
  const T = new Float64Array(A.rows * A.cols);
  transposeInto(T, A.data, A.rows, A.cols);
  return T;
}

/**
 * ‖x‖² + ‖y‖² − 2 x·y with the cross term as one GEMM (the form scikit-learn's euclidean_distances uses);
 * clamped at 0 against cancellation. Callers that rank near-duplicates recompute directly (refine.ts).
 */
function sqDistancesInto(out: Float64Array, X: Float64Array, xNorm: Float64Array, n: number, Yt: Float64Array, yNorm: Float64Array, m: number, d: number): void {
  matmulInto(out, X, Yt, n, d, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const xi = xNorm[i];
    for (let j = 0; j < m; j++) {
      const v = xi + yNorm[j] - 2 * out[row + j];
      out[row + j] = v > 0 ? v : 0;
    }
  }
}

function pairwiseSqDistances(X: DenseBlock, Y: DenseBlock): DenseBlock {
  const d = X.cols;
  const out = new Float64Array(X.rows * Y.rows);
  sqDistancesInto(out, X.data, rowSqNorms(X.data, X.rows, d), X.rows, transpose(Y), rowSqNorms(Y.data, Y.rows, d), Y.rows, d);
  return { rows: X.rows, cols: Y.rows, data: out };
}

/**
 * The CPU reference ranks with graph.knn's own engine (kernels/neighbors.ts: exact, with its rounding-bound
 * rescan), so users and backends share one CPU kNN; `refineNeighbors` then reports the float64 squared
 * distances of the contract, ordered by (distance, index).
 */
function knnCandidates(X: DenseBlock, k: number): Neighbors {
  const found = nearestNeighbors(X, k, "euclidean", false);
  return refineNeighbors(X, found.indices, k, k);
}

function gaussianAffinityBlock(X: DenseBlock, Y: DenseBlock, scale: GaussianScale): DenseBlock {
  const D = pairwiseSqDistances(X, Y);
  const out = D.data;
  const m = Y.rows;
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < m; j++) {
      const den = typeof scale === "number" ? 2 * scale * scale : scale.x[i] * scale.y[j];
      out[i * m + j] = Math.exp(-out[i * m + j] / den);
    }
  }
  return D;
}

function matmul(A: DenseBlock, B: DenseBlock): DenseBlock {
  const out = new Float64Array(A.rows * B.cols);
  matmulInto(out, A.data, B.data, A.rows, A.cols, B.cols);
  return { rows: A.rows, cols: B.cols, data: out };
}

function gram(A: DenseBlock): DenseBlock {
  const out = new Float64Array(A.cols * A.cols);
  matmulInto(out, transpose(A), A.data, A.cols, A.rows, A.cols);
  // Exactly symmetric, as a Gram matrix must be (the blocked sums differ in rounding order).
  const n = A.cols;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
  return { rows: n, cols: n, data: out };
}

function sinkhornStep(K: DenseBlock, a: Float64Array, b: Float64Array, v: Float64Array): { u: Float64Array; v: Float64Array } {
  const { rows: n, cols: m, data } = K;
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += data[i * m + j] * v[j];
    u[i] = a[i] / s;
  }
  const ktu = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const ui = u[i];
    for (let j = 0; j < m; j++) ktu[j] += data[i * m + j] * ui;
  }
  const vNext = new Float64Array(m);
  for (let j = 0; j < m; j++) vNext[j] = b[j] / ktu[j];
  return { u, v: vNext };
}

/** out = S·N for CSR S (n×n) and dense N (n×p). */
function spmm(S: CsrBlock, N: Float64Array, p: number): Float64Array {
  const out = new Float64Array(S.rows * p);
  for (let i = 0; i < S.rows; i++) {
    for (let q = S.indptr[i]; q < S.indptr[i + 1]; q++) {
      const w = S.values[q];
      const src = S.indices[q] * p;
      for (let t = 0; t < p; t++) out[i * p + t] += w * N[src + t];
    }
  }
  return out;
}

function fastrpProjection(S: CsrBlock, R: DenseBlock, weights: readonly number[]): DenseBlock {
  const p = R.cols;
  const acc = new Float64Array(S.rows * p);
  let N = R.data;
  for (const w of weights) {
    N = spmm(S, N, p);
    if (w !== 0) for (let t = 0; t < acc.length; t++) acc[t] += w * N[t];
  }
  return { rows: S.rows, cols: p, data: acc };
}

/** Unchecked implementation; registry.ts exports it wrapped with the input checks as `cpuBackend`. */
export const cpuReference: Backend = {
  id: "cpu",
  name: "cpu",
  meta: (_kernel: KernelName) => ({ backend: "cpu", precision: "float64" }),
  pairwiseSqDistances,
  knnCandidates,
  gaussianAffinityBlock,
  matmul,
  gram,
  // No residency to gain on the CPU: a block mat-vec is a GEMM.
  blockMatvec: matmul,
  sinkhornStep,
  fastrpProjection,
};
