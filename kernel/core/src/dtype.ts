/**
 * Storage precision of dense and sparse matrices (issue #15): "float64" (the default) or "float32" — half the
 * memory, for embedding tables and files that hold float32 (npy '<f4', parquet FLOAT, arrow Float32, safetensors
 * F32). Only storage changes: JavaScript arithmetic is float64, so every loop that reads a float32 entry
 * computes and accumulates in float64 and rounds once, when it stores a float32 result. A leaf module.
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";

/** The element type of a Matrix / CsrMatrix: how its entries are stored. */
export type Dtype = "float64" | "float32";

/** The typed arrays a matrix stores its entries in. */
export type FloatArray = Float64Array | Float32Array;

/** The dtypes a user may name, in the order messages list them. */
export const DTYPES: readonly Dtype[] = ["float64", "float32"];

/** The dtype of a storage array. */
export function dtypeOf(a: FloatArray): Dtype {
  return a instanceof Float32Array ? "float32" : "float64";
}

/** Bytes per entry of a dtype. */
export function bytesPer(dtype: Dtype): number {
  return dtype === "float32" ? 4 : 8;
}

/** A zero-filled storage array of n entries. */
export function allocFloat(dtype: Dtype, n: number): FloatArray {
  return dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
}

/** The entries as a Float64Array: the array itself when it is one (no copy), else an exact widening copy. */
export function toFloat64(a: FloatArray): Float64Array {
  return a instanceof Float64Array ? a : Float64Array.from(a);
}

/** The result dtype of a binary operation: float32 only when both operands are float32 (numpy's promotion). */
export function promote(a: Dtype, b: Dtype): Dtype {
  return a === "float32" && b === "float32" ? "float32" : "float64";
}

/** Checks a user-given dtype (also the `opt.dtype` option spec's check): unknown names are a "bad-dtype" error. */
export function checkDtype(fn: string, what: string, value: unknown): Dtype {
  if (value === "float64" || value === "float32") return value;
  throw new EigenlabError("bad-dtype", message.badDtype(fn, what, value, DTYPES));
}

/**
 * The float64 copy of a float32 matrix's entries that `Matrix.data` / `CsrMatrix.values` hand out, made on first
 * read and kept while the matrix lives. Kept in a WeakMap rather than a field, so it is no own property: a
 * matrix whose `.data` was read stays deep-equal to one whose was not.
 */
const WIDENED = new WeakMap<object, Float64Array>();
export function widenedCopy(owner: object, a: Float32Array): Float64Array {
  let w = WIDENED.get(owner);
  if (!w) WIDENED.set(owner, (w = Float64Array.from(a)));
  return w;
}
