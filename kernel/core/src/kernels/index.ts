/**
 * The low-level kernels under `Matrix`: loops on raw row-major Float64Arrays (the only code that writes into
 * arrays it is given, `...Into(out, ...)`), the WebAssembly SIMD modules with their runtime and thread pool,
 * GEMM, kNN row packing and the one CPU brute-force kNN engine (neighbors.ts), the one vector 2-norm and the
 * sign convention. Everything above (Matrix, CsrMatrix, linalg/, graph/, ...) imports kernels from here;
 * nothing here imports from above.
 */
export { matmulInto, gramInto, outerGramInto, symmetrizeLowerInto, transposeInto, rowSqNorms, dot, nrm2, axpyInto, scalInto, reorthogonalizeInto } from "./blas";
export { gemvTInto, gemvNSubInto, combineInPlace, combineInto } from "./vector-block";
export { gemm, gemmJs, gemmBackend } from "./gemm";
export { setWasmEnabled, withWasmScratch } from "./runtime";
export type { WasmScratch } from "./runtime";
export { setBlasThreads, blasThreads } from "./pool";
export { withPackedRows } from "./packed-rows";
export type { PackedRows } from "./packed-rows";
export { normalizeSignsInPlace, normalizeColumnSignsInPlace, normalizeColumnSignsRowwise } from "./signs";
export { nearestNeighbors, radiusNeighbors, unitRows, exactDistance } from "./neighbors";
export type { Metric, NeighborLists, Rows } from "./neighbors";
