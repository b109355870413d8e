/**
 * `embed.node2vec` (Grover & Leskovec 2016, "node2vec: Scalable feature learning for networks"): second-order
 * biased random walks (walks.ts) fed to skip-gram with negative sampling (skipgram.ts). Defaults are the paper's
 * (d = 128, walk length 80, 10 walks per node, window 10, one epoch) and word2vec's (5 negatives, rate 0.025).
 * q < 1 pushes walks outward (DFS-like: embeddings reflect communities / homophily); q > 1 keeps them local
 * (BFS-like: embeddings reflect structural roles).
 */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkSeed } from "../random";
import { checkChoice, checkOptions, opt } from "../validate";
import { positiveInteger, positiveNumber } from "../validate";
import { checkAdjacency } from "../validate/graph";
import { randomWalks } from "./walks";
import { trainSkipGram } from "./skipgram";
import { reportProgress } from "../progress";
import { checkAllocation } from "../guard";

export interface Node2VecOptions {
  /** Embedding dimension (default 128). */
  dim?: number;
  /** Return parameter: 1/p weighs stepping back to the previous node. */
  p?: number;
  /** In-out parameter: 1/q weighs moving away from the previous node's neighbourhood. */
  q?: number;
  /** Nodes per random walk (default 80, the paper's). */
  walkLength?: number;
  /** Walks started from each node (default 10). */
  walksPerNode?: number;
  /** Skip-gram context window on each side (default 10). */
  window?: number;
  /** Passes of skip-gram training over the walks (default 1). */
  epochs?: number;
  /** Negative samples per positive pair (default 5). */
  negative?: number;
  /** Starting SGD learning rate, decayed linearly (default 0.025, word2vec's). */
  learningRate?: number;
  /** Seed of the walks and the training (default 0). */
  seed?: number;
  /** "auto" (default): alias tables when Σ deg² ≤ 2.5e7, else rejection sampling. */
  sampler?: "alias" | "rejection" | "auto";
  /** Called with the fraction done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export const NODE2VEC_OPTIONS = {
  dim: opt.integer(1), p: opt.number(), q: opt.number(), walkLength: opt.integer(1), walksPerNode: opt.integer(1), window: opt.integer(1),
  epochs: opt.integer(1), negative: opt.integer(0), learningRate: opt.number(), seed: opt.seed, sampler: opt.oneOf("alias", "rejection", "auto"),
  onProgress: opt.function,
};

/** Shared by node2vec and deepwalk: `fn` names the caller in messages and meta. */
export function walkEmbedding(fn: string, G: CsrMatrix, opts: Node2VecOptions): Embedding {
  const t0 = performance.now();
  checkAdjacency(fn, G);
  if (G.nnz === 0) throw new EigenlabError("empty-graph", message.emptyGraph(fn));
  const dim = positiveInteger(fn, "dim", opts.dim ?? 128);
  const p = positiveNumber(fn, "p", opts.p ?? 1);
  const q = positiveNumber(fn, "q", opts.q ?? 1);
  const walkLength = positiveInteger(fn, "walkLength", opts.walkLength ?? 80);
  const walksPerNode = positiveInteger(fn, "walksPerNode", opts.walksPerNode ?? 10);
  const window = positiveInteger(fn, "window", opts.window ?? 10);
  const epochs = positiveInteger(fn, "epochs", opts.epochs ?? 1);
  const negative = positiveInteger(fn, "negative", opts.negative ?? 5);
  const learningRate = positiveNumber(fn, "learningRate", opts.learningRate ?? 0.025);
  const seed = checkSeed(opts.seed ?? 0);
  const sampler = checkChoice(fn, "sampler", opts.sampler ?? "auto", ["alias", "rejection", "auto"] as const);
  // the walks are held as one Int32Array of n·walksPerNode·walkLength node ids (a typo like 1e9 must fail fast)
  checkAllocation(fn, `${G.rows}·${walksPerNode}·${walkLength} walk steps`, 4 * G.rows * walksPerNode * walkLength);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new EigenlabError("bad-option", message.notFunction(fn, "onProgress"));
  }
  // The caller's onProgress, and the kernel's progress line (core's progress hook) in thousandths.
  const own = opts.onProgress;
  const progress = (f: number): void => {
    own?.(f);
    reportProgress({ task: `${fn} (${G.rows} nodes)`, done: Math.round(1000 * f), total: 1000, unit: "fraction" });
  };
  // Walks are cheap next to training: give them the first 10 % of the progress bar.
  const tw = performance.now();
  const walks = randomWalks(G, {
    p, q, walkLength, walksPerNode, seed, sampler,
    onProgress: (f) => progress(0.1 * f),
  });
  const walkSeconds = (performance.now() - tw) / 1000;
  const tt = performance.now();
  // Walks use streams 0..walksPerNode−1 of `seed`; training takes a derived seed so the two never share draws.
  const { vectors, pairs } = trainSkipGram(walks.nodes, walkLength, G.rows, {
    dim, window, epochs, negative, learningRate, seed: seed + 0x9e3779b9,
    onProgress: (f) => progress(0.1 + 0.9 * f),
  });
  const trainSeconds = (performance.now() - tt) / 1000;
  return new Embedding({
    coords: new Matrix(G.rows, dim, vectors),
    meta: stamp({
      solver: fn === "embed.deepwalk" ? "deepwalk:uniform-walks+sgns" : `node2vec:${walks.sampler}+sgns`,
      inputShape: [G.rows, G.cols],
      inputHash: hashArrays(G.indptr, G.indices, G.values),
      seed,
      threads: 1,
      timeMs: performance.now() - t0,
      p, q, walkLength, walksPerNode, window, epochs, negative, learningRate,
      sampler: walks.sampler,
      walks: walks.walkCount,
      tokens: walks.tokens,
      trainingPairs: pairs,
      walkSeconds,
      trainSeconds,
    }),
  });
}

/**
 * Node embeddings by node2vec (Grover & Leskovec 2016): second-order biased random walks (return parameter p, in-out
 * parameter q) fed to skip-gram with negative sampling; seeded, the same coordinates on every run.
 *
 * @example
 * ```ts
 * // two 4-cliques joined by one edge: nodes of the same clique embed closer together
 * const edges: [number, number][] = [];
 * for (const base of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) edges.push([base + i, base + j]);
 * edges.push([3, 4]);
 * const G = graph.fromEdges(8, edges);
 * const e = embed.node2vec(G, { dim: 8, walkLength: 20, walksPerNode: 20, window: 3, seed: 1 });
 * e.coords.shape; // => [8, 8]
 * const cos = (a: Float64Array, b: Float64Array) =>
 *   a.reduce((s, x, i) => s + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
 * cos(e.coords.row(0), e.coords.row(1)) > cos(e.coords.row(0), e.coords.row(7)); // => true
 * embed.node2vec(G, { dim: 8, walkLength: 20, walksPerNode: 20, window: 3, seed: 1 }).coords.sub(e.coords).norm(); // => 0
 * ```
 */
export function node2vec(G: CsrMatrix, opts: Node2VecOptions = {}): Embedding {
  checkOptions("embed.node2vec", opts, NODE2VEC_OPTIONS);
  return walkEmbedding("embed.node2vec", G, opts);
}
