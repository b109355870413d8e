/**
 * Kernels on blocks of vectors stored contiguously (vector i of length n at V[i*n .. i*n+n)), the layout of
 * the Lanczos and LOBPCG bases. They are the Level-2 work of Gram–Schmidt and Ritz-vector updates, unrolled
 * four vectors at a time so that the long vector is read once per four columns instead of once per column.
 */

/** h[i] = V_iᵀ w for i < count. */
export function gemvTInto(h: Float64Array, V: Float64Array, w: Float64Array, count: number, n: number): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let r = 0; r < n; r++) {
      const x = w[r];
      s0 += V[o0 + r] * x;
      s1 += V[o1 + r] * x;
      s2 += V[o2 + r] * x;
      s3 += V[o3 + r] * x;
    }
    h[i] = s0;
    h[i + 1] = s1;
    h[i + 2] = s2;
    h[i + 3] = s3;
  }
  for (; i < count; i++) {
    const o = i * n;
    let s0 = 0, s1 = 0;
    let r = 0;
    for (; r + 1 < n; r += 2) {
      s0 += V[o + r] * w[r];
      s1 += V[o + r + 1] * w[r + 1];
    }
    if (r < n) s0 += V[o + r] * w[r];
    h[i] = s0 + s1;
  }
}

/** w −= Σ_{i<count} h[i]·V_i. */
export function gemvNSubInto(w: Float64Array, V: Float64Array, h: Float64Array, count: number, n: number): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    const a0 = h[i], a1 = h[i + 1], a2 = h[i + 2], a3 = h[i + 3];
    for (let r = 0; r < n; r++) w[r] -= a0 * V[o0 + r] + a1 * V[o1 + r] + a2 * V[o2 + r] + a3 * V[o3 + r];
  }
  for (; i < count; i++) {
    const o = i * n;
    const a = h[i];
    for (let r = 0; r < n; r++) w[r] -= a * V[o + r];
  }
}

/**
 * In place: the first `cols` vectors of V become V[:, 0..m) · S[:, 0..cols), where S is m×cols row-major
 * (S[j*cols + c]). Row blocks keep the working piece of V in cache; `tmp` needs cols·BLOCK entries.
 */
export function combineInPlace(V: Float64Array, S: Float64Array, m: number, cols: number, n: number, tmp: Float64Array): void {
  const B = 512;
  for (let r0 = 0; r0 < n; r0 += B) {
    const len = Math.min(B, n - r0);
    tmp.fill(0, 0, cols * len);
    for (let j = 0; j < m; j++) {
      const vo = j * n + r0;
      for (let c = 0; c < cols; c++) {
        const s = S[j * cols + c];
        if (s === 0) continue;
        const to = c * len;
        for (let r = 0; r < len; r++) tmp[to + r] += s * V[vo + r];
      }
    }
    for (let c = 0; c < cols; c++) {
      const vo = c * n + r0;
      const to = c * len;
      for (let r = 0; r < len; r++) V[vo + r] = tmp[to + r];
    }
  }
}

/** out (contiguous, cols vectors) = V[:, 0..m) · S (m×cols row-major). */
export function combineInto(out: Float64Array, V: Float64Array, S: Float64Array, m: number, cols: number, n: number): void {
  out.fill(0, 0, cols * n);
  const B = 512;
  for (let r0 = 0; r0 < n; r0 += B) {
    const len = Math.min(B, n - r0);
    for (let j = 0; j < m; j++) {
      const vo = j * n + r0;
      for (let c = 0; c < cols; c++) {
        const s = S[j * cols + c];
        if (s === 0) continue;
        const oo = c * n + r0;
        for (let r = 0; r < len; r++) out[oo + r] += s * V[vo + r];
      }
    }
  }
}
