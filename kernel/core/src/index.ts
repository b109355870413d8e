/** @eigenlab/core — the public API (names fixed by DESIGN.md). */
export { EigenlabError, ConvergenceError } from "./errors";
export { Matrix } from "./matrix";
export type { RandomOptions } from "./matrix";
export { CsrMatrix } from "./csr";
export { linearOperator, isLinearOperator } from "./operator";
export type { LinearOperator } from "./operator";
export { Rng } from "./random";
export { Spectrum } from "./spectrum";
export { VERSION } from "./meta";
export type { ResultMeta } from "./meta";
export { JUPYTER_DISPLAY, registerDisplayFormatter, displayBundle } from "./display";
export type { MimeBundle, DisplayFormatter } from "./display";
export * as linalg from "./linalg";
export { Embedding } from "./embedding";
export { Clustering } from "./clustering";
export * as backend from "./backend";
