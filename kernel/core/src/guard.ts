/**
 * Size guards (issue #16): every function that allocates from a size the user typed estimates the bytes first and
 * fails fast with an EigenlabError("too-large") above a limit, so that a typo (`data.blobs({ n: 1e9 })`,
 * `Matrix.random(40000, 40000)`, `rmt.esd(x, { bins: 1e9 })`) never freezes the kernel or the machine.
 *
 * The limit: whatever `setSizeLimit(bytes)` set; by default half of the free memory reported by the platform at the
 * time of the call (Node: os.freemem(), installed by the Node-only module ./guard-node), and 1 GiB where no such
 * probe exists (a browser). This module is browser-safe: it imports no Node built-in.
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";

/** The default fraction of free memory one allocation may take. */
export const FREE_MEMORY_FRACTION = 0.5;
/** The default where the platform cannot say how much memory is free (browsers). */
export const BROWSER_SIZE_LIMIT = 2 ** 30;

let explicitLimit: number | undefined;
let freeMemoryProbe: (() => number) | undefined;

/** Installs the platform's free-memory probe (Node: os.freemem). */
export function setFreeMemoryProbe(probe: (() => number) | undefined): void {
  freeMemoryProbe = probe;
}

/**
 * Sets the size limit in bytes for a single allocation made from user-given sizes (a Matrix, a data set, a
 * histogram, a kNN graph); `null` goes back to the default (half the free memory in Node, 1 GiB in a browser).
 * Returns the limit now in force. A rejected value leaves the previous limit in place.
 *
 * @example
 * ```ts
 * setSizeLimit(2 ** 20); // => 1048576
 * let code = "";
 * try { Matrix.zeros(1000, 1000); } catch (e) { code = (e as EigenlabError).code; } // 8 MB > 1 MiB
 * code; // => "too-large"
 * setSizeLimit(null) > 0; // => true
 * ```
 */
export function setSizeLimit(bytes: number | null): number {
  if (bytes === null) explicitLimit = undefined;
  else if (typeof bytes === "number" && bytes > 0 && bytes <= Number.MAX_SAFE_INTEGER) explicitLimit = bytes;
  else throw new EigenlabError("bad-option", message.sizeLimitValue(bytes));
  return sizeLimit();
}

/**
 * The size limit in bytes in force now (see setSizeLimit).
 *
 * @example
 * ```ts
 * sizeLimit() > 0; // => true
 * ```
 */
export function sizeLimit(): number {
  if (explicitLimit !== undefined) return explicitLimit;
  if (freeMemoryProbe) {
    const free = freeMemoryProbe();
    if (Number.isFinite(free) && free > 0) return Math.floor(FREE_MEMORY_FRACTION * free);
  }
  return BROWSER_SIZE_LIMIT;
}

/**
 * Throws EigenlabError("too-large") when `bytes` (an estimate of what `what` will allocate) exceeds the limit.
 * Called before allocating; a NaN estimate (from a NaN size) is left to the size's own check.
 */
export function checkAllocation(fn: string, what: string, bytes: number): void {
  if (!(bytes > 0)) return;
  const limit = sizeLimit();
  if (bytes > limit) throw new EigenlabError("too-large", message.tooLarge(fn, what, bytes, limit));
}

/** Bytes of a Float64Array of the given length (8 per entry). */
export function f64Bytes(...dims: number[]): number {
  return 8 * dims.reduce((a, b) => a * b, 1);
}
