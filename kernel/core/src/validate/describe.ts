/**
 * How a value is quoted in a message: with its type, so `{ k: "3" }` reads `got "3" (a string)` rather than a
 * bare `got 3` that looks right. A leaf module (no Matrix import) so the browser-safe `base` entry can load it.
 */

/** A value with its type, for "got ..." in messages: `"3" (a string)`, `3.5 (a number)`, `a 2×3 Matrix`. */
export function quote(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "string":
      return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (a string)`;
    case "number":
      return `${String(value)} (a number)`;
    case "boolean":
      return `${String(value)} (a boolean)`;
    case "bigint":
      return `${String(value)}n (a bigint)`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const len = (value as unknown as { length?: number }).length;
    return `a ${value.constructor.name}${len === undefined ? "" : ` of length ${len}`}`;
  }
  const ctor = (value as object).constructor?.name;
  const shaped = value as { rows?: unknown; cols?: unknown };
  if (ctor && ctor !== "Object") {
    if (typeof shaped.rows === "number" && typeof shaped.cols === "number") return `a ${shaped.rows}×${shaped.cols} ${ctor}`;
    return `a ${ctor}`;
  }
  const keys = Object.keys(value as object);
  return keys.length ? `an object with keys ${keys.slice(0, 6).join(", ")}` : "an empty object";
}
