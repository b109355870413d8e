/**
 * Errors raised by Eigenlab. Every user-facing text lives in `messages.ts`; this file only defines the
 * classes, so a caller can `instanceof`-test them and read the structured fields.
 */

/**
 * Every code an EigenlabError can carry: a closed union, so a typo in a `throw` is a compile error and a caller
 * can `switch` over the codes. Input and option problems first, then numerics, backends, I/O and display.
 * A new code is added here, with the message in messages.ts.
 */
export type ErrorCode =
  | "bad-input"
  | "bad-option"
  | "unknown-option"
  | "bad-seed"
  | "bad-graph"
  | "bad-weight"
  | "negative-weight"
  | "index"
  | "shape"
  | "ragged"
  | "nan"
  | "empty"
  | "empty-graph"
  | "not-square"
  | "not-symmetric"
  | "not-positive-definite"
  | "not-spd"
  | "singular"
  | "not-ascending"
  | "not-numeric"
  | "missing"
  | "missing-data"
  | "duplicate"
  | "label-names"
  | "k-too-large"
  | "too-few-points"
  | "too-many"
  | "too-large"
  | "overflow"
  | "inaccurate"
  // float32 matrices (issue #15)
  | "bad-dtype"
  // the kernel's own (kernel/jupyter): comms, widgets, stdin, magics
  | "comm-closed"
  | "no-kernel"
  | "interact-control"
  | "stdin"
  | "stdin-not-allowed"
  | "timeit"
  | "help"
  | "disconnected"
  | "unsupported"
  | "backend-limit"
  | "backend-unavailable"
  | "bad-magic"
  | "io-dtype"
  | "io-format"
  | "io-fs"
  | "io-header"
  | "io-int64"
  | "io-is-directory"
  | "io-magic"
  | "io-missing-tensor"
  | "io-mtx-count"
  | "io-mtx-index"
  | "io-mtx-syntax"
  | "io-mtx-unsupported"
  | "io-no-fs"
  | "io-not-found"
  | "io-not-result"
  | "io-not-symmetric"
  | "io-permission"
  | "io-source"
  | "io-too-large"
  | "io-truncated"
  | "io-write-size"
  | "io-write-type"
  | "io-zip"
  | "io-zip-method"
  | "no-convergence"
  // solver engines (issue #15: SLEPc under MPI)
  | "engine-unavailable"
  | "engine-failed"
  | "not-displayable"
  | "parse"
  | "payload"
  | "payload-kind"
  | "payload-version"
  | "svg"
  | "unknown-backend";

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
  /** A short machine-readable code, e.g. "shape", "nan", "not-symmetric", "k-too-large" (see ErrorCode). */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
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
