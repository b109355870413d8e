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
 * Threads: the column micro-panels of each block are split between the calling thread and the worker threads
 * of pool.ts, which share the runtime's WebAssembly memory (runtime.ts). Every entry of C is produced by exactly one thread with the same
 * kernel and the same k-order, so results are bit-for-bit identical for any thread count.
 *
 * Fallback: a plain TypeScript loop (also used for small products, where packing does not pay, and when the
 * engine lacks WebAssembly SIMD or shared memory).
 */
import { activeEngine, Engine, ensurePages, MAX_PAGES, PAGE, reservedBytes } from "./runtime";
import { runBlock, threadsFor } from "./pool";

const KC = 256; // k-block: a 4×KC micro-panel of B is 8 KiB (L1)
const MC = 128; // m-block: an MC×KC block of packed A (each value twice, see gemm.wat) is 512 KiB (L2)
/** Below this many multiply-adds the plain loop wins over packing. */
const WASM_MIN_FLOPS = 48 * 48 * 48;

/** Which kernel a product of this size runs on: "wasm-simd" or "js". */
export function gemmBackend(): "wasm-simd" | "js" {
  return activeEngine() !== null ? "wasm-simd" : "js";
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
  const e = m * n * k >= WASM_MIN_FLOPS ? activeEngine() : null;
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
  return reservedBytes() + mpad * npad * 8 + KC * npad * 8 + MC * KC * 16;
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
  // Byte layout in wasm memory: [C padded mpad×npad][packed B KC×npad][packed A MC×KC, duplicated].
  const cBase = reservedBytes();
  const cBytes = mpad * npad * 8;
  const bBase = cBase + cBytes;
  const aBase = bBase + KC * npad * 8;
  const total = aBase + MC * KC * 16;
  ensurePages(e, Math.ceil(total / PAGE));
  const mem = new Float64Array(e.memory.buffer);
  // C region: β·C, zero padding. Whole rows move with TypedArray.set / fill (memcpy / memset), which matters for
  // the low-rank updates of the blocked factorizations (k = 32–128), where copying C is a large share of the time.
  const cF = cBase >> 3;
  if (beta === 0) mem.fill(0, cF, cF + mpad * npad);
  else {
    for (let i = 0; i < m; i++) {
      const r = cF + i * npad;
      const s = cOff + i * ldc;
      if (beta === 1) mem.set(C.subarray(s, s + n), r);
      else for (let j = 0; j < n; j++) mem[r + j] = beta * C[s + j];
      if (npad > n) mem.fill(0, r + n, r + npad);
    }
    mem.fill(0, cF + m * npad, cF + mpad * npad);
  }
  const threads = threadsFor(e, m * n * k, npan);
  const bF = bBase >> 3;
  const aF = aBase >> 3;
  const ldcBytes = npad * 8;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    // Pack B[pc..pc+kc, 0..n] into 4-column micro-panels: panel jr, row p → 4 consecutive values. Both layouts
    // are read along their contiguous direction (rows of B, or rows of Bᵀ).
    const kc4 = 4 * kc;
    if (npad > n) for (let jr = n >> 2; jr < npan; jr++) mem.fill(0, bF + jr * kc4, bF + (jr + 1) * kc4);
    if (transB) {
      for (let j = 0; j < n; j++) {
        const src = bOff + j * ldb + pc;
        const base = bF + (j >> 2) * kc4 + (j & 3);
        for (let p = 0; p < kc; p++) mem[base + p * 4] = B[src + p];
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = bOff + (pc + p) * ldb;
        let dst = bF + p * 4;
        let j = 0;
        for (; j + 3 < n; j += 4, dst += kc4) {
          mem[dst] = B[src + j];
          mem[dst + 1] = B[src + j + 1];
          mem[dst + 2] = B[src + j + 2];
          mem[dst + 3] = B[src + j + 3];
        }
        for (let q = 0; j < n; j++, q++) mem[dst + q] = B[src + j];
      }
    }
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      const mp = (mc + 3) >> 2;
      // Pack α·A[ic..ic+mc, pc..pc+kc] into 4-row micro-panels: panel ir, column p → the 4 values, each twice
      // (both f64x2 lanes, see the micro-kernel in gemm.wat), reading A (or Aᵀ) along its rows.
      const kc8 = 8 * kc;
      if (mp * 4 > mc) mem.fill(0, aF + (mp - 1) * kc8, aF + mp * kc8);
      if (transA) {
        for (let p = 0; p < kc; p++) {
          const src = aOff + (pc + p) * lda + ic;
          let dst = aF + p * 8;
          let i = 0;
          for (; i + 3 < mc; i += 4, dst += kc8) {
            const x0 = alpha * A[src + i];
            const x1 = alpha * A[src + i + 1];
            const x2 = alpha * A[src + i + 2];
            const x3 = alpha * A[src + i + 3];
            mem[dst] = x0;
            mem[dst + 1] = x0;
            mem[dst + 2] = x1;
            mem[dst + 3] = x1;
            mem[dst + 4] = x2;
            mem[dst + 5] = x2;
            mem[dst + 6] = x3;
            mem[dst + 7] = x3;
          }
          for (let q = 0; i < mc; i++, q += 2) {
            const x = alpha * A[src + i];
            mem[dst + q] = x;
            mem[dst + q + 1] = x;
          }
        }
      } else {
        for (let i = 0; i < mc; i++) {
          const src = aOff + (ic + i) * lda + pc;
          const base = aF + (i >> 2) * kc8 + 2 * (i & 3);
          for (let p = 0; p < kc; p++) {
            const x = alpha * A[src + p];
            mem[base + p * 8] = x;
            mem[base + p * 8 + 1] = x;
          }
        }
      }
      runBlock(e, threads, aBase, bBase, cBase + ic * ldcBytes, kc, mp, npan, ldcBytes);
    }
  }
  for (let i = 0; i < m; i++) {
    const r = cF + i * npad;
    C.set(mem.subarray(r, r + n), cOff + i * ldc);
  }
}
