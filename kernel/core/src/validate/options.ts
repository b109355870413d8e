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
import { quote } from "./describe";

/**
 * One option's declared type. `any` means the function checks it itself (what a type cannot say: ranges
 * against the data, k < n, ...); arrays, matrices and callbacks have kinds of their own.
 */
export type OptionSpec =
  | { readonly kind: "boolean" | "string" | "seed" | "function" | "any" | "dtype" }
  | { readonly kind: "number" | "integer"; readonly min: number; readonly max: number }
  | { readonly kind: "enum"; readonly values: readonly (string | number)[] }
  | { readonly kind: "array"; readonly of?: OptionSpec; readonly length?: number; readonly minLength: number }
  | { readonly kind: "matrix"; readonly rows?: number; readonly cols?: number }
  | { readonly kind: "callback"; readonly arity: number }
  | { readonly kind: "either"; readonly specs: readonly OptionSpec[] };

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
  /**
   * An array (or a typed array, when `of` is a number kind) whose entries each satisfy `of`; `length` fixes the
   * length, `minLength` bounds it below. `opt.array(opt.integer(1), { minLength: 1 })` for block sizes.
   */
  array: (of?: OptionSpec, shape: { length?: number; minLength?: number } = {}): OptionSpec => ({ kind: "array", of, length: shape.length, minLength: shape.minLength ?? 0 }),
  /**
   * A dense matrix of finite numbers: a `Matrix`, or nested arrays with rows of equal length; `rows`/`cols`
   * fix the shape where the function knows it before seeing the data.
   */
  matrix: (shape: { rows?: number; cols?: number } = {}): OptionSpec => ({ kind: "matrix", rows: shape.rows, cols: shape.cols }),
  /**
   * A function called with `arity` arguments: one declared with more parameters than it will be given would
   * read `undefined` for the rest, so it is refused (defaults and rest parameters do not count in `f.length`).
   */
  callback: (arity: number): OptionSpec => ({ kind: "callback", arity }),
  /** The first of `specs` that the value satisfies (e.g. a number or a matrix of probabilities). */
  either: (...specs: readonly OptionSpec[]): OptionSpec => ({ kind: "either", specs }),
};

