/**
 * `embed.deepwalk` (Perozzi, Al-Rfou & Skiena 2014): uniform (edge-weight proportional) random walks and
 * skip-gram — node2vec with p = q = 1. The original trains with hierarchical softmax; we use negative sampling
 * as node2vec does, so the two methods differ only in their walks.
 */
import { CsrMatrix } from "../csr";
import { Embedding } from "../embedding";
import { checkOptions } from "../validate";
import { NODE2VEC_OPTIONS, Node2VecOptions, walkEmbedding } from "./node2vec";

export type DeepWalkOptions = Omit<Node2VecOptions, "p" | "q" | "sampler">;

const { p: _p, q: _q, sampler: _s, ...DEEPWALK_OPTIONS } = NODE2VEC_OPTIONS;

/**
 * Node embeddings by DeepWalk (Perozzi, Al-Rfou & Skiena 2014): uniform (weight-proportional) random walks and
 * skip-gram with negative sampling, i.e. node2vec with p = q = 1.
 *
 * @example
 * ```ts
 * const edges: [number, number][] = [];
 * for (const base of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) edges.push([base + i, base + j]);
 * edges.push([3, 4]);
 * const e = embed.deepwalk(graph.fromEdges(8, edges), { dim: 8, walkLength: 20, walksPerNode: 20, window: 3, seed: 1 });
 * const cos = (a: Float64Array, b: Float64Array) =>
 *   a.reduce((s, x, i) => s + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
 * cos(e.coords.row(0), e.coords.row(1)) > cos(e.coords.row(0), e.coords.row(7)); // => true
 * ```
 */
export function deepwalk(G: CsrMatrix, opts: DeepWalkOptions = {}): Embedding {
  checkOptions("embed.deepwalk", opts, DEEPWALK_OPTIONS);
  return walkEmbedding("embed.deepwalk", G, { ...opts, p: 1, q: 1 });
}
