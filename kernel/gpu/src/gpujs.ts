/**
 * The ONLY module that touches gpu.js (pinned to 2.24.1): gpu.js announces a v3 whose kernels return
 * Promises, so every call to it lives here and the rest of the package sees plain synchronous tile functions.
 *
 * Modes in Node (see README, "GPU backend"): "cpu" (GPU.js's JavaScript kernel; accumulates in float64,
 * rounds the output to float32), "webasm" (its WebAssembly kernel), "headlessgl" (WebGL 1 through the npm
 * `gl` addon; needs an X display, and on a machine without a GPU Mesa renders it on the CPU), and "gpu"
 * (GPU.js's own pick: headlessgl when it works, otherwise — silently, in GPU.js — webasm). We never pass
 * that silence on: `GpuJsEngine.kernelMode` is the kernel class that actually runs, and the backend's name
 * is built from it.
 *
 * Kernels are written as source strings (not TypeScript functions) so that no transpiler or coverage tool
 * rewrites the code GPU.js parses. Each is compiled once per engine and cached (a first compile costs 1–7 s
 * on the GL path); outputs are dynamic so one compiled kernel serves every tile size.
 */
import { existsSync, readdirSync } from "fs";
import { GPU } from "gpu.js";

export type GpuJsMode = "cpu" | "gpu" | "webasm" | "headlessgl";
export const GPUJS_MODES: readonly GpuJsMode[] = ["cpu", "webasm", "headlessgl", "gpu"];
export const GPUJS_VERSION = "2.24.1";

export interface ModeProbe {
  requested: GpuJsMode;
  available: boolean;
  /** GPU.js's kernel class mode that would run ("webasm", "headlessgl", "cpu"), when available. */
  kernelMode?: string;
  /** Why it cannot run here, when not available. */
  reason?: string;
}

/** Which GPU.js modes can run in this process, and which kernel each one would really use. */
export function probeModes(): ModeProbe[] {
  return GPUJS_MODES.map((requested) => {
    try {
      const gpu = new GPU({ mode: requested });
      const kernelMode = kernelModeOf(gpu);
      gpu.destroy();
      return { requested, available: true, kernelMode };
    } catch (e) {
      return { requested, available: false, reason: unavailableReason(requested, e) };
    }
  });
}

function unavailableReason(mode: GpuJsMode, e: unknown): string {
  const base = e instanceof Error ? e.message : String(e);
  if (mode === "headlessgl") {
    let gl = "the optional npm addon `gl` loads";
    try {
      require.resolve("gl");
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a probe: the optional native headless-gl binary may be absent
        require("gl");
      } catch {
        gl = "the optional npm addon `gl` is installed but not built (package.json denies its install script; build it with scripts/headlessgl.sh)";
      }
    } catch {
      gl = "the optional npm addon `gl` is not installed (see scripts/headlessgl.sh)";
    }
    const display = process.env.DISPLAY ? `DISPLAY=${process.env.DISPLAY}` : "no X display (DISPLAY unset; run under xvfb-run -a)";
    return `${base}: ${gl}; ${display}`;
  }
  return base;
}

/**
 * The kernel class GPU.js chose, as a mode name. The class's own static `mode` does not tell GL kernels
 * apart (HeadlessGLKernel, WebGLKernel and WebGL2Kernel all answer "gpu"), so the class name decides.
 */
const KERNEL_CLASS_MODES: Record<string, string> = {
  HeadlessGLKernel: "headlessgl",
  WebGL2Kernel: "webgl2",
  WebGLKernel: "webgl",
  WebGPUKernel: "webgpu",
  WebAssemblyKernel: "webasm",
  CPUKernel: "cpu",
};

function kernelModeOf(gpu: GPU): string {
  const K = (gpu as unknown as { Kernel: { name: string; mode: string } }).Kernel;
  return KERNEL_CLASS_MODES[K.name] ?? `${K.mode}(${K.name})`;
}

/** Asks headless-gl (GPU.js's optional dependency) which renderer it gets; "" if it cannot say. */
function glRenderer(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native module, loaded only when a WebGL context is asked for
    const createContext = require("gl") as (w: number, h: number) => {
      RENDERER: number;
      getParameter(p: number): unknown;
      getExtension(name: string): { UNMASKED_RENDERER_WEBGL?: number; destroy?: () => void } | null;
    };
    const gl = createContext(1, 1);
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info?.UNMASKED_RENDERER_WEBGL ?? gl.RENDERER));
    gl.getExtension("STACKGL_destroy_context")?.destroy?.();
    return renderer;
  } catch {
    return "";
  }
}

