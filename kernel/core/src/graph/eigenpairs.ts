/**
 * The single place where graph, cluster and embed solve eigenproblems (private). It has the shape of
 * `linalg.eigsh(A, { k, which, seed })` from DESIGN.md. Small graphs are solved densely with `linalg.eigh`
 * (exact and fast below SPARSE_FROM nodes); larger ones go to the sparse Lanczos solver `linalg.eigsh`
 * when this build has it (it is developed on another branch; until it is merged the dense solver is used
 * up to DENSE_EIGEN_LIMIT nodes and larger graphs get an error that says so).
 */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Spectrum } from "../spectrum";
import * as linalg from "../linalg";

/** Largest graph solved densely when linalg.eigsh is missing (an O(n³) dense eigh in TypeScript). */
export const DENSE_EIGEN_LIMIT = 4000;
/** From this size on, the sparse solver is used when available. */
export const SPARSE_FROM = 1000;

export interface EigenpairsOptions {
  k: number;
  /** "SA": the k smallest (algebraic), "LA": the k largest; both returned ascending. */
  which: "SA" | "LA";
  seed: number;
}

type Eigsh = (A: CsrMatrix, opts: { k: number; which: "SA" | "LA"; seed: number }) => Spectrum;

/** linalg.eigsh when this build includes it. */
function sparseSolver(): Eigsh | undefined {
  const f = (linalg as unknown as { eigsh?: Eigsh }).eigsh;
  return typeof f === "function" ? f : undefined;
}

/** k eigenpairs of the symmetric matrix A (values ascending, vectors as columns, signs normalized). */
export function eigenpairs(A: CsrMatrix, opts: EigenpairsOptions): Spectrum {
  const n = A.rows;
  const eigsh = sparseSolver();
  if (eigsh && n >= SPARSE_FROM) return eigsh(A, { k: opts.k, which: opts.which, seed: opts.seed });
  if (n > DENSE_EIGEN_LIMIT) throw new EigenlabError("too-large", message.denseEigenFallbackTooLarge(n, DENSE_EIGEN_LIMIT));
  const all = linalg.eigh(A.toDense());
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
