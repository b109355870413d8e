/**
 * Gives memory back between cells. Every cell builds a new TypeScript program and checker (tslab): megabytes
 * of short-lived objects. The live heap stays flat (143 → 145 MB over 500 cells after a full GC), but V8 grows
 * its committed heap in proportion to what is live, and with the start-up snapshot (TypeScript and the
 * declaration files already in the heap) a long session's RSS climbed 303–328 kB a cell over 1 000 cells
 * (test/kernel/endurance.test.ts). So after a cell has replied, when RSS grew by more than TRIM_AFTER_BYTES
 * since the last trim, the kernel runs one full, compacting collection itself (a few hundred ms once every
 * ~100 cells): 115–220 kB a cell in four runs of the same test.
 */
import * as v8 from "v8";
import * as vm from "vm";

export const TRIM_AFTER_BYTES = 32 * 2 ** 20;

let collect: (() => void) | null | undefined;
let baseline = 0;

/** V8's own `gc()`, exposed at run time (a flag set before any context uses it); null where refused. */
function fullGc(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collect = vm.runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Called after a request is answered: a full collection when RSS grew by more than TRIM_AFTER_BYTES. */
export function trimMemory(): void {
  const rss = process.memoryUsage.rss();
  if (baseline === 0) {
    baseline = rss;
    return;
  }
  if (rss - baseline <= TRIM_AFTER_BYTES) return;
  const gc = fullGc();
  if (gc) {
    // This one collection also compacts, so the pages the per-cell programs fragmented are given back.
    v8.setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      v8.setFlagsFromString("--no-compact-on-every-full-gc");
    }
  }
  baseline = process.memoryUsage.rss();
}
