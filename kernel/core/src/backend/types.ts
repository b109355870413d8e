/**
 * The types of the compute-backend contract (the `backend` namespace of the public API): the blocks a backend
 * works on, the kernels it implements, and the measured crossover tables "auto" consults. The registry
 * (registry.ts), the CPU reference (cpu.ts), the input checks (checks.ts) and the float64 refinement
 * (refine.ts) all build on this file, and it imports none of them.
 */

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
