/**
 * Approximate k-nearest-neighbour lists by NN-descent (Dong, Charikar, Li, "Efficient k-nearest neighbor
 * graph construction for generic similarity measures", WWW 2011), started from a random-projection forest as
 * pynndescent does (McInnes): the exact engine (neighbors.ts) costs O(n²·d) — half an hour at n = 10⁶ —
 * while NN-descent costs about O(n·K²·d) per iteration and converges in a handful of iterations.
 *
 * Written here rather than taken from a library: no npm package offers a seeded, deterministic NN-descent on
 * flat float64 rows, and the result must be exactly the NeighborLists the exact engine returns, so every
 * caller (graph.knn, graph.affinity) takes either.
 *
 * Deterministic: one seeded generator drives the forest and the candidate sampling, in a fixed order; the local
 * joins run on every thread (nndescent-pool.ts) but their proposals are applied in a fixed order, so the same
 * seed gives the same lists, bit for bit, for any thread count. The distances handed back are recomputed with the exact
 * engine's formula (exactDistance), so a neighbour both engines find has the same distance in both.
 */
import { exactDistance, FloatRows, Metric, NeighborLists, unitRows } from "./neighbors";
import { JOIN_BLOCK, JOIN_CHUNK, JoinLayout, JoinRunner, JoinViews, joinRange, joinRunner, slotBytes } from "./nndescent-pool";
import { blasThreads } from "./pool";
import { activeEngine, Engine, lendMemory, nndescentModuleBytes } from "./runtime";
import { reportProgress } from "../progress";

export interface NNDescentParams {
  k: number;
  metric: Metric;
  includeSelf: boolean;
  /** The seeded generator (an Rng; this layer sits below random.ts, so the caller makes it). */
  rng: { uniform(): number; int(n: number): number };
  /** Random-projection trees of the initial forest (pynndescent: min(32, 5 + round(n^¼))). */
  trees?: number;
  /** Most NN-descent rounds (pynndescent: max(5, round(log₂ n))). */
  maxIters?: number;
  /** Stop when a round improves fewer than delta·k·n entries (pynndescent's default 0.001). */
  delta?: number;
  /** Most points in a leaf of the forest (default max(10, searchK + 1), at most 256). */
  leafSize?: number;
  /** Neighbours kept per point while searching (≥ k; default grows with d, see `sizes`). */
  searchK?: number;
  /** Candidates sampled per point and round (default min(60, 3·searchK); pynndescent: min(60, K)). */
  maxCandidates?: number;
  /** Name for progress reports. */
  task?: string;
  /**
   * Proposals one thread's buffer holds per block (default 2¹⁹; never below one point's worst case). Tests
   * set it low to exercise the chunks redone on the calling thread; the result does not depend on it.
   */
  proposalCap?: number;
}

/** What ran, for the result's meta. */
export interface NNDescentStats {
  trees: number;
  iterations: number;
  /** Entries improved in each round. */
  updates: number[];
  /** Where the distances ran: the WebAssembly SIMD kernels or the TypeScript loops (same bits either way). */
  kernels: "wasm-simd" | "js";
  /** Milliseconds of the forest and of each round (wall clock). */
  forestMs: number;
  roundMs: number[];
  distanceEvaluations: number;
}

/**
 * The approximate k nearest neighbours of every row of X (the row itself excluded unless includeSelf),
 * nearest first. Requires 1 ≤ k ≤ n − 1 (≤ n with includeSelf); the caller validates.
 */