/** What a spec asks for, in words, for messages ("an array of 2 finite numbers", "a Matrix or nested arrays"). */
export function describeSpec(spec: OptionSpec): string {
  switch (spec.kind) {
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "seed":
      return "a safe integer (a seed)";
    case "function":
      return "a function";
    case "any":
      return "a value";
    case "dtype":
      return '"float64" or "float32"';
    case "number":
      if (spec.max === Number.MAX_VALUE) return spec.min === -Number.MAX_VALUE ? "a finite number" : spec.min === 0 ? "a non-negative number" : `a number ≥ ${spec.min}`;
      return spec.min === -Number.MAX_VALUE ? `a number ≤ ${spec.max}` : `a number in [${spec.min}, ${spec.max}]`;
    case "integer":
      if (spec.min === 1 && spec.max === Number.MAX_SAFE_INTEGER) return "a positive integer";
      if (spec.min === 0 && spec.max === Number.MAX_SAFE_INTEGER) return "a non-negative integer";
      return spec.max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${spec.min}` : `an integer in [${spec.min}, ${spec.max}]`;
    case "enum":
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "array": {
      const n = spec.length !== undefined ? `${spec.length} ` : spec.minLength > 0 ? `at least ${spec.minLength} ` : "";
      if (!spec.of) return `an array of ${n}values`;
      const each = describeSpec(spec.of).replace(/^(a|an) /, "");
      return `an array of ${n}${each.endsWith("s") ? each : `${each}s`}`.replace("integers ≥", "integers, each ≥");
    }
    case "matrix":
      return `a Matrix or nested arrays of finite numbers${spec.rows !== undefined || spec.cols !== undefined ? ` (${spec.rows ?? "any"} × ${spec.cols ?? "any"})` : ""}`;
    case "callback":
      return `a function of ${spec.arity} argument${spec.arity === 1 ? "" : "s"}`;
    case "either":
      return spec.specs.map(describeSpec).join(" or ");
  }
}

/** Whether `value` satisfies `spec` (no throw): for `either`. */
function satisfies(fn: string, key: string, value: unknown, spec: OptionSpec): boolean {
  try {
    checkValue(fn, key, value, spec);
    return true;
  } catch (e) {
    if (e instanceof EigenlabError) return false;
    throw e;
  }
}

/** Rows × cols of a Matrix (duck-typed: this leaf module cannot import Matrix) or rectangular nested arrays of numbers. */
function matrixShape(value: unknown): { rows: number; cols: number; finite: boolean } | string {
  const m = value as { rows?: unknown; cols?: unknown; data?: unknown; indptr?: unknown };
  if (m !== null && typeof m === "object" && typeof m.rows === "number" && typeof m.cols === "number" && m.data instanceof Float64Array && m.indptr === undefined) {
    const d = m.data;
    let finite = true;
    for (let i = 0; i < d.length && finite; i++) finite = Number.isFinite(d[i]);
    return { rows: m.rows, cols: m.cols, finite };
  }
  if (!Array.isArray(value)) return "not a matrix";
  const rows = value.length;
  let cols = -1;
  let finite = true;
  for (let i = 0; i < rows; i++) {
    const r: unknown = value[i];
    if (!Array.isArray(r) && !(ArrayBuffer.isView(r) && !(r instanceof DataView))) return `row ${i} is ${quote(r)}`;
    const row = r as ArrayLike<unknown>;
    if (cols < 0) cols = row.length;
    else if (row.length !== cols) return `row ${i} has ${row.length} entries, row 0 has ${cols}`;
    for (let j = 0; j < row.length; j++) {
      if (typeof row[j] !== "number") return `entry [${i}][${j}] is ${quote(row[j])}`;
      if (!Number.isFinite(row[j])) finite = false;
    }
  }
  return { rows, cols: Math.max(cols, 0), finite };
}

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
      return;
    case "array": {
      const typed = ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array || value instanceof BigUint64Array);
      const numeric = spec.of !== undefined && (spec.of.kind === "number" || spec.of.kind === "integer");
      if (!Array.isArray(value) && !(typed && numeric)) throw new EigenlabError("bad-option", message.optionType(fn, key, describeSpec(spec), value));
      const a = value as ArrayLike<unknown>;
      if ((spec.length !== undefined && a.length !== spec.length) || a.length < spec.minLength) {
        throw new EigenlabError("bad-option", message.optionArrayLength(fn, key, describeSpec(spec), a.length));
      }
      if (spec.of) {
        for (let i = 0; i < a.length; i++) {
          if (!satisfies(fn, key, a[i], spec.of)) throw new EigenlabError("bad-option", message.optionArrayEntry(fn, key, i, describeSpec(spec.of), a[i]));
        }
      }
      return;
    }
    case "matrix": {
      const sh = matrixShape(value);
      if (typeof sh === "string") throw new EigenlabError("bad-option", message.optionMatrix(fn, key, describeSpec(spec), value, sh));
      if (!sh.finite) throw new EigenlabError("bad-option", message.optionMatrix(fn, key, describeSpec(spec), value, "it holds NaN or an infinite entry"));
      if ((spec.rows !== undefined && sh.rows !== spec.rows) || (spec.cols !== undefined && sh.cols !== spec.cols)) {
        throw new EigenlabError("bad-option", message.optionMatrix(fn, key, describeSpec(spec), value, `it is ${sh.rows} × ${sh.cols}`));
      }
      return;
    }
    case "callback":
      if (typeof value !== "function") throw new EigenlabError("bad-option", message.optionType(fn, key, describeSpec(spec), value));
      if (value.length > spec.arity) throw new EigenlabError("bad-option", message.callbackArity(fn, key, spec.arity, value.length));
      return;
    case "either":
      if (!spec.specs.some((s) => satisfies(fn, key, value, s))) throw new EigenlabError("bad-option", message.optionType(fn, key, describeSpec(spec), value));
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
