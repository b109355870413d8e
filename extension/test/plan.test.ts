import { strict as assert } from "assert";
import { compile } from "vega-lite";
import { Embedding, linalg, Matrix, Rng, VERSION } from "@eigenlab/core";
import { Clustering, CsrMatrix } from "@eigenlab/core";
import { clusteringPayload, curvePayload, embeddingPayload, graphPayload, matrixPayload, readPayload, spectrumPayload, toVegaLite } from "@eigenlab/viz";
import { chooseEngine, chooseScatterRenderer, isSoftwareWebgl, WEBGL_MIN_POINTS } from "../src/engine";
import { eigenIndexOf, linkedPanel, planView, DEFAULT_STATE } from "../src/plan";
import type { Panel } from "../src/plan";
import { provenanceItems } from "../src/badge";
import { isDarkTheme, vegaThemeConfig } from "../src/theme";
import { categoryLegend, ramp, toGlPoints } from "../src/gl-points";
import { describePoint } from "../src/mount/mount";

const meta = { solver: "test", backend: "cpu", precision: "float64" as const, version: VERSION, inputShape: [1, 1], seed: 4 };

function points(n: number, seed: number): Embedding {
  const data = new Float64Array(2 * n);
  new Rng(seed).fillNormal(data);
  return new Embedding({ coords: new Matrix(n, 2, data), labels: Int32Array.from({ length: n }, (_, i) => i % 4), meta });
}

/** Every Vega panel of a plan must compile with vega-lite 5 (this is what vega-embed will be given). */
function assertPanelsCompile(panels: Panel[]): void {
  for (const p of panels) if ("spec" in p && p.spec) compile(p.spec as never);
}

/** A Laplacian-like spectrum whose eigenvectors travel in the payload (linked view). */
function laplacianSpectrum(n: number) {
  const A = new Float64Array(n * n);
  for (let i = 0; i + 1 < n; i++) A[i * n + i + 1] = A[(i + 1) * n + i] = -1;
  for (let i = 0; i < n; i++) A[i * n + i] = i === 0 || i === n - 1 ? 1 : 2;
  return linalg.eigh(new Matrix(n, n, A));
}

