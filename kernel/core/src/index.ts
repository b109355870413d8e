/** @eigenlab/core — the public API (names fixed by DESIGN.md). */
export { EigenlabError, ConvergenceError } from "./errors";
export type { ErrorCode } from "./errors";
export { Matrix } from "./matrix";
export type { RandomOptions, DtypeOptions } from "./matrix";
export type { Dtype, FloatArray } from "./dtype";
export { CsrMatrix } from "./csr";
export { linearOperator, isLinearOperator } from "./operator";
export type { LinearOperator } from "./operator";
export { Rng } from "./random";
export { setSizeLimit, sizeLimit } from "./guard";
import "./guard-node"; // Node: the default size limit follows os.freemem()
export { Spectrum } from "./spectrum";
export { VERSION } from "./meta";
export type { ResultMeta } from "./meta";
export { JUPYTER_DISPLAY, registerDisplayFormatter, displayBundle, escapeHtml } from "./display";
export type { MimeBundle, DisplayFormatter } from "./display";
export { onProgress, reportProgress } from "./progress";
export type { Progress, ProgressListener } from "./progress";
export * as linalg from "./linalg";
export { Embedding } from "./embedding";
export { Clustering } from "./clustering";
export * as graph from "./graph";
export * as data from "./data";
export * as cluster from "./cluster";
export * as embed from "./embed";
export * as rmt from "./rmt";
export * as diffusion from "./diffusion";
export * as ot from "./ot";
export * as backend from "./backend";
export * as io from "./io";
export * as text from "./text";
// Node: solver engines that launch processes (SLEPc under MPI); browser entries leave this module out.
export { mpi, MpiEngine } from "./engine/mpi-node";
export type { MpiOptions } from "./engine/mpi-node";
export type { SolverEngine } from "./linalg/engine";