export function nnDescent(X: FloatRows, p: NNDescentParams): { lists: NeighborLists; stats: NNDescentStats } {
  const n = X.rows;
  const d = X.cols;
  const { C, leaf } = sizes(p, n, d);
  const threads = activeEngine() ? blasThreads() : 1;
  // One region holds the rows (in the forest's order), a split's normal and sides, each point's row, the heaps'
  // admission limits, the candidates, the join's chunk records and one slot per thread (its list, distance
  // block and proposals): in WebAssembly memory when it is there, so the SIMD kernels and the worker threads
  // read them in place; else in one ArrayBuffer of the same layout.
  const L = Math.max(2 * C, leaf);
  const cap = Math.max(3 * C * C + 16, p.proposalCap ?? 1 << 19);
  const at = (bytes: number): number => (bytes + 7) & ~7;
  const normal = n * d * 8;
  const side = normal + d * 8;
  const rowOf = at(side + n);
  const top = at(rowOf + n * 4);
  const newC = top + n * 8;
  const oldC = newC + n * C * 4;
  const table = at(oldC + n * C * 4);
  const slots = table + 16 * Math.ceil(JOIN_BLOCK / JOIN_CHUNK);
  const sb = slotBytes(L, cap);
  const lay = { C, d, dot: p.metric === "cosine", newC, oldC, rowOf, top, table, slots, slotBytes: sb, cap, L, normal, side, n };
  return lendMemory(slots + threads * sb, (e) => search(X, p, e ? wasmKernels(e, lay, threads) : jsKernels(lay, slots + sb)));
}

/**
 * The sizes of the search: S neighbours kept per point while searching (the K = k − includeSelf nearest of
 * them are returned), C candidates per point and round, leaves of at most `leaf` points.
 *
 * S grows with the dimension, from K at d ≤ 32 to 2K at d ≥ 64: in high dimension distances concentrate and a
 * neighbour's neighbour is a weaker guess, so K-lists stall short of the true neighbours (blobs n = 10⁵,
 * d = 64, k = 10: recall 0.73 with S = K — pynndescent 0.61 — and 0.965 with S = 2K, for 3.5× the distance
 * evaluations); at d = 16 S = K already reaches 0.955.
 */
function sizes(p: NNDescentParams, n: number, d: number): { K: number; S: number; C: number; leaf: number } {
  const K = p.includeSelf ? p.k - 1 : p.k;
  const S = Math.max(K, Math.min(n - 1, p.searchK ?? Math.round(K * Math.min(2, Math.max(1, d / 32)))));
  // 3S (at most 60): recall 0.94 → 0.95 on uniform 16-D points and 0.984 → 0.988 on blobs over pynndescent's
  // min(60, K), for about 1.3× the distance evaluations (k = 10, n = 10⁴).
  const C = Math.max(1, Math.min(p.maxCandidates ?? Math.min(60, 3 * S), n - 1));
  const leaf = p.leafSize ?? Math.max(10, Math.min(256, S + 1));
  return { K, S, C, leaf };
}

type Layout = JoinLayout & { normal: number; side: number; n: number };

/**
 * The arithmetic of the search: a split's sides and a list's pairwise distances, on the working rows W. The
 * WebAssembly kernels (wasm/nndescent.wat) and the TypeScript loops sum in the same canonical order (see
 * sqCanon), so both give the same bits and the same graph.
 */
interface Kernels {
  simd: boolean;
  W: Float64Array;
  /** out[a·m + b] for a < nA, a < b < m: the last `pairs` call's squared distances (dot products with `dot`). */
  out: Float64Array;
  normal: Float64Array;
  list: Int32Array;
  side: Uint8Array;
  rowOf: Int32Array;
  top: Float64Array;
  newC: Int32Array;
  oldC: Int32Array;
  /** side[r] for rows [lo, hi): 1 when normal·W_r − offset > 0, 2 when = 0, else 0. */
  sides(lo: number, hi: number, offset: number): void;
  /** The distances between the rows of W named in list[0 .. m): pairs with a < nA, a < b. */
  pairs(nA: number, m: number, dot: boolean): void;
  /** The local joins, on every thread (nndescent-pool.ts). */
  join: JoinRunner;
}

function views(buf: ArrayBufferLike, lay: Layout): Omit<Kernels, "simd" | "sides" | "pairs" | "join" | "out" | "list"> {
  const { n, d, C } = lay;
  return {
    W: new Float64Array(buf, 0, n * d),
    normal: new Float64Array(buf, lay.normal, d),
    side: new Uint8Array(buf, lay.side, n),
    rowOf: new Int32Array(buf, lay.rowOf, n),
    top: new Float64Array(buf, lay.top, n),
    newC: new Int32Array(buf, lay.newC, n * C),
    oldC: new Int32Array(buf, lay.oldC, n * C),
  };
}

