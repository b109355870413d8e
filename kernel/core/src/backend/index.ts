/**
 * Compute backends for the heavy dense kernels: the `backend` namespace of the public API, and the one place
 * the rest of core imports backends from. types.ts is the contract, registry.ts chooses ("cpu", "gpu",
 * "auto"), cpu.ts is the float64 CPU reference, checks.ts wraps every registered backend with core's input
 * checks, refine.ts brings reduced-precision results back to float64.
 *
 * @module
 */
export type {
  DenseBlock,
  CsrBlock,
  Neighbors,
  GaussianScale,
  Precision,
  KernelName,
  Backend,
  MachineDescription,
  CrossoverEntry,
  CrossoverTable,
} from "./types";
export { KERNEL_NAMES } from "./types";
export type { BackendChoice } from "./registry";
export {
  currentMachine,
  autoDecision,
  cpuBackend,
  registerBackend,
  registeredBackends,
  setDefaultBackend,
  defaultBackend,
  getBackend,
} from "./registry";
export { withChecks } from "./checks";
export { CandidateLists, refineNeighbors, rayleighRitzRefine, directSqDistance, centerColumns, candidateCount } from "./refine";
export type { RitzPairs } from "./refine";
