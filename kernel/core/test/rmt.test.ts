import { strict as assert } from "assert";
import { data, EigenlabError, Matrix, rmt, Rng } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

describe("rmt", function () {
  this.timeout(120_000);

  it("marchenkoPastur({ ratio: 0.5, sigma2: 2 }) has edges σ²(1 ∓ √γ)², unit mass and the MP mean σ²", () => {
    const mp = rmt.marchenkoPastur({ ratio: 0.5, sigma2: 2 });
    assertBelow(Math.abs(mp.lambdaMinus - 2 * (1 - Math.SQRT1_2) ** 2), 1e-15, "λ−");
    assertBelow(Math.abs(mp.lambdaPlus - 2 * (1 + Math.SQRT1_2) ** 2), 1e-14, "λ+");
    // Trapezoid on the sampled curve: ∫f = 1 and ∫x f = σ².
    const { x, y } = mp.curve(20001);
    let mass = 0;
    let mean = 0;
    for (let i = 1; i < x.length; i++) {
      const h = x[i] - x[i - 1];
      mass += (h * (y[i] + y[i - 1])) / 2;
      mean += (h * (x[i] * y[i] + x[i - 1] * y[i - 1])) / 2;
    }
    assertBelow(Math.abs(mass - 1), 1e-4, "mass");
    assertBelow(Math.abs(mean - 2), 1e-3, "mean");
    assertBelow(Math.abs(mp.cdf(mp.lambdaPlus) - 1), 1e-12, "cdf at edge");
    assert.equal(rmt.marchenkoPastur({ ratio: 2 }).atom, 0.5);
  });

  it("fitMarchenkoPastur(X) recovers σ² within 2% for n = 2000, p = 1000 Gaussian data, and its KS is small", () => {
    const sigma = 1.7;
    const X = Matrix.random(2000, 1000, { seed: 11 }).scale(sigma);
    const fit = rmt.fitMarchenkoPastur(X);
    assertBelow(Math.abs(fit.sigma2 / (sigma * sigma) - 1), 0.02, "relative σ² error");
    assert.equal(fit.ratio, 0.5);
    assertBelow(fit.ks, 0.05, "KS of the bulk");
    assert.equal(fit.outliers.length, 0);
  });

  it("fitMarchenkoPastur(eigenvalues) fits both σ² and γ when the ratio is not given", () => {
    const X = Matrix.random(600, 150, { seed: 5 }).scale(0.5);
    const eig = runPython(`out = {"w": np.linalg.eigvalsh(X.T @ X / X.shape[0])}`, { X: peerMatrix(X) }).w as number[];
    const fit = rmt.fitMarchenkoPastur(eig);
    assertBelow(Math.abs(fit.ratio / 0.25 - 1), 0.1, "relative γ error");
    assertBelow(Math.abs(fit.sigma2 / 0.25 - 1), 0.05, "relative σ² error");
    assert.equal(fit.meta.ratioFitted, true);
  });

  it("bbpThreshold({ ratio, sigma2 }) gives θc = σ²√γ and the bulk edge", () => {
    const t = rmt.bbpThreshold({ ratio: 0.25, sigma2: 2 });
    assert.equal(t.strength, 1);
    assert.equal(t.population, 3);
    assert.equal(t.edge, 4.5);
  });

  it("spikes(X) finds spikes planted above the BBP threshold and not those below", () => {
    // γ = 0.5: θc = √0.5 ≈ 0.71. Spikes 4 and 2 are supercritical, 0.3 is subcritical.
    const sw = data.spikedWishart({ n: 800, p: 400, spikes: [4, 2, 0.3], seed: 3 });
    assert.deepEqual(sw.detectable, [true, true, false]);
    const s = rmt.spikes(sw.X);
    assert.equal(s.k, 2, String(s));
    // The sample eigenvectors align with the planted directions about as the asymptotics predict.
    const U = sw.directions;
    for (const [j, planted] of [[1, 0], [0, 1]] as const) {
      let c = 0;
      for (let i = 0; i < 400; i++) c += s.vectors.get(i, j) * U.get(i, planted);
      assertBelow(Math.abs(c * c - s.overlaps[j]), 0.1, `cos² of spike ${planted}`);
      assertBelow(Math.abs(s.population[j] - (1 + sw.spikes[planted])) / (1 + sw.spikes[planted]), 0.15, "population estimate");
    }
    // Removing the spikes leaves a bulk with no outliers; projecting keeps rank 2.
    const rest = rmt.removeSpikes(sw.X, s);
    assert.equal(rmt.spikes(rest).k, 0);
    const proj = rmt.projectSpikes(sw.X, s);
    const peer = runPython(`out = {"rank": np.linalg.matrix_rank(P, tol=1e-8 * np.linalg.norm(P))}`, { P: peerMatrix(proj) });
    assert.equal(peer.rank, 2);
  });

  it("spikes(X) with p > n finds the spike through the n × n Gram matrix; vectors are unit, signs normalized", () => {
    const sw = data.spikedWishart({ n: 150, p: 300, spikes: [8], seed: 6 });
    const s = rmt.spikes(sw.X);
    assert.equal(s.k, 1, String(s));
    const v = s.vectors.col(0);
    assertBelow(Math.abs(v.reduce((a, x) => a + x * x, 0) - 1), 1e-12, "unit norm");
    let big = 0;
    for (const x of v) if (Math.abs(x) > Math.abs(big)) big = x;
    assert.ok(big > 0);
    let c = 0;
    for (let i = 0; i < 300; i++) c += v[i] * sw.directions.get(i, 0);
    assertBelow(Math.abs(c * c - s.overlaps[0]), 0.1, "cos² vs prediction");
  });

  it("spikes(X) finds nothing in pure noise (p > n as well)", () => {
    assert.equal(rmt.spikes(Matrix.random(300, 150, { seed: 8 })).k, 0);
    assert.equal(rmt.spikes(Matrix.random(120, 240, { seed: 9 })).k, 0);
  });

  it("powerLawFit(values) recovers α of Pareto data and agrees with a numpy CSN reference", () => {
    const rng = new Rng(21);
    for (const alpha of [1.8, 2.5, 3.5]) {
      const xs = Array.from({ length: 4000 }, () => 2 * Math.pow(1 - rng.uniform(), -1 / (alpha - 1)));
      const fit = rmt.powerLawFit(xs);
      assertBelow(Math.abs(fit.alpha - alpha), 0.12, `α = ${alpha}`);
    }
    // A Pareto tail (α = 2.5, from x = 5) on top of a uniform body: xmin near 5.
    const body = Array.from({ length: 3000 }, () => 5 * rng.uniform());
    const tail = Array.from({ length: 2000 }, () => 5 * Math.pow(1 - rng.uniform(), -1 / 1.5));
    const values = Float64Array.from([...body, ...tail]);
    const fit = rmt.powerLawFit(values);
    assertBelow(Math.abs(fit.alpha - 2.5), 0.15, "α of the tail");
    assert.ok(fit.xmin >= 4.5 && fit.xmin <= 10, `xmin ${fit.xmin} should lie at the start of the tail, not in the body`);
    const peer = runPython(
      `x = np.sort(v); n = len(x)
best = (2.0, 0, 0)
for i in range(0, n - 10):
    if i > 0 and x[i] == x[i-1]: continue
    t = x[i:]; a = 1 + len(t) / np.sum(np.log(t / x[i]))
    F = 1 - (t / x[i]) ** (1 - a); e = np.arange(len(t))
    d = max(np.max(np.abs(F - e / len(t))), np.max(np.abs((e + 1) / len(t) - F)))
    if d < best[0]: best = (d, a, x[i])
out = {"ks": best[0], "alpha": best[1], "xmin": best[2]}`,
      { v: { shape: [values.length], data: values } },
    );
    assertBelow(Math.abs(fit.alpha - peer.alpha), 1e-9, "α vs reference");
    assert.equal(fit.xmin, peer.xmin);
  });

  it("submatrixPowerLawFit(W) gives the same α for tall and square slices of one heavy-tailed matrix", () => {
    // Entries with a Lévy-regime tail (P(|w| > t) ~ t^−1.5): the ESD tail exponent is a property of the
    // entries, so windows of one size must give one α whatever the matrix's shape.
    const rng = new Rng(4);
    const heavy = (r: number, c: number) => {
      const d = new Float64Array(r * c);
      for (let i = 0; i < d.length; i++) d[i] = rng.normal() / Math.pow(1 - rng.uniform(), 1 / 1.5);
      return new Matrix(r, c, d);
    };
    const tall = rmt.submatrixPowerLawFit(heavy(800, 100));
    const square = rmt.submatrixPowerLawFit(heavy(300, 300), { size: 100 });
    assertBelow(Math.abs(tall.alpha - square.alpha), 0.2, "α tall vs square");
    assert.equal(tall.meta.windowSize, 100);
  });

  it("same seed, same spikes bit for bit; bad input throws EigenlabError", () => {
    const a = rmt.spikes(data.spikedWishart({ n: 200, p: 100, spikes: [5], seed: 2 }).X);
    const b = rmt.spikes(data.spikedWishart({ n: 200, p: 100, spikes: [5], seed: 2 }).X);
    assert.deepEqual(a.values, b.values);
    assert.deepEqual(a.vectors.data, b.vectors.data);
    assert.throws(() => rmt.marchenkoPastur({ ratio: -1 }), EigenlabError);
    assert.throws(() => rmt.esd([1, NaN]), /NaN/);
    assert.throws(() => rmt.powerLawFit([1, 2, 0, 3]), /positive/);
    assert.throws(() => rmt.fitMarchenkoPastur(Matrix.random(5, 1)), /at least 2/);
    assert.throws(() => rmt.fitMarchenkoPastur([1, 2, 3, 4], { bins: 3 } as never), /unknown option/);
    assert.throws(() => rmt.projectSpikes(Matrix.random(10, 7), a), /feature space/);
  });

  it("esd(values, { bins }) integrates to one and counts every value", () => {
    const e = rmt.esd([0, 1, 1, 2, 3, 3, 3, 4], { bins: 4 });
    assert.deepEqual(Array.from(e.counts), [1, 2, 1, 4]);
    let s = 0;
    for (let b = 0; b < 4; b++) s += e.density[b] * (e.edges[b + 1] - e.edges[b]);
    assertBelow(Math.abs(s - 1), 1e-15, "mass");
  });
});
