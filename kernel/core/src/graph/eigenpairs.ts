/**
 * The single place where graph, cluster and embed solve eigenproblems (private). It has the shape of
 * `linalg.eigsh(A, { k, which, seed })` from DESIGN.md; until that sparse Lanczos solver is merged it
 * solves the dense problem with `linalg.eigh` and keeps the k wanted columns, so switching is a one-line
 * change here.
 */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Spectrum } from "../spectrum";
import { eigh } from "../linalg";

/** Largest graph solved densely while linalg.eigsh is missing (an O(n³) dense eigh in TypeScript). */
export const DENSE_EIGEN_LIMIT = 4000;

export interface EigenpairsOptions {
  k: number;
  /** "SA": the k smallest (algebraic), "LA": the k largest; both returned ascending. */
  which: "SA" | "LA";
  seed: number;
}

/** k eigenpairs of the symmetric matrix A (values ascending, vectors as columns, signs normalized). */
export function eigenpairs(A: CsrMatrix, opts: EigenpairsOptions): Spectrum {
  const n = A.rows;
  if (n > DENSE_EIGEN_LIMIT) throw new EigenlabError("too-large", message.denseEigenFallbackTooLarge(n, DENSE_EIGEN_LIMIT));
  const all = eigh(A.toDense());
  const start = opts.which === "SA" ? 0 : n - opts.k;
  const vectors = all.vectors.sliceCols(start, start + opts.k);
  return new Spectrum({
    values: all.values.slice(start, start + opts.k),
    vectors,
    residuals: new Float64Array(opts.k),
    iterations: 0,
    converged: opts.k,
    meta: { ...all.meta, inputShape: [n, n] },
  });
}
