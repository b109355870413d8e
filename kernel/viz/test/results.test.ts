import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { data, JUPYTER_DISPLAY, linalg, Matrix, ot, rmt, Rng } from "@eigenlab/core";
import { decodeArray, FORMATTER_KINDS, PAYLOAD_MIME, readPayload, registerFormatters, toText, VEGA_LITE_MIME } from "../src";
import type { CurvePayload, MatrixPayload, Payload, SpectrumPayload, VegaLiteSpec } from "../src";
import { assertCompiles, assertValidPayload, countMarks } from "./schema-check";
import { wishart } from "./fixtures";

type Row = Record<string, number | string | null>;
interface Layer {
  mark: { type: string };
  data: { values: Row[] };
  encoding: Record<string, { scale?: { type?: string }; title?: string }>;
}

/** The full display of a core result through its Jupyter hook, each part checked as the contract requires. */
function display(value: unknown): { payload: Payload; spec: VegaLiteSpec; svg: string; text: string } {
  const bundle = (value as { [JUPYTER_DISPLAY](): Record<string, unknown> })[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), [PAYLOAD_MIME, VEGA_LITE_MIME, "image/svg+xml", "text/plain"].sort(), String(bundle["text/plain"]));
  const payload = bundle[PAYLOAD_MIME] as Payload;
  assertValidPayload(payload);
  const wire = JSON.parse(JSON.stringify(payload));
  assert.deepEqual(readPayload(wire), wire);
  const spec = bundle[VEGA_LITE_MIME] as VegaLiteSpec;
  assertCompiles(spec);
  const svg = bundle["image/svg+xml"] as string;
  assert.match(svg, /^<svg/);
  assert.equal(bundle["text/plain"], String(value));
  return { payload, spec, svg, text: bundle["text/plain"] as string };
}

function layers(spec: unknown): Layer[] {
  return (spec as { layer: Layer[] }).layer;
}

/** The layer drawing `mark` whose rows pass `pick` (the first row is tested). */
function layerOf(spec: unknown, mark: string, pick: (r: Row) => boolean = () => true): Layer {
  const l = layers(spec).find((x) => x.mark.type === mark && x.data.values.length > 0 && pick(x.data.values[0]));
  assert.ok(l, `no ${mark} layer`);
  return l;
}

