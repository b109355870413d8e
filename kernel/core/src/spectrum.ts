/** The result type of every eigensolver. */
import { Matrix } from "./matrix";
import { ResultMeta } from "./meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "./display";

/**
 * Eigenpairs: `values` ascending, `vectors` as columns, with residual norms, iteration count and provenance.
 *
 * @example
 * ```ts
 * const S = linalg.eigh(Matrix.from([[2, 1], [1, 2]]));
 * S.values; // => [1, 3]
 * S.k; // => 2
 * S.vectors.col(0).map(Math.abs); // => [Math.SQRT1_2, Math.SQRT1_2]
 * ```
 */
export class Spectrum {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Eigenvectors as columns (n × k), signs normalized: each column's largest-magnitude entry is positive. */
  readonly vectors: Matrix;
  /** ‖A v − λ v‖ (or ‖A v − λ B v‖) for each pair; empty when the solver did not compute them (eigh without `residuals: true`). */
  readonly residuals: Float64Array;
  /** Iterations of an iterative solver; 0 for a direct one (eigh), which counts none. */
  readonly iterations: number;
  /** How many requested pairs converged (all of them for a returned Spectrum). */
  readonly converged: number;
  readonly meta: ResultMeta;

  constructor(init: {
    values: Float64Array;
    vectors: Matrix;
    residuals: Float64Array;
    iterations: number;
    converged: number;
    meta: ResultMeta;
  }) {
    this.values = init.values;
    this.vectors = init.vectors;
    this.residuals = init.residuals;
    this.iterations = init.iterations;
    this.converged = init.converged;
    this.meta = init.meta;
  }

  get k(): number {
    return this.values.length;
  }

  toString(): string {
    const k = this.values.length;
    const show = (v: number) => v.toPrecision(6);
    const vals =
      k <= 8
        ? Array.from(this.values, show).join(", ")
        : `${Array.from(this.values.subarray(0, 4), show).join(", ")}, …, ${Array.from(this.values.subarray(k - 3), show).join(", ")}`;
    let maxRes = 0;
    for (const r of this.residuals) maxRes = Math.max(maxRes, r);
    // Only what the solver measured: a direct solver (eigh) counts no iterations, and residuals are empty
    // unless computed (eigh's `residuals: true`); printing "0 iterations, max residual 0.00e+0" claimed a
    // residual nobody measured (issue #18).
    const measured = [
      ...(this.iterations > 0 ? [`${this.iterations} iteration${this.iterations === 1 ? "" : "s"}`] : []),
      ...(this.residuals.length > 0 ? [`max residual ${maxRes.toExponential(2)}`] : []),
    ];
    return (
      `Spectrum: ${k} eigenvalue${k === 1 ? "" : "s"} of a ${this.meta.inputShape.join("×")} operator ` +
      `[${vals}]; solver ${this.meta.solver} on ${this.meta.backend} (${this.meta.precision})` +
      `${measured.length ? `, ${measured.join(", ")}` : ""}.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("spectrum", this, this.toString());
  }
}

/** k contiguous vectors of length n (vector j at j*n) -> an n×k Matrix with them as columns. */
export function columnsToMatrix(vecs: Float64Array, n: number, k: number): Matrix {
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const o = j * n;
    for (let i = 0; i < n; i++) out[i * k + j] = vecs[o + i];
  }
  return new Matrix(n, k, out);
}
