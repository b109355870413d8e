/** `graph.fromEdges`: an adjacency matrix from an edge list. */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { asVector, checkDimension, checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";

export interface FromEdgesOptions {
  /** Store each edge once (i -> j) instead of in both directions. Default false (undirected). */
  directed?: boolean;
}

/**
 * Adjacency of a graph on nodes 0..n−1. Undirected by default: edge (i, j, w) sets W[i,j] and W[j,i]; a
 * self-loop is stored once on the diagonal (as networkx's to_scipy_sparse_array); repeated edges add up.
 *
 * @example
 * ```ts
 * const W = graph.fromEdges(3, [[0, 1], [1, 2]], [5, 7]);
 * W.toDense().toArray(); // => [[0, 5, 0], [5, 0, 7], [0, 7, 0]]
 * graph.fromEdges(2, [[0, 1]], undefined, { directed: true }).toDense().toArray(); // => [[0, 1], [0, 0]]
 * ```
 */
export function fromEdges(
  n: number,
  edges: ArrayLike<readonly [number, number] | ArrayLike<number>>,
  weights?: ArrayLike<number>,
  opts: FromEdgesOptions = {},
): CsrMatrix {
  const fn = "graph.fromEdges";
  checkOptions(fn, opts, { directed: opt.boolean });
  checkDimension("n", n);
  if (!edges || typeof edges.length !== "number") throw new EigenlabError("bad-input", message.badEdgesInput(fn));
  const m = edges.length;
  if (weights !== undefined) {
    asVector(fn, "weights", weights);
    if (weights.length !== m) throw new EigenlabError("shape", message.edgeWeightsLength(fn, m, weights.length));
    checkFinite(`${fn}: weights`, weights);
  }
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  for (let e = 0; e < m; e++) {
    const edge = edges[e];
    if (!edge || edge.length !== 2) throw new EigenlabError("bad-input", message.badEdgesInput(fn));
    const i = edge[0], j = edge[1];
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new EigenlabError("index", message.edgeIndex(fn, e, i, j, n));
    }
    const w = weights ? weights[e] : 1;
    ii.push(i); jj.push(j); vv.push(w);
    if (!opts.directed && i !== j) { ii.push(j); jj.push(i); vv.push(w); }
  }
  return CsrMatrix.fromTriplets(n, n, ii, jj, vv);
}
