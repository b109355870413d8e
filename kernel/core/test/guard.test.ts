/** Size guards and global settings (issue #16): a typo fails fast and never leaves the process broken. */
import { strict as assert } from "assert";
import { freemem } from "os";
import { backend, CsrMatrix, data, EigenlabError, graph, linalg, Matrix, rmt, setSizeLimit, sizeLimit } from "../src";

function tooLarge(f: () => unknown, pattern?: RegExp): void {
  const start = Date.now();
  assert.throws(f, (e: unknown) => e instanceof EigenlabError && e.code === "too-large" && /setSizeLimit/.test(e.message) && (!pattern || pattern.test(e.message)));
  assert.ok(Date.now() - start < 500, `took ${Date.now() - start} ms to refuse`);
}

describe("size guards (issue #16)", () => {
  afterEach(() => setSizeLimit(null));

  it("sizeLimit() defaults to half of os.freemem()", () => {
    const expected = 0.5 * freemem();
    assert.ok(Math.abs(sizeLimit() - expected) < 0.05 * expected, `${sizeLimit()} vs ${expected}`);
  });

  it("data.blobs({ n: 1e9 }), Matrix.random(40000, 40000), Matrix.zeros(1e6, 1e6), rmt.esd(x, { bins: 1e9 }) fail fast with too-large, naming the size", () => {
    setSizeLimit(2 ** 30); // a fixed limit so the test does not depend on the machine's free memory
    tooLarge(() => data.blobs({ n: 1e9 }), /1000000000 points in 2 dimensions would need 1[0-9.]+ GiB/);
    tooLarge(() => Matrix.random(40000, 40000), /40000 × 40000 matrix would need 11\.9 GiB, above the size limit of 1\.00 GiB/);
    tooLarge(() => Matrix.zeros(1e6, 1e6));
    tooLarge(() => Matrix.eye(1e5));
    tooLarge(() => Matrix.diag(new Float64Array(1e5)));
    tooLarge(() => CsrMatrix.identity(2 ** 30));
    tooLarge(() => rmt.esd([1, 2, 3], { bins: 1e9 }), /1000000000 bins/);
    tooLarge(() => data.moons({ n: 1e9 }));
    tooLarge(() => data.circles({ n: 1e9 }));
    tooLarge(() => data.swissRoll({ n: 1e9 }));
    tooLarge(() => data.spikedWishart({ n: 1e6, p: 1e5 }));
    tooLarge(() => data.sbm({ sizes: [1e5, 1e5], pIn: 0.5, pOut: 0.1 }), /edges/);
  });

  it("graph.knn(X, { k }) refuses an n·k graph over the limit before searching", () => {
    const X = Matrix.random(2000, 2, { seed: 1 });
    setSizeLimit(2 ** 20);
    tooLarge(() => graph.knn(X, { k: 1000 }), /2000-node graph with k = 1000/);
    setSizeLimit(null);
    assert.equal(graph.knn(X, { k: 5 }).rows, 2000);
  });

  it("setSizeLimit(bytes) applies to the next call; setSizeLimit(null) restores the default; bad values are refused and keep the limit", () => {
    assert.equal(setSizeLimit(1000), 1000);
    tooLarge(() => Matrix.zeros(20, 20)); // 3200 bytes
    assert.equal(Matrix.zeros(10, 10).rows, 10); // 800 bytes
    for (const bad of [0, -1, NaN, Infinity, "1e9", undefined, {}]) {
      assert.throws(() => setSizeLimit(bad as never), (e: unknown) => e instanceof EigenlabError && e.code === "bad-option");
      assert.equal(sizeLimit(), 1000);
    }
    setSizeLimit(null);
    assert.equal(Matrix.zeros(100, 100).rows, 100);
  });
});

describe("global settings survive bad calls (issue #16)", () => {
  const A = Matrix.from([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
  const check = () => {
    const S = linalg.eigh(A);
    const x = linalg.cg(A, [1, 2, 3]).x;
    const r = A.matvec(x).map((v, i) => v - [1, 2, 3][i]);
    assert.ok(Math.max(...r.map(Math.abs)) < 1e-8);
    assert.equal(S.values.length, 3);
    assert.equal(A.matmul(Matrix.random(3, 200, { seed: 1 })).cols, 200);
    assert.equal(graph.knn(Matrix.random(30, 2, { seed: 2 }), { k: 3 }).rows, 30);
  };

  it("linalg.setBlasThreads rejects 'four', 0, 2.5, NaN and keeps the thread count; dense solves still work", () => {
    const before = linalg.blasThreads();
    for (const bad of ["four", "4", 0, -2, 2.5, NaN, Infinity, null]) {
      assert.throws(() => linalg.setBlasThreads(bad as never), EigenlabError);
      assert.equal(linalg.blasThreads(), before);
    }
    check();
  });

  it("backend.setDefaultBackend refuses 'GPU', null and an unregistered 'gpu', keeping the previous default; later calls still work", () => {
    const before = backend.defaultBackend();
    const bad: unknown[] = ["GPU", null, 3, "tpu"];
    if (!backend.registeredBackends().includes("gpu")) bad.push("gpu");
    for (const b of bad) {
      assert.throws(() => backend.setDefaultBackend(b as never), (e: unknown) => e instanceof EigenlabError && e.code === "bad-option");
      assert.equal(backend.defaultBackend(), before);
    }
    check();
  });

  it("a refused size limit and a refused allocation leave later calls working", () => {
    assert.throws(() => setSizeLimit("big" as never), EigenlabError);
    assert.throws(() => data.blobs({ n: 1e12 }), EigenlabError);
    check();
  });
});
