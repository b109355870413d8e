/**
 * The dense symmetric eigensolver kernel shared by `eigh` (all pairs of a user's matrix) and the
 * Rayleigh–Ritz steps of the iterative solvers (small projected matrices).
 *
 * n ≥ 64: blocked tridiagonalization (tridiagonalize.ts) + divide and conquer (tridiagonal-dc.ts), with the
 * back-transformation in gemm. Below that, and for Lanczos' small T matrices:
 * Householder tridiagonalization (EISPACK tred2) followed by the implicit QL algorithm of implicit-ql.ts
 * (tql2, Bowdler, Martin, Reinsch & Wilkinson 1968; the form used by JAMA). V is kept
 * column-major (column j contiguous at j*n) so that every inner loop, including the Givens rotations
 * applied to eigenvector pairs, runs over contiguous memory.
 */
import { implicitQL, RawEigen, sortAscending, tql2 } from "./implicit-ql";
import { tridiagonalEigenDC } from "./tridiagonal-dc";
import { applyQInto, Tridiagonal, tridiagonalizeInto, tridiagonalizeWith, tridiagonalScratchSize } from "./tridiagonalize";
import { withWasmScratch, transposeInto, normalizeSignsInPlace } from "../kernels";
import { tridiagonalEigenvectors } from "./tridiagonal-inverse-iteration";

export type { RawEigen } from "./implicit-ql";

/** From this size on, the tridiagonal problem goes to divide and conquer (tql2's scalar rotations cost O(n³)). */
export const DC_MIN = 64;

/**
 * All eigenpairs of the symmetric n×n matrix `a` (row-major; only symmetry is assumed, the lower triangle
 * is read). Overwrites nothing the caller owns.
 */
export function symmetricEigen(a: Float64Array, n: number): RawEigen {
  // Column-major copy; for a symmetric matrix the row-major data already is its column-major form.
  const V = Float64Array.from(a.subarray(0, n * n));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: V };
  if (n < DC_MIN) {
    tred2(V, d, e, n);
    tql2(V, d, e, n);
    return sortAscending(d, V, n);
  }
  // Blocked path: dsytrd-style reduction, divide and conquer on T, then X = Q Z through compact-WY gemms.
  const t = tridiagonalizeBlocked(V, n);
  const { values, Z } = tridiagonalEigenDC(t.d, t.e);
  applyQInto(Z, n, V, t.tau, n);
  const vectors = new Float64Array(n * n);
  transposeInto(vectors, Z, n, n);
  return { values, vectors };
}

/**
 * `symmetricEigen` with the eigenvectors as the columns of a row-major n×n array (the layout of eigh's
 * `Matrix`): on the divide-and-conquer path that is the layout X = Q Z is computed in, so the two transposes
 * of a column-major round trip (each a strided pass over n² entries) are skipped. `overwrite` lets it destroy `a`.
 */
export function symmetricEigenRows(a: Float64Array, n: number, overwrite = false): { values: Float64Array; Z: Float64Array } {
  if (n < DC_MIN) {
    const r = symmetricEigen(a, n);
    const Z = new Float64Array(n * n);
    transposeInto(Z, r.vectors, n, n);
    return { values: r.values, Z };
  }
  // `overwrite`: the caller's array is a private working copy (eigh's, svd's AᵀA), reduced in place (an n²
  // copy less: at n = 500 each 2 MB allocation adds to the external-memory pressure that triggers full GCs).
  const V = overwrite ? a : Float64Array.from(a.subarray(0, n * n));
  const t = tridiagonalizeBlocked(V, n);
  const { values, Z } = tridiagonalEigenDC(t.d, t.e);
  applyQInto(Z, n, V, t.tau, n);
  return { values, Z };
}

/**
 * The eigenvalues alone (ascending) of the symmetric n×n matrix `a` (row-major, both triangles filled):
 * the blocked tridiagonalization of `symmetricEigen`, then implicit QL on T without accumulating rotations
 * (EISPACK tql1, Bowdler et al. 1968). This is LAPACK's dsyevd-with-jobz='N' route (dsytrd + dsterf): it
 * skips divide and conquer's eigenvector merges and the back-transformation X = Q Z, which are over half of
 * a full `eigh`, and its QL phase is O(n²). Overwrites nothing the caller owns.
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  return symmetricEigenvaluesReduced(a, n).values;
}

export interface ReducedSymmetric {
  /** All eigenvalues, ascending. */
  values: Float64Array;
  /**
   * Unit eigenvectors for the eigenvalues at the given indices of `values` (vector j at [j·n, j·n + n),
   * signs normalized as in eigh): inverse iteration on T, then X = Q Z. For a few vectors of many.
   */
  vectors(indices: readonly number[]): Float64Array;
}

/** `symmetricEigenvalues` keeping the reduction (T and the reflectors of Q), so a few eigenvectors can follow. */
export function symmetricEigenvaluesReduced(a: Float64Array, n: number): ReducedSymmetric {
  if (n === 0) return { values: new Float64Array(0), vectors: () => new Float64Array(0) };
  const A = Float64Array.from(a.subarray(0, n * n));
  const t = n < DC_MIN ? tridiagonalizeInto(A, n) : tridiagonalizeBlocked(A, n);
  const d = Float64Array.from(t.d);
  const e = new Float64Array(n);
  e.set(t.e);
  implicitQL(d, e, n, null);
  const values = d.sort();
  return {
    values,
    vectors(indices) {
      const k = indices.length;
      const Zt = tridiagonalEigenvectors(t.d, t.e, indices.map((i) => values[i]));
      // applyQInto works on row-major n×k (column j = vector j).
      const Z = new Float64Array(n * k);
      transposeInto(Z, Zt, k, n);
      applyQInto(Z, k, A, t.tau, n);
      const out = new Float64Array(n * k);
      transposeInto(out, Z, n, k);
      normalizeSignsInPlace(out, n, k);
      return out;
    },
  };
}

/** Householder reduction to tridiagonal form; V (column-major) ends as the orthogonal transform. */
function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  // V(r, c) = V[c * n + r]
  for (let j = 0; j < n; j++) d[j] = V[j * n + (n - 1)];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[j * n + (i - 1)];
        V[j * n + i] = 0;
        V[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        const cj = j * n;
        V[i * n + j] = f;
        g = e[j] + V[cj + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const vkj = V[cj + k];
          g += vkj * d[k];
          e[k] += vkj * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const cj = j * n;
        for (let k = j; k <= i - 1; k++) V[cj + k] -= f * e[k] + g * d[k];
        d[j] = V[cj + (i - 1)];
        V[cj + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[i * n + (n - 1)] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    const ci1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[ci1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[ci1 + k] * V[cj + k];
        for (let k = 0; k <= i; k++) V[cj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[ci1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + (n - 1)];
    V[j * n + (n - 1)] = 0;
  }
  V[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

/**
 * The blocked (dsytrd-style) reduction of the n×n `a` in place, run inside WebAssembly memory when it can
 * (its matrix–vector products are SIMD there), else on `a` directly.
 */
function tridiagonalizeBlocked(a: Float64Array, n: number): Tridiagonal {
  return withWasmScratch(tridiagonalScratchSize(n), (s) => {
    if (!s) return tridiagonalizeInto(a, n);
    s.f64.set(a);
    const r = tridiagonalizeWith(s.f64.subarray(0, n * n), s.f64.subarray(n * n), n, s);
    a.set(s.f64.subarray(0, n * n));
    return r;
  });
}
