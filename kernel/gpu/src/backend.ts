/**
 * The GPU.js backend: @eigenlab/core's `Backend` kernels computed by GPU.js in float32, tiled so every output
 * block and input texture stays inside the mode's limits (GL: MAX_TEXTURE_SIZE per side; n = 50 000 points
 * never make one 50 000-wide texture). Precision policy:
 * - every kernel computes and returns float32 values (widened to Float64Array) and says so in `meta`;
 * - kNN ranks a few more candidates than k in float32 and re-ranks them by float64 distances recomputed from
 *   the caller's data (`precision: "float32-refined"`);
 * - eigen use: iterate with `blockMatvec` in float32, then call core's `backend.rayleighRitzRefine` with a
 *   float64 product (quadratic accuracy in the eigenvalues).
 * Inputs are centred before the float32 cast where the kernel is translation invariant (distances,
 * affinities, kNN): rounding error is relative to |x|, so smaller magnitudes keep nearby points apart.
 */
import { backend as core, EigenlabError } from "@eigenlab/core";
import { crossoverFor } from "./crossover";
import { GpuJsEngine, GpuJsMode, isSoftwareRenderer } from "./gpujs";
import { gpuMessage } from "./messages";

type Backend = core.Backend;
type DenseBlock = core.DenseBlock;
type CsrBlock = core.CsrBlock;

/** Output tile (rows × cols) per kernel call; bounded by the mode's texture limit. */
const TILE_ROWS = 1024;
const TILE_COLS = 8192;
/** Largest input slice (floats) handed to one call: 16 M floats = 4096² texels. */
const MAX_INPUT = 1 << 24;
/** float32 represents integers exactly up to 2^24: CSR indices and offsets travel as float32. */
const MAX_EXACT_INDEX = 1 << 24;

function toF32(data: Float64Array): Float32Array {
  return Float32Array.from(data);
}

function transposeF32(data: Float64Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return out;
}

/** Centres X and Y by the mean of X (one shift for both keeps every difference x_i − y_j unchanged). */
function centredPair(X: DenseBlock, Y: DenseBlock): { X32: Float32Array; Y32: Float32Array } {
  const d = X.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < X.rows; i++) for (let t = 0; t < d; t++) mean[t] += X.data[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= Math.max(X.rows, 1);
  const shift = (A: DenseBlock) => {
    const out = new Float32Array(A.rows * d);
    for (let i = 0; i < A.rows; i++) for (let t = 0; t < d; t++) out[i * d + t] = A.data[i * d + t] - mean[t];
    return out;
  };
  const X32 = shift(X);
  return { X32, Y32: X === Y ? X32 : shift(Y) };
}

export interface GpuBackendOptions {
  /** GPU.js mode to request; "gpu" lets GPU.js pick (headlessgl when it works, else webasm). */
  mode?: GpuJsMode;
  /** Output tile size (rows, cols) per kernel call; defaults 1024 × 8192, capped by the texture limit. Small tiles let tests exercise the tiling. */
  tile?: [number, number];
}

export interface GpuBackend extends Backend {
  /** The engine, for reporting: requested mode, gpu.mode, kernel mode, texture limit. */
  readonly engine: GpuJsEngine;
  /** Releases GPU.js's context and compiled kernels. */
  destroy(): void;
}

