/** `linalg.eigh`: all eigenpairs of a dense symmetric matrix. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions, SYMMETRY_RTOL } from "../validate";
import { opt } from "../validate/options";
import { columnsToMatrix, Spectrum } from "../spectrum";
import { hashArrays, stamp } from "../meta";
import { DC_MIN, symmetricEigen } from "./symmetric-eigen";
import { blasThreads, gemmBackend, normalizeSignsInPlace } from "../kernels";
import { asMatrix } from "../validate/inputs";

export interface EighOptions {
  /** Compute ‖A v − λ v‖ for every pair (one extra O(n³) product). Default false, as in LAPACK. */
  residuals?: boolean;
}

/** Checks square, finite, symmetric within SYMMETRY_RTOL·max|A|; returns the symmetrized data. */
export function symmetricData(A: Matrix, what = "A"): Float64Array {
  if (A.rows !== A.cols) throw new EigenlabError("not-square", message.notSquare(what, A.rows, A.cols));
  checkFinite(what, A.data);
  const n = A.rows;
  const a = A.data;
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
      const m = 0.5 * (x + y);
      out[i * n + j] = m;
      out[j * n + i] = m;
    }
  }
  return out;
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
  const { values, vectors } = symmetricEigen(a, n);
  normalizeSignsInPlace(vectors, n, n);
  const V = columnsToMatrix(vectors, n, n);
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
      residuals[j] = Math.sqrt(s);
    }
  }
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
      inputHash: hashArrays(A.data),
      converged: n,
      timeMs: performance.now() - t0,
    }),
  });
}
