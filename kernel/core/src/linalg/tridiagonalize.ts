/**
 * Blocked Householder tridiagonalization Qᵀ A Q = T of a dense symmetric matrix, and the back-transformation
 * X ← Q X, in the form of LAPACK dsytrd/dlatrd (lower) and dormtr (Dongarra, Sorensen & Hammarling, "Block
 * reduction of matrices to condensed forms for eigenvalue computations", J. Comput. Appl. Math. 27, 1989).
 *
 * A panel of NB reflectors is built with matrix–vector products against the not-yet-updated trailing
 * matrix plus corrections through W; the trailing matrix is then updated once, A₂₂ −= V Wᵀ + W Vᵀ, as a
 * single gemm, so half of the 4n³/3 flops run on the fast kernel (the other half are the matrix–vector
 * products, bound by memory bandwidth as in LAPACK). Q is never formed: it is applied to the tridiagonal
 * eigenvectors block by block as I − V T Vᵀ (compact WY), all in gemm.
 *
 * Storage: the full symmetric n×n matrix, row-major; by symmetry column j of the lower triangle is row j
 * in memory, so "column" loops below are contiguous. Only that triangle (row j of memory from its diagonal on)
 * is read and kept current; the other one is left stale, as LAPACK's uplo = 'L' leaves the upper one.
 */
import { gemm, WasmScratch } from "../kernels";

const NB = 32;
/** Block rows of the triangular trailing update. */
const TB = 192;

export interface Tridiagonal {
  /** Diagonal of T (n). */
  d: Float64Array;
  /** Off-diagonal of T (n − 1). */
  e: Float64Array;
  /** Reflector scalars (n − 1); the vectors are kept in `a` (see tridiagonalizeInto). */
  tau: Float64Array;
}

/**
 * Reduces the symmetric `a` (n×n, both triangles filled) in place. On exit, for each j < n − 1 the reflector
 * H_j = I − τ_j v vᵀ has v = [0 (j+1 entries), 1, a[j*n + j+2 .. j*n + n)] (column j of the lower triangle,
 * stored in memory row j), and Q = H_0 H_1 ⋯ H_{n−2}.
 */
export function tridiagonalizeInto(a: Float64Array, n: number): Tridiagonal {
  return tridiagonalizeWith(a, new Float64Array(n * NB), n, null);
}

/** Doubles of WebAssembly scratch `tridiagonalizeWith` needs for the SIMD path: the matrix, W, then two NB-vectors. */
export function tridiagonalScratchSize(n: number): number {
  return n * n + n * NB + 2 * NB;
}

/**
 * As tridiagonalizeInto; with `s`, the matrix must be s.f64[0, n²), W s.f64[n², n² + n·NB) and two NB-vectors
 * follow W; then every matrix–vector product runs on the WebAssembly SIMD kernels: A₂₂v (rowDots), and the
 * panel corrections with V and W (dlatrd's dgemv calls: rowDots for Vᵀv, Wᵀv and subCombination for the
 * updates), which in plain TypeScript were as costly as A₂₂v at n = 1000 (O(n²·NB) scalar flops).
 */
