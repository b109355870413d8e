/**
 * Solver engines: where linalg.eigsh / linalg.svd hand a problem to an outside solver instead of solving it
 * here (`{ engine: mpi({ np: 8 }) }` runs SLEPc under MPI; engine/mpi-node.ts). Browser-safe: only the shape
 * of an engine lives here, so linalg never imports the Node-only code that launches processes.
 */
import type { CsrMatrix } from "../csr";
import type { Spectrum } from "../spectrum";
import type { SvdResult } from "./svd";
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** What eigsh passes to an engine: the checked matrices and the options that carry over. */
export interface EngineEigshRequest {
  A: CsrMatrix;
  B?: CsrMatrix;
  k: number;
  which: "SA" | "LA" | "LM" | "SM";
  sigma?: number;
  tol: number;
  maxIter: number;
  ncv?: number;
  inputHash: string;
}

/** What svd passes to an engine. */
export interface EngineSvdRequest {
  A: CsrMatrix;
  k: number;
  tol: number;
  maxIter: number;
  inputHash?: string;
}

/** A solver engine (e.g. `mpi(...)`): solves eigsh / svd requests elsewhere and returns our result classes. */
export interface SolverEngine {
  /** Marks the object as an engine (options are checked against it). */
  readonly isEigenlabEngine: true;
  /** Short name for messages, e.g. "mpi (SLEPc, np 2)". */
  readonly name: string;
  eigsh(req: EngineEigshRequest): Spectrum;
  svd(req: EngineSvdRequest): SvdResult;
}

/** The engine option, checked: an object made by an engine factory such as `mpi(...)`. */
export function engineOf(fn: string, x: unknown): SolverEngine {
  if (typeof x === "object" && x !== null && (x as SolverEngine).isEigenlabEngine === true) return x as SolverEngine;
  throw new EigenlabError("bad-option", message.badEngine(fn, x));
}

/** Options that only the built-in solver understands: an error with an engine (never silently ignored). */
export function rejectLocalOnly(fn: string, engine: SolverEngine, opts: object, keys: readonly string[]): void {
  for (const key of keys) {
    if ((opts as Record<string, unknown>)[key] !== undefined) throw new EigenlabError("bad-option", message.engineOptionUnsupported(fn, engine.name, key));
  }
}