/** Creates a GPU.js backend in one mode (register it with core's `backend.registerBackend` to use it by id). */
export function createGpuBackend(opts: GpuBackendOptions = {}): GpuBackend {
  for (const key of Object.keys(opts)) {
    if (key !== "mode" && key !== "tile") throw new EigenlabError("unknown-option", gpuMessage.unknownOption(key, ["mode", "tile"]));
  }
  const mode = opts.mode ?? "gpu";
  let engine: GpuJsEngine;
  try {
    engine = new GpuJsEngine(mode);
  } catch (e) {
    throw new EigenlabError("backend-unavailable", gpuMessage.modeUnavailable(mode, e instanceof Error ? e.message : String(e)));
  }
  if (mode !== engine.kernelMode) {
    // GPU.js falls back without a word; we do not (the name below also records what ran).
    process.emitWarning(gpuMessage.modeFallback(mode, engine.kernelMode, engine.renderer, isSoftwareRenderer(engine.renderer)), {
      code: "EIGENLAB_GPUJS_FALLBACK",
    });
  }
  const name = `gpu.js:${engine.kernelMode}`;
  const tileRows = Math.min(opts.tile?.[0] ?? TILE_ROWS, engine.maxTextureSize);
  const tileCols = Math.min(opts.tile?.[1] ?? TILE_COLS, engine.maxTextureSize);
  const resident = new WeakMap<Float64Array, Float32Array>();
  const residentT = new WeakMap<Float64Array, Float32Array>();
  const residentCsr = new WeakMap<Float64Array, { indptr: Float32Array; indices: Float32Array; values: Float32Array }>();

  const f32 = (A: DenseBlock) => {
    let v = resident.get(A.data);
    if (!v) resident.set(A.data, (v = toF32(A.data)));
    return v;
  };
  const f32T = (A: DenseBlock) => {
    let v = residentT.get(A.data);
    if (!v) residentT.set(A.data, (v = transposeF32(A.data, A.rows, A.cols)));
    return v;
  };

  /** Visits the output in tiles that fit the mode: fn(r0, rows, c0, cols) returns the tile's rows. */
  const tiled = (n: number, m: number, rowCap: number, fn: (r0: number, rows: number, c0: number, cols: number) => Float32Array[]): Float64Array => {
    const out = new Float64Array(n * m);
    for (let r0 = 0; r0 < n; r0 += rowCap) {
      const rows = Math.min(rowCap, n - r0);
      for (let c0 = 0; c0 < m; c0 += tileCols) {
        const cols = Math.min(tileCols, m - c0);
        const tile = fn(r0, rows, c0, cols);
        for (let i = 0; i < rows; i++) {
          const src = tile[i];
          const base = (r0 + i) * m + c0;
          for (let j = 0; j < cols; j++) out[base + j] = src[j];
        }
      }
    }
    return out;
  };

  /** Rows per call so that a rows×width input slice stays under MAX_INPUT floats. */
  const rowCap = (width: number) => Math.max(1, Math.min(tileRows, Math.floor(MAX_INPUT / Math.max(width, 1))));

  const raw: Backend = {
    id: "gpu",
    name,
    crossover: crossoverFor(name),
    meta: (kernel) => ({ backend: name, precision: kernel === "knnCandidates" ? "float32-refined" : "float32" }),

    pairwiseSqDistances(X, Y) {
      const d = X.cols;
      const { X32, Y32 } = centredPair(X, Y);
      const data = tiled(X.rows, Y.rows, rowCap(d), (r0, rows, c0, cols) =>
        engine.sqDistances(X32.subarray(r0 * d, (r0 + rows) * d), rows, Y32.subarray(c0 * d, (c0 + cols) * d), cols, d),
      );
      return { rows: X.rows, cols: Y.rows, data };
    },

    knnCandidates(X, k) {
      const n = X.rows;
      const d = X.cols;
      const { X32 } = centredPair(X, X);
      const c = core.candidateCount(k, n);
      const lists = new core.CandidateLists(n, c);
      const rc = rowCap(d);
      for (let r0 = 0; r0 < n; r0 += rc) {
        const rows = Math.min(rc, n - r0);
        const Xr = X32.subarray(r0 * d, (r0 + rows) * d);
        for (let c0 = 0; c0 < n; c0 += tileCols) {
          const cols = Math.min(tileCols, n - c0);
          const tile = engine.sqDistances(Xr, rows, X32.subarray(c0 * d, (c0 + cols) * d), cols, d);
          for (let i = 0; i < rows; i++) lists.offer(r0 + i, tile[i], 0, cols, c0, r0 + i);
        }
      }
      return core.refineNeighbors(X, lists.index, c, k);
    },

    gaussianAffinityBlock(X, Y, scale) {
      const d = X.cols;
      const { X32, Y32 } = centredPair(X, Y);
      const fixed = typeof scale === "number" ? Math.SQRT2 * scale : 0;
      const sx = typeof scale === "number" ? new Float32Array(X.rows).fill(fixed) : toF32(scale.x);
      const sy = typeof scale === "number" ? new Float32Array(Y.rows).fill(fixed) : toF32(scale.y);
      const data = tiled(X.rows, Y.rows, rowCap(d), (r0, rows, c0, cols) =>
        engine.affinity(
          X32.subarray(r0 * d, (r0 + rows) * d), rows, Y32.subarray(c0 * d, (c0 + cols) * d), cols, d,
          sx.subarray(r0, r0 + rows), sy.subarray(c0, c0 + cols),
        ),
      );
      return { rows: X.rows, cols: Y.rows, data };
    },

    matmul(A, B) {
      const k = A.cols;
      const A32 = toF32(A.data);
      const B32 = toF32(B.data);
      const data = tiled(A.rows, B.cols, rowCap(k), (r0, rows, c0, cols) =>
        engine.matmul(A32.subarray(r0 * k, (r0 + rows) * k), rows, k, B32, B.cols, c0, cols),
      );
      return { rows: A.rows, cols: B.cols, data };
    },

    gram(A) {
      const n = A.cols;
      const A32 = toF32(A.data);
      const data = tiled(n, n, tileRows, (r0, rows, c0, cols) => engine.gram(A32, A.rows, n, r0, rows, c0, cols));
      // Exactly symmetric, as a Gram matrix must be (GPU sums may round differently in the two triangles).
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j];
      return { rows: n, cols: n, data };
    },

    blockMatvec(A, V) {
      const m = A.cols;
      const A32 = f32(A);
      const V32 = toF32(V.data);
      const data = tiled(A.rows, V.cols, rowCap(m), (r0, rows, c0, cols) =>
        engine.matmul(A32.subarray(r0 * m, (r0 + rows) * m), rows, m, V32, V.cols, c0, cols),
      );
      return { rows: A.rows, cols: V.cols, data };
    },

    sinkhornStep(K, a, bm, v) {
      const n = K.rows;
      const m = K.cols;
      const K32 = f32(K);
      const Kt32 = f32T(K);
      const rowDots = (M: Float32Array, rows: number, width: number, x: Float32Array): Float64Array => {
        const out = new Float64Array(rows);
        const rc = rowCap(width);
        for (let r0 = 0; r0 < rows; r0 += rc) {
          const cnt = Math.min(rc, rows - r0);
          const part = engine.rowDot(M.subarray(r0 * width, (r0 + cnt) * width), cnt, width, x);
          for (let i = 0; i < cnt; i++) out[r0 + i] = part[i];
        }
        return out;
      };
      const kv = rowDots(K32, n, m, toF32(v));
      const u = new Float64Array(n);
      for (let i = 0; i < n; i++) u[i] = a[i] / kv[i];
      const ktu = rowDots(Kt32, m, n, toF32(u));
      const vNext = new Float64Array(m);
      for (let j = 0; j < m; j++) vNext[j] = bm[j] / ktu[j];
      return { u, v: vNext };
    },

    fastrpProjection(S: CsrBlock, R, weights) {
      if (S.values.length >= MAX_EXACT_INDEX || S.rows >= MAX_EXACT_INDEX) {
        throw new EigenlabError("backend-limit", gpuMessage.csrTooLarge(S.values.length, MAX_EXACT_INDEX));
      }
      let csr = residentCsr.get(S.values);
      if (!csr) {
        csr = { indptr: Float32Array.from(S.indptr), indices: Float32Array.from(S.indices), values: toF32(S.values) };
        residentCsr.set(S.values, csr);
      }
      const n = S.rows;
      const p = R.cols;
      const acc = new Float64Array(n * p);
      let N = toF32(R.data);
      for (const w of weights) {
        const next = new Float32Array(n * p);
        for (let r0 = 0; r0 < n; r0 += tileRows) {
          const rows = Math.min(tileRows, n - r0);
          const tile = engine.spmm(csr.indptr, csr.indices, csr.values, N, p, r0, rows);
          for (let i = 0; i < rows; i++) next.set(tile[i], (r0 + i) * p);
        }
        N = next;
        if (w !== 0) for (let t = 0; t < acc.length; t++) acc[t] += w * N[t];
      }
      return { rows: n, cols: p, data: acc };
    },
  };
  return { ...core.withChecks(raw), engine, destroy: () => engine.destroy() };
}
