/**
 * Dense kernels on raw row-major Float64Arrays. These are the only functions that write into arrays they
 * are given (`...Into(out, ...)`); everything public wraps them in immutable Matrix values.
 */

import { gemm } from "./gemm";

/** out (m×n) = A (m×k) · B (k×n), all row-major and contiguous. Runs on the blocked kernel of `gemm.ts`. */
export function matmulInto(out: Float64Array, A: Float64Array, B: Float64Array, m: number, k: number, n: number): void {
  gemm(false, false, m, n, k, 1, A, 0, k, B, 0, n, 0, out, 0, n);
}

/**
 * Rows of C computed per gemm call in the Gram products below. Only the block lower triangle is formed
 * (BLAS dsyrk's saving): with K block rows the flops are (K + 1) / 2K of the full product.
 */
const SYRK_BLOCK = 128;

/**
 * out (n×n) = XᵀX for X (m×n) row-major. Block row I of the lower triangle is one product X[:, I]ᵀ·X[:, ≤I]
 * through the packed kernel (the transpose is absorbed by packing), then the lower triangle is copied onto the
 * upper so the result is exactly symmetric (eigh of a Gram matrix requires it).
 */
export function gramInto(out: Float64Array, X: Float64Array, m: number, n: number): void {
  for (let i0 = 0; i0 < n; i0 += SYRK_BLOCK) {
    const bi = Math.min(SYRK_BLOCK, n - i0);
    gemm(true, false, bi, i0 + bi, m, 1, X, i0, n, X, 0, n, 0, out, i0 * n, n);
  }
  symmetrizeLowerInto(out, n);
}

/** out (m×m) = XXᵀ for X (m×n) row-major, exactly symmetric (block lower triangle as in gramInto). */
export function outerGramInto(out: Float64Array, X: Float64Array, m: number, n: number): void {
  for (let i0 = 0; i0 < m; i0 += SYRK_BLOCK) {
    const bi = Math.min(SYRK_BLOCK, m - i0);
    gemm(false, true, bi, i0 + bi, n, 1, X, i0 * n, n, X, 0, n, 0, out, i0 * m, m);
  }
  symmetrizeLowerInto(out, m);
}

/** Copies the lower triangle of the n×n row-major `a` onto its upper triangle. */
export function symmetrizeLowerInto(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
}

/** out (c×r) = transpose of the r×c row-major `a`, in cache blocks. */
export function transposeInto(out: Float64Array, a: Float64Array, r: number, c: number): void {
  const B = 32;
  for (let ii = 0; ii < r; ii += B) {
    const ie = Math.min(ii + B, r);
    for (let jj = 0; jj < c; jj += B) {
      const je = Math.min(jj + B, c);
      for (let i = ii; i < ie; i++) for (let j = jj; j < je; j++) out[j * r + i] = a[i * c + j];
    }
  }
}

/** out[i] = Σ_t X[i·cols + t]² for each of the `rows` rows of the row-major X (squared row norms). */
export function rowSqNorms(X: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let t = 0; t < cols; t++) s += X[i * cols + t] ** 2;
    out[i] = s;
  }
  return out;
}

export function dot(x: Float64Array, y: Float64Array, n = x.length): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (; i < n; i++) s0 += x[i] * y[i];
  return s0 + s1 + (s2 + s3);
}

/**
 * ‖x‖₂ of the first n entries: the one vector 2-norm of core. One pass of squares (two accumulators); only when
 * that sum over- or underflows does it rerun LAPACK dnrm2's scaled recurrence, so it is safe for any finite
 * input and costs one dot product otherwise.
 */
export function nrm2(x: Float64Array, n = x.length): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i] * x[i];
    s1 += x[i + 1] * x[i + 1];
  }
  if (i < n) s0 += x[i] * x[i];
  const s = s0 + s1;
  if (s > 1e-280 && s < 1e280) return Math.sqrt(s);
  return scaledNrm2(x, n);
}

/** dnrm2's recurrence: the running scale keeps every square in range. */
function scaledNrm2(x: Float64Array, n: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else ssq += (a / scale) * (a / scale);
    }
  }
  return scale * Math.sqrt(ssq);
}

/** y += alpha * x */
export function axpyInto(y: Float64Array, alpha: number, x: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] += alpha * x[i];
}

/** x *= alpha */
export function scalInto(x: Float64Array, alpha: number, n = x.length): void {
  for (let i = 0; i < n; i++) x[i] *= alpha;
}

/**
 * x −= Σ_b (bᵀx)·b over the orthonormal vectors b of `basis`: modified Gram–Schmidt, run twice, which leaves x
 * orthogonal to the basis to working precision ("twice is enough": Giraud, Langou, Rozložník & van den Eshof
 * 2005, "Rounding error analysis of the classical Gram–Schmidt orthogonalization process"). x is not normalized.
 */
export function reorthogonalizeInto(x: Float64Array, basis: readonly Float64Array[]): void {
  const n = x.length;
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += b[i] * x[i];
      if (d !== 0) for (let i = 0; i < n; i++) x[i] -= d * b[i];
    }
  }
}