/**
 * True for the software rasterizers a machine without a GPU falls back to. headless-gl 8 reports only
 * "ANGLE" (no WEBGL_debug_renderer_info), so without a GPU device node (/dev/dri/renderD*, /dev/nvidia*)
 * the GL path is taken to be software rendering (Mesa llvmpipe behind Xvfb).
 */
export function isSoftwareRenderer(renderer: string): boolean {
  if (/llvmpipe|softpipe|swiftshader|software/i.test(renderer)) return true;
  return !hasGpuDeviceNode();
}

function hasGpuDeviceNode(): boolean {
  try {
    if (existsSync("/dev/nvidia0")) return true;
    return existsSync("/dev/dri") && readdirSync("/dev/dri").some((f) => f.startsWith("renderD"));
  } catch {
    return false;
  }
}

type Rows = Float32Array[];
// gpu.js's kernel functions: loosely typed by design (argument types are declared to GPU.js below).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- gpu.js kernels take and return untyped values; each call site casts
type GpuKernel = ((...args: any[]) => any) & { setOutput(o: number[]): void; destroy?: () => void };

const SOURCES = {
  // ‖x_i − y_j‖², summed directly over differences (no cancellation of the ‖x‖² + ‖y‖² − 2x·y form).
  sqdist: `function (X, Y, d) {
    const i = this.thread.y;
    const j = this.thread.x;
    let s = 0.0;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t] - Y[j * d + t];
      s += diff * diff;
    }
    return s;
  }`,
  // exp(−‖x_i − y_j‖² / (sx_i sy_j)); a fixed σ passes sx = sy = σ√2.
  affinity: `function (X, Y, d, sx, sy) {
    const i = this.thread.y;
    const j = this.thread.x;
    let s = 0.0;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t] - Y[j * d + t];
      s += diff * diff;
    }
    return Math.exp(-s / (sx[i] * sy[j]));
  }`,
  // (A_tile · B)[i, c0 + j] for A_tile (rows×k), B (k×n).
  matmul: `function (A, B, k, n, c0) {
    const i = this.thread.y;
    const j = this.thread.x + c0;
    let s = 0.0;
    for (let t = 0; t < k; t++) {
      s += A[i * k + t] * B[t * n + j];
    }
    return s;
  }`,
  // (AᵀA)[r0 + i, c0 + j] for A (m×n).
  gram: `function (A, m, n, r0, c0) {
    const i = this.thread.y + r0;
    const j = this.thread.x + c0;
    let s = 0.0;
    for (let t = 0; t < m; t++) {
      s += A[t * n + i] * A[t * n + j];
    }
    return s;
  }`,
  // (K_tile · v)[i] for K_tile (rows×m).
  rowdot: `function (K, v, m) {
    const i = this.thread.x;
    let s = 0.0;
    for (let j = 0; j < m; j++) {
      s += K[i * m + j] * v[j];
    }
    return s;
  }`,
  // (Kᵀ u)[c0 + j] for K (n×m).
  coldot: `function (K, u, n, m, c0) {
    const j = this.thread.x + c0;
    let s = 0.0;
    for (let i = 0; i < n; i++) {
      s += K[i * m + j] * u[i];
    }
    return s;
  }`,
  // (S · N)[r0 + i, t] for CSR S and N (n×p).
  spmm: `function (indptr, indices, values, N, p, r0) {
    const i = this.thread.y + r0;
    const t = this.thread.x;
    const start = indptr[i];
    const end = indptr[i + 1];
    let s = 0.0;
    for (let q = start; q < end; q++) {
      s += values[q] * N[indices[q] * p + t];
    }
    return s;
  }`,
} as const;

const ARGUMENT_TYPES: Record<keyof typeof SOURCES, Record<string, string>> = {
  sqdist: { X: "Array", Y: "Array", d: "Integer" },
  affinity: { X: "Array", Y: "Array", d: "Integer", sx: "Array", sy: "Array" },
  matmul: { A: "Array", B: "Array", k: "Integer", n: "Integer", c0: "Integer" },
  gram: { A: "Array", m: "Integer", n: "Integer", r0: "Integer", c0: "Integer" },
  rowdot: { K: "Array", v: "Array", m: "Integer" },
  coldot: { K: "Array", u: "Array", n: "Integer", m: "Integer", c0: "Integer" },
  spmm: { indptr: "Array", indices: "Array", values: "Array", N: "Array", p: "Integer", r0: "Integer" },
};

