/**
 * Parity suite (the gpu.js habit: one suite, run once per mode): every GPU.js kernel, in every mode that can
 * run on this machine, against the float64 CPU reference. Tolerances are the classical forward-error bounds
 * of float32 arithmetic, entry by entry: |fl(Σ aₜbₜ) − Σ aₜbₜ| ≤ (k + 2)·ε·Σ|aₜ||bₜ| (Higham, "Accuracy and
 * Stability of Numerical Algorithms", §3.1, plus the rounding of the inputs to float32), with ε = 2⁻²³.
 * Modes that cannot run here are listed as skipped tests whose title says why — never silently passed.
 */
import { strict as assert } from "assert";
import { backend, CsrMatrix, linalg, Matrix, Rng } from "@eigenlab/core";
import { createGpuBackend, GpuBackend } from "../src/backend";
import { probeModes } from "../src/gpujs";

const EPS32 = 2 ** -23;
const cpu = backend.cpuBackend;

function abs(A: backend.DenseBlock): Matrix {
  return new Matrix(A.rows, A.cols, A.data.map(Math.abs));
}

/** max over entries of |got − want| / bound (≤ 1 passes). */
function worstRatio(got: ArrayLike<number>, want: ArrayLike<number>, bound: (i: number) => number): number {
  assert.equal(got.length, want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    if (err === 0) continue;
    worst = Math.max(worst, err / bound(i));
  }
  return worst;
}

function assertWithin(ratio: number, what: string): void {
  assert.ok(ratio <= 1, `${what}: error is ${ratio.toFixed(3)}× the float32 bound`);
}

/** Σₜ (|x̃ᵢₜ| + |ỹⱼₜ|)² for data centred by X's mean (the scale the distance kernels' rounding is relative to). */
function distanceScale(X: Matrix, Y: Matrix): Float64Array {
  const d = X.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < X.rows; i++) for (let t = 0; t < d; t++) mean[t] += X.data[i * d + t] / X.rows;
  const out = new Float64Array(X.rows * Y.rows);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < Y.rows; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (Math.abs(X.data[i * d + t] - mean[t]) + Math.abs(Y.data[j * d + t] - mean[t])) ** 2;
      out[i * Y.rows + j] = s;
    }
  }
  return out;
}

function transitionMatrix(n: number, degree: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const I: number[] = [];
  const J: number[] = [];
  const V: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Set<number>([i]);
    while (row.size < degree) row.add(rng.int(n));
    for (const j of row) {
      I.push(i);
      J.push(j);
      V.push((1 + rng.uniform()) / degree);
    }
  }
  return CsrMatrix.fromTriplets(n, n, I, J, V);
}

/** Symmetric matrix with 4 well separated top eigenvalues (spikes 50, 40, 30, 20 over a bulk of radius ≈ 2). */
function spiked(n: number, seed: number): Matrix {
  const G = Matrix.random(n, n, { seed });
  let A = G.add(G.T).scale(0.1);
  const U = Matrix.random(n, 4, { seed: seed + 1 });
  const cols: Float64Array[] = [];
  for (let j = 0; j < 4; j++) {
    const v = U.col(j);
    for (const q of cols) {
      const s = q.reduce((acc, x, i) => acc + x * v[i], 0);
      for (let i = 0; i < n; i++) v[i] -= s * q[i];
    }
    const nv = Math.hypot(...v);
    cols.push(v.map((x) => x / nv));
  }
  [50, 40, 30, 20].forEach((spike, j) => {
    const u = cols[j];
    A = A.add(new Matrix(n, n, Float64Array.from({ length: n * n }, (_, t) => spike * u[Math.floor(t / n)] * u[t % n])));
  });
  return A;
}

