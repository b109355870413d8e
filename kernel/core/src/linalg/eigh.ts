/** `linalg.eigh`: all eigenpairs of a dense symmetric matrix. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions, SYMMETRY_RTOL } from "../validate";
import { opt } from "../validate/options";
import { Spectrum } from "../spectrum";
import { hashArrays, stamp } from "../meta";
import { DC_MIN, symmetricEigenRows } from "./symmetric-eigen";
import { blasThreads, gemmBackend, normalizeColumnSignsRowwise } from "../kernels";
import { asMatrix } from "../validate/inputs";

export interface EighOptions {
  /** Compute ‖A v − λ v‖ for every pair (one extra O(n³) product). Default false, as in LAPACK. */
  residuals?: boolean;
}

/**
 * Checks square, finite, symmetric within SYMMETRY_RTOL·max|A|; returns the symmetrized data as a new float64
 * array — the solvers' working copy, which the reduction overwrites. A float32 matrix is read as stored (no
 * extra float64 copy besides this one, which every input gets) and is widened exactly here.
 */
export function symmetricData(A: Matrix, what = "A"): Float64Array {
  if (A.rows !== A.cols) throw new EigenlabError("not-square", message.notSquare(what, A.rows, A.cols));
  checkFinite(what, A.stored);
  const n = A.rows;
  const a = A.stored;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]));
  const tol = SYMMETRY_RTOL * Math.max(maxAbs, Number.MIN_VALUE);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = a[i * n + i];
    for (let j = 0; j < i; j++) {
      const x = a[i * n + j];
      const y = a[j * n + i];
      const asym = Math.abs(x - y);
      if (asym > tol) throw new EigenlabError("not-symmetric", message.notSymmetric(what, i, j, asym, tol));
      const m = x === y ? x : 0.5 * x + 0.5 * y; // (not 0.5 * (x + y): the sum overflows near 1.8e308; same bits otherwise)
      out[i * n + j] = m;
      out[j * n + i] = m;
    }
  }
  return out;
}

/**
 * A power of two s that brings max|a_ij| near 1 when it is outside [2⁻⁵⁰⁰, 2⁵⁰⁰] (else 1), as LAPACK's dsyev scales
 * before tridiagonalizing: the Householder norms square the entries, so 1e308 overflowed to ∞ and came back as NaN
 * eigenvalues (or, for eigvalsh, as silently wrong finite ones). Powers of two scale without rounding.
 */
export function rangeScale(a: Float64Array): number {
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]));
  if (maxAbs === 0 || (maxAbs <= 2 ** 500 && maxAbs >= 2 ** -500)) return 1;
  const s = 2 ** Math.min(1000, -Math.ceil(Math.log2(maxAbs))); // (2^1061 for a subnormal max would overflow)
  for (let i = 0; i < a.length; i++) a[i] *= s;
  return s;
}

/** Eigenvalues scaled back (÷ s); one beyond the double range is an error, never a silent ∞ or NaN. */
export function unscaleEigenvalues(fn: string, values: Float64Array, s: number): Float64Array {
  if (s !== 1) for (let i = 0; i < values.length; i++) values[i] /= s;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new EigenlabError("overflow", message.eigenvaluesNotFinite(fn, i, values[i]));
  }
  return values;
}

/**
 * All eigenpairs of the dense symmetric A (Householder tridiagonalization, then divide and conquer): values
 * ascending, unit eigenvectors as columns with the deterministic sign convention; `residuals: true` adds
 * ‖A v − λ v‖ per pair. Rejects non-square, non-symmetric or NaN input.
 *
 * @example
 * ```ts
 * const S = linalg.eigh(Matrix.from([[2, 1], [1, 2]]));
 * S.values; // => [1, 3]
 * // A v = λ v for every pair (vectors are the columns)
 * Matrix.from([[2, 1], [1, 2]]).matvec(S.vectors.col(1)); // => S.vectors.col(1).map((x) => 3 * x)
 * ```
 */
export function eigh(A: Matrix, opts: EighOptions = {}): Spectrum {
  A = asMatrix("linalg.eigh", "A", A, "linalg.eigsh(A, { k }) for a few eigenpairs of a large sparse matrix");
  checkOptions("linalg.eigh", opts, { residuals: opt.boolean });
  const t0 = performance.now();
  const a = symmetricData(A);
  const n = A.rows;
  const scale = rangeScale(a);
  const { values, Z } = symmetricEigenRows(a, n, !opts.residuals); // `a` is eigh's own copy (needed again for residuals)
  normalizeColumnSignsRowwise(Z, n, n);
  const V = new Matrix(n, n, Z);
  let residuals = new Float64Array(0);
  if (opts.residuals) {
    residuals = new Float64Array(n);
    const AV = new Matrix(n, n, a).matmul(V);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const r = AV.data[i * n + j] - values[j] * V.data[i * n + j];
        s += r * r;
      }
      residuals[j] = Math.sqrt(s) / scale;
    }
  }
  unscaleEigenvalues("linalg.eigh", values, scale);
  return new Spectrum({
    values,
    vectors: V,
    residuals,
    iterations: 0,
    converged: n,
    meta: stamp({
      solver: n >= DC_MIN ? "eigh:blocked-tridiagonal+divide-and-conquer" : "eigh:householder-tridiagonal+implicit-ql",
      backend: n >= DC_MIN && gemmBackend() === "wasm-simd" ? "cpu-wasm" : "cpu",
      threads: n >= DC_MIN ? blasThreads() : 1,
      inputShape: [n, n],
      inputHash: hashArrays(A.stored),
      inputPrecision: A.dtype,
      converged: n,
      timeMs: performance.now() - t0,
      // Measured only on request (one more n³ product: 6–14 % of eigh's time at n = 200–1000 here), so the
      // provenance badge shows a residual only when it was computed.
      ...(opts.residuals ? { residualNorms: Array.from(residuals) } : {}),
    }),
  });
}
