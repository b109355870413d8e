/**
 * The parallel local join of NN-descent (nndescent.ts): worker threads sharing the runtime's WebAssembly
 * memory, following the design of the gemm pool (pool.ts): workers sleep on a generation counter, chunks of
 * work are claimed by compare-and-swap on NEXT, and the calling thread claims chunks too, so a descheduled
 * worker never stalls it.
 *
 * Deterministic for any thread count, as pynndescent's parallel join is in spirit but here bit for bit: a
 * round's points are cut into blocks of JOIN_BLOCK points and each block into chunks of JOIN_CHUNK points,
 * sizes that do not depend on the thread count. A chunk's proposals (target u, source v, distance), every
 * pair of its local joins that beats the target's admission limit as it stood when the block began, are
 * written by whichever thread claimed it into that thread's own buffer; the caller then applies the block's
 * proposals chunk by chunk in chunk order, in the order each chunk produced them. Which thread computed a
 * chunk therefore changes nothing, and neither does how many threads there were.
 */
import { Worker } from "worker_threads";
import { blasThreads } from "./pool";
import { Engine } from "./runtime";

/** Points per block (one set of admission limits) and per chunk (one claim). Fixed: results depend on them. */
export const JOIN_BLOCK = 4096;
export const JOIN_CHUNK = 64;

// Control block (Int32) shared with workers; offsets are bytes into the shared memory.
const SEQ = 0, DONE = 1, NEXT = 2, TOTAL = 3, LO = 4, HI = 5, CH = 6, NCAND = 7, DIM = 8, DOT = 9;
const NEWC = 10, OLDC = 11, ROWOF = 12, TOP = 13, TABLE = 14, SLOTS = 15, SLOTBYTES = 16, CAP = 17, LMAX = 18;
const CTRL_INTS = 19;

/** One thread's views of the shared memory for the join (the caller's too). */
export interface JoinViews {
  C: number;
  dot: number;
  newC: Int32Array;
  oldC: Int32Array;
  rowOf: Int32Array;
  top: Float64Array;
  table: Int32Array;
  list: Int32Array;
  out: Float64Array;
  ids: Int32Array;
  pu: Int32Array;
  pv: Int32Array;
  pd: Float64Array;
  cap: number;
  pos: number;
  evals: number;
  pairs: (nA: number, m: number) => void;
}

