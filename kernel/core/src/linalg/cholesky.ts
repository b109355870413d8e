/** `linalg.cholesky`: A = L Lᵀ for symmetric positive definite A. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { symmetricData } from "./eigh";
import { gemm } from "../kernels";
import { asMatrix } from "../validate/inputs";

/** Panel width of the blocked factorization; below 2 panels the unblocked loop runs alone. */
const NB = 96;

/**
 * Overwrites the lower triangle of the n×n row-major `a` (leading dimension `lda`, offset `off`) with its
 * Cholesky factor L and zeroes nothing else. Cholesky–Banachiewicz (row by row, dot products over
 * contiguous rows). Returns the failing pivot index (a non-positive or NaN diagonal), or −1.
 */
function cholUnblocked(a: Float64Array, off: number, lda: number, n: number): number {
  for (let i = 0; i < n; i++) {
    const ri = off + i * lda;
    for (let j = 0; j <= i; j++) {
      const rj = off + j * lda;
      let s = a[ri + j];
      for (let p = 0; p < j; p++) s -= a[ri + p] * a[rj + p];
      if (j === i) {
        if (!(s > 0)) {
          a[ri + i] = s;
          return i;
        }
        a[ri + i] = Math.sqrt(s);
      } else a[ri + j] = s / a[rj + j];
    }
  }
  return -1;
}

/**
 * Blocked right-looking Cholesky (LAPACK dpotrf, lower): factor a diagonal block, solve the panel below it,
 * update the trailing matrix with one gemm (A22 −= L21 L21ᵀ), so ~all O(n³) work runs on the fast kernel.
 * On failure returns the global pivot index and leaves `a` partly overwritten. Upper triangle is zeroed.
 */
export function choleskyInto(a: Float64Array, n: number): number {
  for (let k = 0; k < n; k += NB) {
    const nb = Math.min(NB, n - k);
    const bad = cholUnblocked(a, k * n + k, n, nb);
    if (bad >= 0) return k + bad;
    const rest = n - k - nb;
    if (rest === 0) continue;
    // L21 = A21 · L11⁻ᵀ: each row x of A21 solves L11 xᵀ = rowᵀ (forward substitution on a contiguous row).
    for (let i = k + nb; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j < nb; j++) {
        const rj = (k + j) * n + k;
        let s = a[ri + k + j];
        for (let p = 0; p < j; p++) s -= a[ri + k + p] * a[rj + p];
        a[ri + k + j] = s / a[rj + j];
      }
    }
    // A22 −= L21 · L21ᵀ (full square; the upper half is discarded below).
    const o21 = (k + nb) * n + k;
    gemm(false, true, rest, rest, nb, -1, a, o21, n, a, o21, n, 1, a, (k + nb) * n + k + nb, n);
  }
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, i * n + n);
  return -1;
}

/**
 * The lower-triangular L with A = L Lᵀ. Throws an EigenlabError naming the first failing pivot when A is not
 * (numerically) positive definite, and the usual errors for non-square, non-symmetric or NaN input.
 *
 * @example
 * ```ts
 * const L = linalg.cholesky(Matrix.from([[4, 2], [2, 3]]));
 * L.toArray(); // => [[2, 0], [1, Math.SQRT2]]
 * L.matmul(L.T).toArray(); // => [[4, 2], [2, 3]]
 * linalg.cholesky(Matrix.from([[1, 2], [2, 1]])); // => throws not-positive-definite
 * ```
 */
export function cholesky(A: Matrix, opts: Record<string, never> = {}): Matrix {
  A = asMatrix("linalg.cholesky", "A", A);
  checkOptions("linalg.cholesky", opts, {});
  const n = A.rows;
  const a = symmetricData(A);
  const bad = choleskyInto(a, n);
  if (bad >= 0) {
    // The work array holds the pivot's Schur-complement value, i.e. what the factorization found there.
    throw new EigenlabError("not-positive-definite", message.notPositiveDefinite("A", bad, a[bad * n + bad]));
  }
  return new Matrix(n, n, a);
}
