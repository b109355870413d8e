/**
 * Dense kernels on raw row-major Float64Arrays. These are the only functions that write into arrays they
 * are given (`...Into(out, ...)`); everything public wraps them in immutable Matrix values.
 */

/** out (m×n) = A (m×k) · B (k×n). Blocked over k and j so the working rows of B stay in cache. */
export function matmulInto(out: Float64Array, A: Float64Array, B: Float64Array, m: number, k: number, n: number): void {
  out.fill(0, 0, m * n);
  const KB = 128;
  const JB = 512;
  for (let kk = 0; kk < k; kk += KB) {
    const kEnd = Math.min(kk + KB, k);
    for (let jj = 0; jj < n; jj += JB) {
      const jEnd = Math.min(jj + JB, n);
      for (let i = 0; i < m; i++) {
        const oRow = i * n;
        const aRow = i * k;
        let p = kk;
        // Four rows of B per pass: fewer loads/stores of out per flop.
        for (; p + 3 < kEnd; p += 4) {
          const a0 = A[aRow + p], a1 = A[aRow + p + 1], a2 = A[aRow + p + 2], a3 = A[aRow + p + 3];
          const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = jj; j < jEnd; j++) {
            out[oRow + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
          }
        }
        for (; p < kEnd; p++) {
          const a = A[aRow + p];
          if (a === 0) continue;
          const b0 = p * n;
          for (let j = jj; j < jEnd; j++) out[oRow + j] += a * B[b0 + j];
        }
      }
    }
  }
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

/** Euclidean norm, scaled to avoid overflow/underflow. */
export function nrm2(x: Float64Array, n = x.length): number {
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
