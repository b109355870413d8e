/**
 * kNN row packing: the rows of one point cloud packed once into WebAssembly memory, so the many row-block ×
 * block-list dot products of a brute-force neighbour search (graph.knn) run on gemm's SIMD micro-kernel and
 * its thread pool without re-packing, and each product tile is screened in SIMD (wasm/knn-filter.wat).
 */
import { lendMemory } from "./runtime";
import { runBlock, threadsFor } from "./pool";

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
  if (n <= 0 || d <= 0 || rowCap > 65536 || colCap > 65536) return fn(null);
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
  return lendMemory(total, (e) => {
    if (!e) return fn(null);
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
        const threads = threadsFor(e, ni * cols * d, panels);
        runBlock(e, threads, packedBase + (i0 >> 2) * panelBytes, stageBase, cBase, d, mp, panels, ld * 8, true);
        return ld;
      },
      filter(c0, ni, nj, diag, rowKey, colKey, limR, limC) {
        if (ni > rows || c0 + nj > ld) throw new RangeError("filter outside the last product tile");
        return e.tileFilter(cBase + c0 * 8, ld * 8, ni, nj, extraBase + rowKey * 8, extraBase + colKey * 8, extraBase + limR * 8, extraBase + limC * 8, diag ? 1 : 0, codesBase, valsBase);
      },
    };
    return fn(session);
  });
}
