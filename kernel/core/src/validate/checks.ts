/** Value checks shared by every public function (finite data, dimensions, k, labels). Messages in `messages.ts`. */
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** Throws on the first NaN or infinite entry. */
export function checkFinite(what: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw new EigenlabError("nan", message.notFinite(what, i, v));
  }
}

export function checkDimension(what: string, value: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new EigenlabError("shape", message.badDimension(what, value));
}

export function checkTolerance(tol: number): void {
  if (typeof tol !== "number" || !(tol >= 0) || !Number.isFinite(tol)) throw new EigenlabError("bad-option", message.negativeTolerance(tol));
}

/** Checks 1 <= k < n for iterative eigensolvers. */
export function checkK(k: number, n: number, solver: string): void {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1) throw new EigenlabError("bad-option", message.kNotPositive(k));
  if (k >= n) throw new EigenlabError("k-too-large", message.kTooLarge(k, n, solver));
}

/** Relative symmetry tolerance used when a solver needs a symmetric input. */
export const SYMMETRY_RTOL = 1e-10;

/**
 * Throws unless `names` has a name for every label code 0..max(labels) (negative codes, e.g. noise, keep no name).
 * Shared with the viz payload builders so a short list fails where it was given, not in a legend.
 */
export function checkLabelNames(labels: ArrayLike<number> | undefined, names: readonly string[] | undefined): void {
  if (names === undefined) return;
  if (labels === undefined) throw new EigenlabError("label-names", message.labelNamesWithoutLabels());
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  if (names.length < max + 1) throw new EigenlabError("label-names", message.labelNamesShort(names.length, max));
}

/** Throws unless `i` is an integer index in [0, n) (a fractional or string index must not be truncated). */
export function checkIndex(fn: string, what: string, i: unknown, n: number): number {
  if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= n) {
    throw new EigenlabError("index", message.badIndex(fn, what, i, n));
  }
  return i;
}

/** Label names passed to a result's `withLabels` / `withLabelNames`: an array of strings (copied by the caller). */
export function checkNameList(fn: string, names: unknown): readonly string[] {
  if (!Array.isArray(names)) throw new EigenlabError("label-names", message.labelNamesInput(fn, names));
  names.forEach((x, i) => {
    if (typeof x !== "string") throw new EigenlabError("label-names", message.labelNamesEntry(fn, i, x));
  });
  return names;
}

/** Labels for `n` points: an Int32Array passes as is; an array of integers is copied into one. */
export function labelsInput(fn: string, labels: unknown, n: number): Int32Array {
  let out: Int32Array;
  if (labels instanceof Int32Array) out = labels;
  else if (Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView) && !(labels instanceof BigInt64Array || labels instanceof BigUint64Array))) {
    const a = labels as ArrayLike<unknown>;
    out = new Int32Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number" || !Number.isInteger(v) || v < -1 || v > 2 ** 31 - 1) throw new EigenlabError("bad-input", message.labelsEntry(fn, i, v));
      out[i] = v;
    }
  } else throw new EigenlabError("bad-input", message.labelsInput(fn, labels, n));
  if (out.length !== n) throw new EigenlabError("shape", message.vectorLength(`${fn}: labels`, out.length, n));
  for (let i = 0; i < out.length; i++) if (out[i] < -1) throw new EigenlabError("bad-input", message.labelsEntry(fn, i, out[i]));
  return out;
}
