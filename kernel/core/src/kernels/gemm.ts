/**
 * General matrix product C ← α·op(A)·op(B) + β·C on row-major Float64Arrays (BLAS dgemm semantics with
 * offsets and leading dimensions, so blocked algorithms can update sub-blocks in place).
 *
 * Fast path: a WebAssembly SIMD (f64x2) register-blocked 4×4 micro-kernel (wasm/gemm.wat) over operands
 * packed GotoBLAS-style (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS
 * 34(3), 2008): B is packed per k-block into 4-column micro-panels that stay in L1, A per (m, k)-block into
 * 4-row micro-panels that stay in L2. No npm BLAS reaches this speed in float64 without native code, which
 * tslab notebooks cannot rely on, hence our own kernel.
 *
 * Threads: the column micro-panels of each block are split between the calling thread and worker threads
 * sharing the same WebAssembly memory. Every entry of C is produced by exactly one thread with the same
 * kernel and the same k-order, so results are bit-for-bit identical for any thread count.
 *
 * Fallback: a plain TypeScript loop (also used for small products, where packing does not pay, and when the
 * engine lacks WebAssembly SIMD or shared memory).
 */
import { cpus } from "os";
import { Worker } from "worker_threads";
import { WASM_BASE64 } from "./wasm/gemm-wasm";
import { WASM_BASE64 as JACOBI_BASE64 } from "./wasm/jacobi-wasm";
import { WASM_BASE64 as KNN_FILTER_BASE64 } from "./wasm/knn-filter-wasm";
import { WASM_BASE64 as VECTOR_BLOCK_BASE64 } from "./wasm/vector-block-wasm";

const KC = 256; // k-block: a 4×KC micro-panel of B is 8 KiB (L1)
const MC = 128; // m-block: an MC×KC block of packed A is 256 KiB (L2)
const PAGE = 65536;
const MAX_PAGES = 32768; // must match the (memory 1 32768 shared) import in gemm.wat
/** Below this many multiply-adds the plain loop wins over packing. */
const WASM_MIN_FLOPS = 48 * 48 * 48;
/** Below this many multiply-adds per thread a second thread costs more than it saves. */
const THREAD_MIN_FLOPS = 128 * 128 * 128;

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

interface Engine {
  memory: WasmMemory;
  gemmBlock: (a: number, b: number, c: number, kc: number, mp: number, jr0: number, jr1: number, ldc: number) => void;
  rowDots: (a: number, x: number, y: number, rows: number, len: number, ld: number) => void;
  jacobiSweep: (g: number, v: number, norms: number, n: number, gs: number, vs: number, tol: number) => number;
  subCombination: (w: number, v: number, h: number, count: number, n: number, ld: number) => void;
  tileFilter: (g: number, ld: number, ni: number, nj: number, rowKey: number, colKey: number, limR: number, limC: number, diag: number, codes: number, vals: number) => number;
  workers: Worker[];
  ctrl: Int32Array;
}

let engine: Engine | null | undefined;
// `cpus` is absent when core is bundled for a browser (the lab's renderer reaches core through viz): one thread.
let wantedThreads = Math.max(1, Math.min(2, typeof cpus === "function" ? cpus().length : 1));
let wasmEnabled = true;

// Control block shared with workers. Work is handed out dynamically: the column micro-panels of a block are
// cut into chunks, and every thread (the caller too) claims the next chunk by compare-and-swap on NEXT =
// (generation << 16) | chunk index. A descheduled worker therefore never stalls the caller, and since each
// C tile is computed whole by one thread with the same kernel, which thread takes it changes no bit.
const SEQ = 0; // generation counter; workers sleep on it
const DONE = 1; // chunks finished in this generation
const NEXT = 2;
const TOTAL = 3;
const ARG = 4; // a, b, c, kc, mp, npan, ldc, chunk