describe("extension plan (what the renderer draws)", function () {
  this.timeout(30_000);

  it(`chooseEngine(n) is vega up to ${WEBGL_MIN_POINTS} points and the large-cloud path above (canvas without WebGL: chooseScatterRenderer)`, () => {
    assert.equal(chooseEngine(WEBGL_MIN_POINTS), "vega");
    assert.equal(chooseEngine(WEBGL_MIN_POINTS + 1), "webgl");
    assert.equal(chooseScatterRenderer({ available: false, renderer: "" }).renderer, "canvas");
  });

  it("isSoftwareWebgl(renderer string) is true for SwiftShader, llvmpipe, softpipe and Microsoft Basic Render, false for GPUs", () => {
    for (const r of [
      "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
      "llvmpipe (LLVM 15.0.6, 256 bits)",
      "softpipe",
      "ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)",
      "Google SwiftShader",
    ])
      assert.equal(isSoftwareWebgl(r), true, r);
    for (const r of ["ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)", "Apple M1", "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "AMD Radeon Pro 5500M OpenGL Engine"])
      assert.equal(isSoftwareWebgl(r), false, r);
  });

  it("chooseScatterRenderer(gl, forced): canvas on software or missing WebGL, webgl on a GPU, metadata overrides unless WebGL is missing", () => {
    const soft = { available: true, renderer: "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)" };
    const gpu = { available: true, renderer: "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)" };
    const none = { available: false, renderer: "" };
    assert.deepEqual(chooseScatterRenderer(soft), { renderer: "canvas", reason: "software WebGL detected" });
    assert.deepEqual(chooseScatterRenderer(gpu), { renderer: "webgl", reason: "hardware WebGL" });
    assert.deepEqual(chooseScatterRenderer(none), { renderer: "canvas", reason: "WebGL unavailable" });
    assert.equal(chooseScatterRenderer(soft, "webgl").renderer, "webgl");
    assert.equal(chooseScatterRenderer(gpu, "canvas").renderer, "canvas");
    assert.equal(chooseScatterRenderer(none, "webgl").renderer, "canvas");
  });

  it("planView(embedding of 1 000 points) is one Vega scatter with every point", () => {
    const plan = planView(readPayload(JSON.parse(JSON.stringify(embeddingPayload(points(1000, 1))))));
    assert.equal(plan.panels.length, 1);
    const panel = plan.panels[0];
    assert.equal(panel.engine, "vega");
    assert.equal(((panel.spec as { data: { values: unknown[] } }).data.values).length, 1000);
    assertPanelsCompile(plan.panels);
    assert.equal(plan.logToggle, false);
  });

  it("planView(embedding of 12 000 points) draws 5 000 with Vega and says so in the chart's title; 1 000 points carry no note", () => {
    const plan = planView(embeddingPayload(points(12_000, 3)));
    const panel = plan.panels[0] as { engine: string; spec: { title?: { text: string }; data: { values: unknown[] } } };
    assert.equal(panel.engine, "vega");
    assert.equal(panel.spec.data.values.length, 5000);
    assert.equal(panel.spec.title?.text, "5,000 of 12,000 points shown (seeded subset)");
    assert.equal((planView(embeddingPayload(points(1000, 3))).panels[0] as { spec: { title?: unknown } }).spec.title, undefined);
  });

  it("planView(embedding of 30 000 points) hands all 30 000 points to WebGL", () => {
    const plan = planView(embeddingPayload(points(30_000, 2)));
    const panel = plan.panels[0];
    assert.equal(panel.engine, "webgl");
    assert.ok(panel.role === "points" && panel.count === 30_000 && panel.points.x.length === 30_000);
  });

  it("planView(3-D embedding) is one rotatable 3-D panel with the coordinates and a 2-D / 3-D toggle; threeD: false gives today's 2-D view", () => {
    const n = 300;
    const X = new Float64Array(3 * n);
    new Rng(5).fillNormal(X);
    const p = readPayload(JSON.parse(JSON.stringify(embeddingPayload(new Matrix(n, 3, X)))));
    const plan = planView(p);
    assert.equal(plan.threeDToggle, true);
    const panel = plan.panels[0];
    assert.ok(panel.role === "points" && panel.engine === "canvas3d");
    if (panel.engine === "canvas3d") {
      assert.equal(panel.dims, 3);
      assert.equal(panel.count, n);
      // float32 coordinates, row-major n × 3, as the cell computed them.
      for (const i of [0, 17, n - 1]) for (let k = 0; k < 3; k++) assert.ok(Math.abs(panel.coords[3 * i + k] - X[3 * i + k]) < 1e-6);
      // No labels: colored by the third coordinate, as the 2-D view does.
      assert.equal(panel.points.colorName, "coordinate 3");
    }
    const flat = planView(p, { ...DEFAULT_STATE, threeD: false });
    assert.equal(flat.panels[0].engine, "vega");
    assert.equal(flat.threeDToggle, true);
    assertPanelsCompile(flat.panels);
    // A 2-D embedding has no toggle.
    assert.equal(planView(embeddingPayload(points(50, 1))).threeDToggle, false);
  });

  it("planView(3-D spectral embedding, linkedColor) colors the 3-D panel by the linked eigenvector", () => {
    const n = 40;
    const X = new Float64Array(3 * n);
    new Rng(6).fillNormal(X);
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const plan = planView(embeddingPayload(new Matrix(n, 3, X)), { ...DEFAULT_STATE, linkedColor: { values, name: "eigenvector 2 (linked)" } });
    const panel = plan.panels[0];
    assert.ok(panel.role === "points" && panel.engine === "canvas3d");
    assert.equal(panel.points.diverging, true);
    assert.equal(panel.points.colorName, "eigenvector 2 (linked)");
    assert.deepEqual(Array.from(panel.points.color!), Array.from(values));
  });

  it("planView(spectrum with eigenvectors) links a spectrum panel and a points panel; colorBy picks the column", () => {
    const s = laplacianSpectrum(40);
    const p = spectrumPayload(s, { view: "scree" });
    const plan = planView(p, { ...DEFAULT_STATE, colorBy: 3 });
    assert.deepEqual(plan.panels.map((x) => x.role), ["spectrum", "points"]);
    assert.equal(plan.linked, true);
    assert.equal(plan.colorChoices.length, 40);
    assert.match(plan.colorChoices[1].label, /^eigenvector 2 \(λ = 0\.006/);
    const pts = plan.panels[1];
    assert.ok(pts.role === "points");
    if (pts.role === "points") {
      // The color is eigenvector column 3 of the float32 payload.
      for (let i = 0; i < 40; i++) assert.ok(Math.abs(pts.points.color![i] - s.vectors.get(i, 3)) < 1e-6);
      assert.equal(pts.points.diverging, true);
    }
    assertPanelsCompile(plan.panels);
  });

  it("planView(graph with its Laplacian spectrum) adds a clickable eigenvalue panel that recolors the graph", () => {
    const n = 10;
    const I: number[] = [];
    const J: number[] = [];
    for (let i = 0; i + 1 < n; i++) {
      I.push(i, i + 1);
      J.push(i + 1, i);
    }
    const W = CsrMatrix.fromTriplets(n, n, I, J, I.map(() => 1));
    const s = laplacianSpectrum(n); // the path graph's Laplacian
    const p = graphPayload(W, { spectrum: s });
    const plan = planView(p, { ...DEFAULT_STATE, colorBy: 1 });
    assert.deepEqual(plan.panels.map((x) => x.role), ["spectrum", "graph"]);
    assert.equal(plan.linked, true);
    assert.equal(linkedPanel(plan), plan.panels[1]);
    assertPanelsCompile(plan.panels);
    // The graph's node colors are the Fiedler vector: monotone along the path.
    const nodes = (plan.panels[1].spec as { layer: { data: { values: { i: number; c: number }[] } }[] }).layer[1].data.values;
    const c = nodes.sort((a, b) => a.i - b.i).map((r) => r.c);
    const increasing = c.every((v, i) => i === 0 || v >= c[i - 1]);
    const decreasing = c.every((v, i) => i === 0 || v <= c[i - 1]);
    assert.ok(increasing || decreasing, `Fiedler vector not monotone: ${c}`);
    // The eigenvalue panel's points carry the index a click reports.
    const scree = plan.panels[0].spec as { layer: { data: { values: unknown[] } }[] };
    const rows = scree.layer[scree.layer.length - 1].data.values;
    assert.deepEqual(rows.map((r) => eigenIndexOf({ datum: r })), Array.from({ length: n }, (_, i) => i));
  });

  it("planView(spectrum, {logScale: true}) puts a symlog scale on the value axis", () => {
    const p = spectrumPayload(laplacianSpectrum(10), { view: "scree" });
    const spec = planView(p, { ...DEFAULT_STATE, logScale: true }).panels[0].spec as { layer: { encoding: { y: { scale: { type?: string } } } }[] };
    const scree = spec.layer[spec.layer.length - 1];
    assert.equal(scree.encoding.y.scale.type, "symlog");
    assertPanelsCompile(planView(p, { ...DEFAULT_STATE, logScale: true }).panels);
  });

  it("planView of matrix, curve, cluster-size and plain graph payloads gives one compiling Vega chart each", () => {
    const ring = CsrMatrix.fromTriplets(6, 6, [0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 0], [1, 1, 1, 1, 1, 1]);
    for (const p of [
      matrixPayload(Matrix.random(30, 20, { seed: 1 })),
      curvePayload({ y: [1, 0.1, 0.01] }, { yScale: "log" }),
      clusteringPayload(new Clustering({ labels: Int32Array.from([0, 1, 1]), k: 2, meta })),
      graphPayload(ring),
    ]) {
      const plan = planView(p);
      assert.equal(plan.panels.length, 1);
      assertPanelsCompile(plan.panels);
    }
  });

  it("eigenIndexOf(item) reads datum.index of scree points and rug ticks, nothing else", () => {
    assert.equal(eigenIndexOf({ datum: { index: 3, value: 0.2 } }), 3);
    assert.equal(eigenIndexOf({ datum: { lo: 0, hi: 1 } }), undefined);
    assert.equal(eigenIndexOf(null), undefined);
    assert.equal(eigenIndexOf({ datum: { index: -1 } }), undefined);
  });

  it("the scree points of a linked spectrum spec carry the index that eigenIndexOf reads", () => {
    const p = spectrumPayload(laplacianSpectrum(12), { view: "scree" });
    const spec = toVegaLite(p) as unknown as { hconcat: { layer: { data: { values: { index: number }[] } }[] }[] };
    const layers = spec.hconcat[0].layer;
    const rows = layers[layers.length - 1].data.values;
    assert.deepEqual(rows.map((r) => eigenIndexOf({ datum: r })), Array.from({ length: 12 }, (_, i) => i));
  });
});

describe("extension badge, theme and WebGL points", () => {
  it("provenanceItems(meta) lists solver, backend, seed, max residual, reduction — in that order", () => {
    const items = provenanceItems({
      solver: "eigsh:lanczos",
      backend: "cpu",
      precision: "float64",
      seed: 7,
      residualNorms: [1e-12, 3e-10],
      reduced: { method: "block-mean", from: [1000, 1000], to: [256, 256] },
    });
    assert.deepEqual(items.map((i) => i.label), ["solver", "backend", "seed", "max residual", "display"]);
    assert.equal(items[1].value, "cpu (float64)");
    assert.equal(items[3].value, "3.00e-10");
    assert.equal(items[4].value, "block-mean 1000×1000 → 256×256");
  });

  it("vegaThemeConfig(read) takes text and grid colors from the lab's CSS variables, with fallbacks", () => {
    const dark: Record<string, string> = { "--jp-ui-font-color1": " #ffffff", "--jp-border-color2": "#444" };
    const cfg = vegaThemeConfig((n) => dark[n] ?? "") as { background: null; axis: { titleColor: string; gridColor: string; labelColor: string } };
    assert.equal(cfg.background, null);
    assert.equal(cfg.axis.titleColor, "#ffffff");
    assert.equal(cfg.axis.gridColor, "#444");
    assert.equal(cfg.axis.labelColor, "#616161");
    assert.equal(isDarkTheme({ jpThemeLight: "false" }), true);
    assert.equal(isDarkTheme({ jpThemeLight: "true" }), false);
  });

  it("toGlPoints(points) maps into [-1, 1]² with one scale for both axes and codes labels 0..m-1", () => {
    const x = [10, 20, 30];
    const y = [0, 5, 2];
    const gl = toGlPoints({ x, y, labels: [7, 3, 7] });
    for (const v of [...gl.x, ...gl.y]) assert.ok(Math.abs(v) <= 1);
    // Aspect kept: Δx/Δy in NDC equals Δx/Δy in data.
    assert.ok(Math.abs((gl.x[2] - gl.x[0]) / (gl.y[1] - gl.y[0]) - 20 / 5) < 1e-5);
    assert.deepEqual(gl.categories, [3, 7]);
    assert.deepEqual(Array.from(gl.category!), [1, 0, 1]);
    assert.equal(gl.colors.length, 2);
  });

  it("planView(embedding with labelNames): the Vega legend, tooltips, canvas legend and hover text name the labels", () => {
    const names = ["north", "east", "south", "west"];
    for (const n of [200, 30_000]) {
      const e = points(n, 6);
      const plan = planView(readPayload(JSON.parse(JSON.stringify(embeddingPayload(e.withLabels(e.labels!, names))))));
      const panel = plan.panels[0];
      assert.ok(panel.role === "points");
      if (n === 200) {
        assert.equal(panel.engine, "vega");
        const spec = panel.spec as { data: { values: { i: number; label: unknown }[] }; encoding: { color: { scale: { domain: string[] } } } };
        assert.deepEqual(spec.encoding.color.scale.domain, names);
        for (const v of spec.data.values) assert.equal(v.label, names[v.i % 4]);
        assertPanelsCompile(plan.panels);
      } else {
        assert.equal(panel.engine, "webgl");
        const legend = categoryLegend(panel.points, toGlPoints(panel.points))!;
        assert.deepEqual(legend.entries.map((x) => x.name), names);
        assert.match(describePoint(panel.points, 7), / · label west$/);
      }
    }
    // Without names the integers stay, as before.
    const plain = planView(embeddingPayload(points(30_000, 6))).panels[0];
    assert.ok(plain.role === "points");
    assert.deepEqual(categoryLegend(plain.points, toGlPoints(plain.points))!.entries.map((x) => x.name), ["0", "1", "2", "3"]);
    assert.match(describePoint(plain.points, 7), / · label 3$/);
  });

  it("toGlPoints(eigenvector colors) scales values symmetrically about 0 to [0, 1]", () => {
    const gl = toGlPoints({ x: [0, 1, 2], y: [0, 1, 2], color: [-0.5, 0, 0.25], diverging: true });
    assert.deepEqual(Array.from(gl.value!), [0, 0.5, 0.75]);
    assert.deepEqual(gl.valueRange, [-0.5, 0.5]);
    assert.deepEqual(ramp(["#000000", "#ffffff"], 3), ["#000000", "#808080", "#ffffff"]);
  });

  it("planView(graph of 6 000 nodes): the large-cloud engine with the payload's edges, whatever the node count (graphs above 5 000 nodes draw on the canvas)", () => {
    const n = 6000;
    const i: number[] = [], j: number[] = [];
    for (let a = 0; a < n; a++) {
      i.push(a, (a + 1) % n);
      j.push((a + 1) % n, a);
    }
    const W = CsrMatrix.fromTriplets(n, n, i, j, i.map(() => 1));
    const p = graphPayload(W, { labels: Int32Array.from({ length: n }, (_, a) => a % 2), labelNames: ["even", "odd"] });
    const plan = planView(p, DEFAULT_STATE);
    assert.equal(plan.panels.length, 1);
    const panel = plan.panels[0];
    assert.ok(panel.role === "points" && panel.engine === "webgl" && "edges" in panel && panel.edges);
    assert.equal(panel.edges.source.length, n);
    assert.equal(panel.edges.note, "edges: all 6,000 drawn");
    assert.equal(linkedPanel(plan), panel);
    assert.equal(describePoint(panel.points, 3), "node 3 · label odd");
  });
});