// The code both the workers and the caller run (as source text, since a worker is started from a string).
const JOIN_SOURCE = `
function views(buf, ctrl, tid, pairDists) {
  const C = ctrl[${NCAND}], L = ctrl[${LMAX}], cap = ctrl[${CAP}], slot = ctrl[${SLOTS}] + tid * ctrl[${SLOTBYTES}];
  const listOff = slot, outOff = slot + ((L * 4 + 7) & ~7), puOff = outOff + L * L * 8, pvOff = puOff + cap * 4, pdOff = pvOff + cap * 4;
  const d = ctrl[${DIM}], dot = ctrl[${DOT}];
  const rows = (ctrl[${TOP}] - ctrl[${ROWOF}]) / 4;
  return {
    C, dot: dot,
    newC: new Int32Array(buf, ctrl[${NEWC}], (ctrl[${OLDC}] - ctrl[${NEWC}]) / 4),
    oldC: new Int32Array(buf, ctrl[${OLDC}], (ctrl[${OLDC}] - ctrl[${NEWC}]) / 4),
    rowOf: new Int32Array(buf, ctrl[${ROWOF}], rows),
    top: new Float64Array(buf, ctrl[${TOP}], (ctrl[${NEWC}] - ctrl[${TOP}]) / 8),
    table: new Int32Array(buf, ctrl[${TABLE}], 4 * Math.ceil(${JOIN_BLOCK} / ${JOIN_CHUNK})),
    list: new Int32Array(buf, listOff, L),
    out: new Float64Array(buf, outOff, L * L),
    ids: new Int32Array(L),
    pu: new Int32Array(buf, puOff, cap),
    pv: new Int32Array(buf, pvOff, cap),
    pd: new Float64Array(buf, pdOff, cap),
    cap, pos: 0, evals: 0,
    pairs: (nA, m) => void pairDists(0, d, listOff, nA, m, dot, outOff),
  };
}

// The local joins of points [lo, hi): proposals from V.pos on; the new end, or -1 when V.cap could be passed.
function joinRange(V, lo, hi) {
  const C = V.C, newC = V.newC, oldC = V.oldC, rowOf = V.rowOf, top = V.top, list = V.list, out = V.out, ids = V.ids;
  const pu = V.pu, pv = V.pv, pd = V.pd, cap = V.cap, dot = V.dot;
  let pos = V.pos, evals = 0;
  for (let i = lo; i < hi; i++) {
    const o = i * C;
    let m = 0;
    for (let s = 0; s < C; s++) {
      const u = newC[o + s];
      if (u < 0) break;
      ids[m] = u;
      list[m++] = rowOf[u];
    }
    const nA = m;
    if (nA === 0) continue;
    for (let s = 0; s < C; s++) {
      const v = oldC[o + s];
      if (v < 0) break;
      ids[m] = v;
      list[m++] = rowOf[v];
    }
    const pairs = nA * m - (nA * (nA + 1)) / 2;
    if (pos + 2 * pairs > cap) return -1;
    V.pairs(nA, m);
    evals += pairs;
    for (let a = 0; a < nA; a++) {
      const u = ids[a], tu = top[u], ro = a * m;
      for (let b = a + 1; b < m; b++) {
        const v = ids[b];
        if (v === u) continue;
        const duv = dot ? 1 - out[ro + b] : out[ro + b];
        if (duv < tu) { pu[pos] = u; pv[pos] = v; pd[pos++] = duv; }
        if (duv < top[v]) { pu[pos] = v; pv[pos] = u; pd[pos++] = duv; }
      }
    }
  }
  V.evals = evals;
  return pos;
}

// Claims chunks of the current block until none is left; records (thread, start, count or -1, evaluations).
// Only chunks of generation gen: a worker woken late never claims a later block's (or a later call's) chunks
// with views of an earlier one.
function grabJoin(ctrl, V, tid, gen) {
  const table = V.table;
  for (;;) {
    const cur = Atomics.load(ctrl, ${NEXT});
    const idx = cur & 0xffff;
    if ((cur >>> 16) !== (gen & 0x7fff) || idx >= ctrl[${TOTAL}]) return;
    if (Atomics.compareExchange(ctrl, ${NEXT}, cur, cur + 1) !== cur) continue;
    const lo = ctrl[${LO}] + idx * ctrl[${CH}], hi = Math.min(lo + ctrl[${CH}], ctrl[${HI}]);
    const start = V.pos;
    V.evals = 0;
    const end = joinRange(V, lo, hi);
    table[4 * idx] = tid;
    table[4 * idx + 1] = start;
    table[4 * idx + 2] = end < 0 ? -1 : end - start;
    table[4 * idx + 3] = end < 0 ? 0 : V.evals;
    if (end >= 0) V.pos = end;
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
}
`;

const compiled = new Function(`${JOIN_SOURCE}; return { views, joinRange, grabJoin };`)() as {
  views: (buf: ArrayBufferLike, ctrl: Int32Array, tid: number, pairDists: Engine["pairDists"]) => JoinViews;
  joinRange: (V: JoinViews, lo: number, hi: number) => number;
  grabJoin: (ctrl: Int32Array, V: JoinViews, tid: number, gen: number) => void;
};
export const joinRange = compiled.joinRange;

