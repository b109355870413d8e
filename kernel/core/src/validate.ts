/** Input checks shared by every public function. Messages come from `messages.ts`. */
import { EigenlabError } from "./errors";
import { message } from "./messages";

/**
 * Throws when `opts` is not an options object (null, a number, a string, an array: a positional argument where
 * the named options belong would otherwise be silently ignored, or fail later as a TypeError) or holds a key
 * not in `allowed` (a typo must not be silently ignored). `undefined` means "all defaults".
 */
export function checkOptions(fn: string, opts: object | undefined, allowed: readonly string[]): void {
  if (opts === undefined) return;
  const o: unknown = opts;
  if (o === null || typeof o !== "object" || Array.isArray(o) || ArrayBuffer.isView(o)) {
    const got = o === null ? "null" : Array.isArray(o) ? "an array" : ArrayBuffer.isView(o) ? "a typed array" : `${typeof o} ${JSON.stringify(o)}`;
    throw new EigenlabError("bad-option", message.optionsNotObject(fn, got, allowed));
  }
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key)) throw new EigenlabError("unknown-option", message.unknownOption(fn, key, allowed));
  }
}

/** Throws when `value` is not one of `allowed`. Returns it typed as the union. */
export function checkChoice<T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new EigenlabError("bad-option", message.badChoice(fn, option, value, allowed));
  return value as T;
}

/** Throws on the first NaN or infinite entry. */
export function checkFinite(what: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw new EigenlabError("nan", message.notFinite(what, i, v));
  }
}

export function checkDimension(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new EigenlabError("shape", message.badDimension(what, value));
}

export function checkTolerance(tol: number): void {
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new EigenlabError("bad-option", message.negativeTolerance(tol));
}

/** Checks 1 <= k < n for iterative eigensolvers. */
export function checkK(k: number, n: number, solver: string): void {
  if (!Number.isInteger(k) || k < 1) throw new EigenlabError("bad-option", message.kNotPositive(k));
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
