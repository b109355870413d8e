/**
 * The `backend` option of graph.knn, embed.fastrp and ot.sinkhorn: the same call on backend "cpu" and on the
 * GPU.js backend in its "cpu" mode (registered as "gpu", the way importing @eigenlab/gpu registers it) gives
 * the same result — kNN exactly (candidates are re-ranked in float64), FastRP within float32 rounding of the
 * propagation, Sinkhorn to the requested tolerance (the float64 log-domain iteration finishes) — and
 * `meta.backend` names what ran.
 */
import { strict as assert } from "assert";
import { backend, CsrMatrix, data, embed, EigenlabError, graph, Matrix, ot } from "@eigenlab/core";
import { createGpuBackend, GpuBackend } from "../src/backend";

function sameGraph(a: CsrMatrix, b: CsrMatrix, what: string): void {
  assert.deepEqual(Array.from(a.indptr), Array.from(b.indptr), `${what}: indptr`);
  assert.deepEqual(Array.from(a.indices), Array.from(b.indices), `${what}: neighbours`);
  for (let p = 0; p < a.values.length; p++) {
    assert.ok(Math.abs(a.values[p] - b.values[p]) <= 1e-12 * Math.max(1, Math.abs(b.values[p])), `${what}: value ${p}: ${a.values[p]} vs ${b.values[p]}`);
  }
}

describe("backend option: graph.knn, embed.fastrp, ot.sinkhorn on cpu vs the GPU.js backend (cpu mode)", function () {
  this.timeout(120000);
  let gpu: GpuBackend;
  let previous: backend.Backend | null = null;
  before(() => {
    previous = backend.registeredBackends().includes("gpu") ? backend.getBackend("gpu") : null;
    gpu = createGpuBackend({ mode: "cpu", tile: [37, 53] });
    backend.registerBackend(gpu);
  });
  after(() => {
    if (previous) backend.registerBackend(previous);
    gpu.destroy();
  });

  it('graph.knn(X, {k: 8, backend: "gpu"}) equals backend "cpu" for euclidean/cosine, distance mode, includeSelf', () => {
    const X = Matrix.random(150, 6, { seed: 31 });
    for (const v of [
      { metric: "euclidean", includeSelf: false },
      { metric: "cosine", includeSelf: false },
      { metric: "euclidean", includeSelf: true },
    ] as const) {
      const cpu = graph.knn(X, { k: 8, mode: "distance", backend: "cpu", ...v });
      const g = graph.knn(X, { k: 8, mode: "distance", backend: "gpu", ...v });
      sameGraph(g, cpu, JSON.stringify(v));
      assert.match(cpu.meta!.backend, /^cpu/);
      assert.equal(g.meta!.backend, "gpu.js:cpu");
      assert.equal(g.meta!.precision, "float32-refined");
    }
  });

  it('embed.fastrp(G, {backend: "gpu"}) equals backend "cpu" within float32 rounding', () => {
    const { graph: G } = data.sbm({ sizes: [40, 40, 40], pIn: 0.3, pOut: 0.02, seed: 3 });
    const cpu = embed.fastrp(G, { dim: 16, seed: 5, backend: "cpu" });
    const g = embed.fastrp(G, { dim: 16, seed: 5, backend: "gpu" });
    assert.equal(cpu.meta.backend, "cpu");
    assert.equal(g.meta.backend, "gpu.js:cpu");
    let worst = 0;
    for (let t = 0; t < cpu.coords.data.length; t++) worst = Math.max(worst, Math.abs(cpu.coords.data[t] - g.coords.data[t]));
    // Each row of the result is a sum of ≤ 4 unit vectors: float32 propagation errs by ≈ 1e-7 per entry.
    assert.ok(worst < 1e-5, `max |Δ| = ${worst}`);
  });

  it('ot.sinkhorn(a, b, C, {backend: "gpu"}) reaches the same plan as backend "cpu" to tol', () => {
    const X = Matrix.random(30, 2, { seed: 41, dist: "uniform" });
    const Y = Matrix.random(25, 2, { seed: 42, dist: "uniform" });
    const C = Matrix.fromFlat(30, 25, backend.cpuBackend.pairwiseSqDistances(X, Y).data);
    const a = new Float64Array(30).fill(1 / 30);
    const b = new Float64Array(25).fill(1 / 25);
    const cpu = ot.sinkhorn(a, b, C, { epsilon: 0.05, tol: 1e-10, backend: "cpu" });
    const g = ot.sinkhorn(a, b, C, { epsilon: 0.05, tol: 1e-10, backend: "gpu" });
    assert.ok(cpu.converged && g.converged);
    assert.equal(cpu.meta.backend, "cpu");
    assert.equal(g.meta.backend, "gpu.js:cpu");
    assert.ok((g.meta.backendIterations as number) > 0);
    let worst = 0;
    for (let t = 0; t < cpu.plan.data.length; t++) worst = Math.max(worst, Math.abs(cpu.plan.data[t] - g.plan.data[t]));
    // Both plans meet the marginals to 1e-10 and are the unique regularized optimum: they agree to ~tol.
    assert.ok(worst < 1e-9, `max |ΔP| = ${worst}`);
    assert.ok(Math.abs(cpu.cost - g.cost) < 1e-9, `cost ${cpu.cost} vs ${g.cost}`);
  });

  it('an unknown backend is an EigenlabError naming the registered ones; ε too small for the scaling form is one too', () => {
    const X = Matrix.random(20, 3, { seed: 1 });
    const unknown = (e: unknown) => e instanceof EigenlabError && e.code === "unknown-backend" && /gpu/.test(e.message);
    assert.throws(() => graph.knn(X, { k: 3, backend: "tpu" }), unknown);
    assert.throws(() => embed.fastrp(graph.knn(X, { k: 3 }), { dim: 4, backend: "tpu" }), unknown);
    const C = Matrix.fromFlat(2, 2, Float64Array.of(0, 50, 50, 0));
    const u = Float64Array.of(0.5, 0.5);
    assert.throws(() => ot.sinkhorn(u, u, C, { backend: "tpu" }), unknown);
    assert.throws(() => ot.sinkhorn(u, u, Matrix.fromFlat(2, 2, Float64Array.of(90, 90, 90, 90)), { epsilon: 0.01, backend: "gpu" }), /underflows.*backend: "cpu"/);
  });
});
