/** `graph.laplacian`: combinatorial, symmetric-normalized and random-walk Laplacians. */
import { CsrMatrix } from "../csr";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";
import { rememberLaplacian } from "./known-spectrum";

export type LaplacianKind = "combinatorial" | "sym" | "rw";

export interface LaplacianOptions {
  /** "combinatorial" (default): D − W; "sym": I − D^{-1/2} W D^{-1/2}; "rw": I − D^{-1} W. */
  kind?: LaplacianKind;
}

/**
 * Degrees without self-loops, d_j = Σ_{i≠j} W_ij (column sums; W is symmetric where it matters), as scipy's
 * csgraph.laplacian counts them. Shared by the Laplacians and the spectral maps built on them.
 */
export function offDiagonalDegrees(W: CsrMatrix): Float64Array {
  const deg = new Float64Array(W.rows);
  for (let r = 0; r < W.rows; r++) {
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) if (W.indices[p] !== r) deg[W.indices[p]] += W.storedValues[p];
  }
  return deg;
}

/**
 * Graph Laplacian following scipy.sparse.csgraph.laplacian: self-loops are ignored (the diagonal of W
 * neither counts in the degree nor survives in L); the degree of node j is its column sum (scipy's
 * default, use_out_degree=False; equal to the row sum for an undirected graph). An isolated node gets a
 * zero row and diagonal 0 in every kind, so the normalized forms never divide by zero. Explicit
 * diagonal entries are always stored, so the sparsity pattern is W's plus the diagonal.
 *
 * @example
 * ```ts
 * const W = graph.fromEdges(3, [[0, 1], [1, 2]]); // the path 0 – 1 – 2
 * graph.laplacian(W).toDense().toArray(); // => [[1, -1, 0], [-1, 2, -1], [0, -1, 1]]
 * // I − D^{-1/2} W D^{-1/2}
 * graph.laplacian(W, { kind: "sym" }).get(0, 1); // => -Math.SQRT1_2
 * // I − D^{-1} W
 * graph.laplacian(W, { kind: "rw" }).get(1, 0); // => -0.5
 * ```
 */
export function laplacian(W: CsrMatrix, opts: LaplacianOptions = {}): CsrMatrix {
  const fn = "graph.laplacian";
  checkOptions(fn, opts, { kind: opt.oneOf("combinatorial", "sym", "rw") });
  const kind = checkChoice(fn, "kind", opts.kind ?? "combinatorial", ["combinatorial", "sym", "rw"] as const);
  checkAdjacency(fn, W);
  return laplacianOf(W, kind, offDiagonalDegrees(W));
}

/**
 * `laplacian` for a graph already checked at a public boundary, with its off-diagonal degrees when the caller
 * has them (internal: no second check, no second degree pass).
 */
export function laplacianOf(W: CsrMatrix, kind: "combinatorial" | "sym" | "rw", deg: Float64Array): CsrMatrix {
  const n = W.rows;
  const rowScale = new Float64Array(n);
  const colScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = deg[i];
    if (kind === "combinatorial") { rowScale[i] = 1; colScale[i] = 1; }
    else if (kind === "sym") { const s = d > 0 ? 1 / Math.sqrt(d) : 1; rowScale[i] = s; colScale[i] = s; }
    else { rowScale[i] = d > 0 ? 1 / d : 1; colScale[i] = 1; }
  }
  const indptr = new Int32Array(n + 1);
  const cols = new Int32Array(W.nnz + n);
  const vals = new Float64Array(W.nnz + n);
  let out = 0;
  for (let r = 0; r < n; r++) {
    const diag = kind === "combinatorial" ? deg[r] : deg[r] > 0 ? 1 : 0;
    let placed = false;
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      const c = W.indices[p];
      if (c === r) continue;
      if (!placed && c > r) { cols[out] = r; vals[out++] = diag; placed = true; }
      cols[out] = c;
      vals[out++] = -W.storedValues[p] * rowScale[r] * colScale[c];
    }
    if (!placed) { cols[out] = r; vals[out++] = diag; }
    indptr[r + 1] = out;
  }
  const L = new CsrMatrix(n, n, indptr, cols.slice(0, out), vals.slice(0, out));
  if (kind !== "rw") {
    let minWeight = Infinity;
    for (let p = 0; p < W.nnz; p++) if (W.storedValues[p] > 0 && W.storedValues[p] < minWeight) minWeight = W.storedValues[p];
    rememberLaplacian(L, { kind, degrees: deg, minWeight });
  }
  return L;
}
