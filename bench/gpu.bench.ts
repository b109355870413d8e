/**
 * GPU.js backend vs our CPU path, kernel by kernel and size by size: median wall time in every GPU.js mode
 * available in this process, the ratio to our best CPU path (core's float64 `cpuBackend`, blocked
 * TypeScript), and the largest error against float64. Runs whose predicted time exceeds the per-run cap are
 * skipped and listed. `EIGENLAB_WRITE_CROSSOVER=1` stores the measured crossovers (with this machine's
 * description) in kernel/gpu/src/crossover-measured.ts, which core's "auto" reads.
 *
 * headless-gl runs only under an X server with the optional `gl` addon: `bash scripts/headlessgl.sh bench`.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { performance } from "perf_hooks";
import { backend, CsrMatrix, Matrix, Rng } from "@eigenlab/core";
import { createGpuBackend, GpuBackend } from "../kernel/gpu/src/backend";
import { GPUJS_VERSION, probeModes } from "../kernel/gpu/src/gpujs";
import { median } from "./harness";

export const title = `GPU.js ${GPUJS_VERSION} backend vs the CPU path (float64 TypeScript): medians, ratios, float32 error`;

/** A run predicted to take longer than this (seconds) is skipped and reported. */
const CAP_S = Number(process.env.EIGENLAB_GPU_BENCH_CAP ?? 40);
const SIZES = (process.env.EIGENLAB_GPU_BENCH_SIZES ?? "2000,10000,50000").split(",").map(Number);
/** Memory a workload may allocate for its inputs and outputs (bytes). */
const MEMORY_CAP = 4 * 2 ** 30;

interface Workload {
  kernel: backend.KernelName;
  describe(n: number): string;
  /** Arbitrary work units ∝ run time (flop-like), used to predict a run from a smaller one. */
  work(n: number): number;
  bytes(n: number): number;
  make(n: number): (b: backend.Backend) => ArrayLike<number>;
}

function transitionMatrix(n: number, degree: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const I = new Int32Array(n * degree);
  const J = new Int32Array(n * degree);
  const V = new Float64Array(n * degree).fill(1 / degree);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < degree; t++) {
      I[i * degree + t] = i;
      J[i * degree + t] = t === 0 ? i : rng.int(n);
    }
  }
  return CsrMatrix.fromTriplets(n, n, Array.from(I), Array.from(J), Array.from(V));
}

