/**
 * `diffusion.rayleighQuotient`: R(x) = xᵀLx / xᵀx, the smoothness of a graph signal x (for a combinatorial
 * Laplacian xᵀLx = ½ Σ w_ij (x_i − x_j)²; Shuman et al. 2013, eq. 4). It lies between L's extreme eigenvalues
 * and equals λ at an eigenvector.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { SymmetricInput, symmetricOperator } from "./operator";
import { signalVector } from "./chebyshev";

/**
 * xᵀ L x / xᵀ x for a symmetric L (the smoothness of a graph signal x when L is a Laplacian).
 *
 * @example
 * ```ts
 * const L = graph.laplacian(graph.fromEdges(2, [[0, 1]]));
 * diffusion.rayleighQuotient(L, [1, -1]); // => 2
 * diffusion.rayleighQuotient(L, [1, 1]); // => 0
 * ```
 */
export function rayleighQuotient(L: SymmetricInput, x: ArrayLike<number>): number {
  const fn = "diffusion.rayleighQuotient";
  const op = symmetricOperator(fn, L);
  const v = signalVector(fn, x, op.n);
  const Lv = new Float64Array(op.n);
  op.applyInto(Lv, v);
  let num = 0;
  let den = 0;
  for (let i = 0; i < op.n; i++) {
    num += v[i] * Lv[i];
    den += v[i] * v[i];
  }
  if (den === 0) throw new EigenlabError("bad-input", message.zeroSignal(fn));
  return num / den;
}
