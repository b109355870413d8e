/** `cluster.spectral`: spectral clustering (Ng, Jordan & Weiss 2001 as scikit-learn's spectral_clustering). */
import { CsrMatrix } from "../csr";
import { Clustering } from "../clustering";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Rng } from "../random";
import { hashArrays, stamp } from "../meta";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";
import { positiveInteger } from "../validate";
import { spectralMap } from "../embed/spectral";
import { componentsOf, Components } from "../graph/components";
import { offDiagonalDegrees } from "../graph/laplacian";
import { Matrix } from "../matrix";
import { kmeans } from "./kmeans";
import { discretize } from "./discretize";

export interface SpectralClusteringOptions {
  /** Number of clusters (required). */
  k: number;
  /** Seed of the eigensolver's starting vector and of k-means (default 0). */
  seed?: number;
  /** "kmeans" (default) on the embedding rows, or "discretize" (Yu & Shi 2003). */
  assign?: "kmeans" | "discretize";
  /** k-means restarts (default 10). */
  nInit?: number;
}

/**
 * The spectral map of a graph with exactly k components, in closed form: column c is D^{-1/2} applied to the
 * unit null vector D^{1/2}1_C / √vol(C) of L_sym, i.e. 1_C / √vol(C) (an isolated node counts degree 1, as
 * scipy's normed laplacian does). Eigenvalues are exactly 0.
 */
function componentMap(W: CsrMatrix, comps: Components): { coords: Matrix; values: Float64Array; solver: string } {
  const n = W.rows;
  const k = comps.count;
  const deg = offDiagonalDegrees(W);
  const vol = new Float64Array(k);
  for (let r = 0; r < n; r++) vol[comps.labels[r]] += deg[r] > 0 ? deg[r] : 1;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) out[i * k + comps.labels[i]] = 1 / Math.sqrt(vol[comps.labels[i]]);
  return { coords: new Matrix(n, k, out), values: new Float64Array(k), solver: "components-null-space" };
}

/**
 * Embeds the nodes with the k eigenvectors of the smallest eigenvalues of the normalized Laplacian, mapped
 * to D^{-1/2}u (the generalized problem (D − W)x = λDx, Shi & Malik 2000), the first one kept, and assigns
 * clusters by k-means on the rows or by Yu–Shi discretization, exactly as scikit-learn's
 * spectral_clustering (which, unlike NJW's paper, does not row-normalize before k-means). A disconnected
 * affinity is accepted when it has at most k components (each component then lies in its own cluster or
 * clusters); more components than k is an error naming the count.
 *
 * @example
 * ```ts
 * // two triangles joined by one edge
 * const W = graph.fromEdges(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]);
 * const c = cluster.spectral(W, { k: 2, seed: 0 });
 * cluster.nmi(c, [0, 0, 0, 1, 1, 1]); // => 1
 * c.embedding?.coords.shape; // => [6, 2]
 * ```
 */
export function spectral(W: CsrMatrix, opts: SpectralClusteringOptions): Clustering {
  const fn = "cluster.spectral";
  checkOptions(fn, opts, { k: opt.integer(1), seed: opt.seed, assign: opt.oneOf("kmeans", "discretize"), nInit: opt.integer(1) });
  checkAdjacency(fn, W, { symmetric: true });
  if (opts?.k === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "k", "{ k: 3 }"));
  const k = positiveInteger(fn, "k", opts.k);
  const assign = checkChoice(fn, "assign", opts.assign ?? "kmeans", ["kmeans", "discretize"] as const);
  const nInit = positiveInteger(fn, "nInit", opts.nInit ?? 10);
  const seed = opts.seed ?? 0;
  const n = W.rows;
  if (k >= n) throw new EigenlabError("k-too-large", message.clustersTooMany(fn, k, n - 1));
  // Per-component handling: with c ≤ k components the null space of L is spanned by the component
  // indicators (von Luxburg 2007, Prop. 4), so they stay apart in the embedding; with c > k, k clusters
  // would have to merge unrelated components, which the spectrum cannot decide.
  const comps = componentsOf(W);
  if (comps.count > k) throw new EigenlabError("disconnected", message.disconnectedGraphTooMany(fn, comps.count, k, Array.from(comps.sizes)));
  const t0 = performance.now();
  // With exactly k components the k smallest eigenvalues of L_sym are all 0 and their eigenspace is known in
  // closed form (von Luxburg 2007, Prop. 4): spanned by D^{1/2}·1_C for the components C. No eigensolver is
  // needed (it would only return a rotation of this basis, on which k-means finds the same k clusters).
  const map = comps.count === k ? componentMap(W, comps) : spectralMap(W, k, seed, true);
  const rng = new Rng(seed);
  const labels =
    assign === "kmeans"
      ? kmeans(map.coords, { k, nInit, seed: seed }).labels
      : discretize(map.coords, rng.stream(1));
  const meta = stamp({
    solver: `spectral-clustering:${assign}/${map.solver}`,
    inputShape: [n, n],
    inputHash: hashArrays(W.indptr, W.indices, W.storedValues),
    inputPrecision: W.dtype,
    seed,
    nInit,
    timeMs: performance.now() - t0,
  });
  const embedding = new Embedding({ coords: map.coords, eigenvalues: map.values, labels, meta });
  return new Clustering({ labels, k, embedding, affinity: W, meta });
}
