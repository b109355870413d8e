/** Result and data class methods refuse bad arguments with an EigenlabError (#16 follow-up: found by the bad-call suite). */
import { strict as assert } from "assert";
import { cluster, diffusion, EigenlabError, embed, graph, io, Matrix, rmt, setSizeLimit } from "../src";

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EigenlabError, `threw ${String(e)} instead of an EigenlabError`);
    return `${e.code}: ${e.message}`;
  }
  assert.fail("did not throw");
}

describe("result and data class methods (#16): bad arguments get an EigenlabError", () => {
  const t = () => new io.Table({ x: [1, 3, 5], name: ["a", "b", "a"] });

  it('Matrix#norm(2) / norm("fro ") are refused (numpy habit: ord 2 is the spectral norm, not Frobenius); norm("fro") is the Frobenius norm', () => {
    const A = Matrix.from([[3, 0], [0, 4]]);
    assert.equal(A.norm("fro"), 5);
    assert.equal(A.norm(), 5);
    assert.match(code(() => A.norm(2 as unknown as "fro")), /^bad-option: .*got ord 2 \(a number\).*linalg\.svd\(A, \{ k: 1 \}\)\.s\[0\]/);
    assert.match(code(() => A.norm("fro " as "fro")), /got ord "fro " \(a string\)/);
  });

  it('io.Table#select("x") (a bare string) is refused naming an array of names', () => {
    assert.match(code(() => t().select("x" as unknown as string[])), /^bad-input: io\.Table#select: columns must be an array of column names.*"x" \(a string\)/);
  });
  it("io.Table#toMatrix([0]) is refused: column names are strings", () => {
    assert.match(code(() => t().toMatrix([0] as unknown as string[])), /columns\[0\] is 0 \(a number\)/);
  });
  it("io.Table#take() / take(3) / take([true, 1, false]) are refused", () => {
    assert.match(code(() => t().take(undefined as unknown as number[])), /rows must be an array of row indices or a boolean mask/);
    assert.match(code(() => t().take(3 as unknown as number[])), /got 3 \(a number\)/);
    assert.match(code(() => t().take([true, 1, false] as unknown as boolean[])), /entry 1 is 1 \(a number\)/);
  });
  it('io.Table#filter("x > 1") is refused: the predicate is a function', () => {
    assert.match(code(() => t().filter("x > 1" as unknown as () => boolean)), /predicate must be a function, got "x > 1" \(a string\)/);
  });
  it('io.Table#head("2") and head(1.5) are refused, head(2) keeps 2 rows', () => {
    assert.match(code(() => t().head("2" as unknown as number)), /non-negative integer.*"2" \(a string\)/);
    assert.match(code(() => t().head(1.5)), /1\.5 \(a number\)/);
    assert.deepEqual(Array.from(t().head(2).column("x") as Float64Array), [1, 3]);
  });
  it("io.Table#column(5) says column names are strings", () => {
    assert.match(code(() => t().column(5 as unknown as string)), /no column 5 \(a number\) \(column names are strings\)/);
  });
  it("io.Table.wrap([\"x\"], [[1, 2]]) is refused: a numeric column must be a Float64Array", () => {
    assert.match(code(() => io.Table.wrap(["x"], [[1, 2] as unknown as string[]])), /column "x" \(a string\) must be a Float64Array/);
    assert.match(code(() => io.Table.wrap(["x", "y"], [Float64Array.from([1])])), /data must be an array of 2 columns/);
  });

  const W = () => graph.fromEdges(4, [[0, 1], [1, 2], [2, 3], [3, 0]]);
  it("Embedding#withLabels(labels of the wrong length / fractional / as a string) is refused; an integer array is copied", () => {
    const e = embed.spectral(W(), { dim: 1 });
    assert.match(code(() => e.withLabels(new Int32Array([0, 1]))), /^shape: .*labels/);
    assert.match(code(() => e.withLabels([0, 0.5, 1, 1] as unknown as Int32Array)), /labels\[1\] is 0\.5 \(a number\)/);
    assert.match(code(() => e.withLabels("0011" as unknown as Int32Array)), /labels must be an Int32Array/);
    assert.match(code(() => e.withLabels(new Int32Array([0, 0, 1, 1]), "ab" as unknown as string[])), /^label-names: .*names must be an array of strings/);
    const l = e.withLabels([0, 0, 1, 1] as unknown as Int32Array).labels;
    assert.ok(l instanceof Int32Array);
    assert.deepEqual(Array.from(l!), [0, 0, 1, 1]);
  });
  it("Clustering#withLabelNames([1, 2]) / (null) are refused", () => {
    const c = cluster.kmeans(Matrix.from([[0], [1], [10]]), { k: 2, seed: 0 });
    assert.match(code(() => c.withLabelNames([1, 2] as unknown as string[])), /names\[0\] is 1 \(a number\)/);
    assert.match(code(() => c.withLabelNames(null as unknown as string[])), /names must be an array of strings .*got null/);
  });
  it('MarchenkoPastur#density(NaN), cdf("1"), bulkQuantile(1.5) are refused, not answered 0 / coerced / clamped', () => {
    const mp = rmt.marchenkoPastur({ ratio: 0.25 });
    assert.match(code(() => mp.density(NaN)), /x must be a finite number, got NaN/);
    assert.match(code(() => mp.cdf("1" as unknown as number)), /"1" \(a string\)/);
    assert.match(code(() => mp.bulkQuantile(1.5)), /q/);
    assert.equal(mp.bulkQuantile(1), mp.lambdaPlus);
  });
});

describe("careless-user pass (#16 follow-up): crashes, hangs and silent answers found by hand", function () {
  this.timeout(60000);
  it("graph.knn([[0, 0], [1, 1], [2, 2]], { k: 1 }) builds the graph of the nested arrays (it crashed the process)", () => {
    const W = graph.knn([[0, 0], [1, 1], [2, 2]] as unknown as Matrix, { k: 1 });
    assert.equal(W.rows, 3);
    assert.equal(W.nnz, 3);
  });
  it("diffusion.chebyshevFilter(L, x, { filter, order: 1e9 }) fails fast with too-large (it hung)", () => {
    const L = graph.laplacian(graph.fromEdges(3, [[0, 1], [1, 2]]), { kind: "sym" });
    assert.match(code(() => diffusion.chebyshevFilter(L, [1, 0, 0], { filter: (x) => x, order: 1e9 })), /^too-large: .*order = 1000000000 is above the limit of 10000/);
    assert.match(code(() => diffusion.chebyshevCoefficients((x) => x, 1e6, 0, 2)), /^too-large/);
  });
  it("rmt.esd(values, { bins }) counts 20 bytes a bin against the size limit; MarchenkoPastur#curve(1e9) is guarded (it ran 98 s)", () => {
    setSizeLimit(1e6);
    try {
      assert.match(code(() => rmt.esd([1, 2, 3], { bins: 60000 })), /^too-large/); // 1.2 MB, under the old 12-byte estimate's 0.72 MB
      assert.match(code(() => rmt.marchenkoPastur({ ratio: 0.5 }).curve(1e9)), /^too-large/);
      assert.match(code(() => embed.node2vec(graph.fromEdges(3, [[0, 1], [1, 2]]), { dim: 2, walkLength: 1e9, walksPerNode: 1e9 })), /^too-large/);
    } finally {
      setSizeLimit(null);
    }
  });
  it("rmt.tracyWidom1Quantile(2) is refused (it answered a number)", () => {
    assert.match(code(() => rmt.tracyWidom1Quantile(2)), /q must be a probability strictly between 0 and 1 .*got 2 \(a number\)/);
    assert.ok(Math.abs(rmt.tracyWidom1Quantile(0.95) - 0.979) < 2e-2);
  });
  it('new io.Table(null), new io.Table({ x: "abc" }), new io.Table({ x: [1, "a"] }) are refused (a TypeError, a column of letters, a NaN)', () => {
    assert.match(code(() => new io.Table(null as never)), /takes an object of named columns, .*got null/);
    assert.match(code(() => new io.Table({ x: "abc" as never })), /column "x" must be an array of numbers, .*"abc" \(a string\)/);
    assert.match(code(() => new io.Table({ x: [1, "a"] as never })), /column "x" is read as numbers .*entry 1 is "a" \(a string\)/);
  });
});