function wasmKernels(e: Engine, lay: Layout, threads: number): Kernels {
  const buf = e.memory.buffer;
  const join = joinRunner(buf, lay, e, threads, nndescentModuleBytes());
  return {
    simd: true,
    ...views(buf, lay),
    out: join.main.out,
    list: join.main.list,
    join,
    sides: (lo, hi, offset) => void e.rowSides(0, lay.d, lo, hi, lay.normal, offset, lay.side),
    pairs: (nA, m) => join.main.pairs(nA, m),
  };
}

function jsKernels(lay: Layout, bytes: number): Kernels {
  const buf = new ArrayBuffer(bytes);
  const { d } = lay;
  const v = views(buf, lay);
  const dot = lay.dot;
  let k: Kernels; // eslint-disable-line prefer-const
  const pairs = (nA: number, m: number): void => {
    const { W, out, list } = k;
    for (let a = 0; a < nA; a++) {
      const oa = list[a] * d;
      for (let b = a + 1; b < m; b++) out[a * m + b] = dot ? dotCanon(W, oa, W, list[b] * d, d) : sqCanon(W, oa, W, list[b] * d, d);
    }
  };
  const join = joinRunner(buf, lay, null, 1, null, pairs);
  k = {
    simd: false,
    ...v,
    out: join.main.out,
    list: join.main.list,
    join,
    sides(lo, hi, offset) {
      const { W, normal, side } = k;
      for (let r = lo; r < hi; r++) {
        const s = dotCanon(normal, 0, W, r * d, d) - offset;
        side[r] = s > 0 ? 1 : s === 0 ? 2 : 0;
      }
    },
    pairs,
  };
  return k;
}

/**
 * Σ_c (x_c − y_c)² in the canonical order of wasm/nndescent.wat: partial sums p_j over c ≡ j (mod 4) for
 * c < d & ~3 (the two f64x2 accumulators), then (p0 + p2) + (p1 + p3), then the last d mod 4 terms in order.
 */
function sqCanon(A: Float64Array, oa: number, B: Float64Array, ob: number, d: number): number {
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
  const d4 = d & ~3;
  let c = 0;
  for (; c < d4; c += 4) {
    const u0 = A[oa + c] - B[ob + c], u1 = A[oa + c + 1] - B[ob + c + 1];
    const u2 = A[oa + c + 2] - B[ob + c + 2], u3 = A[oa + c + 3] - B[ob + c + 3];
    p0 += u0 * u0; p1 += u1 * u1; p2 += u2 * u2; p3 += u3 * u3;
  }
  let s = (p0 + p2) + (p1 + p3);
  for (; c < d; c++) {
    const u = A[oa + c] - B[ob + c];
    s += u * u;
  }
  return s;
}

/** Σ_c x_c·y_c in the canonical order (see sqCanon). */
function dotCanon(A: Float64Array, oa: number, B: Float64Array, ob: number, d: number): number {
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
  const d4 = d & ~3;
  let c = 0;
  for (; c < d4; c += 4) {
    p0 += A[oa + c] * B[ob + c]; p1 += A[oa + c + 1] * B[ob + c + 1];
    p2 += A[oa + c + 2] * B[ob + c + 2]; p3 += A[oa + c + 3] * B[ob + c + 3];
  }
  let s = (p0 + p2) + (p1 + p3);
  for (; c < d; c++) s += A[oa + c] * B[ob + c];
  return s;
}

