/**
 * The WebAssembly runtime of the dense kernels: one shared WebAssembly memory, the SIMD modules instantiated
 * on it (wasm/*.wat, assembled by scripts/build-wasm.js), and the lending of that memory to one caller at a
 * time. The worker threads that share the memory are in pool.ts; the kernels that use it are gemm.ts,
 * packed-rows.ts and the callers of `withWasmScratch` (Lanczos, the tridiagonal reduction, one-sided Jacobi).
 *
 * Everything here degrades to null when the engine lacks WebAssembly SIMD or shared memory: every caller
 * then runs its plain TypeScript loop.
 */
import { WASM_BASE64 as GEMM_BASE64 } from "./wasm/gemm-wasm";
import { WASM_BASE64 as JACOBI_BASE64 } from "./wasm/jacobi-wasm";
import { WASM_BASE64 as KNN_FILTER_BASE64 } from "./wasm/knn-filter-wasm";
import { WASM_BASE64 as NNDESCENT_BASE64 } from "./wasm/nndescent-wasm";
import { WASM_BASE64 as VECTOR_BLOCK_BASE64 } from "./wasm/vector-block-wasm";

export const PAGE = 65536;
export const MAX_PAGES = 32768; // must match the (memory 1 32768 shared) import in gemm.wat

/** The slice of the WebAssembly JS API we use (lib ES2022 does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The instantiated SIMD kernels; every pointer and stride argument is in bytes. */
export interface Engine {
  memory: WasmMemory;
  gemmBlock: (a: number, b: number, c: number, kc: number, mp: number, jr0: number, jr1: number, ldc: number) => void;
  /** gemmBlock for A micro-panels of 4 plain values per column (not duplicated): packed-rows.ts. */
  gemmBlockSplat: (a: number, b: number, c: number, kc: number, mp: number, jr0: number, jr1: number, ldc: number) => void;
  rowDots: (a: number, x: number, y: number, rows: number, len: number, ld: number) => void;
  symvUpper: (a: number, x: number, y: number, len: number, ld: number) => void;
  jacobiSweep: (g: number, v: number, norms: number, n: number, gs: number, vs: number, tol: number) => number;
  subCombination: (w: number, v: number, h: number, count: number, n: number, ld: number) => void;
  tileFilter: (g: number, ld: number, ni: number, nj: number, rowKey: number, colKey: number, limR: number, limC: number, diag: number, codes: number, vals: number) => number;
  /** NN-descent (wasm/nndescent.wat): the side of each row of a random-projection split, and a local join's distances. */
  rowSides: (w: number, d: number, lo: number, hi: number, normal: number, offset: number, side: number) => number;
  pairDists: (w: number, d: number, list: number, nA: number, m: number, dot: number, out: number) => void;
}

let engine: Engine | null | undefined;
let wasmEnabled = true;
/** Bytes at the start of the WebAssembly memory lent to a caller of lendMemory; gemm works past them. */
let reserved = 0;

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(Buffer.from(base64, "base64"));
}

/** The bytes of the gemm module, which the worker threads instantiate on the shared memory. */
export function gemmModuleBytes(): Uint8Array {
  return bytesOf(GEMM_BASE64);
}

function getEngine(): Engine | null {
  if (engine !== undefined) return engine;
  try {
    if (!WA) throw new Error("no WebAssembly");
    const memory = new WA.Memory({ initial: 256, maximum: MAX_PAGES, shared: true });
    const load = (base64: string) => new WA.Instance(new WA.Module(bytesOf(base64)), { env: { memory } }).exports;
    const gemmExports = load(GEMM_BASE64);
    const nnd = load(NNDESCENT_BASE64);
    engine = {
      memory,
      gemmBlock: gemmExports.gemmBlock as Engine["gemmBlock"],
      gemmBlockSplat: gemmExports.gemmBlockSplat as Engine["gemmBlockSplat"],
      rowDots: gemmExports.rowDots as Engine["rowDots"],
      symvUpper: gemmExports.symvUpper as Engine["symvUpper"],
      jacobiSweep: load(JACOBI_BASE64).jacobiSweep as Engine["jacobiSweep"],
      subCombination: load(VECTOR_BLOCK_BASE64).subCombination as Engine["subCombination"],
      tileFilter: load(KNN_FILTER_BASE64).tileFilter as Engine["tileFilter"],
      rowSides: nnd.rowSides as Engine["rowSides"],
      pairDists: nnd.pairDists as Engine["pairDists"],
    };
  } catch {
    engine = null; // no SIMD or no shared memory in this engine: the TypeScript loop serves
  }
  return engine;
}

