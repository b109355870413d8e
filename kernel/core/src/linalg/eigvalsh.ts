/** `linalg.eigvalsh`: the eigenvalues alone of a dense symmetric matrix (numpy.linalg.eigvalsh). */
import { Matrix } from "../matrix";
import { checkOptions } from "../validate";
import { rangeScale, symmetricData, unscaleEigenvalues } from "./eigh";
import { symmetricEigenvalues } from "./symmetric-eigen";
import { asMatrix } from "../validate/inputs";

/**
 * All eigenvalues of the symmetric A, ascending, without eigenvectors: tridiagonalization plus a values-only
 * QL sweep (see `symmetricEigenvalues`), several times faster than `eigh` when only the spectrum is needed
 * (an ESD, a Marchenko–Pastur fit, a power-law fit). Same input checks as `eigh`.
 *
 * @example
 * ```ts
 * // the 3-point second-difference matrix has eigenvalues 2 − 2cos(jπ/4), j = 1, 2, 3
 * linalg.eigvalsh(Matrix.from([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])); // => [2 - Math.SQRT2, 2, 2 + Math.SQRT2]
 * ```
 */
export function eigvalsh(A: Matrix, opts: Record<string, never> = {}): Float64Array {
  A = asMatrix("linalg.eigvalsh", "A", A, "linalg.eigsh(A, { k }) for a few eigenpairs of a large sparse matrix");
  checkOptions("linalg.eigvalsh", opts, {});
  const a = symmetricData(A);
  const scale = rangeScale(a);
  return unscaleEigenvalues("linalg.eigvalsh", symmetricEigenvalues(a, A.rows), scale);
}
