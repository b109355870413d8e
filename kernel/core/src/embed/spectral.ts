/** `embed.spectral`: Laplacian eigenmaps (Belkin & Niyogi 2003), as sklearn.manifold.spectral_embedding. */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";
import { positiveInteger } from "../validate";
import { componentsOf } from "../graph/components";
import { laplacianOf, offDiagonalDegrees } from "../graph/laplacian";
import { eigenpairs } from "../graph/eigenpairs";
import { normalizeColumnSignsInPlace } from "../kernels";

export interface SpectralEmbeddingOptions {
  /** Embedding dimension (required). */
  dim: number;
  /** Seed of the eigensolver's start vector. */
  seed?: number;
  /** Use the normalized Laplacian (default true, scikit-learn's norm_laplacian). */
  normalized?: boolean;
  /** Drop the first (constant, eigenvalue 0) eigenvector (default true, scikit-learn's drop_first). */
  dropFirst?: boolean;
}

/** Throws the disconnected-graph error when W has more than one connected component. */
export function requireConnected(fn: string, W: CsrMatrix): void {
  const comps = componentsOf(W);
  if (comps.count > 1) {
    throw new EigenlabError("disconnected", message.disconnectedGraph(fn, comps.count, Array.from(comps.sizes)));
  }
}

export interface RawSpectralMap {
  /** n × m, column j the j-th eigenvector mapped back to node space, signs deterministic. */
  coords: Matrix;
  /** Laplacian eigenvalues of the columns, ascending. */
  values: Float64Array;
  solver: string;
}

/**
 * The m eigenvectors of the smallest Laplacian eigenvalues, W already checked connected. With the
 * normalized Laplacian L = I − D^{-1/2} W D^{-1/2}, each eigenvector u is mapped to D^{-1/2} u, a solution of
 * the generalized problem (D − W) x = λ D x (Shi & Malik 2000; von Luxburg 2007 §3.3), exactly what
 * scikit-learn's spectral_embedding returns (`embedding / dd`). Then each column is sign-flipped so its
 * largest-magnitude entry is positive (scikit-learn's _deterministic_vector_sign_flip).
 */
export function spectralMap(W: CsrMatrix, m: number, seed: number, normalized: boolean): RawSpectralMap {
  const n = W.rows;
  // W was checked at the public boundary (cluster.spectral, embed.spectral): one degree pass serves both the
  // Laplacian and the D^{-1/2} back-scaling, and nothing is validated again here.
  const deg = offDiagonalDegrees(W);
  const L = laplacianOf(W, normalized ? "sym" : "combinatorial", deg);
  const S = eigenpairs(L, { k: m, which: "SA", seed });
  const out = Float64Array.from(S.vectors.data);
  if (normalized) {
    for (let i = 0; i < n; i++) {
      const s = 1 / Math.sqrt(deg[i]);
      for (let j = 0; j < m; j++) out[i * m + j] *= s;
    }
  }
  normalizeColumnSignsInPlace(out, n, m);
  return { coords: new Matrix(n, m, out), values: S.values, solver: String(S.meta.solver) };
}

/**
 * Spectral embedding of an undirected weighted graph: the coordinates of node i are the i-th entries of
 * the Laplacian eigenvectors with the smallest eigenvalues (the first, constant one dropped by default).
 * A disconnected graph is an error (its embedding is not unique); see graph.components.
 *
 * @example
 * ```ts
 * // the path 0 – 1 – 2: the Fiedler vector of (D − W) x = λ D x is (1, 0, −1), eigenvalue 1
 * const e = embed.spectral(graph.fromEdges(3, [[0, 1], [1, 2]]), { dim: 1, seed: 0 });
 * e.coords.col(0); // => [Math.SQRT1_2, 0, -Math.SQRT1_2]
 * e.eigenvalues; // => [1]
 * ```
 */
export function spectral(W: CsrMatrix, opts: SpectralEmbeddingOptions): Embedding {
  const fn = "embed.spectral";
  checkOptions(fn, opts, { dim: opt.integer(1), seed: opt.seed, normalized: opt.boolean, dropFirst: opt.boolean });
  checkAdjacency(fn, W, { symmetric: true });
  if (opts?.dim === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "dim", "{ dim: 2 }"));
  const dim = positiveInteger(fn, "dim", opts.dim);
  const normalized = opts.normalized ?? true;
  const dropFirst = opts.dropFirst ?? true;
  const seed = opts.seed ?? 0;
  const n = W.rows;
  const extra = dropFirst ? 1 : 0;
  if (dim + extra >= n) {
    throw new EigenlabError("k-too-large", message.dimTooLarge(fn, dim, n, extra));
  }
  requireConnected(fn, W);
  const t0 = performance.now();
  const map = spectralMap(W, dim + extra, seed, normalized);
  const coords = dropFirst ? map.coords.sliceCols(1, dim + 1) : map.coords;
  return new Embedding({
    coords,
    eigenvalues: map.values.slice(extra),
    meta: stamp({
      solver: `spectral-embedding:${normalized ? "normalized" : "combinatorial"}-laplacian/${map.solver}`,
      inputShape: [n, n],
      inputHash: hashArrays(W.indptr, W.indices, W.storedValues),
      inputPrecision: W.dtype,
      seed,
      eigenvalueOrder: "ascending",
      timeMs: performance.now() - t0,
    }),
  });
}
