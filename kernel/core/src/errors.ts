/**
 * Errors raised by Eigenlab. Every user-facing text lives in `messages.ts`; this file only defines the
 * classes, so a caller can `instanceof`-test them and read the structured fields.
 */

/**
 * Bad input or an impossible request: the message says what was wrong and what to do.
 *
 * @example
 * ```ts
 * let caught: unknown;
 * try {
 *   Matrix.from([[1, 2], [3]]);
 * } catch (e) {
 *   caught = e;
 * }
 * caught instanceof EigenlabError; // => true
 * (caught as EigenlabError).code; // => "shape"
 * ```
 */
export class EigenlabError extends Error {
  /** A short machine-readable code, e.g. "shape", "nan", "not-symmetric", "k-too-large". */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "EigenlabError";
    this.code = code;
  }
}

/**
 * An iterative solver stopped before every requested pair converged. Like SciPy's `ArpackNoConvergence`,
 * it carries what was found: the converged eigenpairs (ascending) and their residual norms.
 *
 * @example
 * ```ts
 * // 1 iteration cannot converge; the error carries the pairs that did
 * let err: unknown;
 * try {
 *   linalg.eigsh(graph.laplacian(data.karateClub().graph), { k: 3, which: "SA", maxIter: 1, ncv: 6 });
 * } catch (e) {
 *   err = e;
 * }
 * err instanceof ConvergenceError; // => true
 * (err as ConvergenceError).code; // => "no-convergence"
 * (err as ConvergenceError).values.length < 3; // => true
 * ```
 */
export class ConvergenceError extends EigenlabError {
  readonly values: Float64Array;
  /** Converged eigenvectors as columns, row-major n x values.length. */
  readonly vectors: { rows: number; cols: number; data: Float64Array };
  readonly residuals: Float64Array;
  readonly iterations: number;
  /**
   * All k wanted pairs at the stop, converged or not, with their explicit residuals ‖A x − λ B x‖ (LOBPCG;
   * absent when the solver keeps no unconverged pairs). Often accurate enough to use or to restart from.
   */
  readonly best?: { values: Float64Array; vectors: { rows: number; cols: number; data: Float64Array }; residuals: Float64Array };
  constructor(
    message: string,
    found: {
      values: Float64Array;
      vectors: { rows: number; cols: number; data: Float64Array };
      residuals: Float64Array;
      iterations: number;
      best?: { values: Float64Array; vectors: { rows: number; cols: number; data: Float64Array }; residuals: Float64Array };
    },
  ) {
    super("no-convergence", message);
    this.name = "ConvergenceError";
    this.values = found.values;
    this.vectors = found.vectors;
    this.residuals = found.residuals;
    this.iterations = found.iterations;
    if (found.best) this.best = found.best;
  }
}
