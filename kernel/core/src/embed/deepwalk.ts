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

export function deepwalk(G: CsrMatrix, opts: DeepWalkOptions = {}): Embedding {
  checkOptions("embed.deepwalk", opts, NODE2VEC_OPTIONS.filter((k) => k !== "p" && k !== "q" && k !== "sampler"));
  return walkEmbedding("embed.deepwalk", G, { ...opts, p: 1, q: 1 });
}
