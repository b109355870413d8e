/**
 * `cluster.cocluster`: simultaneous clustering of the rows and columns of a non-negative matrix (documents and
 * words) by bipartite spectral graph partitioning — Dhillon, "Co-clustering documents and words using bipartite
 * spectral graph partitioning", KDD 2001 — in the form of scikit-learn's `SpectralCoclustering`.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, ResultMeta, stamp } from "../meta";
import { checkChoice, checkFinite, checkOptions } from "../validate";
import { positiveInteger } from "../validate";
import { svd } from "../linalg/svd";
import { kmeans } from "./kmeans";

export interface CoclusterOptions {
  /** Number of co-clusters (required, ≥ 2). */
  k: number;
  /** Seed of the SVD's random start and of k-means (default 0). */
  seed?: number;
  /** k-means restarts (default 10, scikit-learn 1.2's). */
  nInit?: number;
  /**
   * SVD of the scaled matrix: "lanczos" (default; to tolerance 1e-12), "randomized" (scikit-learn's default
   * `svd_method`, Halko et al.) or "full" (dense; small matrices). "lanczos" falls back to "full" when
   * 1 + ceil(log2 k) reaches min(rows, cols).
   */
  svd?: "lanczos" | "randomized" | "full";
}

/** The result of `cluster.cocluster`. */
export interface Cocluster {
  /** The co-cluster of each row (document). */
  rows: Clustering;
  /** The co-cluster of each column (word). */
  columns: Clustering;
  k: number;
  /**
   * The 1 + ceil(log2 k) largest singular values of D₁^{-1/2} A D₂^{-1/2}, descending; the first is 1 (its
   * singular vectors are D₁^{1/2}𝟙 and D₂^{1/2}𝟙 up to scale) and is discarded, as in the paper.
   */
  singularValues: Float64Array;
  /** The (rows + cols) × ceil(log2 k) points k-means clustered: [D₁^{-1/2} U; D₂^{-1/2} V] (rows first). */
  Z: Matrix;
  meta: ResultMeta;
}

/**
 * Co-clusters the rows and columns of a non-negative m×n matrix A (e.g. documents × words) into k co-clusters
 * (Dhillon 2001, § 4–5; scikit-learn's `SpectralCoclustering`): A is the bipartite graph between rows and columns;
 * with D₁, D₂ its row- and column-sum diagonals, the singular vectors 2 … ℓ + 1 (ℓ = ⌈log₂ k⌉) of
 * Aₙ = D₁^{-1/2} A D₂^{-1/2} solve the real relaxation of the normalized cut of that graph. The rows of
 * Z = [D₁^{-1/2} U; D₂^{-1/2} V] are clustered by k-means, and each row and column takes the label of its point:
 * a row cluster and the column cluster with the same label form a co-cluster.
 *
 * Every row and column must have a positive sum (an empty document has no edge, and 1/sqrt(0) is undefined):
 * drop them first. Singular-vector signs do not matter (k-means is invariant to flipping a coordinate).
 *
 * @example
 * ```ts
 * // two blocks: rows 0–1 use columns 0–1, rows 2–3 use columns 2–3, plus one weak cross link
 * const A = Matrix.from([[3, 2, 0, 0], [2, 3, 0.1, 0], [0, 0, 3, 2], [0, 0, 2, 3]]);
 * const c = cluster.cocluster(A, { k: 2, seed: 0 });
 * c.singularValues[0]; // => 1
 * cluster.ari(c.rows, [0, 0, 1, 1]); // => 1
 * cluster.ari(c.columns, [0, 0, 1, 1]); // => 1
 * c.rows.labels[0] === c.columns.labels[0]; // => true
 * ```
 */