describe("@eigenlab/gpu parity: every kernel in every available GPU.js mode vs the float64 CPU reference", function () {
  this.timeout(120000);

  const X = Matrix.random(150, 9, { seed: 1 });
  const Y = Matrix.random(70, 9, { seed: 2 }).add(Matrix.zeros(70, 9).add(new Matrix(70, 9, new Float64Array(630).fill(3))));
  const A = Matrix.random(40, 33, { seed: 3 });
  const B = Matrix.random(33, 29, { seed: 4 });
  const K = new Matrix(45, 38, Matrix.random(45, 38, { seed: 5, dist: "uniform" }).data.map((v) => Math.exp(-3 * v)));
  const a = new Float64Array(45).fill(1 / 45);
  const b = new Float64Array(38).fill(1 / 38);
  const v0 = new Float64Array(38).fill(1);
  const S = transitionMatrix(90, 5, 6);
  const R = Matrix.random(90, 12, { seed: 7 });
  const weights = [0, 0.5, 1, 0.25];

  for (const probe of probeModes()) {
    const mode = probe.requested;
    if (!probe.available) {
      it(`GPU.js mode "${mode}" — skipped: ${probe.reason}`, function () {
        this.skip();
      });
      continue;
    }

    describe(`GPU.js mode "${mode}" (runs its ${probe.kernelMode} kernel)`, () => {
      let g: GpuBackend;
      const warnings: string[] = [];
      const onWarning = (w: Error & { code?: string }) => {
        if (w.code === "EIGENLAB_GPUJS_FALLBACK") warnings.push(w.message);
      };
      before(() => {
        process.on("warning", onWarning);
        // Small, odd tiles: every kernel crosses tile borders and handles ragged last tiles.
        g = createGpuBackend({ mode, tile: [37, 53] });
      });
      after(() => {
        process.off("warning", onWarning);
        g.destroy();
      });

      it(`names what ran: backend "gpu.js:${probe.kernelMode}", float32 (kNN float32-refined), and warns when GPU.js fell back`, async () => {
        assert.equal(g.name, `gpu.js:${g.engine.kernelMode}`);
        assert.equal(g.engine.kernelMode, probe.kernelMode);
        assert.deepEqual(g.meta("matmul"), { backend: g.name, precision: "float32" });
        assert.deepEqual(g.meta("knnCandidates"), { backend: g.name, precision: "float32-refined" });
        await new Promise((resolve) => setImmediate(resolve)); // process warnings are delivered on the next tick
        assert.equal(warnings.length, mode === g.engine.kernelMode ? 0 : 1, `warnings: ${warnings.join(" | ")}`);
      });

      it("pairwiseSqDistances(X, Y) within (d + 4)·ε·Σ(|x̃|+|ỹ|)² of float64", () => {
        const scale = distanceScale(X, Y);
        const got = g.pairwiseSqDistances(X, Y);
        assert.deepEqual([got.rows, got.cols], [150, 70]);
        assertWithin(worstRatio(got.data, cpu.pairwiseSqDistances(X, Y).data, (i) => (9 + 4) * EPS32 * scale[i] + 1e-12), "distances");
      });

      it("knnCandidates(X, 7) returns exactly the float64 neighbours and float64 distances after refinement", () => {
        const want = cpu.knnCandidates(X, 7);
        const got = g.knnCandidates(X, 7);
        assert.deepEqual(Array.from(got.indices), Array.from(want.indices));
        assert.deepEqual(Array.from(got.sqDistances), Array.from(want.sqDistances));
      });

      it("gaussianAffinityBlock(X, Y, σ) and with self-tuning scales within W·(distance bound/den + 4ε)", () => {
        const scale = distanceScale(X, Y);
        const sx = Float64Array.from({ length: 150 }, (_, i) => 2 + (i % 7) / 3);
        const sy = Float64Array.from({ length: 70 }, (_, j) => 2.5 + (j % 4) / 2);
        for (const s of [2.5, { x: sx, y: sy }] as const) {
          const want = cpu.gaussianAffinityBlock(X, Y, s).data;
          const got = g.gaussianAffinityBlock(X, Y, s).data;
          const den = (i: number) => (typeof s === "number" ? 2 * s * s : sx[Math.floor(i / 70)] * sy[i % 70]);
          assertWithin(worstRatio(got, want, (i) => want[i] * ((9 + 4) * EPS32 * scale[i] / den(i) + 4 * EPS32) + 1e-30), `affinity ${typeof s}`);
        }
      });

      it("matmul(A, B) within (k + 2)·ε·|A||B|", () => {
        const bound = cpu.matmul(abs(A), abs(B)).data;
        assertWithin(worstRatio(g.matmul(A, B).data, cpu.matmul(A, B).data, (i) => (33 + 2) * EPS32 * bound[i]), "matmul");
      });

      it("gram(A) within (m + 2)·ε·|A|ᵀ|A| and exactly symmetric", () => {
        const G = g.gram(A);
        const bound = cpu.gram(abs(A)).data;
        assertWithin(worstRatio(G.data, cpu.gram(A).data, (i) => (40 + 2) * EPS32 * bound[i]), "gram");
        for (let i = 0; i < 33; i++) for (let j = 0; j < i; j++) assert.equal(G.data[i * 33 + j], G.data[j * 33 + i]);
      });

      it("blockMatvec(A, V) within (m + 2)·ε·|A||V|, repeatable with A resident", () => {
        const bound = cpu.matmul(abs(A), abs(B)).data;
        const first = g.blockMatvec(A, B);
        assertWithin(worstRatio(first.data, cpu.matmul(A, B).data, (i) => (33 + 2) * EPS32 * bound[i]), "blockMatvec");
        assert.deepEqual(g.blockMatvec(A, B).data, first.data);
      });

      it("float32 subspace iteration with blockMatvec + float64 rayleighRitzRefine gives eigh's top eigenvalues to 1e-12·‖A‖", () => {
        const n = 60;
        const M = spiked(n, 8);
        let V = Matrix.random(n, 4, { seed: 9 }).data;
        for (let it = 0; it < 25; it++) {
          V = g.blockMatvec(M, { rows: n, cols: 4, data: V }).data;
          V = backend.rayleighRitzRefine((W) => W, { rows: n, cols: 4, data: V }).vectors.data; // orthonormalize only
        }
        const ritz = backend.rayleighRitzRefine((W) => cpu.matmul(M, W), { rows: n, cols: 4, data: V });
        const exact = linalg.eigh(M).values.slice(n - 4);
        const normA = Math.sqrt(M.data.reduce((s, x) => s + x * x, 0));
        for (let j = 0; j < 4; j++) {
          const err = Math.abs(ritz.values[j] - exact[j]) / normA;
          assert.ok(err < 1e-12, `eigenvalue ${j}: relative error ${err.toExponential(2)}`);
        }
      });

      it("sinkhornStep(K, a, b, v) within (n + m + 8)·ε relative, entry by entry", () => {
        const want = cpu.sinkhornStep(K, a, b, v0);
        const got = g.sinkhornStep(K, a, b, v0);
        assertWithin(worstRatio(got.u, want.u, (i) => (38 + 8) * EPS32 * Math.abs(want.u[i])), "u");
        assertWithin(worstRatio(got.v, want.v, (j) => (45 + 38 + 8) * EPS32 * Math.abs(want.v[j])), "v");
      });

      it("fastrpProjection(S, R, w) within q·(deg + 2)·ε·Σ|wᵢ||S|ⁱ|R|", () => {
        const absS = new CsrMatrix(S.rows, S.cols, S.indptr, S.indices, S.values.map(Math.abs));
        const bound = cpu.fastrpProjection(absS, abs(R), weights.map(Math.abs)).data;
        const got = g.fastrpProjection(S, R, weights).data;
        assertWithin(worstRatio(got, cpu.fastrpProjection(S, R, weights).data, (i) => weights.length * (5 + 2) * EPS32 * bound[i] + 1e-30), "fastrp");
      });
    });
  }

  it('importing @eigenlab/gpu registers backend "gpu", named after the kernel that actually runs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the module must not throw; a static import would load it before the test
    require("../src");
    const gb = backend.getBackend("gpu");
    assert.match(gb.name, /^gpu\.js:(webasm|headlessgl|cpu)$/);
    assert.ok(backend.registeredBackends().includes("gpu"));
    // On a machine whose crossover table says GPU.js never wins, "auto" stays on the CPU path.
    const entry = gb.crossover?.entries.find((e) => e.kernel === "matmul");
    if (!entry || entry.fasterFrom === null) assert.equal(backend.getBackend("auto", { kernel: "matmul", size: 4096 }).name, "cpu");
  });
});
