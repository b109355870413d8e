/** Vector and scalar inputs (a leaf module: Matrix itself uses it). */
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** An array / typed array of numbers (not copied), or an EigenlabError; `n` checks the length when given. */
export function asVector(fn: string, what: string, x: unknown, n?: number): ArrayLike<number> {
  if (x === null || x === undefined) throw new EigenlabError("bad-input", message.missingInput(fn, what, "an array of numbers", x));
  if (ArrayBuffer.isView(x) && !(x instanceof DataView) && typeof (x as unknown as ArrayLike<number>).length === "number") {
    if (x instanceof BigInt64Array || x instanceof BigUint64Array) throw new EigenlabError("bad-input", message.notAVector(fn, what, x));
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (typeof x[i] !== "number") throw new EigenlabError("bad-input", message.vectorEntry(fn, what, i, x[i]));
  } else {
    throw new EigenlabError("bad-input", message.notAVector(fn, what, x));
  }
  const v = x as ArrayLike<number>;
  if (n !== undefined && v.length !== n) throw new EigenlabError("shape", message.vectorLength(`${fn}: ${what}`, v.length, n));
  return v;
}

/** A finite number, or an EigenlabError (with `hint` saying what to do). */
export function asScalar(fn: string, what: string, x: unknown, hint = ""): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new EigenlabError("bad-input", message.notAScalar(fn, what, x, hint));
  return x;
}
