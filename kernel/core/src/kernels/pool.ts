/**
 * The thread pool of the dense kernels: worker threads sharing the runtime's WebAssembly memory, each running
 * the same gemm micro-kernel. Work is handed out dynamically: the column micro-panels of a block are cut into
 * chunks, and every thread (the caller too) claims the next chunk by compare-and-swap on NEXT =
 * (generation << 16) | chunk index. A descheduled worker therefore never stalls the caller, and since each
 * C tile is computed whole by one thread with the same kernel and the same k-order, which thread takes it
 * changes no bit: results are identical for any thread count.
 */
import { cpus } from "os";
import { Worker } from "worker_threads";
import { Engine, gemmModuleBytes } from "./runtime";
import { positiveInteger } from "../validate";

/** Below this many multiply-adds per thread a second thread costs more than it saves. */
const THREAD_MIN_FLOPS = 128 * 128 * 128;

// `cpus` is absent when core is bundled for a browser (the lab's renderer reaches core through viz): one thread.
let wantedThreads = Math.max(1, Math.min(2, typeof cpus === "function" ? cpus().length : 1));

// Control block shared with workers.
const SEQ = 0; // generation counter; workers sleep on it
const DONE = 1; // chunks finished in this generation
const NEXT = 2;
const TOTAL = 3;
const ARG = 4; // a, b, c, kc, mp, npan, ldc, chunk, kernel (0 = gemmBlock, 1 = gemmBlockSplat)

const GRAB_SOURCE = `
function grab(ctrl, kernels) {
  const gemmBlock = kernels[ctrl[${ARG} + 8]];
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
const grab = new Function(`${GRAB_SOURCE}; return grab;`)() as (ctrl: Int32Array, g: Engine["gemmBlock"][]) => void;

const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { memory, ctrl, bytes, seq } = workerData;
const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
const kernels = [inst.exports.gemmBlock, inst.exports.gemmBlockSplat];
${GRAB_SOURCE}
let seen = seq;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  seen = Atomics.load(ctrl, ${SEQ});
  grab(ctrl, kernels);
}
`;

const workers: Worker[] = [];
let control: Int32Array | null = null;

function ctrlBlock(): Int32Array {
  return (control ??= new Int32Array(new SharedArrayBuffer(4 * (ARG + 9))));
}

function ensureWorkers(e: Engine, count: number): void {
  if (workers.length >= count) return;
  const ctrl = ctrlBlock();
  const bytes = gemmModuleBytes();
  for (let i = workers.length; i < count; i++) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { memory: e.memory, ctrl, bytes, seq: Atomics.load(ctrl, SEQ) } });
    w.unref(); // never keeps the process alive
    workers.push(w);
  }
}

/**
 * Threads used by the dense kernels (the calling thread included). Default min(2, cores). Results do not
 * depend on it. `n` must be a positive integer (more than 16 is capped at 16). Returns the previous value.
 *
 * @example
 * ```ts
 * const A = Matrix.random(300, 300, { seed: 1 });
 * const before = linalg.setBlasThreads(1);
 * const one = A.matmul(A);
 * linalg.setBlasThreads(4); // => 1
 * // every C tile is computed whole by one thread in the same order: the same bits for any thread count
 * A.matmul(A).data.every((v, i) => v === one.data[i]); // => true
 * linalg.setBlasThreads(64); // => 4
 * linalg.blasThreads(); // => 16
 * linalg.setBlasThreads(Number("four")); // => throws bad-option
 * linalg.setBlasThreads(before); // leave the process as it was
 * ```
 */
export function setBlasThreads(n: number): number {
  // A NaN here once reached the pool's partitioning and hung every later dense solve: reject it up front.
  const wanted = positiveInteger("linalg.setBlasThreads", "n", n);
  const old = wantedThreads;
  wantedThreads = Math.min(16, wanted);
  return old;
}

/**
 * Threads the dense kernels may use now (the calling thread included); set with `setBlasThreads`.
 *
 * @example
 * ```ts
 * const n = linalg.blasThreads();
 * n >= 1 && n <= 16; // => true
 * const before = linalg.setBlasThreads(3);
 * linalg.blasThreads(); // => 3
 * linalg.setBlasThreads(before);
 * linalg.blasThreads(); // => n
 * ```
 */
export function blasThreads(): number {
  return wantedThreads;
}

/**
 * Threads for `flops` multiply-adds over `panels` column micro-panels (at most the wanted count, one per
 * THREAD_MIN_FLOPS of work), with the workers that needs started.
 */
export function threadsFor(e: Engine, flops: number, panels: number): number {
  const threads = Math.min(wantedThreads, panels, Math.max(1, Math.floor(flops / THREAD_MIN_FLOPS)));
  if (threads > 1) ensureWorkers(e, threads - 1);
  return threads;
}

/**
 * gemmBlock over column micro-panels [0, npan) of packed B, shared between `threads` threads (the caller
 * included) that claim chunks of panels; every C tile is computed whole by one thread. `splat` selects the
 * kernel for A packed with 4 values per column (gemmBlockSplat, packed-rows.ts) instead of duplicated ones.
 */
export function runBlock(e: Engine, threads: number, aBase: number, bBase: number, cTile: number, kc: number, mp: number, npan: number, ldcBytes: number, splat = false): void {
  if (threads <= 1) {
    (splat ? e.gemmBlockSplat : e.gemmBlock)(aBase, bBase, cTile, kc, mp, 0, npan, ldcBytes);
    return;
  }
  const ctrl = ctrlBlock();
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
  ctrl[ARG + 8] = splat ? 1 : 0;
  ctrl[TOTAL] = total;
  Atomics.store(ctrl, DONE, 0);
  Atomics.store(ctrl, NEXT, (seq & 0x7fff) << 16);
  Atomics.store(ctrl, SEQ, seq);
  Atomics.notify(ctrl, SEQ);
  grab(ctrl, [e.gemmBlock, e.gemmBlockSplat]);
  for (;;) {
    const done = Atomics.load(ctrl, DONE);
    if (done >= total) break;
    Atomics.wait(ctrl, DONE, done);
  }
}
