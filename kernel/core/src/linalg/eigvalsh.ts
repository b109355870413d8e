/** `linalg.eigvalsh`: the eigenvalues alone of a dense symmetric matrix (numpy.linalg.eigvalsh). */
import { Matrix } from "../matrix";
import { checkOptions } from "../validate";
import { symmetricData } from "./eigh";
import { symmetricEigenvalues } from "./symmetric-eigen";

/**
 * All eigenvalues of the symmetric A, ascending, without eigenvectors: tridiagonalization plus a values-only
 * QL sweep (see `symmetricEigenvalues`), several times faster than `eigh` when only the spectrum is needed
 * (an ESD, a Marchenko–Pastur fit, a power-law fit). Same input checks as `eigh`.
 */
export function eigvalsh(A: Matrix, opts: Record<string, never> = {}): Float64Array {
  checkOptions("linalg.eigvalsh", opts, []);
  return symmetricEigenvalues(symmetricData(A), A.rows);
}
