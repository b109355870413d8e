/** The matrix-free interface every iterative solver accepts (SciPy's LinearOperator). */
import { EigenlabError } from "./errors";
import { message } from "./messages";
import { checkDimension } from "./validate/checks";

export interface LinearOperator {
  /** [rows, cols] */
  readonly shape: [number, number];
  /** y = A x; must not modify x. */
  matvec(x: Float64Array): Float64Array;
  /** y = Aᵀ x, when available. */
  rmatvec?(x: Float64Array): Float64Array;
}

/**
 * True for any object shaped like a LinearOperator (Matrix and CsrMatrix qualify).
 *
 * @example
 * ```ts
 * isLinearOperator(Matrix.eye(2)); // => true
 * isLinearOperator(CsrMatrix.identity(2)); // => true
 * isLinearOperator([[1, 0], [0, 1]]); // => false
 * ```
 */
export function isLinearOperator(A: unknown): A is LinearOperator {
  const a = A as LinearOperator;
  return (
    typeof a === "object" && a !== null && Array.isArray(a.shape) && a.shape.length === 2 && typeof a.matvec === "function"
  );
}

/**
 * Builds a LinearOperator from a function, checking vector lengths on every call.
 *
 * @example
 * ```ts
 * // a matrix-free diag(1, 2, 3), handed to an iterative solver
 * const A = linearOperator([3, 3], (x) => x.map((v, i) => (i + 1) * v));
 * A.matvec(new Float64Array([1, 1, 1])); // => [1, 2, 3]
 * linalg.cg(A, [1, 2, 3]).x; // => [1, 1, 1]
 * ```
 */
export function linearOperator(
  shape: [number, number],
  matvec: (x: Float64Array) => Float64Array,
  rmatvec?: (x: Float64Array) => Float64Array,
): LinearOperator {
  const fn = "linearOperator";
  if (!Array.isArray(shape) || shape.length !== 2) throw new EigenlabError("bad-input", message.operatorShape(fn, shape));
  checkDimension("linearOperator: shape[0]", shape[0]);
  checkDimension("linearOperator: shape[1]", shape[1]);
  if (typeof matvec !== "function") throw new EigenlabError("bad-input", message.notAFunction(fn, "matvec (x ↦ A x)", matvec));
  if (rmatvec !== undefined && typeof rmatvec !== "function") throw new EigenlabError("bad-input", message.notAFunction(fn, "rmatvec (x ↦ Aᵀ x)", rmatvec));
  const [n, m] = shape;
  return {
    shape: [n, m],
    matvec(x: Float64Array): Float64Array {
      if (x.length !== m) throw new EigenlabError("shape", message.vectorLength("x", x.length, m));
      return matvec(x);
    },
    rmatvec: rmatvec
      ? (x: Float64Array) => {
          if (x.length !== n) throw new EigenlabError("shape", message.vectorLength("x", x.length, n));
          return rmatvec(x);
        }
      : undefined,
  };
}
