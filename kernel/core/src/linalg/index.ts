/** The `linalg` namespace of the public API. */
export { eigh } from "./eigh";
export type { EighOptions } from "./eigh";
export { qr } from "./qr";
export { cholesky } from "./cholesky";
export { solveTriangular } from "./triangular";
export type { SolveTriangularOptions } from "./triangular";
export { gram, outerGram } from "./gram";
export { setBlasThreads, blasThreads } from "./gemm";