/** Loop bound GPU.js compiles into GL loops with a data-dependent end (the inner dimension). */
const LOOP_MAX = 1 << 20;

/** One GPU.js context in one mode, with its compiled kernels. */
export class GpuJsEngine {
  readonly requested: GpuJsMode;
  /** GPU.js's `gpu.mode` (what was asked for, e.g. "gpu"). */
  readonly gpuMode: string;
  /** The kernel class that actually runs: "webasm", "headlessgl" or "cpu". */
  readonly kernelMode: string;
  /** The GL renderer string on the GL path (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)": Mesa on the CPU), else "". */
  readonly renderer: string;
  /** Largest output/texture side this mode accepts (GL: the driver's MAX_TEXTURE_SIZE). */
  readonly maxTextureSize: number;
  private readonly gpu: GPU;
  private readonly kernels = new Map<string, GpuKernel>();

  constructor(mode: GpuJsMode) {
    this.requested = mode;
    this.gpu = new GPU({ mode });
    const K = (this.gpu as unknown as { Kernel: { features?: { maxTextureSize?: number } } }).Kernel;
    this.gpuMode = this.gpu.mode as string;
    this.kernelMode = kernelModeOf(this.gpu);
    const max = K.features?.maxTextureSize;
    this.renderer = this.kernelMode === "headlessgl" ? glRenderer() : "";
    this.maxTextureSize = typeof max === "number" && Number.isFinite(max) ? max : Number.POSITIVE_INFINITY;
  }

  private kernel(name: keyof typeof SOURCES): GpuKernel {
    let k = this.kernels.get(name);
    if (!k) {
      k = this.gpu.createKernel(SOURCES[name] as never, {
        output: [1],
        dynamicOutput: true,
        dynamicArguments: true,
        argumentTypes: ARGUMENT_TYPES[name] as never,
        precision: "single",
        tactic: "precision",
        loopMaxIterations: LOOP_MAX,
      } as never) as unknown as GpuKernel;
      this.kernels.set(name, k);
    }
    return k;
  }

  private run2d(name: keyof typeof SOURCES, rows: number, cols: number, args: unknown[]): Rows {
    const k = this.kernel(name);
    k.setOutput([cols, rows]);
    const out = k(...args);
    // A 1-row 2D output still comes back as an array of rows in 2.24.1; normalize defensively.
    return out instanceof Float32Array ? [out] : (out as Rows);
  }

  private run1d(name: keyof typeof SOURCES, len: number, args: unknown[]): Float32Array {
    const k = this.kernel(name);
    k.setOutput([len]);
    return k(...args) as Float32Array;
  }

  /** rows×cols block of ‖x_i − y_j‖² for X (rows×d), Y (cols×d). */
  sqDistances(X: Float32Array, rows: number, Y: Float32Array, cols: number, d: number): Rows {
    return this.run2d("sqdist", rows, cols, [X, Y, d]);
  }

  affinity(X: Float32Array, rows: number, Y: Float32Array, cols: number, d: number, sx: Float32Array, sy: Float32Array): Rows {
    return this.run2d("affinity", rows, cols, [X, Y, d, sx, sy]);
  }

  /** Columns c0 .. c0+cols−1 of A_tile (rows×k) · B (k×n). */
  matmul(A: Float32Array, rows: number, k: number, B: Float32Array, n: number, c0: number, cols: number): Rows {
    return this.run2d("matmul", rows, cols, [A, B, k, n, c0]);
  }

  /** Block [r0, r0+rows) × [c0, c0+cols) of AᵀA for A (m×n). */
  gram(A: Float32Array, m: number, n: number, r0: number, rows: number, c0: number, cols: number): Rows {
    return this.run2d("gram", rows, cols, [A, m, n, r0, c0]);
  }

  rowDot(K: Float32Array, rows: number, m: number, v: Float32Array): Float32Array {
    return this.run1d("rowdot", rows, [K, v, m]);
  }

  colDot(K: Float32Array, n: number, m: number, u: Float32Array, c0: number, cols: number): Float32Array {
    return this.run1d("coldot", cols, [K, u, n, m, c0]);
  }

  /** Rows r0 .. r0+rows−1 of S·N for CSR S (as float32 arrays) and N (n×p). */
  spmm(indptr: Float32Array, indices: Float32Array, values: Float32Array, N: Float32Array, p: number, r0: number, rows: number): Rows {
    return this.run2d("spmm", rows, p, [indptr, indices, values, N, p, r0]);
  }

  destroy(): void {
    this.kernels.clear();
    this.gpu.destroy();
  }
}
