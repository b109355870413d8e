/**
 * Implicit QL on a symmetric tridiagonal matrix with Wilkinson-like shifts (EISPACK tql1/tql2, Bowdler,
 * Martin, Reinsch & Wilkinson 1968; the form used by JAMA). Its own module because two solvers build on it:
 * symmetric-eigen.ts (small dense matrices after tred2, eigenvalues-only after the blocked reduction) and
 * tridiagonal-dc.ts (the leaves of divide and conquer, through `tridiagonalEigen`); neither imports the other.
 * V is column-major (column j contiguous at j*n) so that the Givens rotations run over contiguous memory.
 */
import { ConvergenceError } from "../errors";

export interface RawEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors contiguously: vector j is vectors[j*n .. j*n+n). */
  vectors: Float64Array;
}

/**
 * Eigenpairs of the symmetric tridiagonal matrix with diagonal `diag` (length n) and off-diagonal `off`
 * (length n − 1). Used by Lanczos on its T matrix.
 */
export function tridiagonalEigen(diag: ArrayLike<number>, off: ArrayLike<number>): RawEigen {
  const n = diag.length;
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const d = Float64Array.from(diag);
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i] = off[i - 1];
  if (n > 0) tql2(V, d, e, n);
  return sortAscending(d, V, n);
}

/**
 * √(a² + b²) without Math.hypot where the plain formula is safe: V8's Math.hypot scales its arguments and was
 * about 7× slower than Math.sqrt(a·a + b·b) here, which made it most of the cost of a values-only QL sweep
 * (one per Givens rotation). When a² + b² is within [2⁻⁹⁶⁰, 2¹⁰⁰⁰] the larger square is a normal number
 * and nothing overflows, so the result is within an ulp or so of hypot's (as LAPACK's dlapy2 / dlartg, which
 * also scale only when needed); otherwise Math.hypot. Used only for the values-only sweep (eigvalsh): with
 * eigenvectors the O(n) rotation of V per step dominates anyway, and keeping Math.hypot there keeps their
 * last bits, which decide the sign convention on exact ties (a path graph's Fiedler vector (1, 0, −1)/√2).
 */
function hypot(a: number, b: number): number {
  const s = a * a + b * b;
  return s >= 2 ** -960 && s <= 2 ** 1000 ? Math.sqrt(s) : Math.hypot(a, b);
}

/** Implicit QL on the tridiagonal (d, e[1..n-1]) as tred2 leaves it; rotations accumulated into V (column-major). */
export function tql2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  implicitQL(d, e, n, V);
}

/**
 * Implicit QL on the tridiagonal (d, e[0..n-2]) (EISPACK tql2). With V = null it is tql1, eigenvalues only:
 * the same iteration without the rotations of V.
 */
export function implicitQL(d: Float64Array, e: Float64Array, n: number, V: Float64Array | null): void {
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIter = 30 * Math.max(n, 1);
  let totalIter = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m === n) m = n - 1;
    if (m > l) {
      do {
        if (++totalIter > maxIter) {
          throw new ConvergenceError(
            `Symmetric QL iteration did not converge after ${maxIter} sweeps (eigenvalue ${l} of ${n}). ` +
              `The input may contain huge or tiny entries; rescale it and retry.`,
            { values: new Float64Array(0), vectors: { rows: n, cols: 0, data: new Float64Array(0) }, residuals: new Float64Array(0), iterations: totalIter },
          );
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = V === null ? hypot(p, 1) : Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = V === null ? hypot(p, e[i]) : Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (V === null) continue;
          const ci = i * n;
          const ci1 = ci + n;
          for (let k = 0; k < n; k++) {
            const hk = V[ci1 + k];
            const vk = V[ci + k];
            V[ci1 + k] = s * vk + c * hk;
            V[ci + k] = c * vk - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
}

/** Eigenpairs sorted by eigenvalue (ties by index); V column-major as the QL iteration leaves it. */
export function sortAscending(d: Float64Array, V: Float64Array, n: number): RawEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b] || a - b);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    values[j] = d[order[j]];
    vectors.set(V.subarray(order[j] * n, order[j] * n + n), j * n);
  }
  return { values, vectors };
}
