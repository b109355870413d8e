/** `data.karateClub()`: Zachary's karate club (34 members, 78 ties); data/karate.json, see data/SOURCES.md. */
import { CsrMatrix } from "../csr";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { readDataFile } from "./files";

export interface KarateClub {
  /** Symmetric adjacency; 0/1 unless `weighted` (then Zachary's interaction counts, as networkx stores them). */
  graph: CsrMatrix;
  /** Faction after the split: 0 = "Mr. Hi", 1 = "Officer". */
  labels: Int32Array;
  /** Faction names indexed by label. */
  labelNames: string[];
}

/**
 * Zachary's karate club: 34 members, 78 ties (weighted by interaction count with `weighted: true`), and the faction
 * each member joined after the split.
 *
 * @example
 * ```ts
 * const { graph: G, labels, labelNames } = data.karateClub();
 * G.rows; // => 34
 * // 78 ties, stored in both directions
 * G.values.length; // => 156
 * labelNames; // => ["Mr. Hi", "Officer"]
 * labels.length; // => 34
 * ```
 */
export function karateClub(opts: {
  /** Zachary's interaction counts as edge weights (networkx's "weight"); default false: 0/1 edges. */
  weighted?: boolean;
} = {}): KarateClub {
  checkOptions("data.karateClub", opts, { weighted: opt.boolean });
  const raw = JSON.parse(readDataFile("karate.json").toString("utf8")) as { edges: [number, number, number][]; club: string[] };
  const n = raw.club.length;
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  for (const [i, j, w] of raw.edges) {
    const x = opts.weighted ? w : 1;
    ii.push(i, j);
    jj.push(j, i);
    vv.push(x, x);
  }
  const labelNames = ["Mr. Hi", "Officer"];
  return {
    graph: CsrMatrix.fromTriplets(n, n, ii, jj, vv),
    labels: Int32Array.from(raw.club, (c) => labelNames.indexOf(c)),
    labelNames,
  };
}
