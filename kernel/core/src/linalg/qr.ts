/**
 * `linalg.qr`: Householder QR, A = Q R with thin Q (m×k orthonormal columns) and R (k×n upper triangular),
 * k = min(m, n); R's diagonal made non-negative so the factorization is unique for full-rank A.
 *
 * Blocked in the LAPACK way (dgeqrf/dlarft/dlarfb; Schreiber & Van Loan, "A storage-efficient WY
 * representation for products of Householder transformations", SISC 10, 1989): a panel of NB reflectors is
 * factored column by column, then applied to the trailing columns as I − V T Vᵀ through two gemm calls.
 * The working copy is stored transposed (column j of A contiguous), so every reflector touches contiguous
 * memory.
 */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { gemm } from "../kernels";
import { asMatrix } from "../validate/inputs";

const NB = 32;

export interface QrFactors {
  /** m×k orthonormal columns, row-major. */
  Q: Float64Array;
  /** k×n upper triangular, row-major. */
  R: Float64Array;
  k: number;
}

/**
 * Householder factorization of W = Aᵀ in place (W is n×m row-major: row c is column c of A). On exit the
 * upper part (W[c, i], i ≤ c) holds R transposed, the part below holds the reflector vectors (unit first
 * entry implicit) and `tau` their scalars.
 */
function factorInPlace(W: Float64Array, m: number, n: number, tau: Float64Array): void {
  const k = Math.min(m, n);
  const Vr = new Float64Array(NB * m);
  const T = new Float64Array(NB * NB);
  const Z = new Float64Array(NB * n);
  for (let j0 = 0; j0 < k; j0 += NB) {
    const nb = Math.min(NB, k - j0);
    for (let j = j0; j < j0 + nb; j++) {
      householderColumn(W, m, j, tau);
      applyReflector(W, m, j, tau[j], j + 1, j0 + nb); // the rest of the panel, one reflector at a time
    }
    const c0 = j0 + nb;
    if (c0 >= n) continue;
    // V (as rows of Vr: nb × (m − j0)), unit diagonal, zeros above.
    const mm = m - j0;
    Vr.fill(0, 0, nb * mm);
    for (let p = 0; p < nb; p++) {
      const j = j0 + p;
      Vr[p * mm + p] = 1;
      for (let i = j + 1; i < m; i++) Vr[p * mm + (i - j0)] = W[j * m + i];
    }
    buildT(Vr, mm, nb, tau, j0, T);
    // Trailing columns C (stored as rows of W: nc × mm at W[c0*m + j0]): C ← (I − V T Vᵀ)ᵀ C.
    const nc = n - c0;
    const off = c0 * m + j0;
    // Z = Vᵀ C  (nb × nc)  = Vr · Wcᵀ
    gemm(false, true, nb, nc, mm, 1, Vr, 0, mm, W, off, m, 0, Z, 0, nc);
    // Z ← Tᵀ Z (small triangular product, done in place from the bottom row up)
    for (let i = nb - 1; i >= 0; i--) {
      for (let c = 0; c < nc; c++) {
        let s = 0;
        for (let p = 0; p <= i; p++) s += T[p * NB + i] * Z[p * nc + c];
        Z[i * nc + c] = s;
      }
    }
    // Wc −= Zᵀ Vr
    gemm(true, false, nc, mm, nb, -1, Z, 0, nc, Vr, 0, mm, 1, W, off, m);
  }
}

/** T upper triangular (stride NB) with H_{j0} ⋯ H_{j0+nb−1} = I − V T Vᵀ (dlarft, forward, columnwise). */
function buildT(Vr: Float64Array, mm: number, nb: number, tau: Float64Array, j0: number, T: Float64Array): void {
  for (let i = 0; i < nb; i++) {
    const ti = tau[j0 + i];
    for (let p = 0; p < i; p++) {
      let s = 0;
      for (let r = i; r < mm; r++) s += Vr[p * mm + r] * Vr[i * mm + r];
      T[p * NB + i] = -ti * s;
    }
    // T[0:i, i] = T[0:i, 0:i] · T[0:i, i]
    for (let p = 0; p < i; p++) {
      let s = 0;
      for (let q = p; q < i; q++) s += T[p * NB + q] * T[q * NB + i];
      T[p * NB + i] = s;
    }
    T[i * NB + i] = ti;
  }
}

/** Reflector for column j (row j of W) below the diagonal; stores β on the diagonal and v below it. */
function householderColumn(W: Float64Array, m: number, j: number, tau: Float64Array): void {
  const base = j * m;
  const alpha = W[base + j];
  let scale = 0;
  for (let i = j + 1; i < m; i++) scale = Math.max(scale, Math.abs(W[base + i]));
  if (scale === 0) {
    tau[j] = 0;
    return;
  }
  let ssq = 0;
  for (let i = j + 1; i < m; i++) ssq += (W[base + i] / scale) ** 2;
  const xnorm = scale * Math.sqrt(ssq);
  const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
  tau[j] = (beta - alpha) / beta;
  const inv = 1 / (alpha - beta);
  for (let i = j + 1; i < m; i++) W[base + i] *= inv;
  W[base + j] = beta;
}