export function tridiagonalizeWith(a: Float64Array, W: Float64Array, n: number, s: WasmScratch | null): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 1, 0));
  // W: column p (length n) at p*n, contiguous.
  const wtmp = new Float64Array(NB);
  const vtmp = new Float64Array(NB);
  const col = (c: number, r: number) => c * n + r; // A(r, c), lower triangle, contiguous in r
  // Element offsets inside s.f64 (SIMD path): W, and the two NB-vectors after it.
  const wOff = n * n;
  const h1 = wOff + n * NB;
  const h2 = h1 + NB;
  // The trailing update's operands, allocated once for the largest panel (fresh arrays per panel were a
  // tenth of eigh's time in garbage collection at n = 1000).
  const Lbuf = new Float64Array(Math.max(0, n - 1) * 2 * NB);
  const Rbuf = new Float64Array(Math.max(0, n - 1) * 2 * NB);
  for (let j0 = 0; j0 < n - 1; j0 += NB) {
    const nb = Math.min(NB, n - 1 - j0);
    // Panel columns j0 .. j0+nb−1 (global indices). W(r, p) for rows r ≥ j0 stored at W[p*n + r].
    for (let p = 0; p < nb; p++) {
      const i = j0 + p;
      // A(i:n, i) −= V(i:n, 0:p) W(i, 0:p)ᵀ + W(i:n, 0:p) V(i, 0:p)ᵀ  (V(r, q) = A(r, j0+q))
      if (s && p > 0) {
        for (let q = 0; q < p; q++) {
          s.f64[h1 + q] = W[q * n + i];
          s.f64[h2 + q] = a[col(j0 + q, i)];
        }
        s.subCombination(i * n + i, j0 * n + i, h1, p, n - i, n);
        s.subCombination(i * n + i, wOff + i, h2, p, n - i, n);
      } else {
        for (let q = 0; q < p; q++) {
          const wi = W[q * n + i];
          const vi = a[col(j0 + q, i)];
          const vb = (j0 + q) * n;
          const wb = q * n;
          const ab = i * n;
          for (let r = i; r < n; r++) a[ab + r] -= a[vb + r] * wi + W[wb + r] * vi;
        }
      }
      d[i] = a[col(i, i)];
      // Reflector annihilating A(i+2:n, i).
      const ab = i * n;
      const alpha = a[ab + i + 1];
      let scale = 0;
      for (let r = i + 2; r < n; r++) scale = Math.max(scale, Math.abs(a[ab + r]));
      let t = 0;
      let beta = alpha;
      if (scale !== 0) {
        let ssq = 0;
        for (let r = i + 2; r < n; r++) ssq += (a[ab + r] / scale) ** 2;
        const xnorm = scale * Math.sqrt(ssq);
        beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
        t = (beta - alpha) / beta;
        const inv = 1 / (alpha - beta);
        for (let r = i + 2; r < n; r++) a[ab + r] *= inv;
      }
      tau[i] = t;
      e[i] = beta;
      a[ab + i + 1] = 1; // v's unit entry, restored to e after the trailing update
      // W(i+1:n, p) = τ (A₂₂ v − V (Wᵀv) − W (Vᵀv)) − ½τ² (vᵀ(...)) v, with A₂₂ the panel-start trailing matrix.
      const wb = p * n;
      const r0 = i + 1;
      if (s) s.symvUpper(r0 * n + r0, ab + r0, wOff + wb + r0, n - r0, n);
      else {
        // A₂₂ v from the upper triangle in memory (the only one kept current, see the trailing update): each
        // stored entry serves its row's dot product and the axpy into later rows, as dsymv.
        W.fill(0, wb + r0, wb + n);
        for (let r = r0; r < n; r++) {
          const rb = r * n;
          const xr = a[ab + r];
          let acc = a[rb + r] * xr;
          for (let c = r + 1; c < n; c++) {
            const arc = a[rb + c];
            acc += arc * a[ab + c];
            W[wb + c] += arc * xr;
          }
          W[wb + r] += acc;
        }
      }
      if (s && p > 0) {
        // Wᵀv and Vᵀv into the two scratch vectors, then W(:, p) −= V (Wᵀv) + W (Vᵀv).
        s.rowDots(wOff + r0, ab + r0, h1, p, n - r0, n);
        s.rowDots(j0 * n + r0, ab + r0, h2, p, n - r0, n);
        s.subCombination(wOff + wb + r0, j0 * n + r0, h1, p, n - r0, n);
        s.subCombination(wOff + wb + r0, wOff + r0, h2, p, n - r0, n);
      } else {
        for (let q = 0; q < p; q++) {
          let sw = 0;
          let sv = 0;
          const vb = (j0 + q) * n;
          const wq = q * n;
          for (let r = r0; r < n; r++) {
            sw += W[wq + r] * a[ab + r];
            sv += a[vb + r] * a[ab + r];
          }
          wtmp[q] = sw;
          vtmp[q] = sv;
        }
        for (let q = 0; q < p; q++) {
          const vb = (j0 + q) * n;
          const wq = q * n;
          const cw = wtmp[q];
          const cv = vtmp[q];
          for (let r = r0; r < n; r++) W[wb + r] -= a[vb + r] * cw + W[wq + r] * cv;
        }
      }
      let dot = 0;
      for (let r = r0; r < n; r++) {
        W[wb + r] *= t;
        dot += W[wb + r] * a[ab + r];
      }
      const h = -0.5 * t * dot;
      for (let r = r0; r < n; r++) W[wb + r] += h * a[ab + r];
    }
    // Trailing update A(c0:n, c0:n) −= V Wᵀ + W Vᵀ as one gemm with inner dimension 2·nb.
    const c0 = j0 + nb;
    const N2 = n - c0;
    if (N2 > 0) {
      const L = Lbuf;
      const R = Rbuf;
      const k2 = 2 * nb;
      for (let q = 0; q < nb; q++) {
        const vb = (j0 + q) * n;
        const wq = q * n;
        for (let r = 0; r < N2; r++) {
          const v = a[vb + c0 + r];
          const w = W[wq + c0 + r];
          L[r * k2 + q] = v;
          L[r * k2 + nb + q] = w;
          R[r * k2 + q] = w;
          R[r * k2 + nb + q] = v;
        }
      }
      // Only the upper triangle in memory (= the lower triangle of the column-major view that dlatrd reads) is
      // kept current, as dsyr2k updates one triangle: block rows of TB, each from its diagonal block rightwards,
      // about halve the flops and the copies of C compared with updating the whole square.
      for (let bs = 0; bs < N2; bs += TB) {
        const rows = Math.min(TB, N2 - bs);
        gemm(false, true, rows, N2 - bs, k2, -1, L, bs * k2, k2, R, bs * k2, k2, 1, a, (c0 + bs) * n + c0 + bs, n);
      }
    }
    for (let p = 0; p < nb; p++) a[(j0 + p) * n + j0 + p + 1] = e[j0 + p];
  }
  if (n > 0) d[n - 1] = a[(n - 1) * n + n - 1];
  return { d, e, tau };
}

