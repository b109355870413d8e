/**
 * Conversions to and from graphology (the npm graph library with the widest ecosystem of layouts,
 * generators and network metrics), so notebooks can move between its algorithms and our spectral ones.
 */
import { DirectedGraph, UndirectedGraph } from "graphology";
import type { AbstractGraph } from "graphology-types";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";

export interface ToGraphologyOptions {
  /** Build a DirectedGraph with one edge per stored entry. Default false: an UndirectedGraph from the upper triangle (W must be symmetric). */
  directed?: boolean;
  /** Node keys, one per row (default "0", "1", ...). */
  nodes?: readonly string[];
}

/**
 * A graphology graph with one node per row of W and an edge (attribute `weight`) per non-zero entry.
 *
 * @example
 * ```ts
 * const G = graph.toGraphology(graph.fromEdges(3, [[0, 1], [1, 2]]), { nodes: ["a", "b", "c"] });
 * G.order; // => 3
 * G.size; // => 2
 * G.hasEdge("a", "b"); // => true
 * ```
 */
export function toGraphology(W: CsrMatrix, opts: ToGraphologyOptions = {}): AbstractGraph {
  const fn = "graph.toGraphology";
  checkOptions(fn, opts, { directed: opt.boolean, nodes: opt.any });
  checkAdjacency(fn, W, { symmetric: !opts.directed });
  const n = W.rows;
  const keys = opts.nodes ?? Array.from({ length: n }, (_, i) => String(i));
  if (keys.length !== n) throw new EigenlabError("shape", message.vectorLength("nodes", keys.length, n));
  const G = opts.directed ? new DirectedGraph({ allowSelfLoops: true }) : new UndirectedGraph({ allowSelfLoops: true });
  for (const key of keys) G.addNode(key);
  for (let r = 0; r < n; r++) {
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      const c = W.indices[p];
      const w = W.values[p];
      if (w === 0 || (!opts.directed && c < r)) continue;
      G.addEdge(keys[r], keys[c], { weight: w });
    }
  }
  return G as unknown as AbstractGraph;
}

export interface FromGraphologyOptions {
  /** Edge attribute holding the weight (default "weight"); edges without it weigh 1. */
  weight?: string;
}

/**
 * The adjacency matrix of a graphology graph, rows in the order of `G.nodes()`. Undirected edges are stored
 * in both directions, directed edges once; parallel edges add up; a self-loop is stored once.
 *
 * @example
 * ```ts
 * const Graph = require("graphology");
 * const G = new Graph({ type: "undirected" });
 * G.mergeEdge("x", "y", { weight: 2 });
 * G.mergeEdge("y", "z", { weight: 3 });
 * graph.fromGraphology(G).toDense().toArray(); // => [[0, 2, 0], [2, 0, 3], [0, 3, 0]]
 * ```
 */
export function fromGraphology(G: AbstractGraph, opts: FromGraphologyOptions = {}): CsrMatrix {
  const fn = "graph.fromGraphology";
  checkOptions(fn, opts, { weight: opt.string });
  if (!G || typeof (G as { forEachEdge?: unknown }).forEachEdge !== "function" || typeof G.nodes !== "function") {
    throw new EigenlabError("bad-input", message.notGraphology(fn));
  }
  const attr = opts.weight ?? "weight";
  const nodes = G.nodes();
  const index = new Map<string, number>();
  nodes.forEach((key, i) => index.set(key, i));
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  G.forEachEdge((_edge, attributes, source, target, _sa, _ta, undirected) => {
    const raw = (attributes as Record<string, unknown>)[attr];
    const w = typeof raw === "number" ? raw : 1;
    const i = index.get(source)!, j = index.get(target)!;
    ii.push(i); jj.push(j); vv.push(w);
    if (undirected && i !== j) { ii.push(j); jj.push(i); vv.push(w); }
  });
  return CsrMatrix.fromTriplets(nodes.length, nodes.length, ii, jj, vv);
}