const GRAB_SOURCE = `
function grab(ctrl, gemmBlock) {
  for (;;) {
    const cur = Atomics.load(ctrl, ${NEXT});
    const idx = cur & 0xffff;
    const total = ctrl[${TOTAL}];
    if (idx >= total) return;
    const a = ctrl[${ARG}], b = ctrl[${ARG} + 1], c = ctrl[${ARG} + 2], kc = ctrl[${ARG} + 3], mp = ctrl[${ARG} + 4];
    const npan = ctrl[${ARG} + 5], ldc = ctrl[${ARG} + 6], chunk = ctrl[${ARG} + 7];
    if (Atomics.compareExchange(ctrl, ${NEXT}, cur, cur + 1) !== cur) continue;
    const jr0 = idx * chunk;
    gemmBlock(a, b, c, kc, mp, jr0, Math.min(npan, jr0 + chunk), ldc);
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
}
`;
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const grab = new Function(`${GRAB_SOURCE}; return grab;`)() as (ctrl: Int32Array, g: Engine["gemmBlock"]) => void;

const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { memory, ctrl, bytes, seq } = workerData;
const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
const gemmBlock = inst.exports.gemmBlock;
${GRAB_SOURCE}
let seen = seq;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  seen = Atomics.load(ctrl, ${SEQ});
  grab(ctrl, gemmBlock);
}
`;

function wasmBytes(): Uint8Array {
  return Uint8Array.from(Buffer.from(WASM_BASE64, "base64"));
}

function getEngine(): Engine | null {
  if (engine !== undefined) return engine;
  try {
    if (!WA) throw new Error("no WebAssembly");
    const bytes = wasmBytes();
    const memory = new WA.Memory({ initial: 256, maximum: MAX_PAGES, shared: true });
    const inst = new WA.Instance(new WA.Module(bytes), { env: { memory } });
    engine = {
      memory,
      gemmBlock: inst.exports.gemmBlock as Engine["gemmBlock"],
      rowDots: inst.exports.rowDots as Engine["rowDots"],
      jacobiSweep: new WA.Instance(new WA.Module(Uint8Array.from(Buffer.from(JACOBI_BASE64, "base64"))), { env: { memory } }).exports
        .jacobiSweep as Engine["jacobiSweep"],
      subCombination: new WA.Instance(new WA.Module(Uint8Array.from(Buffer.from(VECTOR_BLOCK_BASE64, "base64"))), { env: { memory } }).exports
        .subCombination as Engine["subCombination"],
      tileFilter: new WA.Instance(new WA.Module(Uint8Array.from(Buffer.from(KNN_FILTER_BASE64, "base64"))), { env: { memory } }).exports
        .tileFilter as Engine["tileFilter"],
      workers: [],
      ctrl: new Int32Array(new SharedArrayBuffer(4 * (ARG + 8))),
    };
  } catch {
    engine = null; // no SIMD or no shared memory in this engine: the TypeScript loop serves
  }
  return engine;
}

function ensureWorkers(e: Engine, count: number): void {
  if (e.workers.length >= count) return;
  const bytes = wasmBytes();
  for (let i = e.workers.length; i < count; i++) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { memory: e.memory, ctrl: e.ctrl, bytes, seq: Atomics.load(e.ctrl, SEQ) } });
    w.unref(); // never keeps the process alive
    e.workers.push(w);
  }
}

/**
 * Threads used by the dense kernels (the calling thread included). Default min(2, cores). Results do not
 * depend on it. Returns the previous value.
 */
export function setBlasThreads(n: number): number {
  const old = wantedThreads;
  wantedThreads = Math.max(1, Math.min(16, Math.floor(n)));
  return old;
}

export function blasThreads(): number {
  return wantedThreads;
}

/** Turns the WebAssembly path on or off (tests compare it with the TypeScript fallback). Returns the old state. */
export function setWasmEnabled(on: boolean): boolean {
  const old = wasmEnabled;
  wasmEnabled = on;
  return old;
}

/** Bytes at the start of the WebAssembly memory lent to a caller of withWasmScratch; gemm works past them. */
let reserved = 0;

/** A region of WebAssembly memory a kernel can work in directly, plus the SIMD kernels that act on it. */
export interface WasmScratch {
  /** The region, `doubles` long (a view of WebAssembly memory: valid until the callback returns). */
  f64: Float64Array;
  /** y[i] = Σ_c A[i, c]·x[c] (i < rows, c < len); all arguments are element indices into f64, ld in elements. */
  rowDots(aIdx: number, xIdx: number, yIdx: number, rows: number, len: number, ld: number): void;
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
  const e = wasmEnabled ? getEngine() : null;
  if (!e || reserved !== 0) return fn(null);
  const bytes = Math.ceil((doubles * 8) / 64) * 64;
  const need = Math.ceil((bytes + 64) / PAGE);
  const have = e.memory.buffer.byteLength / PAGE;
  if (need > MAX_PAGES) return fn(null);
  if (need > have) e.memory.grow(need - have);
  reserved = bytes;
  try {
    const f64 = new Float64Array(e.memory.buffer, 0, doubles);
    return fn({
      f64,
      rowDots: (aIdx, xIdx, yIdx, rows, len, ld) => e.rowDots(aIdx * 8, xIdx * 8, yIdx * 8, rows, len, ld * 8),
      subCombination: (wIdx, vIdx, hIdx, count, n, ld) => e.subCombination(wIdx * 8, vIdx * 8, hIdx * 8, count, n, ld * 8),
      jacobiSweep: (g, v, nm, n, gs, vs, tol) => e.jacobiSweep(g * 8, v * 8, nm * 8, n, gs, vs, tol),
    });
  } finally {
    reserved = 0;
  }
}

/** Which kernel a product of this size runs on: "wasm-simd" or "js". */
export function gemmBackend(): "wasm-simd" | "js" {
  return wasmEnabled && getEngine() !== null ? "wasm-simd" : "js";
}

/**
 * C[cOff + i·ldc + j] ← α·Σ_p op(A)[i,p]·op(B)[p,j] + β·C[...] for i < m, j < n, p < k, where
 * op(A)[i,p] = transA ? A[aOff + p·lda + i] : A[aOff + i·lda + p] (likewise B). β = 0 ignores C's contents.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Float64Array,
  aOff: number,
  lda: number,
  B: Float64Array,
  bOff: number,
  ldb: number,
  beta: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) {
    scaleBlock(C, cOff, ldc, m, n, beta);
    return;
  }
  const e = wasmEnabled && m * n * k >= WASM_MIN_FLOPS ? getEngine() : null;
  if (e && wasmBytesNeeded(m, n) > MAX_PAGES * PAGE) {
    // The padded C block would not fit in WebAssembly memory: split the rows of C (and A) in halves.
    if (m <= 8) {
      gemmJs(transA, transB, m, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
      return;
    }
    const h = (m >> 1) & ~3;
    gemm(transA, transB, h, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
    gemm(transA, transB, m - h, n, k, alpha, A, aOff + (transA ? h : h * lda), lda, B, bOff, ldb, beta, C, cOff + h * ldc, ldc);
    return;
  }
  if (e) gemmWasm(e, transA, transB, m, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
  else gemmJs(transA, transB, m, n, k, alpha, A, aOff, lda, B, bOff, ldb, beta, C, cOff, ldc);
}

/** Bytes of WebAssembly memory gemmWasm needs for an m×n product (padded C, packed B and A blocks). */
function wasmBytesNeeded(m: number, n: number): number {
  const mpad = (m + 3) & ~3;
  const npad = (n + 3) & ~3;
  return reserved + mpad * npad * 8 + KC * npad * 8 + MC * KC * 8;
}

function scaleBlock(C: Float64Array, cOff: number, ldc: number, m: number, n: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const r = cOff + i * ldc;
    if (beta === 0) C.fill(0, r, r + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) C[r + j] *= beta;
  }
}

/** The simple, obviously-correct path: i-p-j loop order (contiguous in B and C for the plain case). */
export function gemmJs(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Float64Array,
  aOff: number,
  lda: number,
  B: Float64Array,
  bOff: number,
  ldb: number,
  beta: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
): void {
  scaleBlock(C, cOff, ldc, m, n, beta);
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const a = transA ? A[aOff + p * lda + i] : A[aOff + i * lda + p];
      if (a === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) row[j] += a * B[bOff + j * ldb + p];
      } else {
        const b0 = bOff + p * ldb;
        for (let j = 0; j < n; j++) row[j] += a * B[b0 + j];
      }
    }
    const r = cOff + i * ldc;
    for (let j = 0; j < n; j++) C[r + j] += alpha * row[j];
  }
}

/**
 * gemmBlock over column micro-panels [0, npan) of packed B, shared between `threads` threads (the caller
 * included) that claim chunks of panels; every C tile is computed whole by one thread.
 */
function runBlock(e: Engine, threads: number, aBase: number, bBase: number, cTile: number, kc: number, mp: number, npan: number, ldcBytes: number): void {
  if (threads <= 1) {
    e.gemmBlock(aBase, bBase, cTile, kc, mp, 0, npan, ldcBytes);
    return;
  }
  const ctrl = e.ctrl;
  const chunk = Math.max(2, Math.ceil(npan / (8 * threads)));
  const total = Math.ceil(npan / chunk);
  const seq = (Atomics.load(ctrl, SEQ) + 1) | 0;
  ctrl[ARG] = aBase;
  ctrl[ARG + 1] = bBase;
  ctrl[ARG + 2] = cTile;
  ctrl[ARG + 3] = kc;
  ctrl[ARG + 4] = mp;
  ctrl[ARG + 5] = npan;
  ctrl[ARG + 6] = ldcBytes;
  ctrl[ARG + 7] = chunk;
  ctrl[TOTAL] = total;
  Atomics.store(ctrl, DONE, 0);
  Atomics.store(ctrl, NEXT, (seq & 0x7fff) << 16);
  Atomics.store(ctrl, SEQ, seq);
  Atomics.notify(ctrl, SEQ);
  grab(ctrl, e.gemmBlock);
  for (;;) {
    const done = Atomics.load(ctrl, DONE);
    if (done >= total) break;
    Atomics.wait(ctrl, DONE, done);
  }
}

/** Dot products of the rows of one n×d matrix with each other, from operands packed once (see withPackedRows). */
export interface PackedRows {
  /** `extra` doubles of WebAssembly memory for the caller's keys and limits (read by `filter`). */
  readonly extra: Float64Array;
  /** The hits of the last `filter` call: code a·65536 + c and key v (valid until the next call). */
  readonly codes: Int32Array;
  readonly vals: Float64Array;
  /**
   * G[a·ld + c] = x_{i0+a} · y_c for a < ni, where y runs over the rows of the listed blocks in order
   * (block t: rows starts[t] .. starts[t] + lens[t], its columns from Σ_{u<t} ⌈lens[u]⌉₄, where ⌈·⌉₄ rounds up
   * to a multiple of 4). Returns the row stride ld of G, which stays in WebAssembly memory for `filter`.
   * i0 and every start must be multiples of 4; ni ≤ rowCap and Σ ⌈lens⌉₄ ≤ colCap.
   */
  dots(i0: number, ni: number, starts: Int32Array, lens: Int32Array, count: number): number;
  /**
   * Scans columns c0 .. c0+nj of the last `dots` tile for keys v = rowKey[a] + colKey[c] − 2·G[a, c0 + c] with
   * v ≤ limR[a] or v ≤ limC[c] (wasm/knn-filter.wat; c > a only when `diag`), writing them to codes/vals;
   * the four arguments are element offsets into `extra`. Returns the number of hits.
   */
  filter(c0: number, ni: number, nj: number, diag: boolean, rowKey: number, colKey: number, limR: number, limC: number): number;
}

/**
 * Runs `fn` with a session that packs the rows of X (n×d, row-major) once into 4-row micro-panels inside
 * WebAssembly memory — a micro-panel of A and one of Bᵀ have the same layout, so the one packed copy serves as
 * both operands of X·Xᵀ — and then computes row-block × block-list products with the SIMD micro-kernel,
 * split between the worker threads like gemm (same kernel, same p-order: bit-identical for any thread count).
 * No per-call packing or copying of C, which dominate a plain gemm call at d ≈ 64. Null when WebAssembly is
 * off, memory is lent (not re-entrant) or the operands would not fit: the caller then uses gemm.
 */
export function withPackedRows<T>(X: Float64Array, n: number, d: number, rowCap: number, colCap: number, extra: number, fn: (s: PackedRows | null) => T): T {
  const e = wasmEnabled && n > 0 && d > 0 ? getEngine() : null;
  if (!e || reserved !== 0) return fn(null);
  const np = (n + 3) >> 2;
  const panelBytes = 32 * d;
  const colPad = (colCap + 3) & ~3;
  const rowPad = (rowCap + 3) & ~3;
  const align = (b: number) => Math.ceil(b / 64) * 64;
  const packedBase = 0;
  const stageBase = packedBase + np * panelBytes;
  const cBase = stageBase + (colPad >> 2) * panelBytes;
  const extraBase = align(cBase + rowPad * colPad * 8);
  const valsBase = align(extraBase + extra * 8);
  const codesBase = align(valsBase + rowPad * colPad * 8);
  const total = align(codesBase + rowPad * colPad * 4);
  const need = Math.ceil((total + 64) / PAGE);
  if (need > MAX_PAGES || rowCap > 65536 || colCap > 65536) return fn(null);
  const have = e.memory.buffer.byteLength / PAGE;
  if (need > have) e.memory.grow(need - have);
  reserved = total;
  try {
    const buffer = e.memory.buffer;
    const mem = new Float64Array(buffer);
    // Panel q, column p → the 4 values X[4q..4q+3, p] (zeros past row n).
    for (let q = 0; q < np; q++) {
      const base = (packedBase + q * panelBytes) >> 3;
      for (let r = 0; r < 4; r++) {
        const i = 4 * q + r;
        if (i >= n) for (let p = 0; p < d; p++) mem[base + 4 * p + r] = 0;
        else for (let p = 0, src = i * d; p < d; p++) mem[base + 4 * p + r] = X[src + p];
      }
    }
    let ld = 0;
    let rows = 0;
    const session: PackedRows = {
      extra: new Float64Array(buffer, extraBase, extra),
      codes: new Int32Array(buffer, codesBase, rowPad * colPad),
      vals: new Float64Array(buffer, valsBase, rowPad * colPad),
      dots(i0, ni, starts, lens, count) {
        let cols = 0;
        let panels = 0;
        for (let t = 0; t < count; t++) {
          const pq = (lens[t] + 3) >> 2;
          const from = (packedBase + (starts[t] >> 2) * panelBytes) >> 3;
          mem.copyWithin((stageBase + panels * panelBytes) >> 3, from, from + pq * (panelBytes >> 3));
          panels += pq;
          cols += lens[t];
        }
        ld = panels * 4;
        rows = ni;
        const mp = (ni + 3) >> 2;
        const cF = cBase >> 3;
        mem.fill(0, cF, cF + mp * 4 * ld);
        const threads = Math.min(wantedThreads, panels, Math.max(1, Math.floor((ni * cols * d) / THREAD_MIN_FLOPS)));
        if (threads > 1) ensureWorkers(e, threads - 1);
        runBlock(e, threads, packedBase + (i0 >> 2) * panelBytes, stageBase, cBase, d, mp, panels, ld * 8);
        return ld;
      },
      filter(c0, ni, nj, diag, rowKey, colKey, limR, limC) {
        if (ni > rows || c0 + nj > ld) throw new RangeError("filter outside the last product tile");
        return e.tileFilter(cBase + c0 * 8, ld * 8, ni, nj, extraBase + rowKey * 8, extraBase + colKey * 8, extraBase + limR * 8, extraBase + limC * 8, diag ? 1 : 0, codesBase, valsBase);
      },
    };
    return fn(session);
  } finally {
    reserved = 0;
  }
}

function gemmWasm(
  e: Engine,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Float64Array,
  aOff: number,
  lda: number,
  B: Float64Array,
  bOff: number,
  ldb: number,
  beta: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
): void {
  const mpad = (m + 3) & ~3;
  const npad = (n + 3) & ~3;
  const npan = npad >> 2;
  // Byte layout in wasm memory: [C padded mpad×npad][packed B KC×npad][packed A MC×KC].
  const cBase = reserved;
  const cBytes = mpad * npad * 8;
  const bBase = cBase + cBytes;
  const aBase = bBase + KC * npad * 8;
  const total = aBase + MC * KC * 8;
  const need = Math.ceil(total / PAGE);
  const have = e.memory.buffer.byteLength / PAGE;
  if (need > have) e.memory.grow(need - have);
  const mem = new Float64Array(e.memory.buffer);
  // C region: β·C, zero padding.
  const cF = cBase >> 3;
  for (let i = 0; i < mpad; i++) {
    const r = cF + i * npad;
    if (i < m && beta !== 0) {
      const s = cOff + i * ldc;
      for (let j = 0; j < n; j++) mem[r + j] = beta * C[s + j];
      mem.fill(0, r + n, r + npad);
    } else mem.fill(0, r, r + npad);
  }
  const threads = Math.min(wantedThreads, npan, Math.max(1, Math.floor((m * n * k) / THREAD_MIN_FLOPS)));
  if (threads > 1) ensureWorkers(e, threads - 1);
  const bF = bBase >> 3;
  const aF = aBase >> 3;
  const ldcBytes = npad * 8;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    // Pack B[pc..pc+kc, 0..n] into 4-column micro-panels: panel jr, row p → 4 consecutive values.
    for (let jr = 0; jr < npan; jr++) {
      const base = bF + jr * 4 * kc;
      const j0 = jr * 4;
      for (let q = 0; q < 4; q++) {
        const j = j0 + q;
        if (j >= n) {
          for (let p = 0; p < kc; p++) mem[base + p * 4 + q] = 0;
        } else if (transB) {
          const src = bOff + j * ldb + pc;
          for (let p = 0; p < kc; p++) mem[base + p * 4 + q] = B[src + p];
        } else {
          let src = bOff + pc * ldb + j;
          for (let p = 0; p < kc; p++, src += ldb) mem[base + p * 4 + q] = B[src];
        }
      }
    }
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      const mp = (mc + 3) >> 2;
      // Pack α·A[ic..ic+mc, pc..pc+kc] into 4-row micro-panels: panel ir, column p → 4 consecutive values.
      for (let ir = 0; ir < mp; ir++) {
        const base = aF + ir * 4 * kc;
        for (let q = 0; q < 4; q++) {
          const i = ic + ir * 4 + q;
          if (i >= m) {
            for (let p = 0; p < kc; p++) mem[base + p * 4 + q] = 0;
          } else if (transA) {
            let src = aOff + pc * lda + i;
            for (let p = 0; p < kc; p++, src += lda) mem[base + p * 4 + q] = alpha * A[src];
          } else {
            const src = aOff + i * lda + pc;
            for (let p = 0; p < kc; p++) mem[base + p * 4 + q] = alpha * A[src + p];
          }
        }
      }
      runBlock(e, threads, aBase, bBase, cBase + ic * ldcBytes, kc, mp, npan, ldcBytes);
    }
  }
  for (let i = 0; i < m; i++) {
    const r = cF + i * npad;
    const d = cOff + i * ldc;
    for (let j = 0; j < n; j++) C[d + j] = mem[r + j];
  }
}
