/** The `linalg` namespace of the public API. */
export { eigh } from "./eigh";
export type { EighOptions } from "./eigh";
// --- sparse/iterative eigensolvers and Krylov linear solvers ---
export { eigsh, EIGSH_DEFAULT_TOL } from "./eigsh";
export type { EigshOptions } from "./eigsh";
export type { Which } from "./lanczos";
export { cg } from "./cg";
export { minres } from "./minres";
export type { SolveOptions, SolveResult } from "./krylov-solve";
