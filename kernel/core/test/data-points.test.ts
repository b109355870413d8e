import { strict as assert } from "assert";
import { data, EigenlabError } from "../src";

describe("data point clouds", () => {
  it("blobs({n, k, d, std, seed}) splits n evenly over k clusters with sample std ≈ std around each centre", () => {
    const { X, labels } = data.blobs({ n: 3001, k: 3, d: 4, std: 2, seed: 5 });
    assert.deepEqual([X.rows, X.cols], [3001, 4]);
    const counts = [0, 0, 0];
    for (const l of labels!) counts[l]++;
    assert.deepEqual(counts, [1001, 1000, 1000]);
    const given = data.blobs({ n: 3000, centers: [[0, 0], [100, 100]], std: 0.5, seed: 1 });
    for (let c = 0; c < 2; c++) {
      let s = 0, s2 = 0, m = 0;
      for (let i = 0; i < 3000; i++) if (given.labels![i] === c) { const v = given.X.get(i, 0) - 100 * c; s += v; s2 += v * v; m++; }
      assert.ok(Math.abs(s / m) < 0.05, "mean at the centre");
      assert.ok(Math.abs(Math.sqrt(s2 / m) - 0.5) < 0.03, "std as given");
    }
  });

  it("moons({noise: 0}) puts the outer moon on the unit circle and the inner one on the circle around (1, 1/2)", () => {
    const { X, labels, t } = data.moons({ n: 101, seed: 3 });
    let outer = 0;
    for (let i = 0; i < 101; i++) {
      const [x, y] = [X.get(i, 0), X.get(i, 1)];
      const r = labels![i] === 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
      assert.ok(Math.abs(r - 1) < 1e-12);
      assert.ok(t![i] >= 0 && t![i] <= Math.PI);
      outer += labels![i] === 0 ? 1 : 0;
    }
    assert.equal(outer, 50);
  });

  it("circles({factor}) puts labels 0 and 1 on radii 1 and factor", () => {
    const { X, labels } = data.circles({ n: 200, factor: 0.3, seed: 1 });
    for (let i = 0; i < 200; i++) {
      const r = Math.hypot(X.get(i, 0), X.get(i, 1));
      assert.ok(Math.abs(r - (labels![i] === 0 ? 1 : 0.3)) < 1e-12);
    }
  });

  it("swissRoll({n}) returns t in [1.5π, 4.5π] with x = t cos t, z = t sin t, height in [0, 21)", () => {
    const { X, t } = data.swissRoll({ n: 500, seed: 9 });
    for (let i = 0; i < 500; i++) {
      assert.ok(t![i] >= 1.5 * Math.PI && t![i] <= 4.5 * Math.PI);
      assert.ok(Math.abs(X.get(i, 0) - t![i] * Math.cos(t![i])) < 1e-12);
      assert.ok(Math.abs(X.get(i, 2) - t![i] * Math.sin(t![i])) < 1e-12);
      assert.ok(X.get(i, 1) >= 0 && X.get(i, 1) < 21);
    }
  });

  it("every generator is reproducible bit for bit with the same seed and changes with another", () => {
    const gens = [
      (seed: number) => data.blobs({ n: 50, seed }).X.data,
      (seed: number) => data.moons({ n: 50, noise: 0.1, seed }).X.data,
      (seed: number) => data.circles({ n: 50, noise: 0.1, seed }).X.data,
      (seed: number) => data.swissRoll({ n: 50, noise: 0.1, seed }).X.data,
    ];
    for (const g of gens) {
      assert.deepEqual(g(4), g(4));
      assert.notDeepEqual(g(4), g(5));
    }
  });

  it("bad options are EigenlabErrors", () => {
    assert.throws(() => data.circles({ factor: 1.5 }), (e: unknown) => e instanceof EigenlabError && /factor/.test(e.message));
    assert.throws(() => data.blobs({ n: -3 }), /n must be a positive integer/);
    assert.throws(() => data.moons({ noise: -1 }), /noise must be a non-negative/);
    assert.throws(() => data.blobs({ centers: [[0, 0]], d: 3 }), /centers is 1×2 but d = 3/);
    assert.throws(() => data.swissRoll({ n: 10, nosie: 0.1 } as never), /unknown option "nosie"/);
  });
});
