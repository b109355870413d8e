// e2e: every view kind explains itself in the lab (issue #18): axis titles that say what x and y are, a
// legend entry for every encoding and overlay, string labels in legends, and a note wherever what is drawn is
// aggregated or subsampled — on the Vega views and on the canvas views. One notebook, run once; a screenshot
// of each output goes to .artifacts/screenshots/charts-*.png. Slow: starts a server, a kernel and a browser.
import { strict as assert } from "assert";
import { Locator, Page } from "playwright-core";
import { runCells, screenshot, useLab } from "./lab";

const CELLS = [
  `const K = data.karateClub();
const W = K.graph;
const S = linalg.eigh(graph.laplacian(W, { kind: "sym" }).toDense());
const E = embed.spectral(W, { dim: 2, seed: 0 });
const G = Matrix.random(200, 200, { seed: 1 });
const A = G.add(G.T).scale(0.5);
const blobs = data.blobs({ n: 150, k: 3, seed: 2 });
const Wb = graph.affinity(blobs.X, { k: 10, sigma: "self-tuning", symmetrize: "mean" });
import { figure, embeddingPayload, spectrumPayload } from "@eigenlab/viz";
"ok"`,
  `S`,
  `E`,
  `linalg.eigh(A)`,
  `W`,
  `cluster.spectral(Wb, { k: 3, seed: 0 }).withLabelNames(["north", "east", "west"])`,
  `new Clustering({ labels: K.labels, k: 2, labelNames: K.labelNames, meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [34, 34] } })`,
  `Matrix.random(100, 80, { seed: 1 })`,
  `rmt.marchenkoPastur({ ratio: 0.25 })`,
  `figure(spectrumPayload(linalg.eigh(Matrix.random(400, 100, { seed: 3 }).T.matmul(Matrix.random(400, 100, { seed: 3 })).scale(1 / 400)), { view: "histogram", marchenkoPastur: { ratio: 0.25, sigma2: 1 }, vectors: false }))`,
  `const N = 25000;
const X = Matrix.random(N, 2, { seed: 5 });
figure(embeddingPayload(X, { color: Array.from({ length: N }, (_, i) => Math.hypot(X.get(i, 0), X.get(i, 1))), colorName: "radius" }))`,
  `new Embedding({ coords: Matrix.random(1500, 3, { seed: 6 }), meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [1500, 3] } })`,
  `console.table([{ planted: 12, sample: 14.123456 }, { planted: 8, sample: 10.2 }])`,
];
const CELL = { setup: 0, scree: 1, spectralEmbedding: 2, histogram: 3, graph: 4, clustermap: 5, clusterSizes: 6, matrix: 7, curve: 8, mpFit: 9, canvas: 10, threeD: 11, table: 12 };

async function texts(panel: Locator, role: string): Promise<string[]> {
  return (await panel.locator(`svg.marks .role-${role} text`).allTextContents()).map((t) => t.trim());
}

