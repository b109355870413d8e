/**
 * The measured crossovers this package ships: for each kernel, from which size the GPU.js backend beat our
 * CPU path on the machine described. core's "auto" consults them only on a matching machine, so a table
 * measured elsewhere never moves work onto a slower path. Regenerate with
 * `EIGENLAB_WRITE_CROSSOVER=1 npm run bench gpu` (writes crossover-measured.ts).
 */
import type { backend } from "@eigenlab/core";
import { MEASURED } from "./crossover-measured";

/** The measured table restricted to one backend name (e.g. "gpu.js:webasm"), or undefined if none. */
export function crossoverFor(name: string): backend.CrossoverTable | undefined {
  const entries = MEASURED.flatMap((t) => t.entries.filter((e) => e.backend === name).map((e) => ({ t, e })));
  if (entries.length === 0) return undefined;
  const t = entries[0].t;
  return { ...t, entries: entries.filter((x) => x.t === t).map((x) => x.e) };
}
