/** `linalg.solveTriangular`: forward / back substitution with one or many right-hand sides. */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { asMatrix, asVector } from "../validate/inputs";

export interface SolveTriangularOptions {
  /** T is lower triangular (default true); only that triangle is read. */
  lower?: boolean;
  /** Solve Tᵀ X = B instead of T X = B (default false). */
  transpose?: boolean;
  /** Assume ones on the diagonal without reading it (default false). */
  unitDiagonal?: boolean;
}

/**
 * Solves op(T)·X = B in place: `X` holds B (n×r, row-major) on entry and the solution on exit. `T` is n×n
 * row-major. Row-oriented substitution, so every inner loop runs over a contiguous row of X. Returns the
 * index of a zero diagonal entry, or −1.
 */
export function triangularSolveInto(
  X: Float64Array,
  T: Float64Array,
  n: number,
  r: number,
  lower: boolean,
  transpose: boolean,
  unitDiagonal: boolean,
): number {
  if (!unitDiagonal) for (let i = 0; i < n; i++) if (T[i * n + i] === 0) return i;
  // op(T) is lower triangular exactly when lower XOR transpose; op(T)[i,p] = transpose ? T[p,i] : T[i,p].
  const forward = lower !== transpose;
  const at = transpose ? (i: number, p: number) => T[p * n + i] : (i: number, p: number) => T[i * n + p];
  if (forward) {
    for (let i = 0; i < n; i++) {
      const xi = i * r;
      for (let p = 0; p < i; p++) {
        const t = at(i, p);
        if (t === 0) continue;
        const xp = p * r;
        for (let c = 0; c < r; c++) X[xi + c] -= t * X[xp + c];
      }
      if (!unitDiagonal) {
        const d = 1 / T[i * n + i];
        for (let c = 0; c < r; c++) X[xi + c] *= d;
      }
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const xi = i * r;
      for (let p = i + 1; p < n; p++) {
        const t = at(i, p);
        if (t === 0) continue;
        const xp = p * r;
        for (let c = 0; c < r; c++) X[xi + c] -= t * X[xp + c];
      }
      if (!unitDiagonal) {
        const d = 1 / T[i * n + i];
        for (let c = 0; c < r; c++) X[xi + c] *= d;
      }
    }
  }
  return -1;
}

/**
 * X with op(T)·X = B, T triangular (scipy.linalg.solve_triangular). B may be a Matrix (one right-hand side
 * per column; returns a Matrix) or a vector (returns a Float64Array).
 *
 * @example
 * ```ts
 * const L = Matrix.from([[2, 0], [1, 1]]);
 * linalg.solveTriangular(L, [2, 3]); // => [1, 2]
 * // Lᵀ x = b with the same (lower) factor
 * linalg.solveTriangular(L, [4, 2], { transpose: true }); // => [1, 2]
 * ```
 */
export function solveTriangular(T: Matrix, B: Matrix, opts?: SolveTriangularOptions): Matrix;
export function solveTriangular(T: Matrix, b: ArrayLike<number>, opts?: SolveTriangularOptions): Float64Array;
export function solveTriangular(T: Matrix, B: Matrix | ArrayLike<number>, opts: SolveTriangularOptions = {}): Matrix | Float64Array {
  T = asMatrix("linalg.solveTriangular", "T", T);
  const rhs = Array.isArray(B) && B.some((row) => typeof row === "object") ? asMatrix("linalg.solveTriangular", "B", B) : B instanceof Matrix ? B : asVector("linalg.solveTriangular", "b", B);
  checkOptions("linalg.solveTriangular", opts, { lower: opt.boolean, transpose: opt.boolean, unitDiagonal: opt.boolean });
  if (T.rows !== T.cols) throw new EigenlabError("not-square", message.notSquare("T", T.rows, T.cols));
  const n = T.rows;
  const isMatrix = rhs instanceof Matrix;
  const rows = isMatrix ? rhs.rows : rhs.length;
  const r = isMatrix ? rhs.cols : 1;
  if (rows !== n) throw new EigenlabError("shape", message.rhsShape("B", rows, n));
  checkFinite("T", T.data);
  const X = isMatrix ? Float64Array.from(rhs.data) : Float64Array.from(rhs);
  checkFinite("B", X);
  const bad = triangularSolveInto(X, T.data, n, r, opts.lower ?? true, opts.transpose ?? false, opts.unitDiagonal ?? false);
  if (bad >= 0) throw new EigenlabError("singular", message.singular("T", bad));
  return isMatrix ? new Matrix(n, r, X) : X;
}
