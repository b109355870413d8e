/** `graph.affinity`: a sparse Gaussian similarity graph on the k nearest neighbours. */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkPoints } from "../validate/graph";
import { positiveInteger, positiveNumber } from "../validate";
import { listsToCsr, neighborLists } from "./knn";
import { symmetrize, SymmetrizeMode } from "./symmetrize";

export interface AffinityOptions {
  /** Neighbours per point. Default 10. */
  k?: number;
  /** A global bandwidth σ, or "self-tuning" (default): local scales of Zelnik-Manor & Perona (2004). */
  sigma?: number | "self-tuning";
  /** How the directed kNN weights are made symmetric (graph.symmetrize). Default "mean". */
  symmetrize?: SymmetrizeMode;
  /** "euclidean" (default) or "cosine" (1 − cosine similarity) between rows. */
  metric?: "euclidean" | "cosine";
}

/** Neighbour used for the self-tuning local scale σ_i (Zelnik-Manor & Perona 2004, §2.1: the 7th). */
export const SELF_TUNING_NEIGHBOR = 7;

/**
 * W_ij = exp(−d_ij² / (2σ²)) for a global σ (the Gaussian kernel of Ng, Jordan & Weiss 2001), or
 * W_ij = exp(−d_ij² / (σ_i σ_j)) with σ_i the distance from i to its 7th neighbour (Zelnik-Manor & Perona
 * 2004, eq. 2), on the edges of the kNN graph (no self-loops: A_ii = 0 as in NJW), then symmetrized.
 *
 * @example
 * ```ts
 * // kNN edges 0–1 (distance 1, chosen both ways) and 2→1 (distance 2, one way), Gaussian weights with σ = 1
 * const W = graph.affinity(Matrix.from([[0], [1], [3]]), { k: 1, sigma: 1 });
 * W.get(0, 1); // => Math.exp(-1 / 2)
 * // the one-sided edge 2 → 1 keeps half its weight after the default "mean" symmetrization
 * W.get(1, 2); // => Math.exp(-2) / 2
 * W.asymmetry().value; // => 0
 * ```
 */
export function affinity(X: Matrix, opts: AffinityOptions = {}): CsrMatrix {
  const fn = "graph.affinity";
  checkOptions(fn, opts, { k: opt.integer(1), sigma: opt.either(opt.number(), opt.oneOf("self-tuning")), symmetrize: opt.oneOf("mean", "max", "mutual"), metric: opt.oneOf("euclidean", "cosine") });
  checkPoints(fn, X, 2);
  const k = positiveInteger(fn, "k", opts.k ?? 10);
  const sigma = opts.sigma ?? "self-tuning";
  if (sigma !== "self-tuning") positiveNumber(fn, "sigma", sigma);
  const mode = checkChoice(fn, "symmetrize", opts.symmetrize ?? "mean", ["mean", "max", "mutual"] as const);
  const metric = checkChoice(fn, "metric", opts.metric ?? "euclidean", ["euclidean", "cosine"] as const);
  const n = X.rows;
  if (k > n - 1) throw new EigenlabError("k-too-large", message.neighborsTooMany(fn, k, n, false));
  const searchK = sigma === "self-tuning" ? Math.min(Math.max(k, SELF_TUNING_NEIGHBOR), n - 1) : k;
  const lists = neighborLists(fn, X, searchK, metric, false);
  const { distances } = lists;
  let weight: (i: number, c: number) => number;
  if (sigma === "self-tuning") {
    const scale = new Float64Array(n);
    const s = Math.min(SELF_TUNING_NEIGHBOR, searchK) - 1;
    // A point with 7 duplicates would get σ_i = 0; fall back to the smallest positive scale.
    let minPositive = Infinity;
    for (let i = 0; i < n; i++) {
      scale[i] = distances[i * searchK + s];
      if (scale[i] > 0) minPositive = Math.min(minPositive, scale[i]);
    }
    if (!Number.isFinite(minPositive)) minPositive = 1;
    for (let i = 0; i < n; i++) if (!(scale[i] > 0)) scale[i] = minPositive;
    weight = (i, c) => Math.exp(-(distances[i * searchK + c] ** 2) / (scale[i] * scale[lists.indices[i * searchK + c]]));
  } else {
    const g = 1 / (2 * (sigma as number) ** 2);
    weight = (i, c) => Math.exp(-(distances[i * searchK + c] ** 2) * g);
  }
  // Keep only the k nearest of the (possibly larger) search.
  const trimmed = { n, k, indices: new Int32Array(n * k), distances: new Float64Array(n * k) };
  const w = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      trimmed.indices[i * k + c] = lists.indices[i * searchK + c];
      w[i * k + c] = weight(i, c);
    }
  }
  const directed = listsToCsr(trimmed, (i, c) => w[i * k + c]);
  return symmetrize(directed, mode);
}
