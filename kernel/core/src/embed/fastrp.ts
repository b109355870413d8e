/**
 * `embed.fastrp` (Chen, Sultan, Tian, Chen & Skiena 2019, "Fast and accurate network embeddings via very sparse
 * random projection", CIKM). With P = D⁻¹A the random-walk transition matrix, L = diag((deg_j / 2m)^β) the
 * degree normalization of strength β, and R an n × d very sparse random projection (Li, Hastie & Church 2006:
 * entries √s·{+1, 0, −1} with probabilities {1/2s, 1 − 1/s, 1/2s}), the paper's Algorithm 1 computes
 * N₁ = P·L·R, N_i = P·N_{i−1}, normalizes each N_i row-wise to unit L2 norm, and returns Σ α_i N_i.
 * It costs k sparse products (O(k·nnz·d)) and no optimization, which is where its speed comes from.
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
import { defaultBackend, getBackend } from "../backend";

export interface FastRPOptions {
  /** Embedding dimension (default 128). */
  dim?: number;
  /**
   * α_1..α_k, one weight per power of P. Default [0, 1, 1, 1]: the 1-hop term left out and 2–4 hops weighed
   * equally, in the spirit of Neo4j GDS's default iteration weights [0, 1, 1]; the paper tunes them per dataset.
   */
  weights?: number[];
  /** β: degree normalization exponent; negative values damp hubs (default 0: none). */
  normalizationStrength?: number;
  /** Sparsity s of the projection (default 3, Achlioptas 2003; the paper also uses √n). */
  s?: number;
  /** Seed of the very sparse random projection (default 0). */
  seed?: number;
  /**
   * Where the propagation products P·N run: "auto" (default: the registry's measured crossover, the CPU path
   * unless a registered backend was measured faster on this machine), "cpu", "gpu" (needs `@eigenlab/gpu`
   * imported) or any registered backend id. The row normalizations stay in float64 on the CPU.
   */
  backend?: string;
}

/**
 * The n × dim very sparse random projection R (row-major) with row j scaled by rowScale(j): entries
 * √s·{+1, 0, −1} with probabilities {1/2s, 1 − 1/s, 1/2s}; one 32-bit draw per entry from stream 0 of `seed`.
 */
export function sparseProjection(n: number, dim: number, s: number, seed: number, rowScale: (j: number) => number = () => 1): Float64Array {
  const rng = new Rng(seed).stream(0);
  const R = new Float64Array(n * dim);
  const sqrtS = Math.sqrt(s);
  // One 32-bit draw x per entry: +√s if x < 2³²/2s, −√s if x < 2³²/s, else 0.
  const cut = 4294967296 / (2 * s);
  for (let j = 0; j < n; j++) {
    const l = rowScale(j);
    for (let k = 0; k < dim; k++) {
      const x = rng.nextUint32();
      R[j * dim + k] = x < cut ? sqrtS * l : x < 2 * cut ? -sqrtS * l : 0;
    }
  }
  return R;
}

/** The values of P = D⁻¹A in A's CSR pattern (rows of isolated nodes stay zero). */
function transitionValues(indptr: Int32Array, values: Float64Array, deg: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i + 1 < indptr.length; i++) {
    if (deg[i] === 0) continue;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) out[p] = values[p] / deg[i];
  }
  return out;
}

/**
 * Node embeddings by FastRP (Chen et al. 2019): a very sparse random projection propagated by powers of the
 * random-walk matrix D⁻¹A, each power row-normalized and weighted; no training, seeded.
 *
 * @example
 * ```ts
 * const edges: [number, number][] = [];
 * for (const base of [0, 4]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) edges.push([base + i, base + j]);
 * edges.push([3, 4]);
 * const e = embed.fastrp(graph.fromEdges(8, edges), { dim: 16, seed: 1 });
 * e.coords.shape; // => [8, 16]
 * const cos = (a: Float64Array, b: Float64Array) =>
 *   a.reduce((s, x, i) => s + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
 * cos(e.coords.row(0), e.coords.row(1)) > cos(e.coords.row(0), e.coords.row(7)); // => true
 * ```
 */
export function fastrp(G: CsrMatrix, opts: FastRPOptions = {}): Embedding {
  const fn = "embed.fastrp";
  const t0 = performance.now();
  checkOptions(fn, opts, { dim: opt.integer(1), weights: opt.array(opt.number(), { minLength: 1 }), normalizationStrength: opt.number(), s: opt.number(), seed: opt.seed, backend: opt.string });
  checkAdjacency(fn, G);
  const dim = positiveInteger(fn, "dim", opts.dim ?? 128);
  const weights = opts.weights ?? [0, 1, 1, 1];
  if (!Array.isArray(weights) || weights.length === 0 || !weights.every((w) => typeof w === "number" && Number.isFinite(w))) {
    throw new EigenlabError("bad-option", message.fastrpWeights(weights));
  }
  const beta = opts.normalizationStrength ?? 0;
  if (typeof beta !== "number" || !Number.isFinite(beta)) throw new EigenlabError("bad-option", message.finiteNumber(fn, "normalizationStrength", beta));
  const s = positiveNumber(fn, "s", opts.s ?? 3);
  const seed = checkSeed(opts.seed ?? 0);
  const n = G.rows;
  const be = getBackend(opts.backend ?? defaultBackend(), { kernel: "fastrpProjection", size: n });
  const { indptr, indices, values } = G;
  const deg = G.rowSums();
  let twoM = 0;
  for (let i = 0; i < n; i++) twoM += deg[i];

  const cur = sparseProjection(n, dim, s, seed, (j) => (beta === 0 ? 1 : deg[j] > 0 ? Math.pow(deg[j] / twoM, beta) : 0));
  const out = new Float64Array(n * dim);
  let prev: Float64Array = cur;
  let next: Float64Array = new Float64Array(n * dim);
  // A non-CPU backend gets P = D⁻¹A once and computes each hop P·N with its fastrpProjection kernel (weights [1]).
  const S = be.id === "cpu" ? null : { rows: n, cols: n, indptr, indices, values: transitionValues(indptr, values, deg) };
  for (let it = 0; it < weights.length; it++) {
    if (S) {
      next = Float64Array.from(be.fastrpProjection(S, { rows: n, cols: dim, data: prev }, [1]).data);
    } else for (let i = 0; i < n; i++) {
      // next = P · prev  (P = D⁻¹A; isolated nodes keep a zero row)
      const o = i * dim;
      next.fill(0, o, o + dim);
      if (deg[i] === 0) continue;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) {
        const w = values[p] / deg[i];
        const src = indices[p] * dim;
        for (let k = 0; k < dim; k++) next[o + k] += w * prev[src + k];
      }
    }
    const alpha = weights[it];
    for (let i = 0; i < n; i++) {
      const o = i * dim;
      let nrm = 0;
      for (let k = 0; k < dim; k++) nrm += next[o + k] * next[o + k];
      if (nrm === 0 || alpha === 0) continue;
      const sc = alpha / Math.sqrt(nrm);
      for (let k = 0; k < dim; k++) out[o + k] += sc * next[o + k];
    }
    const t = prev;
    prev = next;
    next = t; // the previous iterate (or R itself) is no longer needed
  }
  return new Embedding({
    coords: new Matrix(n, dim, out),
    meta: stamp({
      solver: "fastrp:very-sparse-projection", ...(S ? be.meta("fastrpProjection") : {}), inputShape: [n, n], inputHash: hashArrays(indptr, indices, values), seed, threads: 1,
      timeMs: performance.now() - t0, weights: [...weights], normalizationStrength: beta, s,
    }),
  });
}
