/**
 * The single place where graph, cluster and embed solve eigenproblems (private). It has the shape of
 * `linalg.eigsh(A, { k, which, seed })` from DESIGN.md. Small graphs are solved densely with `linalg.eigh`
 * (exact and fast below SPARSE_FROM nodes); larger ones go to the sparse Lanczos solver `linalg.eigsh`.
 */
import { CsrMatrix } from "../csr";
import { Spectrum } from "../spectrum";
import * as linalg from "../linalg";
import { eigshChecked } from "../linalg/eigsh";

/** From this size on, the sparse solver is used. */
export const SPARSE_FROM = 1000;

export interface EigenpairsOptions {
  k: number;
  /** "SA": the k smallest (algebraic), "LA": the k largest; both returned ascending. */
  which: "SA" | "LA";
  seed: number;
}

/** k eigenpairs of the symmetric matrix A (values ascending, vectors as columns, signs normalized). */
export function eigenpairs(A: CsrMatrix, opts: EigenpairsOptions): Spectrum {
  const n = A.rows;
  // A is a checked graph or was built from one (a Laplacian, a normalized affinity): eigsh's finiteness and
  // symmetry passes over it would only repeat the public boundary's (issue #16: check once).
  if (n >= SPARSE_FROM) return eigshChecked(A, { k: opts.k, which: opts.which, seed: opts.seed });
  const all = linalg.eigh(A.toDense());
  const start = opts.which === "SA" ? 0 : n - opts.k;
  const vectors = all.vectors.sliceCols(start, start + opts.k);
  return new Spectrum({
    values: all.values.slice(start, start + opts.k),
    vectors,
    // eigh computed no residuals: empty says "not computed" (zeros claimed a measured 0).
    residuals: new Float64Array(0),
    iterations: 0,
    converged: opts.k,
    meta: { ...all.meta, inputShape: [n, n] },
  });
}
