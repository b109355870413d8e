/**
 * Errors raised by Eigenlab. Every user-facing text lives in `messages.ts`; this file only defines the
 * classes, so a caller can `instanceof`-test them and read the structured fields.
 */

/** Bad input or an impossible request: the message says what was wrong and what to do. */
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
 */
export class ConvergenceError extends EigenlabError {
  readonly values: Float64Array;
  /** Converged eigenvectors as columns, row-major n x values.length. */
  readonly vectors: { rows: number; cols: number; data: Float64Array };
  readonly residuals: Float64Array;
  readonly iterations: number;
  constructor(
    message: string,
    found: {
      values: Float64Array;
      vectors: { rows: number; cols: number; data: Float64Array };
      residuals: Float64Array;
      iterations: number;
    },
  ) {
    super("no-convergence", message);
    this.name = "ConvergenceError";
    this.values = found.values;
    this.vectors = found.vectors;
    this.residuals = found.residuals;
    this.iterations = found.iterations;
  }
}