/** The engine when WebAssembly is enabled and available, else null. */
export function activeEngine(): Engine | null {
  return wasmEnabled ? getEngine() : null;
}

/** Turns the WebAssembly path on or off (tests compare it with the TypeScript fallback). Returns the old state. */
export function setWasmEnabled(on: boolean): boolean {
  const old = wasmEnabled;
  wasmEnabled = on;
  return old;
}

/** Bytes at the start of WebAssembly memory currently lent out (0 when none): gemm places its blocks past them. */
export function reservedBytes(): number {
  return reserved;
}

/** Grows the WebAssembly memory to hold at least `pages` pages. */
export function ensurePages(e: Engine, pages: number): void {
  const have = e.memory.buffer.byteLength / PAGE;
  if (pages > have) e.memory.grow(pages - have);
}

/**
 * Runs `fn` with the first `bytes` of WebAssembly memory lent to it (memory grown as needed), or with null
 * when WebAssembly is off, the memory is already lent (not re-entrant) or `bytes` would not fit. gemm keeps
 * working meanwhile, on memory past the lent region.
 */
export function lendMemory<T>(bytes: number, fn: (e: Engine | null) => T): T {
  const e = activeEngine();
  if (!e || reserved !== 0) return fn(null);
  const need = Math.ceil((bytes + 64) / PAGE);
  if (need > MAX_PAGES) return fn(null);
  ensurePages(e, need);
  reserved = bytes;
  try {
    return fn(e);
  } finally {
    reserved = 0;
  }
}

/** A region of WebAssembly memory a kernel can work in directly, plus the SIMD kernels that act on it. */
export interface WasmScratch {
  /** The region, `doubles` long (a view of WebAssembly memory: valid until the callback returns). */
  f64: Float64Array;
  /** y[i] = Σ_c A[i, c]·x[c] (i < rows, c < len); all arguments are element indices into f64, ld in elements. */
  rowDots(aIdx: number, xIdx: number, yIdx: number, rows: number, len: number, ld: number): void;
  /**
   * y = S x for the symmetric len×len S given by its upper triangle in memory (S[r, c] = f64[aIdx + r·ld + c],
   * c ≥ r; the rest is never read), streaming that triangle once (gemm.wat symvUpper); element indices.
   */
  symvUpper(aIdx: number, xIdx: number, yIdx: number, len: number, ld: number): void;
  /** w[r] −= Σ_{i<count} h[i]·V[vIdx + i·ld + r] for r < n (wasm/vector-block.wat); element indices. */
  subCombination(wIdx: number, vIdx: number, hIdx: number, count: number, n: number, ld: number): void;
  /**
   * One cyclic one-sided Jacobi sweep (wasm/jacobi.wat) over n columns of G (stride gs, even) and V
   * (stride vs, even) with squared norms at normsIdx; element indices. Returns the rotations applied.
   */
  jacobiSweep(gIdx: number, vIdx: number, normsIdx: number, n: number, gs: number, vs: number, tol: number): number;
}

/**
 * Runs `fn` with a scratch region of `doubles` float64s inside WebAssembly memory (so SIMD kernels read
 * it without copies), or with null when WebAssembly is off or the region is already lent (not re-entrant).
 * gemm keeps working meanwhile, on memory past the region.
 */
export function withWasmScratch<T>(doubles: number, fn: (s: WasmScratch | null) => T): T {
  return lendMemory(Math.ceil((doubles * 8) / 64) * 64, (e) => {
    if (!e) return fn(null);
    return fn({
      f64: new Float64Array(e.memory.buffer, 0, doubles),
      rowDots: (aIdx, xIdx, yIdx, rows, len, ld) => e.rowDots(aIdx * 8, xIdx * 8, yIdx * 8, rows, len, ld * 8),
      symvUpper: (aIdx, xIdx, yIdx, len, ld) => e.symvUpper(aIdx * 8, xIdx * 8, yIdx * 8, len, ld * 8),
      subCombination: (wIdx, vIdx, hIdx, count, n, ld) => e.subCombination(wIdx * 8, vIdx * 8, hIdx * 8, count, n, ld * 8),
      jacobiSweep: (g, v, nm, n, gs, vs, tol) => e.jacobiSweep(g * 8, v * 8, nm * 8, n, gs, vs, tol),
    });
  });
}

/** The bytes of the NN-descent module, which the join's worker threads instantiate on the shared memory. */
export function nndescentModuleBytes(): Uint8Array {
  return bytesOf(NNDESCENT_BASE64);
}