const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { memory, ctrl, bytes, tid, seq } = workerData;
const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
const pairDists = inst.exports.pairDists;
${JOIN_SOURCE}
let seen = seq;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  seen = Atomics.load(ctrl, ${SEQ});
  let V = null;
  try {
    V = views(memory.buffer, ctrl, tid, pairDists);
  } catch {
    continue; // offsets of a call that has already moved on: nothing of ours to claim
  }
  grabJoin(ctrl, V, tid, seen);
}
`;

const workers: Worker[] = [];
let control: Int32Array | null = null;

function ctrlBlock(): Int32Array {
  return (control ??= new Int32Array(new SharedArrayBuffer(4 * CTRL_INTS)));
}

function ensureWorkers(e: Engine, count: number, moduleBytes: Uint8Array): void {
  const ctrl = ctrlBlock();
  for (let i = workers.length; i < count; i++) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { memory: e.memory, ctrl, bytes: moduleBytes, tid: i + 1, seq: Atomics.load(ctrl, SEQ) } });
    w.unref(); // never keeps the process alive
    workers.push(w);
  }
}

/** Byte layout of the join's shared region (offsets into the memory holding the rows). */
export interface JoinLayout {
  C: number;
  d: number;
  dot: boolean;
  newC: number;
  oldC: number;
  rowOf: number;
  top: number;
  table: number;
  slots: number;
  slotBytes: number;
  cap: number;
  L: number;
}

/** Bytes of one thread's slot: its list, its distance block and its proposal buffer (cap entries). */
export function slotBytes(L: number, cap: number): number {
  return ((L * 4 + 7) & ~7) + L * L * 8 + cap * 16;
}

/**
 * The join runner over `buf` (the WebAssembly memory's buffer, or a plain ArrayBuffer of the same layout for
 * the TypeScript fallback, which then runs on one thread with `pairs` as its distance kernel).
 */
export interface JoinRunner {
  threads: number;
  /** Thread 0's views (the caller's). */
  main: JoinViews;
  /** Runs the local joins of points [lo, hi) (one block) on all threads; chunk c's record is table[4c .. 4c+3]. */
  block(lo: number, hi: number): number;
  /** Views of thread t's proposals. */
  slot(t: number): JoinViews;
}

export function joinRunner(buf: ArrayBufferLike, lay: JoinLayout, e: Engine | null, threads: number, moduleBytes: Uint8Array | null, pairs?: JoinViews["pairs"]): JoinRunner {
  const T = e && moduleBytes ? Math.max(1, threads) : 1;
  // One thread: a private control block, so no worker (woken late by an earlier call) can see this one.
  const ctrl = T > 1 ? ctrlBlock() : new Int32Array(CTRL_INTS);
  ctrl[CH] = JOIN_CHUNK;
  ctrl[NCAND] = lay.C;
  ctrl[DIM] = lay.d;
  ctrl[DOT] = lay.dot ? 1 : 0;
  ctrl[NEWC] = lay.newC;
  ctrl[OLDC] = lay.oldC;
  ctrl[ROWOF] = lay.rowOf;
  ctrl[TOP] = lay.top;
  ctrl[TABLE] = lay.table;
  ctrl[SLOTS] = lay.slots;
  ctrl[SLOTBYTES] = lay.slotBytes;
  ctrl[CAP] = lay.cap;
  ctrl[LMAX] = lay.L;
  if (T > 1) ensureWorkers(e!, T - 1, moduleBytes!);
  const main = compiled.views(buf, ctrl, 0, e ? e.pairDists : () => undefined);
  if (!e && pairs) main.pairs = pairs;
  const slots = [main];
  for (let t = 1; t < T; t++) slots.push(compiled.views(buf, ctrl, t, () => undefined));
  return {
    threads: T,
    main,
    slot: (t) => slots[t],
    block(lo, hi) {
      const total = Math.ceil((hi - lo) / JOIN_CHUNK);
      main.pos = 0;
      ctrl[LO] = lo;
      ctrl[HI] = hi;
      ctrl[TOTAL] = total;
      if (T <= 1) {
        ctrl[NEXT] = 0;
        compiled.grabJoin(ctrl, main, 0, 0);
        return total;
      }
      const seq = (Atomics.load(ctrl, SEQ) + 1) | 0;
      Atomics.store(ctrl, DONE, 0);
      Atomics.store(ctrl, NEXT, (seq & 0x7fff) << 16);
      Atomics.store(ctrl, SEQ, seq);
      Atomics.notify(ctrl, SEQ);
      compiled.grabJoin(ctrl, main, 0, seq);
      for (;;) {
        const done = Atomics.load(ctrl, DONE);
        if (done >= total) break;
        Atomics.wait(ctrl, DONE, done);
      }
      return total;
    },
  };
}

/** Threads for the join: the dense kernels' setting (linalg.setBlasThreads), one without shared WebAssembly. */
export function joinThreads(e: Engine | null): number {
  return e ? blasThreads() : 1;
}
