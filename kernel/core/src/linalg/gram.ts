/** `linalg.gram` / `linalg.outerGram`: XᵀX and XXᵀ as exactly symmetric matrices. */
import { Matrix } from "../matrix";
import { checkFinite, checkOptions } from "../validate";
import { gramInto, outerGramInto } from "../kernels";
import { asMatrix } from "../validate/inputs";

/**
 * XᵀX (cols × cols): the Gram matrix of X's columns (e.g. the unnormalized covariance of centered samples).
 *
 * @example
 * ```ts
 * linalg.gram(Matrix.from([[1, 2], [3, 4]])).toArray(); // => [[10, 14], [14, 20]]
 * ```
 */
export function gram(X: Matrix, opts: Record<string, never> = {}): Matrix {
  X = asMatrix("linalg.gram", "X", X);
  checkOptions("linalg.gram", opts, {});
  checkFinite("X", X.data);
  const out = new Float64Array(X.cols * X.cols);
  gramInto(out, X.data, X.rows, X.cols);
  return new Matrix(X.cols, X.cols, out);
}

/**
 * XXᵀ (rows × rows): the Gram matrix of X's rows (inner products between samples).
 *
 * @example
 * ```ts
 * linalg.outerGram(Matrix.from([[1, 2], [3, 4]])).toArray(); // => [[5, 11], [11, 25]]
 * ```
 */
export function outerGram(X: Matrix, opts: Record<string, never> = {}): Matrix {
  X = asMatrix("linalg.outerGram", "X", X);
  checkOptions("linalg.outerGram", opts, {});
  checkFinite("X", X.data);
  const out = new Float64Array(X.rows * X.rows);
  outerGramInto(out, X.data, X.rows, X.cols);
  return new Matrix(X.rows, X.rows, out);
}
