/** From a result's provenance stamp (core's ResultMeta) to the payload's JSON meta. */
import type { ResultMeta } from "@eigenlab/core";
import type { PayloadMeta } from "./payload";

/**
 * A JSON-safe copy of `meta` merged with `extra`: typed arrays become plain arrays, non-finite numbers
 * become strings ("NaN", "Infinity") so JSON does not turn them into null, functions are dropped.
 */
export function payloadMeta(meta: ResultMeta | PayloadMeta | undefined, extra: PayloadMeta = {}): PayloadMeta {
  const out: PayloadMeta = {};
  for (const [key, value] of Object.entries({ ...(meta ?? {}), ...extra })) {
    const v = jsonSafe(value);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function jsonSafe(value: unknown): unknown {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => jsonSafe(x));
  if (Array.isArray(value)) return value.map((x) => jsonSafe(x) ?? null);
  if (value !== null && typeof value === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = jsonSafe(v);
      if (s !== undefined) o[k] = s;
    }
    return o;
  }
  return value;
}
