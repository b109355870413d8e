/**
 * LOBPCG's default preconditioner for the smallest eigenpairs of graph Laplacians (and other symmetric
 * Z-matrices: M-matrices of diffusion and finite differences): a fixed Chebyshev polynomial in A.
 *
 * Why a polynomial: on a normalized Laplacian the diagonal is exactly 1, so Jacobi (D⁻¹) is the identity; an
 * incomplete or complete factorization of a kNN graph fills in badly (the graph is an expander-like mesh in
 * 16-D), while a polynomial needs only matvecs, works for a matrix-free operator too, and is a fixed SPD
 * linear operator, as LOBPCG's theory asks (Knyazev 2001; a CG inner solve would be nonlinear). Measured on
 * the bench's 10-NN normalized Laplacians (k = 10, n = 10⁴, block 13, tol 1e-10): 32 → 10 iterations
 * (cluster_std 5) and 30 → 8 (cluster_std 1), CPU 0.69 → 0.47 s, with 6 Chebyshev steps on [‖A‖/8, 1.25‖A‖]
 * (8 steps: 9 / 6 iterations but more matvecs; 12 steps or an interval of ‖A‖/100 … ‖A‖: slower).
 * Each LOBPCG iteration's dense work (Gram matrices and Ritz updates on a 3·block-wide basis) costs as much as
 * tens of matvecs here, so trading matvecs for iterations pays; for a CSR A the polynomial runs on the whole
 * W block at once (CsrMatrix.matmatInto: ≈ 2.5× less time per vector than single matvecs). Degrees 4, 5, 6, 8
 * measured 11, 10, 10, 10 iterations (cluster_std 5) at about the same CPU time; 6 is kept.
 */
import { CsrMatrix } from "../csr";

/** Chebyshev steps of the default preconditioner (each after the first is one matvec per column). */
export const CHEBYSHEV_STEPS = 6;
/** The interval [b/CHEBYSHEV_RATIO, b] on which the polynomial approximates 1/x. */
export const CHEBYSHEV_RATIO = 10;

/**
 * z = p(A) r: `steps` steps of the Chebyshev iteration for A z = r from z = 0 on the interval [lo, hi] (Saad,
 * "Iterative Methods for Sparse Linear Systems", 2nd ed., Alg. 12.1). p(x) = (1 − ρ(x))/x with ρ the scaled
 * Chebyshev residual polynomial, ρ(0) = 1: |ρ| < 1 on [lo, hi], and ρ < 1 for every x < lo (ρ rises
 * monotonically from the interval to ρ(0) = 1 and past it for x < 0), so p(x) > 0 for all x < hi + lo: T = p(A)
 * is symmetric positive definite whenever λmax(A) < hi + lo, whatever A's smallest eigenvalue.
 */
export function chebyshevPreconditioner(apply: (y: Float64Array, x: Float64Array) => void, n: number, lo: number, hi: number, steps: number): (z: Float64Array, r: Float64Array) => void {
  const theta = (hi + lo) / 2;
  const delta = (hi - lo) / 2;
  const sigma1 = theta / delta;
  const d = new Float64Array(n);
  const res = new Float64Array(n);
  const ad = new Float64Array(n);
  return (z, r) => {
    let rho = 1 / sigma1;
    res.set(r);
    const inv = 1 / theta;
    for (let i = 0; i < n; i++) {
      d[i] = r[i] * inv;
      z[i] = d[i];
    }
    for (let s = 1; s < steps; s++) {
      apply(ad, d);
      for (let i = 0; i < n; i++) res[i] -= ad[i];
      const rho1 = 1 / (2 * sigma1 - rho);
      const c1 = rho1 * rho;
      const c2 = (2 * rho1) / delta;
      for (let i = 0; i < n; i++) {
        d[i] = c1 * d[i] + c2 * res[i];
        z[i] += d[i];
      }
      rho = rho1;
    }
  };
}

/**
 * True when every stored off-diagonal entry of the (symmetric) A is ≤ 0 and every diagonal entry is > 0: a
 * Z-matrix, as graph Laplacians (combinatorial D − W and normalized I − D^{-1/2}WD^{-1/2}) and M-matrices are.
 * Their smallest eigenvectors are smooth on the graph, which the polynomial above separates from the rest.
 */
export function isLaplacianLike(A: CsrMatrix): boolean {
  const { rows, indptr, indices, storedValues: v } = A;
  for (let r = 0; r < rows; r++) {
    let diag = 0;
    for (let q = indptr[r]; q < indptr[r + 1]; q++) {
      if (indices[q] === r) diag += v[q];
      else if (!(v[q] <= 0)) return false;
    }
    if (!(diag > 0)) return false;
  }
  return true;
}

/**
 * The Chebyshev preconditioner of `chebyshevPreconditioner` applied to `count` vectors at once: Z and R hold
 * the vectors one after another (LOBPCG's block layout); the iteration runs interleaved so each step is one
 * block matvec. Same polynomial, same result up to rounding.
 */
export function chebyshevBlockPreconditioner(A: CsrMatrix, lo: number, hi: number, steps: number, count: (k: number) => void): (Z: Float64Array, R: Float64Array, m: number) => void {
  const n = A.rows;
  const theta = (hi + lo) / 2;
  const delta = (hi - lo) / 2;
  const sigma1 = theta / delta;
  let d = new Float64Array(0);
  let res = d;
  let z = d;
  let ad = d;
  // R is read whole before Z is written, so Z may be R (in place).
  return (Z, R, m) => {
    const len = n * m;
    if (d.length < len) {
      d = new Float64Array(len);
      res = new Float64Array(len);
      z = new Float64Array(len);
      ad = new Float64Array(len);
    }
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) res[i * m + j] = R[j * n + i];
    let rho = 1 / sigma1;
    const inv = 1 / theta;
    for (let t = 0; t < len; t++) {
      d[t] = res[t] * inv;
      z[t] = d[t];
    }
    for (let s = 1; s < steps; s++) {
      A.matmatInto(ad, d, m);
      count(m);
      const rho1 = 1 / (2 * sigma1 - rho);
      const c1 = rho1 * rho;
      const c2 = (2 * rho1) / delta;
      for (let t = 0; t < len; t++) {
        res[t] -= ad[t];
        d[t] = c1 * d[t] + c2 * res[t];
        z[t] += d[t];
      }
      rho = rho1;
    }
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) Z[j * n + i] = z[i * m + j];
  };
}