/**
 * Reflectors per block in applyQInto. Larger than the reduction's NB: each block costs two passes of gemm over
 * X (whose copy in and out of WebAssembly memory is O(n·c) per pass whatever the block size), so 128
 * reflectors per pass make the back-transformation about three times faster than 32 at n = 1000, while
 * the extra work of a larger T (O(NBQ²·n) per block, in gemm) stays small.
 */
const NBQ = 128;
/**
 * Below this order blocks of NBQ_SMALL: the product Y ← T Y adds O(n·c·NBQ) flops to the 2·n²·c of the
 * back-transformation (13 % at NBQ = 128, n = c = 500; half that at 64), and T's scalar recurrence O(NBQ³) per
 * block; measured 84 → 78 ms CPU for a whole eigh(500) on one thread (12 runs, repeated); at n = 1000 the two
 * sizes tie (530 ms), so larger orders keep 128.
 */
const NBQ_SMALL_BELOW = 1000;
const NBQ_SMALL = 64;

/**
 * X ← Q X for X n×c row-major, with Q = H_0 ⋯ H_{n−2} from tridiagonalizeInto. Blocks of NBQ reflectors are
 * applied last to first as I − V T Vᵀ (compact WY: Schreiber & Van Loan, SIAM J. Sci. Stat. Comput. 10,
 * 1989; LAPACK dlarft forward/columnwise + dlarfb), every product in gemm: G = VᵀV gives T's off-diagonal
 * entries (T₁₂ = −T₁₁ (V₁ᵀV₂) τ₂, dlarft's recurrence), then Y = Vᵀ X, Y ← T Y, X −= V Y.
 */
export function applyQInto(X: Float64Array, c: number, a: Float64Array, tau: Float64Array, n: number): void {
  const m = n - 1; // number of reflectors
  if (m <= 0) return;
  const nbq = n < NBQ_SMALL_BELOW ? NBQ_SMALL : NBQ;
  const bmax = Math.min(nbq, m);
  const T = new Float64Array(bmax * bmax);
  const G = new Float64Array(bmax * bmax);
  const Y = new Float64Array(bmax * c);
  const Y2 = new Float64Array(bmax * c);
  const Vbuf = new Float64Array(bmax * m);
  const first = Math.floor((m - 1) / nbq) * nbq;
  for (let j0 = first; j0 >= 0; j0 -= nbq) {
    const nb = Math.min(nbq, m - j0);
    const r0 = j0 + 1; // reflector j0+p acts on rows ≥ j0+p+1
    const L = n - r0;
    // Vr: nb × L, row p = reflector j0+p over rows r0..n−1 (unit at local p, zeros before).
    const Vr = Vbuf.subarray(0, nb * L);
    for (let p = 0; p < nb; p++) {
      const j = j0 + p;
      const row = p * L;
      Vr.fill(0, row, row + p);
      Vr[row + p] = 1;
      Vr.set(a.subarray(j * n + j + 2, j * n + n), row + p + 1);
    }
    // G = Vr Vrᵀ (nb × nb); rows of Vr are zero before their unit entry, so G[p, i] = v_pᵀ v_i exactly as
    // dlarft's sums over the rows where both are nonzero.
    gemm(false, true, nb, nb, L, 1, Vr, 0, L, Vr, 0, L, 0, G, 0, nb);
    T.fill(0);
    for (let i = 0; i < nb; i++) {
      const ti = tau[j0 + i];
      // T(0:i, i) = −τ_i T(0:i, 0:i) G(0:i, i)
      for (let p = 0; p < i; p++) {
        let sum = 0;
        for (let q = p; q < i; q++) sum += T[p * nb + q] * G[q * nb + i];
        T[p * nb + i] = -ti * sum;
      }
      T[i * nb + i] = ti;
    }
    // Y = Vᵀ X_sub (nb × c); Y2 = T Y; X_sub −= V Y2.
    gemm(false, false, nb, c, L, 1, Vr, 0, L, X, r0 * c, c, 0, Y, 0, c);
    gemm(false, false, nb, c, nb, 1, T, 0, nb, Y, 0, c, 0, Y2, 0, c);
    gemm(true, false, L, c, nb, -1, Vr, 0, L, Y2, 0, c, 1, X, r0 * c, c);
  }
}
