// graph.knn(X, { method: "nndescent" }): approximate kNN graphs (issue #15). The graph must be a kNN graph
// (k entries per row, no self loops, distances exact for the neighbours it names), close to the exact one
// (recall against the brute-force graph), and deterministic for a seed.
import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, Matrix, data, graph } from "../src";
import { gemmBackend, setBlasThreads, setWasmEnabled } from "../src/kernels";
import { JOIN_BLOCK } from "../src/kernels/nndescent-pool";
import { nnDescent } from "../src/kernels/nndescent";
import { Rng } from "../src/random";

/** Fraction of `approx`'s entries that are entries of `exact`, row by row (recall@k when both have k per row). */
function recall(approx: CsrMatrix, exact: CsrMatrix): number {
  let found = 0;
  for (let i = 0; i < exact.rows; i++) {
    const row = new Set(exact.indices.subarray(exact.indptr[i], exact.indptr[i + 1]));
    for (let p = approx.indptr[i]; p < approx.indptr[i + 1]; p++) if (row.has(approx.indices[p])) found++;
  }
  return found / exact.nnz;
}

describe("graph.knn method nndescent", () => {
  const blobs = data.blobs({ n: 4000, k: 8, d: 16, std: 3, seed: 11 }).X;

  it("graph.knn(blobs 4000×16, { k: 10, method: 'nndescent' }) has recall ≥ 0.97 against the exact graph", () => {
    const approx = graph.knn(blobs, { k: 10, method: "nndescent", seed: 1 });
    const exact = graph.knn(blobs, { k: 10 });
    assert.equal(approx.nnz, exact.nnz);
    const r = recall(approx, exact);
    assert.ok(r >= 0.97, `recall ${r}`);
    assert.match(approx.meta!.solver, /^knn:nndescent\(rp-forest \d+ trees, \d+ rounds\)$/);
  });

  it("graph.knn(uniform 3000×16, { k: 15, metric: 'cosine', method: 'nndescent' }): recall ≥ 0.9 (the hard case: no cluster structure)", () => {
    const X = Matrix.random(3000, 16, { seed: 4 });
    const r = recall(graph.knn(X, { k: 15, metric: "cosine", method: "nndescent", seed: 2 }), graph.knn(X, { k: 15, metric: "cosine" }));
    assert.ok(r >= 0.9, `recall ${r}`);
  });

  it("graph.knn(blobs 4000×64, { k: 10, method: 'nndescent' }) has recall ≥ 0.98: in high dimension the search keeps 2k neighbours per point (k-long lists stall at 0.93)", () => {
    const X = data.blobs({ n: 4000, k: 4, d: 64, std: 4, seed: 7 }).X;
    const r = recall(graph.knn(X, { k: 10, method: "nndescent", seed: 1 }), graph.knn(X, { k: 10 }));
    assert.ok(r >= 0.98, `recall ${r}`);
  });

  it("mode 'distance': each entry is the exact distance to the neighbour it names,", () => {
    const X = blobs.takeRows(Int32Array.from({ length: 1500 }, (_, i) => i));
    const W = graph.knn(X, { k: 8, mode: "distance", method: "nndescent", seed: 5 });
    for (let i = 0; i < X.rows; i++) {
      assert.equal(W.indptr[i + 1] - W.indptr[i], 8);
      for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
        const j = W.indices[p];
        assert.notEqual(j, i, "no self loop");
        let s = 0;
        for (let c = 0; c < X.cols; c++) s += (X.get(i, c) - X.get(j, c)) ** 2;
        assert.ok(Math.abs(W.values[p] - Math.sqrt(s)) <= 1e-12 * Math.sqrt(s), `distance ${i}→${j}`);
      }
    }
  });

  it("same seed → the same graph bit for bit; includeSelf puts the point itself first", () => {
    const a = graph.knn(blobs, { k: 6, method: "nndescent", seed: 9, mode: "distance" });
    const b = graph.knn(blobs, { k: 6, method: "nndescent", seed: 9, mode: "distance" });
    assert.deepEqual(Array.from(a.indices), Array.from(b.indices));
    assert.deepEqual(Array.from(a.values), Array.from(b.values));
    const self = graph.knn(blobs, { k: 6, method: "nndescent", seed: 9, includeSelf: true });
    for (let i = 0; i < 50; i++) {
      const row = Array.from(self.indices.subarray(self.indptr[i], self.indptr[i + 1]));
      assert.ok(row.includes(i), `row ${i} includes itself`);
    }
  });

  it("the WebAssembly SIMD kernels and the TypeScript fallback give the same graph bit for bit (d = 13 and 64, both metrics)", () => {
    assert.equal(gemmBackend(), "wasm-simd", "this test needs the WebAssembly path");
    const cases = [
      [data.blobs({ n: 2000, k: 5, d: 13, std: 3, seed: 2 }).X, "euclidean"],
      [Matrix.random(1500, 7, { seed: 3 }), "cosine"],
      [data.blobs({ n: 1500, k: 5, d: 64, std: 3, seed: 2 }).X, "euclidean"],
    ] as const;
    for (const [X, metric] of cases) {
      const simd = graph.knn(X, { k: 10, method: "nndescent", seed: 4, metric, mode: "distance" });
      setWasmEnabled(false);
      try {
        const js = graph.knn(X, { k: 10, method: "nndescent", seed: 4, metric, mode: "distance" });
        assert.equal(simd.meta!.backend, "cpu-wasm", "the SIMD kernels ran");
        assert.equal(js.meta!.backend, "cpu", "the TypeScript loops ran");
        assert.deepEqual(Array.from(js.indices), Array.from(simd.indices), `${metric} d = ${X.cols}`);
        assert.deepEqual(Array.from(js.values), Array.from(simd.values), `${metric} d = ${X.cols}`);
      } finally {
        setWasmEnabled(true);
      }
    }
  });

  it("method 'auto' is exact below KNN_AUTO_NNDESCENT points; bad method, seed and backend combinations are EigenlabErrors", () => {
    const X = blobs.takeRows(Int32Array.from({ length: 500 }, (_, i) => i));
    assert.match(graph.knn(X, { k: 5, method: "auto" }).meta!.solver, /^knn:brute/);
    assert.throws(() => graph.knn(X, { k: 5, method: "annoy" as never }), (e: unknown) => e instanceof EigenlabError && /method/.test((e as Error).message));
    assert.throws(() => graph.knn(X, { k: 5, method: "nndescent", seed: 1.5 }), (e: unknown) => e instanceof EigenlabError && /seed/.test((e as Error).message));
    assert.throws(() => graph.knn(X, { k: 5, method: "nndescent", backend: "gpu" }), (e: unknown) => e instanceof EigenlabError && /runs on the CPU/.test((e as Error).message));
    assert.throws(() => graph.knn(X, { k: 500, method: "nndescent" }), (e: unknown) => e instanceof EigenlabError && (e as EigenlabError).code === "k-too-large");
  });

  it("graph.knn(X, { method: 'nndescent' }) gives the same indices and distances on 1 and 2 threads (blocks of the parallel join, both metrics)", () => {
    const cases = [
      [data.blobs({ n: 3 * JOIN_BLOCK + 123, k: 6, d: 16, std: 3, seed: 5 }).X, "euclidean"],
      [Matrix.random(JOIN_BLOCK + 77, 9, { seed: 8 }), "cosine"],
    ] as const;
    const before = setBlasThreads(1);
    try {
      for (const [X, metric] of cases) {
        setBlasThreads(1);
        const one = graph.knn(X, { k: 10, method: "nndescent", seed: 6, metric, mode: "distance" });
        setBlasThreads(2);
        const two = graph.knn(X, { k: 10, method: "nndescent", seed: 6, metric, mode: "distance" });
        const again = graph.knn(X, { k: 10, method: "nndescent", seed: 6, metric, mode: "distance" });
        assert.deepEqual(Array.from(two.indices), Array.from(one.indices), metric);
        assert.deepEqual(Array.from(two.values), Array.from(one.values), metric);
        assert.deepEqual(Array.from(again.indices), Array.from(one.indices), metric);
        assert.notDeepEqual(Array.from(graph.knn(X, { k: 10, method: "nndescent", seed: 7, metric }).indices), Array.from(one.indices), "another seed, another graph");
      }
    } finally {
      setBlasThreads(before);
    }
  });

  it("nnDescent with proposal buffers too small for a chunk (redone on the calling thread) gives the same lists on 1 and 2 threads", () => {
    const X = data.blobs({ n: 2 * JOIN_BLOCK + 5, k: 5, d: 12, std: 3, seed: 3 }).X;
    const run = (threads: number, proposalCap?: number) => {
      const before = setBlasThreads(threads);
      try {
        return nnDescent({ rows: X.rows, cols: X.cols, data: X.data }, { k: 8, metric: "euclidean", includeSelf: false, rng: new Rng(4), proposalCap }).lists;
      } finally {
        setBlasThreads(before);
      }
    };
    const ref = run(1);
    for (const [threads, cap] of [[2, undefined], [1, 1], [2, 1]] as const) {
      const got = run(threads, cap);
      assert.deepEqual(Array.from(got.indices), Array.from(ref.indices), `threads ${threads} cap ${cap}`);
      assert.deepEqual(Array.from(got.distances), Array.from(ref.distances), `threads ${threads} cap ${cap}`);
    }
  });
});
