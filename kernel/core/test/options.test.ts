import { strict as assert } from "assert";
import { cluster, data, EigenlabError, embed, graph, linalg, Matrix, rmt } from "../src";

/** The EigenlabError a call throws, or a failure naming what it did instead. */
function errorOf(call: () => unknown): EigenlabError {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof EigenlabError, `expected an EigenlabError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an EigenlabError, the call returned");
}

describe("options objects: a positional argument or null where the named options belong is an error, not a default", () => {
  const A = Matrix.from([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);
  const X = data.blobs({ n: 30, seed: 1 }).X;
  const W = graph.knn(X, { k: 4 });
  const cases: [string, () => unknown][] = [
    ["Matrix.random(3, 3, 42)", () => Matrix.random(3, 3, 42 as never)],
    ["Matrix.random(3, 3, null)", () => Matrix.random(3, 3, null as never)],
    ["data.blobs(500)", () => data.blobs(500 as never)],
    ["data.blobs(null)", () => data.blobs(null as never)],
    ["linalg.eigh(A, null)", () => linalg.eigh(A, null as never)],
    ["linalg.eigsh(A, null)", () => linalg.eigsh(A, null as never)],
    ["linalg.eigsh(A, 2)", () => linalg.eigsh(A, 2 as never)],
    ["linalg.svd(A, 'full')", () => linalg.svd(A, "full" as never)],
    ["graph.knn(X, 5)", () => graph.knn(X, 5 as never)],
    ["cluster.kmeans(X, 3)", () => cluster.kmeans(X, 3 as never)],
    ["cluster.spectral(W, [2])", () => cluster.spectral(W, [2] as never)],
    ["embed.spectral(W, new Float64Array(2))", () => embed.spectral(W, new Float64Array(2) as never)],
    ["rmt.esd([1, 2, 3], 10)", () => rmt.esd(new Float64Array([1, 2, 3]), 10 as never)],
  ];
  for (const [call, run] of cases) {
    it(`${call} throws bad-option naming the function, what it got and how to pass options`, () => {
      const e = errorOf(run);
      assert.equal(e.code, "bad-option");
      const fn = call.slice(0, call.indexOf("("));
      assert.ok(e.message.startsWith(`${fn}: the options must be an object`), e.message);
      assert.match(e.message, /got (number|null|string|an array|a typed array)/);
      assert.match(e.message, /Pass them by name, last, e\.g\. \{ \w+: \.\.\. \}/);
    });
  }

  it("leaving the options out still means the defaults", () => {
    assert.equal(Matrix.random(2, 2).rows, 2);
    assert.equal(linalg.eigh(A).values.length, 3);
  });

  it("linalg.setBlasThreads rejects what is not a positive integer instead of storing NaN (which hung later solves)", () => {
    const before = linalg.blasThreads();
    try {
      for (const bad of [Number("four"), "four", 0, -2, 1.5, Infinity]) {
        assert.equal(errorOf(() => linalg.setBlasThreads(bad as never)).code, "bad-option", String(bad));
        assert.equal(linalg.blasThreads(), before, "a rejected value changes nothing");
      }
      linalg.setBlasThreads(2);
      const B = Matrix.random(70, 70, { seed: 3 });
      assert.ok(linalg.eigh(B.add(B.T)).values.length === 70, "dense solves still run");
    } finally {
      linalg.setBlasThreads(before);
    }
  });
});