export function cocluster(A: Matrix | CsrMatrix, opts: CoclusterOptions): Cocluster {
  const fn = "cluster.cocluster";
  checkOptions(fn, opts, ["k", "seed", "nInit", "svd"]);
  if (!(A instanceof Matrix) && !(A instanceof CsrMatrix)) throw new EigenlabError("bad-input", message.notOperator(fn) + " Pass the documents × words matrix as a Matrix or CsrMatrix.");
  if (opts?.k === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "k", "{ k: 3 }"));
  const k = positiveInteger(fn, "k", opts.k);
  const method = checkChoice(fn, "svd", opts.svd ?? "lanczos", ["lanczos", "randomized", "full"] as const);
  const seed = opts.seed ?? 0;
  const nInit = opts.nInit ?? 10;
  const m = A.rows;
  const n = A.cols;
  const ell = Math.ceil(Math.log2(k));
  const nsv = 1 + ell;
  if (k < 2 || nsv > Math.min(m, n) || k > m + n) throw new EigenlabError("bad-option", message.coclusterTooMany(fn, k, m, n));
  const t0 = performance.now();

  // Degrees of the bipartite graph: row sums d₁ and column sums d₂ (all entries must be ≥ 0).
  const csr = A instanceof CsrMatrix ? A : CsrMatrix.fromDense(A);
  checkFinite(`${fn}: A`, csr.values);
  const d1 = new Float64Array(m);
  const d2 = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let p = csr.indptr[i]; p < csr.indptr[i + 1]; p++) {
      const v = csr.values[p];
      if (v < 0) throw new EigenlabError("bad-input", message.coclusterNegative(fn, i, csr.indices[p], v));
      d1[i] += v;
      d2[csr.indices[p]] += v;
    }
  }
  for (const [what, d] of [["row", d1], ["column", d2]] as const) {
    const zero = d.findIndex((x) => x === 0);
    if (zero >= 0) throw new EigenlabError("bad-input", message.coclusterEmpty(fn, what, zero, d.filter((x) => x === 0).length));
  }
  const r1 = Float64Array.from(d1, (x) => 1 / Math.sqrt(x));
  const r2 = Float64Array.from(d2, (x) => 1 / Math.sqrt(x));
  // Aₙ = D₁^{-1/2} A D₂^{-1/2}, entry by entry as scikit-learn's (r · X) · c.
  const An = csr.scaleRowsCols(r1, r2);
  const useFull = method === "full" || (method === "lanczos" && nsv >= Math.min(m, n));
  const S = svd(useFull ? An.toDense() : An, { k: nsv, method: useFull ? "full" : method, seed });

  // Z = [D₁^{-1/2} U₂..ℓ₊₁; D₂^{-1/2} V₂..ℓ₊₁]: the first pair (singular value 1) carries no partition.
  const Z = new Float64Array((m + n) * ell);
  for (let i = 0; i < m; i++) for (let c = 0; c < ell; c++) Z[i * ell + c] = r1[i] * S.U.data[i * nsv + c + 1];
  for (let j = 0; j < n; j++) for (let c = 0; c < ell; c++) Z[(m + j) * ell + c] = r2[j] * S.V.data[j * nsv + c + 1];
  const Zm = new Matrix(m + n, ell, Z);
  const km = kmeans(Zm, { k, seed, nInit });
  const meta = stamp({
    solver: `cocluster:dhillon-2001 (svd ${useFull ? "full" : method} + kmeans)`,
    inputShape: [m, n],
    inputHash: hashArrays(csr.indptr, csr.indices, csr.values),
    seed,
    nInit,
    singularValues: Array.from(S.s),
    inertia: km.inertia,
    timeMs: performance.now() - t0,
  });
  const part = (labels: Int32Array, side: "rows" | "columns") => new Clustering({ labels, k, meta: { ...meta, side } });
  return {
    rows: part(km.labels.slice(0, m), "rows"),
    columns: part(km.labels.slice(m), "columns"),
    k,
    singularValues: Float64Array.from(S.s),
    Z: Zm,
    meta,
  };
}
