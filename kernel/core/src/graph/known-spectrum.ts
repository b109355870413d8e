/**
 * What graph.laplacian knows about the matrices it builds, for solvers that need a guaranteed spectral interval
 * (the Chebyshev heat kernel and spectral filters): the kind of Laplacian and the off-diagonal degrees of W. A
 * CsrMatrix is immutable, so this fact stays true for the object's life; kept in a WeakMap, it costs nothing when
 * the matrix is dropped. A copy (toDense, a file round trip) loses it: the diffusion functions then bound the
 * spectrum from the matrix itself.
 */
import type { CsrMatrix } from "../csr";

export interface KnownLaplacian {
  kind: "combinatorial" | "sym";
  /** Off-diagonal weighted degrees d_i of W. */
  degrees: Float64Array;
  /** Smallest positive edge weight of W (for the spectral-gap bound of the steady state). */
  minWeight: number;
}

const known = new WeakMap<CsrMatrix, KnownLaplacian>();

export function rememberLaplacian(L: CsrMatrix, info: KnownLaplacian): void {
  known.set(L, info);
}

export function knownLaplacian(L: unknown): KnownLaplacian | undefined {
  return typeof L === "object" && L !== null ? known.get(L as CsrMatrix) : undefined;
}
