/** Helpers for the dense linear-algebra suites: seeded matrices with a prescribed spectrum or conditioning. */
import { Matrix, linalg } from "../../kernel/core/src";

/** Q (n×k) with orthonormal columns from the QR of a seeded Gaussian matrix. */
export function randomOrthonormal(n: number, k: number, seed: number): Matrix {
  return linalg.qr(Matrix.random(n, k, { seed })).Q;
}

/** U diag(s) Vᵀ (m×n) with the given singular values (length ≤ min(m, n)), seeded singular vectors. */
export function withSingularValues(m: number, n: number, s: ArrayLike<number>, seed: number): Matrix {
  const k = s.length;
  const U = randomOrthonormal(m, k, seed);
  const V = randomOrthonormal(n, k, seed + 1000);
  const US = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) US[i * k + j] = U.data[i * k + j] * s[j];
  return new Matrix(m, k, US).matmul(V.T);
}

/** Symmetric Q diag(λ) Qᵀ with seeded Q. */
export function symmetricWithSpectrum(lambda: ArrayLike<number>, seed: number): Matrix {
  const n = lambda.length;
  const Q = randomOrthonormal(n, n, seed);
  const QL = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QL[i * n + j] = Q.data[i * n + j] * lambda[j];
  const A = new Matrix(n, n, QL).matmul(Q.T);
  return A.add(A.T).scale(0.5);
}

/** max |A − B| / max |B| */
export function relDiff(A: Matrix, B: Matrix): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < A.data.length; i++) {
    d = Math.max(d, Math.abs(A.data[i] - B.data[i]));
    s = Math.max(s, Math.abs(B.data[i]));
  }
  return d / Math.max(s, 1e-300);
}
