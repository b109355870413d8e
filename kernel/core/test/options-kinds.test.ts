/** Option kinds for arrays, matrices and callbacks (#16 follow-up): one check in the schema layer, messages quote the value. */
import { strict as assert } from "assert";
import { data, diffusion, EigenlabError, embed, graph, Matrix, rmt } from "../src";
import { checkOptions, opt } from "../src/validate/options";

function msg(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EigenlabError, `threw ${String(e)} instead of an EigenlabError`);
    assert.equal(e.code, "bad-option");
    return e.message;
  }
  assert.fail("did not throw");
}

describe("option kinds opt.array / opt.matrix / opt.callback / opt.either (#16)", () => {
  it('checkOptions("f", { xs: "1,2" }, { xs: opt.array(opt.number(), { length: 2 }) }) quotes the string', () => {
    assert.equal(msg(() => checkOptions("f", { xs: "1,2" }, { xs: opt.array(opt.number(), { length: 2 }) })), 'f: xs must be an array of 2 finite numbers, got "1,2" (a string).');
  });
  it("opt.array checks the length and each entry, accepts a Float64Array for numbers", () => {
    const s = { xs: opt.array(opt.integer(0), { minLength: 1 }) };
    assert.match(msg(() => checkOptions("f", { xs: [] }, s)), /xs must be an array of at least 1 non-negative integers, got an array of length 0/);
    assert.equal(msg(() => checkOptions("f", { xs: [0, "2"] }, s)), 'f: xs[1] must be a non-negative integer, got "2" (a string). Write the numbers without quotes.');
    assert.match(msg(() => checkOptions("f", { xs: [0, 1.5] }, s)), /xs\[1\] must be a non-negative integer, got 1\.5 \(a number\)/);
    checkOptions("f", { xs: Int32Array.from([0, 3]) }, s);
    assert.match(msg(() => checkOptions("f", { names: ["a", 1] }, { names: opt.array(opt.string) })), /names\[1\] must be a string, got 1 \(a number\)/);
  });
  it("opt.matrix takes a Matrix or rectangular nested arrays of finite numbers, and checks a fixed shape", () => {
    const s = { M: opt.matrix({ cols: 2 }) };
    checkOptions("f", { M: [[1, 2], [3, 4]] }, s);
    checkOptions("f", { M: Matrix.from([[1, 2]]) }, s);
    assert.match(msg(() => checkOptions("f", { M: [[1, 2], [3]] }, s)), /row 1 has 1 entries, row 0 has 2/);
    assert.match(msg(() => checkOptions("f", { M: [[1, NaN]] }, s)), /NaN or an infinite entry/);
    assert.match(msg(() => checkOptions("f", { M: [[1, 2, 3]] }, s)), /it is 1 × 3/);
    assert.match(msg(() => checkOptions("f", { M: [[1, "2"]] }, s)), /entry \[0\]\[1\] is "2" \(a string\)/);
  });
  it("opt.callback(1) refuses a function declaring two parameters, and a non-function with its type", () => {
    const s = { h: opt.callback(1) };
    checkOptions("f", { h: (x: number) => x }, s);
    checkOptions("f", { h: (x: number, y = 2) => x + y }, s); // a default does not count
    assert.match(msg(() => checkOptions("f", { h: (x: number, y: number) => x + y }, s)), /h is called with 1 argument, but the function passed declares 2 parameters/);
    assert.equal(msg(() => checkOptions("f", { h: "Math.exp" }, s)), 'f: h must be a function of 1 argument, got "Math.exp" (a string).');
  });
  it("opt.either(number, matrix) takes either and names both when neither", () => {
    const s = { p: opt.either(opt.number(), opt.matrix()) };
    checkOptions("f", { p: 0.5 }, s);
    checkOptions("f", { p: [[0.5]] }, s);
    assert.match(msg(() => checkOptions("f", { p: "0.5" }, s)), /p must be a finite number or a Matrix or nested arrays of finite numbers, got "0\.5" \(a string\)/);
  });

  it('data.blobs({ box: ["a", "b"] }) is refused (it drew NaN centres); box: [0, 1] works', () => {
    assert.match(msg(() => data.blobs({ n: 4, box: ["a", "b"] as unknown as [number, number] })), /box\[0\] must be a finite number, got "a" \(a string\)/);
    assert.ok(data.blobs({ n: 4, box: [0, 1], seed: 1 }).X.data.every(Number.isFinite));
  });
  it('data.sbm({ sizes: "50,50" }), sizes: [50, 0] and pIn: "0.3" are refused by the schema', () => {
    assert.match(msg(() => data.sbm({ sizes: "50,50" as unknown as number[], pIn: 0.3 })), /sizes must be an array of at least 1 positive integers, got "50,50" \(a string\)/);
    assert.match(msg(() => data.sbm({ sizes: [50, 0], pIn: 0.3 })), /sizes\[1\] must be a positive integer, got 0 \(a number\)/);
    assert.match(msg(() => data.sbm({ sizes: [5], pIn: "0.3" as unknown as number })), /pIn must be a finite number or a Matrix/);
  });
  it('rmt.esd(values, { range: [0] }), diffusion.heatGeodesic(L, { sources: [0.5] }), graph.affinity(X, { sigma: "auto" }), embed.fastrp(W, { weights: [] }) are refused', () => {
    assert.match(msg(() => rmt.esd([1, 2, 3], { range: [0] as unknown as [number, number] })), /range must be an array of 2 finite numbers, got an array of length 1/);
    const W = graph.fromEdges(3, [[0, 1], [1, 2]]);
    const L = graph.laplacian(W, { kind: "sym" });
    assert.match(msg(() => diffusion.heatGeodesic(L, { t: 1, sources: [0.5], lmin: 0, lmax: 2 })), /sources\[0\] must be a non-negative integer, got 0\.5/);
    assert.match(msg(() => graph.affinity(Matrix.from([[0], [1], [3]]), { k: 1, sigma: "auto" as unknown as number })), /sigma must be a finite number or one of "self-tuning", got "auto" \(a string\)/);
    assert.match(msg(() => embed.fastrp(W, { dim: 4, weights: [] })), /weights must be an array of at least 1 finite numbers/);
  });
  it("diffusion.chebyshevFilter(L, x, { filter: (l, t) => ... }) is refused: the filter gets one argument", () => {
    const L = graph.laplacian(graph.fromEdges(3, [[0, 1], [1, 2]]), { kind: "sym" });
    assert.match(msg(() => diffusion.chebyshevFilter(L, [1, 0, 0], { filter: (l: number, t: number) => Math.exp(-t * l), order: 5 } as never)), /filter is called with 1 argument/);
  });
});
