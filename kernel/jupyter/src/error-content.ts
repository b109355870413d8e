/**
 * A thrown value as Jupyter's error content (ename, evalue, traceback), with the kernel's own frames dropped
 * and cell frames mapped to `<cell>:line:col`. Browser-safe (no Node imports): the browser kernel's
 * `interact` uses it too.
 */
import type { ErrorContent } from "./protocol";
import { mapFrame } from "./cell-lines";

/** Frames from the kernel's own machinery (Node's vm, tslab, this package, the browser kernel's worker). */
const INTERNAL_FRAME = /node:vm|node:internal|tslab[\\/]dist|kernel[\\/]jupyter[\\/](dist|src)|processTicksAndRejections|eigenlab-kernel-worker/;

export function errorContent(e: unknown): ErrorContent {
  if (e instanceof Error) {
    const ename = e.name || e.constructor?.name || "Error";
    // Node may prefix the stack of an error thrown in a `vm` script with the source line and a caret; keep
    // only the call frames, without the kernel's own.
    const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l) && !INTERNAL_FRAME.test(l));
    return { ename, evalue: e.message, traceback: [`${ename}: ${e.message}`, ...frames.map(mapFrame).filter((f): f is string => f !== null)] };
  }
  const evalue = typeof e === "string" ? e : JSON.stringify(e) ?? String(e);
  return { ename: "Thrown", evalue, traceback: [`Uncaught ${evalue}`] };
}