/** Applies H_j = I − τ v vᵀ (v stored in row j of W below the diagonal) to columns [c0, c1). */
function applyReflector(W: Float64Array, m: number, j: number, t: number, c0: number, c1: number): void {
  if (t === 0) return;
  const vb = j * m;
  for (let c = c0; c < c1; c++) {
    const cb = c * m;
    let w = W[cb + j];
    for (let i = j + 1; i < m; i++) w += W[vb + i] * W[cb + i];
    w *= t;
    W[cb + j] -= w;
    for (let i = j + 1; i < m; i++) W[cb + i] -= w * W[vb + i];
  }
}

/**
 * Thin Householder QR of the m×n row-major `A` (not modified). `wantR` false skips forming R (randomized
 * SVD only needs the orthonormal basis). Deterministic: R's diagonal is made non-negative.
 */
export function qrFactors(A: Float64Array, m: number, n: number, wantR = true): QrFactors {
  const k = Math.min(m, n);
  const W = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) W[c * m + i] = A[i * n + c];
  const tau = new Float64Array(k);
  factorInPlace(W, m, n, tau);
  // Q = H_0 ⋯ H_{k−1} applied to the first k columns of I (m×k row-major), a block of reflectors at a
  // time from the last (dorgqr): Q[j0:, j0:] −= V T (Vᵀ Q[j0:, j0:]); columns left of j0 are still e_c there.
  const Qr = new Float64Array(m * k);
  for (let c = 0; c < k; c++) Qr[c * k + c] = 1;
  const T = new Float64Array(NB * NB);
  const Vr = new Float64Array(NB * m);
  const Y = new Float64Array(NB * k);
  for (let j0 = Math.floor((k - 1) / NB) * NB; j0 >= 0; j0 -= NB) {
    const nb = Math.min(NB, k - j0);
    const mm = m - j0;
    const kc = k - j0;
    Vr.fill(0, 0, nb * mm);
    for (let p = 0; p < nb; p++) {
      const j = j0 + p;
      Vr[p * mm + p] = 1;
      for (let i = j + 1; i < m; i++) Vr[p * mm + (i - j0)] = W[j * m + i];
    }
    buildT(Vr, mm, nb, tau, j0, T);
    const off = j0 * k + j0;
    gemm(false, false, nb, kc, mm, 1, Vr, 0, mm, Qr, off, k, 0, Y, 0, kc);
    for (let i = 0; i < nb; i++) {
      for (let c = 0; c < kc; c++) {
        let s = 0;
        for (let p = i; p < nb; p++) s += T[i * NB + p] * Y[p * kc + c];
        Y[i * kc + c] = s;
      }
    }
    gemm(true, false, mm, kc, nb, -1, Vr, 0, mm, Y, 0, kc, 1, Qr, off, k);
  }
  const R = new Float64Array(wantR ? k * n : 0);
  for (let c = 0; c < k; c++) {
    const flip = W[c * m + c] < 0 ? -1 : 1;
    if (flip < 0) for (let i = 0; i < m; i++) Qr[i * k + c] = -Qr[i * k + c];
    if (wantR) for (let cc = c; cc < n; cc++) R[c * n + cc] = flip * W[cc * m + c];
  }
  return { Q: Qr, R, k };
}

/**
 * Q ← an orthonormal basis (m×l, row-major) of the columns of Y (m×l, m ≥ l): the thin Q of Householder QR.
 * The internal used by randomized SVD for its range finder and power-iteration re-orthonormalization.
 */
export function orthonormalizeInto(Q: Float64Array, Y: Float64Array, m: number, l: number): void {
  Q.set(qrFactors(Y, m, l, false).Q);
}

/**
 * A = Q R with Q (m×k) orthonormal columns, R (k×n) upper triangular with non-negative diagonal, k = min(m, n).
 *
 * @example
 * ```ts
 * const { Q, R } = linalg.qr(Matrix.from([[3, 1], [4, 2]]));
 * Q.col(0); // => [0.6, 0.8]
 * R.get(0, 0); // => 5
 * R.get(1, 0); // => 0
 * Q.matmul(R).toArray(); // => [[3, 1], [4, 2]]
 * ```
 */
export function qr(A: Matrix, opts: Record<string, never> = {}): { Q: Matrix; R: Matrix } {
  A = asMatrix("linalg.qr", "A", A);
  checkOptions("linalg.qr", opts, {});
  if (A.rows === 0 || A.cols === 0) throw new EigenlabError("shape", message.emptyMatrix("linalg.qr", A.rows, A.cols));
  checkFinite("A", A.data);
  const { Q, R, k } = qrFactors(A.data, A.rows, A.cols);
  return { Q: new Matrix(A.rows, k, Q), R: new Matrix(k, A.cols, R) };
}
