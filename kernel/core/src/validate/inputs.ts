/**
 * Matrix-like inputs at the public boundary, one rule for every function:
 * - where a dense `Matrix` is expected, a `Matrix` passes; nested arrays of numbers (one array per row, plain
 *   or typed) are copied into a Matrix (`Matrix.from`), as numpy's `asarray` would; a `CsrMatrix` is refused
 *   with a message naming `.toDense()` and, where there is one, the sparse function; a `LinearOperator` is
 *   refused (no entries to read); `null`/`undefined`, flat vectors, strings and other objects are refused with
 *   a message saying how to build a Matrix.
 * - where a vector is expected, arrays and typed arrays of numbers pass (not copied); anything else is refused.
 * Coercion copies, so the caller's arrays are never aliased or mutated.
 */
import { Matrix, isNestedNumbers, matrixInput } from "../matrix";
import { CsrMatrix } from "../csr";
import { isLinearOperator } from "../operator";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { quote } from "./describe";

/** A dense Matrix from `x`, or an EigenlabError saying what to pass. `sparseHint` names the sparse route. */
export function asMatrix(fn: string, what: string, x: unknown, sparseHint = ""): Matrix {
  return matrixInput(fn, what, x, sparseHint);
}

/**
 * `x` as a Matrix, CsrMatrix or LinearOperator (nested arrays become a Matrix): the input rule of the
 * iterative solvers, which accept all three.
 */
export function asOperatorInput(fn: string, what: string, x: unknown): unknown {
  if (x instanceof Matrix || x instanceof CsrMatrix || isLinearOperator(x)) return x;
  if (x === null || x === undefined) throw new EigenlabError("bad-input", message.missingInput(fn, what, "a Matrix, a CsrMatrix or a LinearOperator", x));
  if (isNestedNumbers(fn, what, x)) return Matrix.from(x);
  return x;
}


export { asVector, asScalar } from "./vectors";

/** The bytes a `parse...` function reads: a Uint8Array (a Buffer is one) or an ArrayBuffer (viewed, not copied). */
export function bytesInput(fn: string, x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  throw new EigenlabError("io-source", message.bytesInput(fn, x, false));
}

/** Text or bytes for the XML graph parsers. */
export function textOrBytesInput(fn: string, x: unknown): string | Uint8Array {
  if (typeof x === "string") return x;
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  throw new EigenlabError("io-source", message.bytesInput(fn, x, true));
}

/** The graph a writer takes: a CsrMatrix adjacency matrix (dense input named with the conversion). */
export function graphInput(fn: string, W: unknown): CsrMatrix {
  if (W instanceof CsrMatrix) return W;
  throw new EigenlabError("bad-input", message.notCsrAdjacency(fn, quote(W), W instanceof Matrix || Array.isArray(W)));
}