/** |a − b| within the spec's six significant digits. */
function close6(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 5e-6 * Math.max(Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
}

describe("viz display of core results (esd, rmt-fit, power-law, svd, transport, oja, curve)", function () {
  this.timeout(60_000);
  before(() => registerFormatters());

  it("FORMATTER_KINDS covers every kind core's results pass to displayBundle(kind, ...)", () => {
    const kinds = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (f.endsWith(".ts")) for (const m of fs.readFileSync(f, "utf8").matchAll(/displayBundle\("([^"]+)"/g)) kinds.add(m[1]);
      }
    };
    walk(path.join(__dirname, "..", "..", "core", "src"));
    assert.ok(kinds.size >= 12, [...kinds].join(", "));
    assert.deepEqual([...kinds].filter((k) => !(FORMATTER_KINDS as readonly string[]).includes(k)), []);
  });

  it("rmt.esd(eigh(wishart), {bins: 30}) displays its own bins and density: 30 bars whose heights are esd.density", () => {
    const e = rmt.esd(linalg.eigh(wishart(400, 200, 1)), { bins: 30 });
    const { payload, spec, svg } = display(e);
    assert.equal(payload.kind, "spectrum");
    const p = payload as SpectrumPayload;
    assert.equal(p.data.view, "histogram");
    assert.deepEqual(p.data.histogram, { edges: Array.from(e.edges), counts: Array.from(e.counts), density: Array.from(e.density) });
    assert.deepEqual(decodeArray(p.data.values), e.values);
    const bars = layerOf(spec, "bar").data.values;
    assert.equal(bars.length, 30);
    bars.forEach((b, i) => {
      close6(b.density as number, e.density[i], `bar ${i}`);
      close6(b.lo as number, e.edges[i], `edge ${i}`);
    });
    assert.equal(countMarks(svg, "mark-rect"), 30);
  });

  it("rmt.fitMarchenkoPastur(spiked X) draws the fitted MP density, its edges λ±, the spike threshold and each outlier", () => {
    const { X } = data.spikedWishart({ n: 600, p: 150, spikes: [6, 10], seed: 4 });
    const fit = rmt.fitMarchenkoPastur(X);
    assert.equal(fit.outliers.length, 2);
    const { payload, spec, svg } = display(fit);
    const p = payload as SpectrumPayload;
    assert.deepEqual(decodeArray(p.data.values), fit.eigenvalues);
    const mp = p.data.overlays.find((o) => o.type === "marchenko-pastur");
    assert.ok(mp && mp.type === "marchenko-pastur");
    close6(mp.lower, fit.law.lambdaMinus, "λ₋");
    close6(mp.upper, fit.law.lambdaPlus, "λ₊");
    assert.equal(mp.ratio, fit.ratio);
    assert.equal(mp.sigma2, fit.sigma2);
    // γ = 1/4 ≤ 1: no atom, the overlay is the law's density itself (rmt's formula, not a copy of it).
    mp.x.forEach((x, i) => assert.ok(Math.abs(mp.y[i] - fit.law.density(x)) <= 1e-12 * Math.max(1, fit.law.density(x)), `x ${x}`));
    const bbp = p.data.overlays.find((o) => o.type === "bbp-threshold");
    assert.ok(bbp && bbp.type === "bbp-threshold" && bbp.value === fit.threshold);
    const sp = p.data.overlays.find((o) => o.type === "spikes");
    assert.ok(sp && sp.type === "spikes");
    assert.deepEqual(sp.values, Array.from(fit.outliers));
    // Population estimates invert the BBP map: λ = ℓ(1 + γσ²/(ℓ − σ²)).
    sp.population!.forEach((l, i) => close6(l * (1 + (fit.ratio * fit.sigma2) / (l - fit.sigma2)), fit.outliers[i], `spike ${i}`));
    // The spec draws the same numbers: the MP line at the law's density, the rules at λ± and the threshold.
    const line = layerOf(spec, "line", (r) => r.curve === "Marchenko–Pastur").data.values;
    for (const r of line) assert.ok(Math.abs((r.y as number) - fit.law.density(r.x as number)) < 1e-4 * (1 + (r.y as number)), `line at ${r.x}`);
    const rules = layers(spec).filter((l) => l.mark.type === "rule").flatMap((l) => l.data.values.map((r) => r.at as number));
    for (const [at, want] of [[rules[0], fit.law.lambdaMinus], [rules[1], fit.law.lambdaPlus], [rules[2], fit.threshold]]) close6(at, want, "rule");
    assert.equal(countMarks(svg, "mark-line"), 1);
    assert.equal(countMarks(svg, "mark-rule"), 3);
    assert.equal(countMarks(svg, "mark-symbol"), 2); // one marker per spike
    assert.match(toText(p), new RegExp(`2 spikes at ${Number(fit.outliers[0].toPrecision(6))}, ${Number(fit.outliers[1].toPrecision(6))}`));
    assert.equal(countMarks(svg, "mark-rect"), p.data.histogram.counts.length); // one bar per bin, empty ones at height 0
  });

  it("rmt.spikes(X) with γ = p/n = 2 shows the bulk of the n non-zero eigenvalues: MP density divided by its mass 1/γ, area 1", () => {
    const { X } = data.spikedWishart({ n: 100, p: 200, spikes: [12], seed: 8 });
    const s = rmt.spikes(X);
    const { payload, svg } = display(s);
    const p = payload as SpectrumPayload;
    assert.equal(decodeArray(p.data.values).length, 100);
    const mp = p.data.overlays.find((o) => o.type === "marchenko-pastur");
    assert.ok(mp && mp.type === "marchenko-pastur");
    assert.equal(s.fit.ratio, 2);
    mp.x.forEach((x, i) => assert.ok(Math.abs(mp.y[i] - 2 * s.fit.law.density(x)) <= 1e-12 * Math.max(1, mp.y[i])));
    let area = 0;
    for (let i = 1; i < mp.x.length; i++) area += ((mp.y[i] + mp.y[i - 1]) / 2) * (mp.x[i] - mp.x[i - 1]);
    assert.ok(Math.abs(area - 1) < 3e-3, `area ${area}`);
    const sp = p.data.overlays.find((o) => o.type === "spikes");
    assert.ok(sp && sp.type === "spikes");
    assert.deepEqual(sp.values, Array.from(s.values));
    assert.deepEqual(sp.population, Array.from(s.population));
    assert.deepEqual(sp.overlaps, Array.from(s.overlaps));
    assert.equal(countMarks(svg, "mark-symbol"), s.k);
  });

  it("rmt.powerLawFit(Pareto sample) draws the ESD in log bins on log–log axes, the fitted tail line and the xmin rule", () => {
    const rng = new Rng(11);
    const alpha = 2.5;
    const values = Float64Array.from({ length: 3000 }, () => Math.pow(1 - rng.uniform(), -1 / (alpha - 1)));
    const fit = rmt.powerLawFit(values);
    assert.ok(Math.abs(fit.alpha - alpha) < 0.2, `alpha ${fit.alpha}`);
    const { payload, spec, svg } = display(fit);
    const p = payload as SpectrumPayload;
    assert.equal(p.data.xScale, "log");
    assert.equal(p.data.yScale, "log");
    assert.deepEqual(decodeArray(p.data.values), fit.values);
    const h = p.data.histogram;
    // Log bins: a constant edge ratio; the density integrates to 1 over all values.
    const ratio = h.edges[1] / h.edges[0];
    h.edges.slice(1).forEach((e, i) => assert.ok(Math.abs(e / h.edges[i] / ratio - 1) < 1e-9));
    assert.equal(h.counts.reduce((a, b) => a + b, 0), 3000);
    const mass = h.density.reduce((a, d, b) => a + d * (h.edges[b + 1] - h.edges[b]), 0);
    assert.ok(Math.abs(mass - 1) < 1e-12, `mass ${mass}`);
    // The tail line is share · (α − 1)/xmin · (x/xmin)^(−α), share = n_tail / n (CSN eq. 2.2 on the ESD's scale).
    const pl = p.data.overlays.find((o) => o.type === "power-law");
    assert.ok(pl && pl.type === "power-law" && pl.alpha === fit.alpha && pl.xmin === fit.xmin && pl.ks === fit.ks);
    const share = fit.nTail / 3000;
    pl.x.forEach((x, i) => close6(pl.y[i], ((share * (fit.alpha - 1)) / fit.xmin) * Math.pow(x / fit.xmin, -fit.alpha), `tail at ${x}`));
    const bars = layerOf(spec, "bar");
    assert.equal(bars.encoding.x.scale?.type, "log");
    assert.equal(bars.encoding.y.scale?.type, "log");
    const rule = layerOf(spec, "rule");
    close6(rule.data.values[0].at as number, fit.xmin, "xmin rule");
    assert.equal(countMarks(svg, "mark-line"), 1);
    assert.equal(countMarks(svg, "mark-rule"), 1);
    assert.equal(countMarks(svg, "mark-rect"), h.counts.filter((c) => c > 0).length);
  });

  it("rmt.powerLawFit(300 000 values): the payload keeps 100 000 quantiles, the histogram counts all 300 000, the bundle < 3 MB", () => {
    const rng = new Rng(13);
    const n = 300_000;
    const values = Float64Array.from({ length: n }, () => Math.pow(1 - rng.uniform(), -1 / 1.5));
    const fit = rmt.powerLawFit(values, { maxCandidates: 20 });
    const bundle = (fit as unknown as { [JUPYTER_DISPLAY](): Record<string, unknown> })[JUPYTER_DISPLAY]();
    const p = bundle[PAYLOAD_MIME] as SpectrumPayload;
    assertValidPayload(p);
    const kept = decodeArray(p.data.values);
    assert.equal(kept.length, 100_000);
    assert.equal(kept[0], fit.values[0]);
    assert.equal(kept[kept.length - 1], fit.values[n - 1]);
    assert.deepEqual(p.meta.reduced, { method: "subsample", from: [n], to: [100_000] });
    assert.equal(p.data.histogram.counts.reduce((a, b) => a + b, 0), n);
    const size = Buffer.byteLength(JSON.stringify(bundle));
    assert.ok(size < 3_000_000, `bundle is ${size} bytes`);
  });

  it("linalg.svd(A 40×6) draws a scree of the singular values, largest first, linked to the rows at U·diag(s)", () => {
    const A = Matrix.random(40, 6, { seed: 12 });
    const r = linalg.svd(A);
    const { payload, spec, svg, text } = display(r);
    const p = payload as SpectrumPayload;
    assert.equal(p.data.view, "scree");
    assert.equal(p.data.valueName, "singular value");
    assert.deepEqual(decodeArray(p.data.values), r.s);
    assert.deepEqual(p.data.vectors!.shape, [40, 6]);
    const coords = decodeArray(p.data.coords!);
    for (let i = 0; i < 40; i++) {
      assert.equal(coords[2 * i], Math.fround(r.U.get(i, 0) * r.s[0]));
      assert.equal(coords[2 * i + 1], Math.fround(r.U.get(i, 1) * r.s[1]));
    }
    const scree = (spec as unknown as { hconcat: unknown[] }).hconcat[0];
    const line = layerOf(scree, "line");
    assert.equal(line.encoding.y.title, "singular value");
    line.data.values.forEach((row) => close6(row.value as number, r.s[(row.rank as number) - 1], `σ${row.rank}`));
    assert.ok(line.data.values.every((row, i, all) => i === 0 || (row.value as number) <= (all[i - 1].value as number)));
    assert.equal(countMarks(svg, "mark-symbol"), 6 + 40);
    assert.match(text, /^SVD: 6 singular values/);
    assert.match(toText(p), /^Spectrum of 6 singular values \[7\.44727, 7\.00316/);
  });

  it("ot.sinkhorn(a, b, C) draws the plan as a source × target heatmap beside its marginal error per iteration (log axis)", () => {
    const n = 8;
    const m = 6;
    const a = new Array(n).fill(1 / n);
    const b = new Array(m).fill(1 / m);
    const C = Matrix.from(Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => (i / (n - 1) - j / (m - 1)) ** 2)));
    const t = ot.sinkhorn(a, b, C, { epsilon: 0.05 });
    const { payload, spec, svg } = display(t);
    assert.equal(payload.kind, "matrix");
    const p = payload as MatrixPayload;
    assert.equal(p.data.rows, n);
    assert.equal(p.data.cols, m);
    const P = decodeArray(p.data.values);
    P.forEach((v, k) => assert.equal(v, Math.fround(t.plan.data[k])));
    assert.deepEqual(decodeArray(p.data.history!.series[0].y), t.history);
    assert.equal(p.data.history!.yScale, "log");
    const [heat, curve] = (spec as unknown as { hconcat: unknown[] }).hconcat;
    const cells = layerOf(heat, "rect").data.values;
    assert.equal(cells.length, n * m);
    // Each cell's mass is the plan's entry; each row of cells sums to the source marginal 1/n.
    for (const c of cells) close6(c.v as number, t.plan.get(c.y0 as number, c.x0 as number), `P[${c.y0}, ${c.x0}]`);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(cells.filter((c) => c.y0 === i).reduce((s, c) => s + (c.v as number), 0) - 1 / n) < 1e-5);
    const errs = (curve as Layer).data.values;
    assert.equal(errs.length, t.history.length);
    errs.forEach((r, i) => close6(r.y as number, t.history[i], `error ${i}`));
    assert.equal((curve as Layer).encoding.y.scale?.type, "log");
    assert.equal(countMarks(svg, "mark-rect"), n * m);
    assert.equal(countMarks(svg, "mark-line"), 1);
  });

  it("rmt.marchenkoPastur({ratio: 0.25}) draws its density as a curve equal to law.density(x)", () => {
    const law = rmt.marchenkoPastur({ ratio: 0.25, sigma2: 2 });
    const { payload, spec, svg } = display(law);
    const p = payload as CurvePayload;
    const x = decodeArray(p.data.series[0].x);
    const y = decodeArray(p.data.series[0].y);
    assert.equal(x[0], law.lambdaMinus);
    assert.equal(x[x.length - 1], law.lambdaPlus);
    x.forEach((xi, i) => assert.equal(y[i], law.density(xi)));
    for (const r of (spec as unknown as Layer).data.values) assert.ok(Math.abs((r.y as number) - law.density(r.x as number)) < 1e-5);
    assert.equal(countMarks(svg, "mark-line"), 1);
    const atom = display(rmt.marchenkoPastur({ ratio: 2 })).payload;
    assert.deepEqual(atom.meta.notes, ["mass 0.5 at 0 (p > n) not drawn"]);
  });

  it("linalg.oja(X, {k: 2}) draws one convergence curve per direction: the windowed variance at each recorded sample count", () => {
    // Rows with variances 9 and 4 along the first two axes, 1 elsewhere.
    const rng = new Rng(21);
    const d = 8;
    const X = new Matrix(4000, d, Float64Array.from({ length: 4000 * d }, (_, i) => rng.normal() * (i % d === 0 ? 3 : i % d === 1 ? 2 : 1)));
    const r = linalg.oja(X, { k: 2, learningRate: 0.005, historyEvery: 200, seed: 3 });
    const { payload, spec, svg } = display(r);
    const p = payload as CurvePayload;
    assert.deepEqual(p.data.series.map((s) => s.name), ["direction 1", "direction 2"]);
    p.data.series.forEach((s, j) => {
      assert.deepEqual(Array.from(decodeArray(s.x)), r.history.t);
      assert.deepEqual(Array.from(decodeArray(s.y)), r.history.values.map((v) => v[j]));
    });
    // Converged: the last window's variances are near the top two eigenvalues 9 and 4.
    const last = r.history.values[r.history.values.length - 1];
    assert.ok(Math.abs(last[0] - 9) < 2 && Math.abs(last[1] - 4) < 1.2, `last ${last}`);
    assert.equal((spec as unknown as Layer).data.values.length, 2 * r.history.t.length);
    assert.equal(countMarks(svg, "mark-line"), 2);
  });
});