function search(X: FloatRows, p: NNDescentParams, kern: Kernels): { lists: NeighborLists; stats: NNDescentStats } {
  const n = X.rows;
  const d = X.cols;
  const k = p.k;
  const { K, S, C, leaf } = sizes(p, n, d); // K neighbours other than the point itself, S kept while searching
  const data = p.metric === "cosine" ? unitRows(X) : X.data;
  // The millions of draws here (a priority per heap entry and round) go through a small counter-free generator
  // (mulberry32) seeded from the caller's Rng: the Rng's Philox rounds took a sixth of the time at n = 10⁵.
  const rng = fastGenerator(p.rng.int(2 ** 31));
  const trees = p.trees ?? Math.min(32, 5 + Math.round(Math.pow(n, 0.25)));
  const maxIters = p.maxIters ?? Math.max(5, Math.round(Math.log2(n)));
  const delta = p.delta ?? 0.001;
  const task = p.task ?? "nn-descent";
  const stats: NNDescentStats = { trees, iterations: 0, updates: [], distanceEvaluations: 0, kernels: kern.simd ? "wasm-simd" : "js", forestMs: 0, roundMs: [] };
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  if (K === 0) {
    for (let i = 0; i < n; i++) indices[i] = i;
    return { lists: { n, k, indices, distances }, stats };
  }
  const cosine = p.metric === "cosine";
  const { W, out, normal, list, side, rowOf } = kern;

  // Each point's current S best as a bounded max-heap (root = worst kept) with a "new" flag per entry. Keys are
  // the order-preserving distance: squared Euclidean, or 1 − x·y on unit rows.
  const heapIdx = new Int32Array(n * S).fill(-1);
  const heapDist = new Float64Array(n * S).fill(Infinity);
  const heapNew = new Uint8Array(n * S);
  // Each heap's root (its admission limit) also in a compact array: most offers are refused on it, and one
  // 8-byte entry per point stays in cache where the heaps (S entries per point) do not.
  const heapTop = kern.top.fill(Infinity);
  const push = (i: number, j: number, dj: number): number => {
    if (!(dj < heapTop[i])) return 0;
    const o = i * S;
    for (let t = 0; t < S; t++) if (heapIdx[o + t] === j) return 0;
    siftDown(heapIdx, heapDist, heapNew, o, S, j, dj, 1);
    heapTop[i] = heapDist[o];
    return 1;
  };

  // Chunks whose proposals could overflow a thread's buffer are redone on this thread into this one.
  const spill = { pu: new Int32Array(0), pv: new Int32Array(0), pd: new Float64Array(0), used: 0 };
  const growSpill = (size: number): void => {
    const pu = new Int32Array(Math.max(size, 1 << 16)), pv = new Int32Array(pu.length), pd = new Float64Array(pu.length);
    pu.set(spill.pu.subarray(0, spill.used));
    pv.set(spill.pv.subarray(0, spill.used));
    pd.set(spill.pd.subarray(0, spill.used));
    Object.assign(spill, { pu, pv, pd });
  };
  // The local joins of lists 0 .. count − 1 of newC/oldC (a point's candidates, or a leaf of the forest),
  // block by block on every thread (nndescent-pool.ts): each pair that beats an end's admission limit as it
  // stood when the block began is proposed, and the proposals are applied here in chunk order, each chunk's in
  // the order it made them (the order one thread would push them). The result is the same for any thread
  // count. Returns the entries improved.
  const joinAll = (count: number): number => {
    let updates = 0;
    for (let lo = 0; lo < count; lo += JOIN_BLOCK) {
      const hi = Math.min(count, lo + JOIN_BLOCK);
      const chunks = kern.join.block(lo, hi);
      const table = kern.join.main.table;
      // A chunk that could have overflowed its thread's buffer is joined again here, into the spill buffer,
      // before any proposal of the block is applied (so against the same limits: the same proposals).
      for (let c = 0; c < chunks; c++) {
        if (table[4 * c + 2] >= 0) continue;
        const V: JoinViews = { ...kern.join.main, pu: spill.pu, pv: spill.pv, pd: spill.pd, cap: spill.pu.length, pos: spill.used, evals: 0 };
        const c0 = lo + c * JOIN_CHUNK;
        let end = joinRange(V, c0, Math.min(hi, c0 + JOIN_CHUNK));
        while (end < 0) {
          growSpill(2 * spill.pu.length);
          V.pu = spill.pu;
          V.pv = spill.pv;
          V.pd = spill.pd;
          V.cap = spill.pu.length;
          end = joinRange(V, c0, Math.min(hi, c0 + JOIN_CHUNK));
        }
        table[4 * c] = -1;
        table[4 * c + 1] = spill.used;
        table[4 * c + 2] = end - spill.used;
        table[4 * c + 3] = V.evals;
        spill.used = end;
      }
      for (let c = 0; c < chunks; c++) {
        const t = table[4 * c];
        const src = t < 0 ? spill : kern.join.slot(t);
        const { pu, pv, pd } = src;
        for (let q = table[4 * c + 1], end = q + table[4 * c + 2]; q < end; q++) updates += push(pu[q], pv[q], pd[q]);
        stats.distanceEvaluations += table[4 * c + 3];
      }
      spill.used = 0;
    }
    return updates;
  };

  // 1. Random-projection forest: split on the hyperplane halfway between two random points of the node, down
  //    to leaves of at most `leaf` points; every pair in a leaf is a candidate pair.
  //    The rows live in a working copy W kept in the order of `perm` and partitioned along with it: a split
  //    then streams through contiguous rows (gathering them at random was memory-bound, a fifth of the time
  //    at n = 10⁵) and a leaf's rows sit together for its all-pairs pass.
  const tForest = performance.now();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  W.set(data);
  const stack: number[] = [];
  const swapRows = (a: number, b: number): void => {
    for (let c = 0, oa = a * d, ob = b * d; c < d; c++) {
      const t = W[oa + c];
      W[oa + c] = W[ob + c];
      W[ob + c] = t;
    }
    const t = perm[a];
    perm[a] = perm[b];
    perm[b] = t;
  };
  // A tree's leaves go through the parallel join once the tree is split (each leaf a list of new candidates,
  // all its pairs compared), when a leaf fits a candidate list; their rows no longer move meanwhile.
  const leavesInJoin = leaf <= C;
  const leafLo = new Int32Array(leavesInJoin ? n : 0);
  const leafSize = new Int32Array(leavesInJoin ? n : 0);
  const { newC, oldC } = kern;
  for (let t = 0; t < trees; t++) {
    // Each tree starts from the order the last one left: any order serves, and this one costs nothing.
    stack.push(0, n);
    let leaves = 0;
    while (stack.length) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      const size = hi - lo;
      if (size <= leaf && leavesInJoin) {
        leafLo[leaves] = lo;
        leafSize[leaves++] = size;
        continue;
      }
      if (size <= leaf) {
        for (let a = 0; a < size; a++) list[a] = lo + a;
        kern.pairs(size, size, cosine);
        stats.distanceEvaluations += (size * (size - 1)) / 2;
        for (let a = 0; a < size; a++) {
          const i = perm[lo + a];
          for (let b = a + 1; b < size; b++) {
            const j = perm[lo + b];
            const dij = cosine ? 1 - out[a * size + b] : out[a * size + b];
            push(i, j, dij);
            push(j, i, dij);
          }
        }
        continue;
      }
      const pa = lo + rng.int(size);
      let pb = lo + rng.int(size - 1);
      if (pb === pa) pb = hi - 1;
      let offset = 0;
      for (let c = 0; c < d; c++) {
        const xa = W[pa * d + c], xb = W[pb * d + c];
        normal[c] = xa - xb;
        offset += normal[c] * (xa + xb) * 0.5;
      }
      kern.sides(lo, hi, offset);
      let left = 0;
      for (let a = lo; a < hi; a++) {
        // Points on the hyperplane (duplicates, ties) go to a random side so a node always splits.
        if (side[a] === 2) side[a] = rng.uniform() < 0.5 ? 1 : 0;
        left += side[a];
      }
      let mid: number;
      if (left === 0 || left === size) {
        mid = lo + (size >> 1); // all on one side (duplicates): split the node in two as it stands
      } else {
        // Hoare partition: the side-1 rows to the front, moving whole rows with their perm entries.
        let a = lo, b = hi - 1;
        for (;;) {
          while (a < b && side[a]) a++;
          while (a < b && !side[b]) b--;
          if (a >= b) break;
          swapRows(a, b);
          side[a] = 1;
          side[b] = 0;
          a++;
          b--;
        }
        mid = lo + left;
      }
      stack.push(lo, mid, mid, hi);
    }
    if (leavesInJoin) {
      for (let a = 0; a < n; a++) rowOf[perm[a]] = a;
      for (let q = 0; q < leaves; q++) {
        const o = q * C, lo = leafLo[q], size = leafSize[q];
        for (let a = 0; a < size; a++) newC[o + a] = perm[lo + a];
        if (size < C) newC[o + size] = -1;
        oldC[o] = -1;
      }
      joinAll(leaves);
    }
  }
  for (let a = 0; a < n; a++) rowOf[perm[a]] = a;
  // Any heap the forest left short (tiny leaves) is filled with random points.
  const dist = (i: number, j: number): number => {
    const a = rowOf[i] * d, b = rowOf[j] * d;
    return cosine ? 1 - dotCanon(W, a, W, b, d) : sqCanon(W, a, W, b, d);
  };
  for (let i = 0; i < n; i++) {
    const o = i * S;
    let guard = 0;
    while (heapIdx[o] === -1 && guard++ < 64 * S) {
      const j = rng.int(n);
      if (j !== i) push(i, j, dist(i, j));
    }
    if (heapIdx[o] === -1) for (let j = 0; j < n && heapIdx[o] === -1; j++) if (j !== i) push(i, j, dist(i, j));
  }
  // From here on a point is named by its row in the forest's last order (row r is point perm[r]): the heaps are
  // renumbered and moved to their rows. A point's neighbours mostly share its subtree, so their rows, heaps and
  // admission limits sit near its own, and the rounds' accesses stay in cache where ids scattered them over
  // the whole arrays (n = 10⁶: the rows alone are 128 MB at d = 16).
  {
    const idx = new Int32Array(n * S), key = new Float64Array(n * S), flag = new Uint8Array(n * S), lim = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const i = perm[r], o = i * S, q = r * S;
      for (let t = 0; t < S; t++) {
        const j = heapIdx[o + t];
        idx[q + t] = j < 0 ? -1 : rowOf[j];
      }
      key.set(heapDist.subarray(o, o + S), q);
      flag.set(heapNew.subarray(o, o + S), q);
      lim[r] = heapTop[i];
    }
    heapIdx.set(idx);
    heapDist.set(key);
    heapNew.set(flag);
    heapTop.set(lim);
    for (let r = 0; r < n; r++) rowOf[r] = r;
  }
  stats.forestMs = performance.now() - tForest;
  reportProgress({ task, done: 0, total: maxIters, unit: "rounds" });

  // 2. NN-descent rounds: a neighbour's neighbour is likely a neighbour. Per point, sample up to C "new"
  //    candidates (entries not yet joined) and C "old" ones, forward and reverse (random priorities, the C
  //    smallest kept), then compare new–new and new–old pairs and push improvements into both heaps.
  // Candidates are drawn without priority heaps: every point's forward and reverse entries, new and old, are
  // listed (two counting passes, CSR), duplicates dropped, and a list longer than C cut to C uniformly at
  // random by a partial Fisher–Yates shuffle — the same distribution as pynndescent's random-priority heaps,
  // without a heap insertion and a C-long duplicate scan per entry (a fifth of the time at d = 64).
  const newStart = new Int32Array(n + 1);
  const oldStart = new Int32Array(n + 1);
  const newAll = new Int32Array(2 * n * S);
  const oldAll = new Int32Array(2 * n * S);
  const fillAt = new Int32Array(n);
  const mark = new Int32Array(n);
  const select = (all: Int32Array, start: Int32Array, cand: Int32Array, i: number): void => {
    let cnt = 0;
    const lo = start[i];
    for (let q = lo; q < start[i + 1]; q++) {
      const j = all[q];
      if (mark[j] === i) continue;
      mark[j] = i;
      all[lo + cnt++] = j;
    }
    const o = i * C;
    const take = Math.min(C, cnt);
    for (let t = 0; t < take; t++) {
      if (cnt > C) {
        const r = t + rng.int(cnt - t);
        const x = all[lo + r];
        all[lo + r] = all[lo + t];
        all[lo + t] = x;
      }
      cand[o + t] = all[lo + t];
    }
    cand.fill(-1, o + take, o + C);
  };
  for (let iter = 0; iter < maxIters; iter++) {
    const t0 = performance.now();
    newStart.fill(0);
    oldStart.fill(0);
    for (let e = 0; e < n * S; e++) {
      const j = heapIdx[e];
      if (j < 0) continue;
      const cnt = heapNew[e] ? newStart : oldStart;
      cnt[(e / S) | 0]++;
      cnt[j]++;
    }
    for (const start of [newStart, oldStart]) {
      let acc = 0;
      for (let i = 0; i <= n; i++) {
        const c = start[i];
        start[i] = acc;
        acc += c;
      }
    }
    for (const [all, start, isNew] of [[newAll, newStart, 1], [oldAll, oldStart, 0]] as const) {
      fillAt.set(start.subarray(0, n));
      for (let e = 0; e < n * S; e++) {
        const j = heapIdx[e];
        if (j < 0 || heapNew[e] !== isNew) continue;
        const i = (e / S) | 0;
        all[fillAt[i]++] = j;
        all[fillAt[j]++] = i;
      }
      mark.fill(-1);
      for (let i = 0; i < n; i++) select(all, start, isNew ? newC : oldC, i);
    }
    // Entries drawn as new candidates of their point are joined this round: they become old.
    mark.fill(-1);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < C; t++) {
        const j = newC[i * C + t];
        if (j < 0) break;
        mark[j] = i;
      }
      for (let t = 0; t < S; t++) {
        const e = i * S + t;
        if (heapNew[e] && mark[heapIdx[e]] === i) heapNew[e] = 0;
      }
    }
    // The local joins, block by block on every thread (nndescent-pool.ts): each pair of a point's candidates
    // that beats an end's admission limit as it stood when the block began is proposed, and the proposals are
    // applied here in chunk order. The result is the same for any thread count.
    const updates = joinAll(n);
    stats.iterations = iter + 1;
    stats.roundMs.push(performance.now() - t0);
    stats.updates.push(updates);
    reportProgress({ task, done: iter + 1, total: maxIters, unit: "rounds" });
    if (updates <= delta * S * n) break;
  }
  reportProgress({ task, done: maxIters, total: maxIters, unit: "rounds" });

  // 3. Each heap sorted nearest first (ties: lower index), its K nearest kept, self first when included, exact
  //    distances.
  //    Rows are mapped back to points here (row r is point perm[r]); ties go to the lower point index, as before
  //    the renumbering. An insertion sort: S is small, and it allocates nothing.
  const ordD = new Float64Array(S), ordI = new Int32Array(S);
  for (let r = 0; r < n; r++) {
    const o = r * S;
    let m = 0;
    for (let t = 0; t < S; t++) {
      const dj = heapDist[o + t], h = heapIdx[o + t], j = h < 0 ? -1 : perm[h];
      let q = m++;
      while (q > 0 && (ordD[q - 1] > dj || (ordD[q - 1] === dj && ordI[q - 1] > j))) {
        ordD[q] = ordD[q - 1];
        ordI[q] = ordI[q - 1];
        q--;
      }
      ordD[q] = dj;
      ordI[q] = j;
    }
    const i = perm[r];
    let c = i * k;
    if (p.includeSelf) {
      indices[c] = i;
      distances[c++] = 0;
    }
    for (let t = 0; t < K; t++, c++) {
      const j = ordI[t];
      indices[c] = j;
      distances[c] = exactDistance(data, d, i, j, p.metric);
    }
  }
  return { lists: { n, k, indices, distances }, stats };
}

/**
 * Replaces the root of the max-heap at [o, o+K) (keyed by `key`) with (j, dj, flag f) and restores the heap
 * order. The candidate heaps, keyed by random priority, have no flags (`flag` null).
 */
function siftDown(idx: Int32Array, key: Float64Array, flag: Uint8Array | null, o: number, K: number, j: number, dj: number, f: number): void {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= K) break;
    const r = l + 1;
    const c = r < K && key[o + r] > key[o + l] ? r : l;
    if (!(key[o + c] > dj)) break;
    idx[o + pos] = idx[o + c];
    key[o + pos] = key[o + c];
    if (flag) flag[o + pos] = flag[o + c];
    pos = c;
  }
  idx[o + pos] = j;
  key[o + pos] = dj;
  if (flag) flag[o + pos] = f;
}

/** mulberry32 (Tommy Ettinger): a 32-bit state generator; uniform() in [0, 1), int(n) in [0, n). Deterministic. */
function fastGenerator(seed: number): { uniform(): number; int(n: number): number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, int: (n: number) => Math.floor(uniform() * n) };
}