describe("e2e: axis titles, legends and reduction notes on every view kind (slow: server, kernel, browser)", function () {
  this.timeout(400000);
  const suite = useLab({ sharePage: true });
  let page: Page;
  const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");

  before(async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-charts", timeoutMs: 240000 });
    page = run.page;
    suite.page = page;
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
    for (const cell of [CELL.scree, CELL.spectralEmbedding, CELL.histogram, CELL.graph, CELL.clustermap, CELL.clusterSizes, CELL.matrix, CELL.curve, CELL.mpFit]) {
      await output(cell).locator(".eigenlab-panel svg.marks").first().waitFor({ timeout: 60000 });
    }
  });

  it("scree of the karate Laplacian: index / eigenvalue axes, an eigengap legend entry (largest gap after #4), linked points titled eigenvector 2 and 3 (λ)", async function () {
    const chart = output(CELL.scree).locator(".eigenlab-panel-spectrum");
    assert.deepEqual(await texts(chart, "axis-title"), ["index", "eigenvalue"]);
    assert.deepEqual(await texts(chart, "legend-label"), ["eigengap after #4"]);
    const xLabels = (await texts(chart, "axis-label")).filter((t) => /^\d+$/.test(t));
    assert.ok(xLabels.length >= 3 && xLabels.every((t) => Number.isInteger(Number(t))), xLabels.join(" "));
    const titles = await texts(output(CELL.scree).locator(".eigenlab-panel-points"), "axis-title");
    assert.equal(titles.length, 2);
    assert.match(titles[0], /^eigenvector 2 \(λ = [\d.e-]+\)$/);
    assert.match(titles[1], /^eigenvector 3 \(λ = [\d.e-]+\)$/);
  });

  it("spectral embedding: the 2-eigenvalue side panel ticks its index at 1 and 2 only; the points name coordinate 1 and 2 with their λ", async function () {
    const side = output(CELL.spectralEmbedding).locator(".eigenlab-panel-spectrum");
    const labels = await texts(side, "axis-label");
    assert.deepEqual(labels.slice(0, 2), ["1", "2"]);
    assert.ok(!labels.some((t) => /^[12]\.\d$/.test(t)), `fractional index ticks: ${labels.join(" ")}`);
    const titles = await texts(output(CELL.spectralEmbedding).locator(".eigenlab-panel-points"), "axis-title");
    assert.match(titles[0], /^coordinate 1 \(λ = /);
    assert.match(titles[1], /^coordinate 2 \(λ = /);
  });

  it("histogram of eigh(A 200×200) (the quickstart): the rug sits on the x axis, not below the chart, and has a legend entry", async function () {
    const chart = output(CELL.histogram).locator(".eigenlab-panel-spectrum");
    assert.deepEqual(await texts(chart, "axis-title"), ["eigenvalue", "density"]);
    assert.deepEqual(await texts(chart, "legend-label"), ["eigenvalue (click to color by its eigenvector)"]);
    // The x axis's domain line and the rug ticks: every tick within a few pixels above it.
    const axis = await chart.locator("svg.marks .role-axis-domain line").first().boundingBox();
    const ticks = await chart.locator('svg.marks path[aria-roledescription="tick"]').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().bottom));
    assert.equal(ticks.length, 200);
    for (const bottom of ticks) assert.ok(Math.abs(bottom - (axis!.y + axis!.height)) <= 6, `rug tick bottom ${bottom}, axis at ${axis!.y}`);
  });

  it("graph: axes name the layout (positions carry no units)", async function () {
    const panel = output(CELL.graph).locator(".eigenlab-panel-graph");
    assert.deepEqual(await texts(panel, "axis-title"), ["spectral layout x (no units)", "spectral layout y (no units)"]);
  });

  it("clustermap of 150 points with cluster names: the color legend says block mean, tooltips carry the names", async function () {
    const panel = output(CELL.clustermap).locator(".eigenlab-panel");
    assert.deepEqual(await texts(panel, "axis-title"), ["point (ordered by cluster)", "point (ordered by cluster)"]);
    // The legend title is two lines: "affinity" and the block-mean note.
    const title = (await panel.locator("svg.marks .role-legend-title text").first().textContent()) ?? "";
    assert.match(title.replace(/\s+/g, " "), /affinity ?mean of [\d.]+ × [\d.]+ point blocks/);
    const names = await panel.locator("svg.marks .mark-rect path[aria-label*='cluster']").evaluateAll((ps) => ps.map((p) => p.getAttribute("aria-label") ?? ""));
    assert.ok(["north", "east", "west"].every((n) => names.some((l) => l.includes(`cluster: ${n}`))), names.join(" | "));
  });

  it("a Clustering of labels only (karate clubs): cluster sizes by name, and the names in the legend", async function () {
    const panel = output(CELL.clusterSizes).locator(".eigenlab-panel");
    assert.deepEqual(await texts(panel, "legend-label"), ["Mr. Hi", "Officer"]);
    assert.deepEqual(await texts(panel, "axis-title"), ["cluster", "points"]);
  });

  it("matrix 100 × 80: row / column axes and a color legend that says the cells are block means", async function () {
    const panel = output(CELL.matrix).locator(".eigenlab-panel");
    assert.deepEqual(await texts(panel, "axis-title"), ["column", "row"]);
    const title = (await panel.locator("svg.marks .role-legend-title text").first().textContent()) ?? "";
    assert.match(title.replace(/\s+/g, " "), /value ?mean of [\d.]+ × [\d.]+ entry blocks/);
  });

  it("curve (Marchenko–Pastur law) and a fitted histogram: titled axes, and the law's density and edges in the legend", async function () {
    const curve = await texts(output(CELL.curve).locator(".eigenlab-panel"), "axis-title");
    assert.equal(curve.length, 2);
    assert.ok(curve.every((t) => t.length > 1 && t !== "x" && t !== "y"), curve.join(" | "));
    const fit = output(CELL.mpFit).locator(".eigenlab-panel-spectrum");
    assert.deepEqual(await texts(fit, "legend-label"), ["Marchenko–Pastur density", "Marchenko–Pastur edges λ±"]);
  });

  it("25 000 points on the CPU canvas: axes with ticks in the canvas margins, a gradient legend, and the subset note", async function () {
    const panel = output(CELL.canvas).locator(".eigenlab-panel-points");
    const canvas = panel.locator("canvas.eigenlab-2d-canvas");
    await canvas.waitFor({ timeout: 60000 });
    assert.equal(await panel.locator(".eigenlab-legend-gradient .eigenlab-legend-title").textContent(), "radius");
    assert.match((await panel.locator(".eigenlab-2d-status").textContent()) ?? "", /every point drawn at rest, an even 50,000 while moving/);
    // The left and bottom margins hold dark tick labels and titles; the plot area holds the points.
    const ink = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext("2d")!;
      const dpr = c.width / c.clientWidth;
      const dark = (x: number, y: number, w: number, h: number) => {
        const d = ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), Math.round(w * dpr), Math.round(h * dpr)).data;
        let k = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 3 * 140) k++;
        return k;
      };
      return { left: dark(0, 20, 50, c.clientHeight - 80), bottom: dark(70, c.clientHeight - 38, c.clientWidth - 90, 36) };
    });
    assert.ok(ink.left > 50 && ink.bottom > 50, `axis ink: ${JSON.stringify(ink)}`);
  });

  it("3-D embedding: the triad's axes are named under the canvas, and the coordinate-3 coloring has a gradient legend", async function () {
    const panel = output(CELL.threeD).locator(".eigenlab-panel-points");
    await panel.locator("canvas.eigenlab-3d-canvas").waitFor({ timeout: 60000 });
    assert.equal(await panel.locator(".eigenlab-3d-axes").textContent(), "axes: 1 = coordinate 1 · 2 = coordinate 2 · 3 = coordinate 3");
    assert.equal(await panel.locator(".eigenlab-legend-gradient .eigenlab-legend-title").textContent(), "coordinate 3");
  });

  it("console.table is an HTML table, not wrapped box art", async function () {
    const table = output(CELL.table).locator("table");
    await table.waitFor({ timeout: 30000 });
    assert.deepEqual((await table.locator("thead th").allTextContents()).map((t) => t.trim()), ["(index)", "planted", "sample"]);
    assert.deepEqual((await table.locator("tbody tr").first().locator("td").allTextContents()).map((t) => t.trim()), ["12", "14.1235"]);
  });

  it("screenshots of every output land in .artifacts/screenshots/charts-*.png", async function () {
    for (const [name, cell] of Object.entries(CELL)) {
      if (cell === 0) continue;
      await output(cell).scrollIntoViewIfNeeded();
      await screenshot(output(cell), `charts-${String(cell).padStart(2, "0")}-${name}`);
    }
  });
});