const BLOCK = 1000;
const CALIBRATION_N = 400;
const WORKLOADS: Workload[] = [
  {
    kernel: "pairwiseSqDistances",
    describe: (n) => `sqdist ${BLOCK}×${n} block, d=32`,
    work: (n) => BLOCK * n * 32 * 3,
    bytes: (n) => BLOCK * n * 12 + n * 32 * 12,
    make(n) {
      const X = Matrix.random(BLOCK, 32, { seed: 1 });
      const Y = Matrix.random(n, 32, { seed: 2 });
      return (b) => b.pairwiseSqDistances(X, Y).data;
    },
  },
  {
    kernel: "knnCandidates",
    describe: (n) => `kNN k=10, n=${n}, d=16 (all pairs)`,
    work: (n) => n * n * 16 * 3,
    bytes: (n) => n * 16 * 12 + 1024 * n * 8,
    make(n) {
      const X = Matrix.random(n, 16, { seed: 3 });
      return (b) => b.knnCandidates(X, 10).sqDistances;
    },
  },
  {
    kernel: "gaussianAffinityBlock",
    describe: (n) => `affinity ${BLOCK}×${n} block, d=32, σ=4`,
    work: (n) => BLOCK * n * 32 * 3,
    bytes: (n) => BLOCK * n * 12 + n * 32 * 12,
    make(n) {
      const X = Matrix.random(BLOCK, 32, { seed: 4 });
      const Y = Matrix.random(n, 32, { seed: 5 });
      return (b) => b.gaussianAffinityBlock(X, Y, 4).data;
    },
  },
  {
    kernel: "matmul",
    describe: (n) => `matmul ${n}×${n}·${n}×${n}`,
    work: (n) => 2 * n ** 3,
    bytes: (n) => 3 * n * n * 12,
    make(n) {
      const A = Matrix.random(n, n, { seed: 6 });
      const B = Matrix.random(n, n, { seed: 7 });
      return (b) => b.matmul(A, B).data;
    },
  },
  {
    kernel: "gram",
    describe: (n) => `gram AᵀA, A ${n}×256`,
    work: (n) => 2 * n * 256 * 256,
    bytes: (n) => n * 256 * 12,
    make(n) {
      const A = Matrix.random(n, 256, { seed: 8 });
      return (b) => b.gram(A).data;
    },
  },
  {
    kernel: "blockMatvec",
    describe: (n) => `blockMatvec A ${n}×${n} (resident) · V ${n}×8`,
    work: (n) => 2 * n * n * 8,
    bytes: (n) => n * n * 12,
    make(n) {
      const A = Matrix.random(n, n, { seed: 9 });
      const V = Matrix.random(n, 8, { seed: 10 });
      return (b) => b.blockMatvec(A, V).data;
    },
  },
  {
    kernel: "sinkhornStep",
    describe: (n) => `sinkhornStep K ${n}×${n} (resident)`,
    work: (n) => 4 * n * n,
    bytes: (n) => n * n * 16,
    make(n) {
      const K = new Matrix(n, n, Matrix.random(n, n, { seed: 11, dist: "uniform" }).data.map((v) => Math.exp(-4 * v)));
      const a = new Float64Array(n).fill(1 / n);
      const v = new Float64Array(n).fill(1);
      return (b) => b.sinkhornStep(K, a, a, v).v;
    },
  },
  {
    kernel: "fastrpProjection",
    describe: (n) => `FastRP n=${n}, deg 10, dim 128, 4 steps`,
    work: (n) => 4 * n * 10 * 128 * 2,
    bytes: (n) => n * 128 * 40 + n * 10 * 24,
    make(n) {
      const S = transitionMatrix(n, 10, 12);
      const R = Matrix.random(n, 128, { seed: 13 });
      return (b) => b.fastrpProjection(S, R, [0, 0, 1, 1]).data;
    },
  },
];

function maxRelError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]));
    err = Math.max(err, Math.abs(got[i] - want[i]));
  }
  return err / Math.max(scale, 1e-300);
}

/** First run (compiles GPU.js kernels, uploads resident operands) then median of the repeats. */
function time(fn: () => ArrayLike<number>): { first: number; median: number; result: ArrayLike<number> } {
  let t0 = performance.now();
  let result = fn();
  const first = (performance.now() - t0) / 1000;
  const reps = first > 5 ? 1 : first > 1 ? 2 : 3;
  const all: number[] = [];
  for (let r = 0; r < reps; r++) {
    t0 = performance.now();
    result = fn();
    all.push((performance.now() - t0) / 1000);
  }
  return { first, median: median(all), result };
}

