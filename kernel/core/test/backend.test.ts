import { strict as assert } from "assert";
import { backend, CsrMatrix, EigenlabError, linalg, Matrix, Rng } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";

const cpu = backend.cpuBackend;

/** A seeded sparse random graph's row-stochastic transition matrix (FastRP's S), with self loops. */
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
      V.push(1 / degree);
    }
  }
  return CsrMatrix.fromTriplets(n, n, I, J, V);
}

describe("backend (core): CPU reference kernels and the registry", function () {
  this.timeout(60000);

  describe("cpuBackend kernels agree with numpy/scipy/scikit-learn run side by side", () => {
    const X = Matrix.random(120, 7, { seed: 11 });
    const Y = Matrix.random(45, 7, { seed: 12 });
    const A = Matrix.random(30, 20, { seed: 13 });
    const B = Matrix.random(20, 25, { seed: 14 });
    const K = Matrix.fromFlat(30, 20, Matrix.random(30, 20, { seed: 15, dist: "uniform" }).data.map((v) => 0.1 + v));
    const a = new Float64Array(30).fill(1 / 30);
    const b = new Float64Array(20).fill(1 / 20);
    const v0 = new Float64Array(20).fill(1);
    const S = transitionMatrix(60, 4, 16);
    const R = Matrix.random(60, 8, { seed: 17 });
    const weights = [0, 0.5, 1];
    const scales = { x: Float64Array.from({ length: 120 }, (_, i) => 0.5 + (i % 5) / 10), y: Float64Array.from({ length: 45 }, (_, j) => 0.7 + (j % 3) / 10) };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the peer's JSON output has no static type
    let peer: any;
    before(() => {
      peer = runPython(
        `
from scipy.spatial.distance import cdist
from scipy.sparse import csr_matrix
from sklearn.neighbors import NearestNeighbors
D = cdist(X, Y, "sqeuclidean")
nn = NearestNeighbors(n_neighbors=6).fit(X)
dist, ind = nn.kneighbors(X)
S = csr_matrix((S_values, S_indices, S_indptr), shape=(S_rows, S_cols))
N = R.copy(); acc = np.zeros_like(R)
for w in [0, 0.5, 1]:
    N = S @ N; acc += w * N
u = a / (K @ v0); v = b / (K.T @ u)
out = {"D": D.ravel(), "W": np.exp(-D / (2 * 0.8 ** 2)).ravel(),
       "Wst": np.exp(-D / np.outer(sx, sy)).ravel(),
       "knn": ind[:, 1:].ravel(), "knnd": (dist[:, 1:] ** 2).ravel(),
       "AB": (A @ B).ravel(), "G": (A.T @ A).ravel(), "u": u, "v": v, "fastrp": acc.ravel()}
`,
        {
          X: peerMatrix(X), Y: peerMatrix(Y), A: peerMatrix(A), B: peerMatrix(B), K: peerMatrix(K),
          a: { shape: [30], data: a }, b: { shape: [20], data: b }, v0: { shape: [20], data: v0 },
          sx: { shape: [120], data: scales.x }, sy: { shape: [45], data: scales.y },
          R: peerMatrix(R), ...peerCsr("S", S),
        },
      );
    });

    it("pairwiseSqDistances(X, Y) matches scipy cdist(X, Y, 'sqeuclidean')", () => {
      assertBelow(maxRelDiff(cpu.pairwiseSqDistances(X, Y).data, peer.D), 1e-13, "relative difference");
    });
    it("gaussianAffinityBlock(X, Y, 0.8) and with self-tuning scales match exp(−D/2σ²) and exp(−D/σᵢσⱼ)", () => {
      assertBelow(maxRelDiff(cpu.gaussianAffinityBlock(X, Y, 0.8).data, peer.W), 1e-13, "fixed σ");
      assertBelow(maxRelDiff(cpu.gaussianAffinityBlock(X, Y, scales).data, peer.Wst), 1e-13, "local scales");
    });
    it("knnCandidates(X, 5) returns scikit-learn's neighbours (self excluded) with float64 distances", () => {
      const nb = cpu.knnCandidates(X, 5);
      assert.deepEqual(Array.from(nb.indices), peer.knn);
      assertBelow(maxRelDiff(nb.sqDistances, peer.knnd), 1e-12, "squared distances");
    });
    it("matmul(A, B) and gram(A) match numpy A @ B and A.T @ A (gram exactly symmetric)", () => {
      assertBelow(maxRelDiff(cpu.matmul(A, B).data, peer.AB), 1e-14, "matmul");
      const G = cpu.gram(A);
      assertBelow(maxRelDiff(G.data, peer.G), 1e-14, "gram");
      for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) assert.equal(G.data[i * 20 + j], G.data[j * 20 + i]);
      assert.deepEqual(cpu.blockMatvec(A, B).data, cpu.matmul(A, B).data);
    });
    it("sinkhornStep(K, a, b, v) is u = a/(Kv), v' = b/(Kᵀu); after it the column marginals equal b", () => {
      const step = cpu.sinkhornStep(K, a, b, v0);
      assertBelow(maxRelDiff(step.u, peer.u), 1e-14, "u");
      assertBelow(maxRelDiff(step.v, peer.v), 1e-14, "v");
      // diag(u) K diag(v') has column sums exactly b (Sinkhorn's half-step invariant).
      for (let j = 0; j < 20; j++) {
        let s = 0;
        for (let i = 0; i < 30; i++) s += step.u[i] * K.data[i * 20 + j] * step.v[j];
        assert.ok(Math.abs(s - b[j]) < 1e-15, `column ${j}: ${s} vs ${b[j]}`);
      }
    });
    it("fastrpProjection(S, R, [0, 0.5, 1]) is Σ wᵢ SⁱR (scipy.sparse)", () => {
      assertBelow(maxRelDiff(cpu.fastrpProjection(S, R, weights).data, peer.fastrp), 1e-14, "relative difference");
    });
  });

  describe("rayleighRitzRefine", () => {
    it("recovers eigenvalues to 1e-12·‖A‖ from a subspace perturbed at float32 level (error quadratic in the perturbation)", () => {
      const n = 80;
      const G = Matrix.random(n, n, { seed: 21 });
      const A = G.add(G.T);
      const exact = linalg.eigh(A);
      const p = 4;
      const rng = new Rng(22);
      const V = new Float64Array(n * p);
      for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) V[i * p + j] = exact.vectors.get(i, n - p + j) + 1e-7 * rng.normal();
      const ritz = backend.rayleighRitzRefine((B) => cpu.matmul(A, B), { rows: n, cols: p, data: V });
      const normA = Math.sqrt(A.data.reduce((s, x) => s + x * x, 0));
      for (let j = 0; j < p; j++) assertBelow(Math.abs(ritz.values[j] - exact.values[n - p + j]) / normA, 1e-12, `Ritz value ${j}`);
      for (let j = 0; j < p; j++) assertBelow(ritz.residuals[j] / normA, 1e-5, `residual ${j}`);
    });
  });

  describe("registry", () => {
    afterEach(() => backend.setDefaultBackend("auto"));

    it('getBackend("cpu") is the float64 reference and getBackend("auto") without work falls back to it', () => {
      assert.equal(backend.getBackend("cpu").name, "cpu");
      assert.equal(backend.getBackend("auto").name, "cpu");
      assert.deepEqual(backend.getBackend("cpu").meta("matmul"), { backend: "cpu", precision: "float64" });
    });
    it('getBackend("nope") throws an EigenlabError naming the registered backends', () => {
      assert.throws(() => backend.getBackend("nope"), (e: unknown) => e instanceof EigenlabError && e.code === "unknown-backend" && /cpu/.test(e.message));
    });
    it('setDefaultBackend("fast") is rejected; setDefaultBackend("cpu") changes what getBackend() returns', () => {
      assert.throws(() => backend.setDefaultBackend("fast" as never), EigenlabError);
      backend.setDefaultBackend("cpu");
      assert.equal(backend.defaultBackend(), "cpu");
      assert.equal(backend.getBackend().id, "cpu");
    });
    it('"auto" follows a measured crossover only on a matching machine and only above its size', () => {
      const fake = (machine: backend.MachineDescription): backend.Backend => ({
        ...backend.cpuBackend,
        id: "fake",
        name: "fake:test",
        meta: () => ({ backend: "fake:test", precision: "float32" }),
        crossover: {
          machine,
          measuredAt: "test",
          sizeMeaning: "matrix order",
          entries: [{ kernel: "matmul", backend: "fake:test", fasterFrom: 1000, sizes: [500, 1000], ratios: [1.5, 0.8] }],
        },
      });
      try {
        backend.registerBackend(fake(backend.currentMachine()));
        assert.equal(backend.getBackend("auto", { kernel: "matmul", size: 2000 }).name, "fake:test");
        assert.equal(backend.getBackend("auto", { kernel: "matmul", size: 500 }).name, "cpu");
        assert.equal(backend.getBackend("auto", { kernel: "gram", size: 2000 }).name, "cpu");
        assert.match(backend.autoDecision("matmul", 2000).reason, /measured faster/);
        backend.registerBackend(fake({ ...backend.currentMachine(), cpuModel: "another machine" }));
        assert.equal(backend.getBackend("auto", { kernel: "matmul", size: 2000 }).name, "cpu");
      } finally {
        backend.registerBackend({ ...fake(backend.currentMachine()), crossover: undefined });
      }
    });
    it("registered kernels check their inputs: matmul of 3×4 by 3×4 and knnCandidates(X, n) throw EigenlabError", () => {
      const M = Matrix.zeros(3, 4);
      assert.throws(() => cpu.matmul(M, M), (e: unknown) => e instanceof EigenlabError && e.code === "shape");
      assert.throws(() => cpu.knnCandidates(M, 3), (e: unknown) => e instanceof EigenlabError && e.code === "k-too-large");
      assert.throws(() => cpu.gaussianAffinityBlock(M, M, 0), (e: unknown) => e instanceof EigenlabError && e.code === "bad-option");
      assert.throws(() => cpu.fastrpProjection(CsrMatrix.identity(3), M, []), EigenlabError);
    });
  });
});
