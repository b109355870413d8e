import { strict as assert } from "assert";
import { cluster, CsrMatrix, data, embed, graph, linalg, linearOperator, Matrix, Rng, EigenlabError } from "../src";

/** The EigenlabError a call throws (anything else fails the test). */
function errorOf(call: () => unknown): EigenlabError {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof EigenlabError, `expected an EigenlabError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an EigenlabError, the call returned");
}

describe("validation layer (#16): one rule for matrix-like inputs, typed options, quoted values", () => {
  const W = graph.fromEdges(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]);

  it("linalg.eigh([[2, 1], [1, 2]]) takes nested arrays as a Matrix (a copy: the array is untouched)", () => {
    const rows = [[2, 1], [1, 2]];
    const values = linalg.eigh(rows as never).values;
    assert.ok(Math.abs(values[0] - 1) < 1e-14 && Math.abs(values[1] - 3) < 1e-14, String(values));
    assert.deepEqual(Array.from(values), Array.from(linalg.eigh(Matrix.from(rows)).values));
    assert.deepEqual(rows, [[2, 1], [1, 2]]);
  });

  it("linalg.eigh(csrLaplacian) refuses a CsrMatrix naming .toDense() and linalg.eigsh", () => {
    const e = errorOf(() => linalg.eigh(graph.laplacian(W) as never));
    assert.equal(e.code, "bad-input");
    assert.match(e.message, /6×6 CsrMatrix/);
    assert.match(e.message, /\.toDense\(\)/);
    assert.match(e.message, /linalg\.eigsh/);
  });

  it("linalg.eigh(null) and linalg.eigh([1, 2]) say what is missing and how to build a Matrix", () => {
    assert.match(errorOf(() => linalg.eigh(null as never)).message, /A is required \(a Matrix\), got null/);
    assert.match(errorOf(() => linalg.eigh([1, 2] as never)).message, /Matrix\.fromFlat/);
    assert.match(errorOf(() => Matrix.from([["1", "2"]] as never)).message, /\[0\]\[0\] is "1" \(a string\)/);
  });

  it("A.matmul(array) coerces; A.add(5) adds to every entry; A.add('5') says which operands it takes", () => {
    const A = Matrix.from([[1, 2], [3, 4]]);
    assert.deepEqual(A.matmul([[1, 0], [0, 1]] as never).toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(A.add(5).toArray(), [[6, 7], [8, 9]]);
    assert.deepEqual(A.sub([[1, 1], [1, 1]] as never).toArray(), [[0, 1], [2, 3]]);
    const e = errorOf(() => A.add("5" as never));
    assert.match(e.message, /a Matrix of the same shape or a number/);
    assert.match(e.message, /"5" \(a string\)/);
  });

  it("string booleans are errors, not true: embed.spectral(W, { dim: 2, normalized: 'false' })", () => {
    const e = errorOf(() => embed.spectral(W, { dim: 2, normalized: "false" as never }));
    assert.equal(e.code, "bad-option");
    assert.match(e.message, /normalized must be true or false, got "false" \(a string\)\. Write normalized: false without quotes\./);
  });

  it("integers quoted with their type: cluster.kmeans(X, { k: '3' }) reads got \"3\" (a string)", () => {
    const X = data.blobs({ n: 20, seed: 1 }).X;
    const e = errorOf(() => cluster.kmeans(X, { k: "3" as never }));
    assert.match(e.message, /k must be a positive integer, got "3" \(a string\)/);
    assert.match(errorOf(() => cluster.kmeans(X, { k: 2.5 })).message, /got 2\.5 \(a number\)/);
  });

  it("seeds must be safe integers, even where the seed would not be used", () => {
    for (const seed of [1.5, "1", 2 ** 60, NaN]) {
      assert.equal(errorOf(() => Matrix.random(2, 2, { seed: seed as never })).code, "bad-seed", String(seed));
      assert.equal(errorOf(() => embed.spectral(W, { dim: 1, seed: seed as never })).code, "bad-seed", String(seed));
    }
  });

  it("enum options come from their list: Matrix.random(2, 2, { dist: 'cauchy' })", () => {
    assert.match(errorOf(() => Matrix.random(2, 2, { dist: "cauchy" as never })).message, /dist = "cauchy" is not one of "normal", "uniform"/);
  });

  it("fractional indices are errors: row(0.5), col(1.5), CsrMatrix get(0.5, 0)", () => {
    const A = Matrix.from([[1, 2], [3, 4]]);
    assert.match(errorOf(() => A.row(0.5)).message, /Matrix\.row: i must be an integer in \[0, 2\), got 0\.5 \(a number\)/);
    assert.equal(errorOf(() => A.col(1.5)).code, "index");
    assert.equal(errorOf(() => CsrMatrix.identity(2).get(0.5, 0)).code, "index");
  });

  it("Rng.int(0) and Rng.int(2.5) are errors instead of NaN", () => {
    assert.match(errorOf(() => new Rng(1).int(0)).message, /Rng\.int: n must be a positive integer/);
    assert.equal(errorOf(() => new Rng(1).int(2.5)).code, "bad-option");
    assert.ok(Number.isInteger(new Rng(1).int(3)));
  });

  it("linalg.minres on a non-symmetric operator names linalg.minres, not eigsh", () => {
    const op = linearOperator([2, 2], (x) => new Float64Array([x[1], 0]));
    const e = errorOf(() => linalg.minres(op, [1, 1]));
    assert.equal(e.code, "not-symmetric");
    assert.match(e.message, /linalg\.minres needs a symmetric operator/);
    assert.doesNotMatch(e.message, /eigsh/);
  });

  it("a dense Matrix where a graph belongs names CsrMatrix.fromDense; walk methods share the one adjacency rule", () => {
    const e = errorOf(() => graph.laplacian(W.toDense() as never));
    assert.match(e.message, /CsrMatrix\.fromDense\(W\)/);
    assert.equal(errorOf(() => embed.node2vec(W.toDense() as never)).code, "bad-input");
    const neg = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [-1, -1]);
    assert.equal(errorOf(() => embed.node2vec(neg)).code, "negative-weight");
  });
});