const fmt = (s: number) => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(1)} ms`);

export function run(): void {
  const probes = probeModes();
  for (const p of probes) console.log(`  mode ${p.requested.padEnd(10)} ${p.available ? `runs ${p.kernelMode}` : `unavailable: ${p.reason}`}`);
  // One backend per distinct kernel mode ("gpu" is GPU.js's pick among these, measured under its real name).
  const seen = new Set<string>();
  const gpus: GpuBackend[] = [];
  for (const p of probes) {
    if (!p.available || seen.has(p.kernelMode as string)) continue;
    seen.add(p.kernelMode as string);
    gpus.push(createGpuBackend({ mode: p.requested }));
  }
  const cpu = backend.cpuBackend;
  const machine = backend.currentMachine(
    gpus.some((g) => g.engine.kernelMode === "headlessgl") ? "no GPU: GL via headless-gl on Mesa software rendering" : "no GPU: GPU.js WebAssembly/JS kernels on the CPU",
  );
  console.log(`  machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.platform}; ${machine.accelerator}; cap ${CAP_S} s per run`);
  console.log(`  ${"workload".padEnd(44)} ${"backend".padEnd(20)} ${"first".padStart(9)} ${"median".padStart(9)}  ${"ratio".padStart(7)}  max rel err`);

  const entries: backend.CrossoverEntry[] = [];
  const skipped: string[] = [];
  for (const w of WORKLOADS) {
    const perBackend = new Map<string, { sizes: number[]; ratios: number[] }>();
    const lastRate = new Map<string, number>(); // seconds per work unit, for predictions
    // Calibrate every backend on a small instance first (also compiles its kernels), so even the first
    // listed size is predicted and skipped when it would exceed the cap.
    {
      const fn = w.make(CALIBRATION_N);
      for (const b of [cpu, ...gpus]) {
        fn(b);
        const t0 = performance.now();
        fn(b);
        lastRate.set(b.name, (performance.now() - t0) / 1000 / w.work(CALIBRATION_N));
      }
    }
    for (const n of SIZES) {
      const label = w.describe(n);
      if (w.bytes(n) > MEMORY_CAP) {
        skipped.push(`${label}: needs ≈${(w.bytes(n) / 2 ** 30).toFixed(1)} GiB`);
        continue;
      }
      const predictCpu = (lastRate.get("cpu") ?? 0) * w.work(n);
      if (predictCpu > CAP_S) {
        skipped.push(`${label}: cpu predicted ${predictCpu.toFixed(0)} s > cap`);
        continue;
      }
      const fn = w.make(n);
      const ref = time(() => fn(cpu));
      lastRate.set("cpu", ref.median / w.work(n));
      console.log(`  ${label.padEnd(44)} ${"cpu (float64)".padEnd(20)} ${fmt(ref.first).padStart(9)} ${fmt(ref.median).padStart(9)}  ${"1.00".padStart(6)}×  0`);
      for (const g of gpus) {
        const predicted = (lastRate.get(g.name) ?? 0) * w.work(n);
        if (predicted > CAP_S) {
          skipped.push(`${label} on ${g.name}: predicted ${predicted.toFixed(0)} s > cap`);
          continue;
        }
        const t = time(() => fn(g));
        lastRate.set(g.name, t.median / w.work(n));
        const ratio = t.median / ref.median;
        const err = maxRelError(t.result, ref.result);
        const entry = perBackend.get(g.name) ?? { sizes: [], ratios: [] };
        entry.sizes.push(n);
        entry.ratios.push(Number(ratio.toFixed(3)));
        perBackend.set(g.name, entry);
        console.log(
          `  ${"".padEnd(44)} ${g.name.padEnd(20)} ${fmt(t.first).padStart(9)} ${fmt(t.median).padStart(9)}  ${ratio.toFixed(2).padStart(6)}×  ${err.toExponential(1)} (${g.meta(w.kernel).precision})`,
        );
      }
    }
    for (const [name, e] of perBackend) {
      // Faster from the smallest measured size at and above which every measured ratio is below 1.
      let fasterFrom: number | null = null;
      for (let i = e.sizes.length - 1; i >= 0 && e.ratios[i] < 1; i--) fasterFrom = e.sizes[i];
      entries.push({ kernel: w.kernel, backend: name, fasterFrom, sizes: e.sizes, ratios: e.ratios });
    }
  }
  for (const s of skipped) console.log(`  skipped: ${s}`);
  for (const g of gpus) g.destroy();

  if (process.env.EIGENLAB_WRITE_CROSSOVER === "1") {
    const table: backend.CrossoverTable = {
      machine,
      measuredAt: new Date().toISOString(),
      sizeMeaning: "points for distances/kNN/affinity (columns of the 1000-row block), matrix order for matmul/blockMatvec/sinkhorn, rows of A (n×256) for gram, nodes for FastRP",
      entries,
    };
    const file = join(__dirname, "../kernel/gpu/src/crossover-measured.ts");
    writeFileSync(
      file,
      `/** Generated by bench/gpu.bench.ts (EIGENLAB_WRITE_CROSSOVER=1); do not edit by hand. */\n` +
        `import type { backend } from "@eigenlab/core";\n\n` +
        // Number arrays on one line each, so the table reads as a table.
        `export const MEASURED: backend.CrossoverTable[] = ${JSON.stringify([table], null, 2).replace(/\[\s*([-\d.e,\s]+?)\s*\]/g, (_, xs: string) => `[${xs.split(",").map((x) => x.trim()).join(", ")}]`)};\n`,
    );
    console.log(`  wrote ${file}`);
  }
}
