/**
 * Compute backends for the heavy dense kernels (the `backend` namespace of the public API).
 *
 * A backend implements the named kernels below on row-major float64 blocks. Core ships the float64 CPU
 * reference (`cpuBackend`, registered as "cpu"); `@eigenlab/gpu` registers a GPU.js backend as "gpu" when it
 * is imported. Dependencies point one way (core <- gpu): core never imports GPU.js.
 *
 * Choosing: `getBackend("cpu" | "gpu" | "auto", { kernel, size })`. "auto" is data-driven: a non-CPU backend
 * is picked only when its own measured crossover table (written by `bench/gpu.bench.ts` on a described
 * machine) says it beat our CPU path for that kernel at that size *on a machine like this one*; otherwise
 * the CPU reference runs. Every result should record `backend.meta(kernel)` (backend name and precision) in
 * its ResultMeta, so a figure always names what ran.
 */
import { cpus, platform } from "os";
import { EigenlabError } from "./errors";
import { message } from "./messages";
import { checkChoice } from "./validate";
import { withChecks } from "./backend-check";

export { withChecks };
import { cpuReference } from "./backend-cpu";

export { CandidateLists, refineNeighbors, rayleighRitzRefine, directSqDistance } from "./backend-refine";
export { centerColumns, candidateCount } from "./backend-cpu";
export type { RitzPairs } from "./backend-refine";

