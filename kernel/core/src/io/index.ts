/**
 * The `io` namespace: research data in, results out. `io.read` / `io.write` dispatch on the format table
 * (formats.ts); each format also has its own reader and writer. No module here imports a Node built-in except
 * node-fs.ts, which this Node entry installs as the file system behind path arguments; the readers work on
 * bytes (fflate for deflate/gzip), so they are as browser-safe as the Matrix and CsrMatrix they build (today
 * Matrix's GEMM thread pool, linalg/gemm.ts, still loads worker_threads: a browser entry for io waits on that).
 *
 * @module
 */
import { useFileSystem } from "./bytes";
import { nodeFileSystem } from "./node-fs";

useFileSystem(nodeFileSystem);

export { read } from "./read";
export { write } from "./write";
export { FORMATS } from "./formats";
export type { Format, Options as FormatOptions } from "./formats";
export { useFileSystem } from "./bytes";
export { nodeFileSystem } from "./node-fs";
export type { FileSystem, Source, TypedArray } from "./bytes";
export { readNpy, writeNpy, encodeNpy, decodeNpy } from "./npy";
export type { NdArray, NpyValue, NpyWritable, ReadNpyOptions } from "./npy";
export { readNpz, writeNpz, encodeNpz } from "./npz";
export type { WriteNpzOptions } from "./npz";
export { readSafetensors, readSafetensorsHeader, writeSafetensors, encodeSafetensors } from "./safetensors";
export type { SafetensorsTensor, SafetensorsHeader, SafetensorsHeaderEntry, SafetensorsWritable, ReadSafetensorsOptions, WriteSafetensorsOptions } from "./safetensors";
export { readMatrixMarket, writeMatrixMarket, encodeMatrixMarket } from "./matrix-market";
export type { WriteMatrixMarketOptions } from "./matrix-market";
export { readPetscBinary, writePetscBinary, encodePetscBinary, decodePetscBinary, isPetscBinary, PETSC_MAT_CLASSID, PETSC_VEC_CLASSID } from "./petsc";
export type { PetscObject, ReadPetscOptions } from "./petsc";
export { readResult } from "./result";
export * from "./tabular";
export type { SavedResult } from "./result";
