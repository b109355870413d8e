/** `data.lesMiserables()`: co-appearance network of Les Misérables (Knuth 1993); data/miserables.json. */
import { CsrMatrix } from "../csr";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { readDataFile } from "./files";

export interface LesMiserables {
  /** Symmetric adjacency; weights = number of chapters two characters share (or 0/1 if weighted: false). */
  graph: CsrMatrix;
  /** The `group` field of the json (a community assignment shipped with the data), renumbered from 0. */
  labels: Int32Array;
  /** Character names, indexed by node. */
  names: string[];
}

/**
 * The co-appearance network of the characters of Les Misérables (Knuth 1993): 77 nodes, edges weighted by
 * co-appearances with `weighted: true`, names and the shipped community labels.
 *
 * @example
 * ```ts
 * const { graph: G, names } = data.lesMiserables();
 * G.rows; // => 77
 * names[0]; // => "Myriel"
 * ```
 */
export function lesMiserables(opts: {
  /** Co-appearance counts as edge weights (networkx's "value"; the default, true); false: 0/1 edges. */
  weighted?: boolean;
} = {}): LesMiserables {
  checkOptions("data.lesMiserables", opts, { weighted: opt.boolean });
  const raw = JSON.parse(readDataFile("miserables.json").toString("utf8")) as {
    nodes: { name: string; group: number; index: number }[];
    links: { source: number; target: number; value: number }[];
  };
  const n = raw.nodes.length;
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  const weighted = opts.weighted ?? true;
  for (const { source, target, value } of raw.links) {
    const w = weighted ? value : 1;
    ii.push(source, target);
    jj.push(target, source);
    vv.push(w, w);
  }
  const names = new Array<string>(n);
  const groups = new Array<number>(n);
  for (const node of raw.nodes) {
    names[node.index] = node.name;
    groups[node.index] = node.group;
  }
  const distinct = [...new Set(groups)].sort((a, b) => a - b);
  return {
    graph: CsrMatrix.fromTriplets(n, n, ii, jj, vv),
    labels: Int32Array.from(groups, (g) => distinct.indexOf(g)),
    names,
  };
}
