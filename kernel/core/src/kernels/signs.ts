/**
 * The deterministic sign convention of DESIGN.md (scikit-learn's `_deterministic_vector_sign_flip`): each
 * eigenvector or singular vector is flipped so that its largest-magnitude entry is positive (the first one on
 * ties). Every solver that returns vectors normalizes them here, so the convention has one definition.
 */

/** `vecs` holds k vectors of length n contiguously (vector j at j*n); each is flipped in place as needed. */
export function normalizeSignsInPlace(vecs: Float64Array, n: number, k: number): void {
  for (let j = 0; j < k; j++) {
    const o = j * n;
    let best = 0;
    let arg = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(vecs[o + i]);
      if (a > best) {
        best = a;
        arg = i;
      }
    }
    if (vecs[o + arg] < 0) for (let i = 0; i < n; i++) vecs[o + i] = -vecs[o + i];
  }
}

/**
 * The columns of U (m×k, row-major) flipped in place as needed; when `V` (n×k, row-major) is given, its
 * column j flips along with U's (the singular-vector pairs of an SVD keep U S Vᵀ unchanged).
 */
export function normalizeColumnSignsInPlace(U: Float64Array, m: number, k: number, V?: Float64Array, n = 0): void {
  for (let j = 0; j < k; j++) {
    let best = 0;
    let arg = 0;
    for (let i = 0; i < m; i++) {
      const a = Math.abs(U[i * k + j]);
      if (a > best) {
        best = a;
        arg = i;
      }
    }
    if (U[arg * k + j] < 0) {
      for (let i = 0; i < m; i++) U[i * k + j] = -U[i * k + j];
      if (V) for (let i = 0; i < n; i++) V[i * k + j] = -V[i * k + j];
    }
  }
}

/**
 * normalizeColumnSignsInPlace for a square-or-tall U (m×k, row-major) scanned row by row: the same flips (the
 * first largest-magnitude entry of each column made positive), but every pass reads along rows, which at
 * n ≥ 1000 is several times faster than walking each column with stride k (eigh's n×n eigenvectors).
 */
export function normalizeColumnSignsRowwise(U: Float64Array, m: number, k: number): void {
  const best = new Float64Array(k);
  const arg = new Int32Array(k);
  for (let i = 0; i < m; i++) {
    const o = i * k;
    for (let j = 0; j < k; j++) {
      const a = Math.abs(U[o + j]);
      if (a > best[j]) {
        best[j] = a;
        arg[j] = i;
      }
    }
  }
  const flip = new Float64Array(k);
  let any = false;
  for (let j = 0; j < k; j++) {
    flip[j] = U[arg[j] * k + j] < 0 ? -1 : 1;
    if (flip[j] < 0) any = true;
  }
  if (!any) return;
  for (let i = 0; i < m; i++) {
    const o = i * k;
    for (let j = 0; j < k; j++) if (flip[j] < 0) U[o + j] = -U[o + j];
  }
}
