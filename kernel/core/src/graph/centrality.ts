/** `graph.eigenvectorCentrality`: Bonacich's eigenvector centrality of an undirected weighted graph. */
import { CsrMatrix } from "../csr";
import { checkOptions } from "../validate";
import { checkAdjacency } from "../validate/graph";
import { eigenpairs } from "./eigenpairs";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { components } from "./components";

export interface EigenvectorCentralityOptions {
  /** Seed of the eigensolver's start vector (graphs of 1000 nodes or more). */
  seed?: number;
}

/**
 * Eigenvector centrality (Bonacich 1972, "Factoring and weighting approaches to status scores and clique
 * identification"): x with W x = λ_max x, the Perron vector of the adjacency matrix — a node is central when
 * its neighbours are, weighted by the edge weights. By the Perron–Frobenius theorem the vector of a connected
 * graph with non-negative weights is unique and can be taken positive; it is returned with unit Euclidean norm
 * and non-negative entries, as networkx's eigenvector_centrality_numpy (weight="weight"). A disconnected graph is
 * an error: each component has its own Perron vector and the global one is not defined (take a component first).
 *
 * @example
 * ```ts
 * // the path 0 – 1 – 2: λ_max = √2, x = (1, √2, 1) / 2
 * const x = graph.eigenvectorCentrality(graph.fromEdges(3, [[0, 1], [1, 2]]));
 * x; // => [0.5, Math.SQRT1_2, 0.5]
 * ```
 */
export function eigenvectorCentrality(W: CsrMatrix, opts: EigenvectorCentralityOptions = {}): Float64Array {
  const fn = "graph.eigenvectorCentrality";
  checkOptions(fn, opts, ["seed"]);
  checkAdjacency(fn, W, { symmetric: true });
  const comps = components(W);
  if (comps.count > 1) throw new EigenlabError("disconnected", message.centralityDisconnected(fn, comps.count, Array.from(comps.sizes)));
  const n = W.rows;
  if (n === 1) return Float64Array.of(1);
  // "LA": the largest algebraic eigenvalue is the Perron root (for a bipartite graph −λ_max is also an
  // eigenvalue, so the largest in magnitude would be ambiguous).
  const S = eigenpairs(W, { k: 1, which: "LA", seed: opts.seed ?? 0 });
  const x = Float64Array.from(S.vectors.col(0));
  let sum = 0;
  let norm = 0;
  for (const v of x) { sum += v; norm += v * v; }
  const s = (sum < 0 ? -1 : 1) / Math.sqrt(norm);
  // The Perron vector is positive; round-off can leave entries of peripheral nodes at −1e-17: clamp to 0.
  for (let i = 0; i < n; i++) x[i] = Math.max(0, x[i] * s);
  return x;
}
