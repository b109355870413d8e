/** The provenance stamp every result carries (DESIGN.md, display contract: `meta`). */

import type { Dtype } from "./dtype";

export const VERSION = "0.1.0";

/** The fields of a stamp its producer chooses (everything but the package version). */
interface Provenance {
  /** The algorithm that produced the result, e.g. "eigh:tred2+tql2", "eigsh:lanczos-thick-restart". */
  solver: string;
  inputShape: number[];
  /** FNV-1a hash of the input's numbers (hex), so a notebook can show which data produced the result. */
  inputHash?: string;
  seed?: number;
  tol?: number;
  iterations?: number;
  converged?: number;
  residualNorms?: number[];
  threads?: number;
  timeMs?: number;
  /**
   * Storage type of the input's numbers ("float32" for a float32 Matrix / CsrMatrix, issue #15); `precision` is
   * the arithmetic's (float32 input is read as stored and computed in float64). Absent where only float64 is read.
   */
  inputPrecision?: Dtype;
  [extra: string]: unknown;
}

export interface ResultMeta extends Provenance {
  /** Where the arithmetic ran: "cpu" (TypeScript), "cpu-wasm", "gpu.js:<mode>". */
  backend: string;
  precision: "float64" | "float32" | "float32-refined";
  version: string;
}

/** What `stamp` is given: the producer's fields, with backend and precision defaulting to the CPU reference's. */
export interface StampFields extends Provenance {
  /** Default "cpu". */
  backend?: string;
  /** Default "float64". */
  precision?: ResultMeta["precision"];
}

/**
 * The provenance stamp of a result: `solver`, `backend` ("cpu" unless given), `precision` ("float64" unless
 * given), this package's `version`, `inputShape`, then every other field in the order given (inputHash, seed,
 * tol, ...). The one place a stamp is assembled, so every result carries the same keys in the same order.
 */
export function stamp(fields: StampFields): ResultMeta {
  const { solver, backend = "cpu", precision = "float64", inputShape, ...rest } = fields;
  return { solver, backend, precision, version: VERSION, inputShape, ...rest };
}

/** 32-bit FNV-1a over the bytes of the given typed arrays. */
export function hashArrays(...arrays: ArrayBufferView[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
