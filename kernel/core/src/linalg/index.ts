/** The `linalg` namespace of the public API.
 *
 * @module
 */
export { eigh } from "./eigh";
export type { EighOptions } from "./eigh";
export type { OperatorInput } from "./symmetric-operator";
export { eigvalsh } from "./eigvalsh";
export { qr } from "./qr";
export { cholesky } from "./cholesky";
export { solveTriangular } from "./triangular";
export type { SolveTriangularOptions } from "./triangular";
export { gram, outerGram } from "./gram";
export { setBlasThreads, blasThreads } from "../kernels";
export { svd, SvdResult } from "./svd";
export type { SvdOptions, SvdMethod } from "./svd";
export { powerIteration, oja, OjaResult } from "./power";
export type { PowerIterationOptions, PowerIterationResult, OjaOptions } from "./power";
// --- sparse/iterative eigensolvers and Krylov linear solvers ---
export { eigsh, EIGSH_DEFAULT_TOL } from "./eigsh";
export type { EigshOptions } from "./eigsh";
export type { Which } from "./lanczos";
export { cg } from "./cg";
export { minres } from "./minres";
export type { SolveOptions, SolveResult } from "./krylov-solve";