/** A dense row-major block; `Matrix` satisfies it. Inputs are treated as read-only. */
export interface DenseBlock {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A compressed-sparse-row matrix; `CsrMatrix` satisfies it. */
export interface CsrBlock {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** k nearest neighbours of every row (self excluded), nearest first, ties broken by the smaller index. */
export interface Neighbors {
  readonly n: number;
  readonly k: number;
  /** n×k row-major neighbour indices. */
  readonly indices: Int32Array;
  /** n×k squared Euclidean distances, always recomputed in float64 from the original data. */
  readonly sqDistances: Float64Array;
}

/** Bandwidth of a Gaussian affinity: a fixed σ, or per-point local scales σ_i (self-tuning). */
export type GaussianScale = number | { readonly x: Float64Array; readonly y: Float64Array };

export type Precision = "float64" | "float32" | "float32-refined";

export const KERNEL_NAMES = [
  "pairwiseSqDistances",
  "knnCandidates",
  "gaussianAffinityBlock",
  "matmul",
  "gram",
  "blockMatvec",
  "sinkhornStep",
  "fastrpProjection",
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

export interface Backend {
  /** Registry key: "cpu", "gpu", ... */
  readonly id: string;
  /** What actually runs, for meta.backend: "cpu" or "gpu.js:<kernel mode>" (e.g. "gpu.js:webasm"). */
  readonly name: string;
  /** Measured speed against the CPU path on some machine; absent means "auto" never picks this backend. */
  readonly crossover?: CrossoverTable;
  /** The provenance fields a result computed by `kernel` on this backend must carry. */
  meta(kernel: KernelName): { backend: string; precision: Precision };

  /** D[i, j] = ‖x_i − y_j‖² for X (n×d), Y (m×d): an n×m block. */
  pairwiseSqDistances(X: DenseBlock, Y: DenseBlock): DenseBlock;
  /** The k nearest other rows of X for every row (brute force, tiled). */
  knnCandidates(X: DenseBlock, k: number): Neighbors;
  /**
   * W[i, j] = exp(−‖x_i − y_j‖² / (2σ²)) for a fixed σ, or exp(−‖x_i − y_j‖² / (σ_i σ_j)) for local scales
   * (Zelnik-Manor & Perona 2004, "Self-tuning spectral clustering", eq. 2).
   */
  gaussianAffinityBlock(X: DenseBlock, Y: DenseBlock, scale: GaussianScale): DenseBlock;
  /** A (m×k) · B (k×n). */
  matmul(A: DenseBlock, B: DenseBlock): DenseBlock;
  /** Aᵀ A (n×n) for A (m×n): the Gram matrix of the columns. */
  gram(A: DenseBlock): DenseBlock;
  /**
   * A (n×m) · V (m×p) for an operator A applied many times (dense Lanczos / power / subspace iteration):
   * a backend may keep A resident between calls (keyed by the identity of `A.data`, which must therefore
   * not change; a Matrix never does).
   */
  blockMatvec(A: DenseBlock, V: DenseBlock): DenseBlock;
  /**
   * One Sinkhorn–Knopp scaling step for the kernel K (n×m, positive) and marginals a (n), b (m):
   * u = a ⊘ (K v), then v' = b ⊘ (Kᵀ u) (Cuturi 2013, "Sinkhorn distances", Algorithm 1). K may stay
   * resident like `blockMatvec`'s A.
   */
  sinkhornStep(K: DenseBlock, a: Float64Array, b: Float64Array, v: Float64Array): { u: Float64Array; v: Float64Array };
  /**
   * FastRP propagation (Chen et al. 2019, "Fast and accurate network embeddings via very sparse random
   * projection", Algorithm 1): Σ_{i=1..q} weights[i−1] · S^i R, for the (already normalized) transition
   * matrix S (n×n, CSR) and the very sparse random projection R (n×dim). The caller draws R with a seed.
   */
  fastrpProjection(S: CsrBlock, R: DenseBlock, weights: readonly number[]): DenseBlock;
}

// ---------------------------------------------------------------------------------------------------------
// Measured crossovers ("auto")

/** The machine a crossover was measured on; "auto" trusts a table only on a machine that matches. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  platform: string;
  /** The accelerator GPU.js used, in words ("none: GPU.js WebAssembly kernel on the CPU", ...). */
  accelerator: string;
}

export interface CrossoverEntry {
  kernel: KernelName;
  /** The backend name measured, e.g. "gpu.js:webasm". */
  backend: string;
  /** Smallest measured size from which this backend was faster than the CPU path; null: never. */
  fasterFrom: number | null;
  /** Sizes measured and the median time ratio backend / CPU at each (< 1: backend faster). */
  sizes: number[];
  ratios: number[];
}

export interface CrossoverTable {
  machine: MachineDescription;
  measuredAt: string;
  /** How `size` is counted: points (distances, kNN, affinity, FastRP nodes) or matrix order. */
  sizeMeaning: string;
  entries: CrossoverEntry[];
}

/** The machine this process runs on, in the terms a CrossoverTable records. */
export function currentMachine(accelerator = "unknown"): MachineDescription {
  const cpu = cpus();
  return { cpuModel: cpu[0]?.model ?? "unknown", cores: cpu.length, platform: platform(), accelerator };
}

function sameMachine(a: MachineDescription, b: MachineDescription): boolean {
  return a.cpuModel === b.cpuModel && a.cores === b.cores && a.platform === b.platform;
}

/** Why "auto" picks what it picks for `kernel` at `size`: the backend and a one-line reason. */
export function autoDecision(kernel: KernelName, size: number): { backend: Backend; reason: string } {
  const here = currentMachine();
  for (const b of registry.values()) {
    if (b.id === "cpu" || !b.crossover) continue;
    if (!sameMachine(b.crossover.machine, here)) continue;
    const entry = b.crossover.entries.find((e) => e.kernel === kernel && e.backend === b.name);
    if (entry && entry.fasterFrom !== null && size >= entry.fasterFrom) {
      return { backend: b, reason: `${b.name} measured faster than cpu for ${kernel} from size ${entry.fasterFrom} on this machine` };
    }
  }
  return {
    backend: registry.get("cpu") as Backend,
    reason: `no registered backend measured faster than cpu for ${kernel} at size ${size} on this machine`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Registry

export type BackendChoice = "auto" | "cpu" | "gpu";
const CHOICES: readonly string[] = ["auto", "cpu", "gpu"];

/** The float64 CPU reference: blocked TypeScript loops (kernels/blas.ts). */
export const cpuBackend: Backend = withChecks(cpuReference);

/**
 * Registry state lives on globalThis under a registered symbol: a process that loads core twice (its
 * TypeScript sources in a test and its built dist through @eigenlab/gpu) must still see one registry.
 */
interface RegistryState {
  backends: Map<string, Backend>;
  defaultChoice: BackendChoice;
}
const REGISTRY_KEY = Symbol.for("eigenlab.backend.registry");
const globalState = globalThis as unknown as Record<symbol, RegistryState | undefined>;
const state: RegistryState = (globalState[REGISTRY_KEY] ??= { backends: new Map([["cpu", cpuBackend]]), defaultChoice: "auto" });
const registry = state.backends;

/** Adds (or replaces) a backend under `b.id`; its kernels get core's input checks. */
export function registerBackend(b: Backend): void {
  registry.set(b.id, withChecks(b));
}

/** Ids of the registered backends ("cpu" always). */
export function registeredBackends(): string[] {
  return [...registry.keys()];
}

/** Sets what `getBackend()` returns when no choice is given: "auto" (the default), "cpu" or "gpu". */
export function setDefaultBackend(choice: BackendChoice): void {
  state.defaultChoice = checkChoice("setDefaultBackend", "choice", choice, CHOICES) as BackendChoice;
}

export function defaultBackend(): BackendChoice {
  return state.defaultChoice;
}

/**
 * The backend to run: an explicit id ("cpu", "gpu", or any registered id), or "auto", which needs the work
 * (`kernel`, `size`) to consult the measured crossovers and falls back to "cpu" without it.
 */
export function getBackend(choice: BackendChoice | string = state.defaultChoice, work?: { kernel: KernelName; size: number }): Backend {
  if (choice === "auto") return work ? autoDecision(work.kernel, work.size).backend : (registry.get("cpu") as Backend);
  const b = registry.get(choice);
  if (!b) throw new EigenlabError("unknown-backend", message.unknownBackend(choice, [...CHOICES, ...registry.keys()].filter((v, i, a) => a.indexOf(v) === i)));
  return b;
}
