/**
 * Options objects: declared once next to each function as a small schema, checked once at the public boundary.
 * `checkOptions(fn, opts, schema)` rejects what is not an options object (null, a number, an array: a
 * positional argument where the named options belong would otherwise be silently ignored), unknown keys (a
 * typo must not be silently ignored) and values of the wrong type (`{ normalized: "false" }` must not read as
 * true, `{ seed: 1.5 }` must not be truncated, `{ k: "3" }` must not be coerced). Ranges a type cannot say
 * (k < n, ...) stay with the function. A leaf module: the browser-safe `base` entry loads it.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkDtype } from "../dtype";

/** One option's declared type. `any` means the function checks it itself (matrices, arrays, callbacks). */
export type OptionSpec =
  | { readonly kind: "boolean" | "string" | "seed" | "function" | "any" | "dtype" }
  | { readonly kind: "number" | "integer"; readonly min: number; readonly max: number }
  | { readonly kind: "enum"; readonly values: readonly (string | number)[] };

/** An options schema: every allowed key with its type. */
export type OptionSchema = Readonly<Record<string, OptionSpec>>;

/** Builders for option specs, e.g. `{ k: opt.integer(1), normalized: opt.boolean, dist: opt.oneOf("normal", "uniform") }`. */
export const opt = {
  boolean: { kind: "boolean" } as OptionSpec,
  string: { kind: "string" } as OptionSpec,
  /** A safe integer (|seed| ≤ 2^53 − 1): a fraction or a string is an error, not silently ignored. */
  seed: { kind: "seed" } as OptionSpec,
  function: { kind: "function" } as OptionSpec,
  any: { kind: "any" } as OptionSpec,
  /** A matrix storage type, "float64" or "float32" (dtype.ts); anything else is a "bad-dtype" error. */
  dtype: { kind: "dtype" } as OptionSpec,
  /** A finite number (not NaN, not ±Infinity, not a string) in [min, max]; other ranges stay with the function. */
  number: (min = -Number.MAX_VALUE, max = Number.MAX_VALUE): OptionSpec => ({ kind: "number", min, max }),
  /** An integer in [min, max]. */
  integer: (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): OptionSpec => ({ kind: "integer", min, max }),
  oneOf: (...values: readonly (string | number)[]): OptionSpec => ({ kind: "enum", values }),
};

function checkValue(fn: string, key: string, value: unknown, spec: OptionSpec): void {
  switch (spec.kind) {
    case "any":
      return;
    case "dtype":
      checkDtype(fn, key, value);
      return;
    case "boolean":
      if (typeof value !== "boolean") throw new EigenlabError("bad-option", message.optionType(fn, key, "true or false", value));
      return;
    case "string":
      if (typeof value !== "string") throw new EigenlabError("bad-option", message.optionType(fn, key, "a string", value));
      return;
    case "function":
      if (typeof value !== "function") throw new EigenlabError("bad-option", message.optionType(fn, key, "a function", value));
      return;
    case "seed":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new EigenlabError("bad-seed", message.badSeedOption(fn, value));
      return;
    case "enum":
      if (!spec.values.includes(value as string | number)) throw new EigenlabError("bad-option", message.badChoice(fn, key, value, spec.values));
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        throw new EigenlabError("bad-option", message.optionInteger(fn, key, value, spec.min, spec.max));
      }
      return;
    case "number":
      if (typeof value !== "number" || !(value >= spec.min && value <= spec.max)) {
        throw new EigenlabError("bad-option", message.optionNumber(fn, key, value, spec.min, spec.max));
      }
  }
}

/**
 * Throws when `opts` is not an options object or holds a key not in `allowed` (a list of names, or a schema,
 * whose present values are then type-checked). `undefined` means "all defaults"; an option set to `undefined`
 * means its default.
 */
export function checkOptions(fn: string, opts: object | undefined, allowed: readonly string[] | OptionSchema): void {
  if (opts === undefined) return;
  const names: readonly string[] = isNameList(allowed) ? allowed : Object.keys(allowed);
  const o: unknown = opts;
  if (o === null || typeof o !== "object" || Array.isArray(o) || ArrayBuffer.isView(o)) {
    const got = o === null ? "null" : Array.isArray(o) ? "an array" : ArrayBuffer.isView(o) ? "a typed array" : `${typeof o} ${JSON.stringify(o)}`;
    throw new EigenlabError("bad-option", message.optionsNotObject(fn, got, names));
  }
  for (const key of Object.keys(opts)) {
    if (!names.includes(key)) throw new EigenlabError("unknown-option", message.unknownOption(fn, key, names));
  }
  if (isNameList(allowed)) return;
  const rec = opts as Record<string, unknown>;
  for (const key of names) {
    const v = rec[key];
    if (v !== undefined) checkValue(fn, key, v, allowed[key]);
  }
}

function isNameList(a: readonly string[] | OptionSchema): a is readonly string[] {
  return Array.isArray(a);
}

/** Throws when `value` is not one of `allowed`. Returns it typed as the union. */
export function checkChoice<T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new EigenlabError("bad-option", message.badChoice(fn, option, value, allowed));
  return value as T;
}

/** Throws when a function whose options are required (no defaults for all of them) gets none. */
export function requireOptions(fn: string, opts: unknown, example: string): void {
  if (opts === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "object", example));
}
