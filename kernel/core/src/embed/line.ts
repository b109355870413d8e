/**
 * `embed.line` (Tang et al. 2015, "LINE: Large-scale information network embedding"). Edges are sampled with
 * probability ∝ weight (alias table, the paper's edge sampling, §4.2), each sample updated by SGD with K
 * negative nodes drawn ∝ degree^{3/4} (eq. 7). order 1 models joint probability u_iᵀu_j with one vector per
 * node (eq. 3); order 2 models the context distribution u_iᵀu'_j with separate context vectors (eq. 6). The
 * learning rate decays linearly ρ_t = ρ₀(1 − t/T) (§4.3). Undirected edges appear in both directions in the
 * symmetric CSR adjacency, as the paper prescribes. Single-threaded for reproducibility.
 */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkSeed, Rng } from "../random";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger, positiveNumber } from "../validate";
import { checkAdjacency } from "../validate/graph";
import { aliasTable, drawAlias } from "./alias";
import { reportProgress } from "../progress";

export interface LineOptions {
  /** Embedding dimension (default 128), for the chosen order (1: first-order, 2: second-order proximity). */
  dim?: number;
  /** 1: first-order proximity; 2 (default): second-order proximity. */
  order?: 1 | 2;
  /** Number of edge samples T (default 100 per stored edge, at least 1e5). */
  samples?: number;
  /** Negative samples per edge sample (default 5). */
  negative?: number;
  /** Starting SGD learning rate, decayed linearly to 0 (default 0.025). */
  learningRate?: number;
  /** Seed of the edge and negative sampling (default 0). */
  seed?: number;
  /** Called with the fraction done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

const SIGMOID_BOUND = 6;

/**
 * Node embeddings by LINE (Tang et al. 2015): edges sampled in proportion to weight, first-order (joint) or
 * second-order (context) proximity, negative sampling; single-threaded and seeded.
 *
 * @example
 * ```ts
 * const edges: [number, number][] = [];
 * for (const base of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) edges.push([base + i, base + j]);
 * edges.push([3, 4]);
 * const e = embed.line(graph.fromEdges(8, edges), { dim: 8, order: 1, samples: 20000, seed: 1 });
 * e.coords.shape; // => [8, 8]
 * const cos = (a: Float64Array, b: Float64Array) =>
 *   a.reduce((s, x, i) => s + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
 * cos(e.coords.row(0), e.coords.row(1)) > cos(e.coords.row(0), e.coords.row(7)); // => true
 * ```
 */
export function line(G: CsrMatrix, opts: LineOptions = {}): Embedding {
  const fn = "embed.line";
  const t0 = performance.now();
  checkOptions(fn, opts, { dim: opt.integer(1), order: opt.oneOf(2, 1), samples: opt.integer(1), negative: opt.integer(1), learningRate: opt.number(), seed: opt.seed, onProgress: opt.function });
  checkAdjacency(fn, G);
  if (G.nnz === 0) throw new EigenlabError("empty-graph", message.emptyGraph(fn));
  const dim = positiveInteger(fn, "dim", opts.dim ?? 128);
  const order = opts.order ?? 2;
  if (order !== 1 && order !== 2) throw new EigenlabError("bad-option", message.lineOrder(order));
  const samples = positiveInteger(fn, "samples", opts.samples ?? Math.max(100_000, 100 * G.nnz));
  const negative = positiveInteger(fn, "negative", opts.negative ?? 5);
  const rho0 = positiveNumber(fn, "learningRate", opts.learningRate ?? 0.025);
  const seed = checkSeed(opts.seed ?? 0);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new EigenlabError("bad-option", message.notFunction(fn, "onProgress"));
  }
  const n = G.rows;
  const { indptr, indices, values } = G;
  const nnz = G.nnz;
  const source = new Int32Array(nnz);
  for (let r = 0; r < n; r++) source.fill(r, indptr[r], indptr[r + 1]);
  const edgeAlias = aliasTable(values);
  const outDegree = G.rowSums();
  const noise = aliasTable(Float64Array.from(outDegree, (d) => Math.pow(d, 0.75)));

  const root = new Rng(seed);
  const init = root.stream(0);
  const emb = new Float64Array(n * dim);
  for (let i = 0; i < emb.length; i++) emb[i] = (init.uniform() - 0.5) / dim;
  const ctx = order === 2 ? new Float64Array(n * dim) : emb;
  const err = new Float64Array(dim);
  const rng = root.stream(1);
  const task = `${fn} (${G.rows} nodes)`;
  const reportEvery = Math.max(1, Math.floor(samples / 100));
  for (let t = 0; t < samples; t++) {
    const rho = rho0 * Math.max(1 - t / samples, 1e-4);
    const e = drawAlias(rng, edgeAlias.prob, edgeAlias.alias, 0, nnz);
    const u = source[e] * dim;
    err.fill(0);
    for (let d = 0; d <= negative; d++) {
      const target = d === 0 ? indices[e] : drawAlias(rng, noise.prob, noise.alias, 0, n);
      const label = d === 0 ? 1 : 0;
      const v = target * dim;
      let x = 0;
      for (let k = 0; k < dim; k++) x += emb[u + k] * ctx[v + k];
      const s = x > SIGMOID_BOUND ? 1 : x < -SIGMOID_BOUND ? 0 : 1 / (1 + Math.exp(-x));
      const g = (label - s) * rho;
      for (let k = 0; k < dim; k++) {
        err[k] += g * ctx[v + k];
        ctx[v + k] += g * emb[u + k];
      }
    }
    for (let k = 0; k < dim; k++) emb[u + k] += err[k];
    if ((t + 1) % reportEvery === 0) {
      opts.onProgress?.((t + 1) / samples);
      reportProgress({ task, done: t + 1, total: samples, unit: "edge samples" });
    }
  }
  opts.onProgress?.(1);
  reportProgress({ task, done: samples, total: samples, unit: "edge samples" });
  return new Embedding({
    coords: new Matrix(n, dim, emb),
    meta: stamp({
      solver: `line:order-${order}`, inputShape: [n, n],
      inputHash: hashArrays(indptr, indices, values), seed, threads: 1, timeMs: performance.now() - t0,
      order, samples, negative, learningRate: rho0,
    }),
  });
}
