// e2e: the large views explain themselves too (issue #18). The WebGL view (regl-scatterplot, forced by the
// output metadata: headless Chromium's WebGL is software, which would pick the CPU canvas) draws axis titles and
// ticks that follow the wheel, the legend with the label names, and says every point is drawn; a 20 000-node
// graph draws on the canvas path with its nodes colored and named in the legend, its edges thinned and the view
// saying which and how the layout was made; a 100 000-node adjacency displayed as it is becomes such a graph too. Screenshots: .artifacts/screenshots/large-*.png. Slow: a server,
// a kernel and a browser.
import { strict as assert } from "assert";
import { Page } from "playwright-core";
import { runCells, screenshot, until, useLab } from "./lab";

const MIME = "application/vnd.eigenlab.v1+json";
const NAMES = ["alpha", "beta", "gamma", "delta", "epsilon"];

const CELLS = [
  `const N = 25000;
const big = new Embedding({ coords: Matrix.random(N, 2, { seed: 3 }), labels: Int32Array.from({ length: N }, (_, i) => i % 5), labelNames: ${JSON.stringify(NAMES)},
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 2] } });
display(big, ${JSON.stringify({ metadata: { [MIME]: { renderer: "webgl" } } })});`,
  `import { figure, graphPayload } from "@eigenlab/viz";
const sbm = data.sbm({ sizes: Array(5).fill(4000), pIn: 12 / 4000, pOut: 2 / 20000, seed: 0 });
const t0 = Date.now();
const gp = graphPayload(sbm.graph, { labels: sbm.labels, labelNames: ${JSON.stringify(NAMES)}, colorName: "block" });
console.log("payload ms", Date.now() - t0);
figure(gp)`,
  `const huge = data.sbm({ sizes: Array(10).fill(10000), pIn: 12 / 10000, pOut: 2 / 100000, seed: 1 }).graph;
huge`,
];
const CELL = { webgl: 0, graph: 1, huge: 2 };

describe("e2e: axes, legends and notes on the WebGL view and on a 20 000-node graph (slow: server, kernel, browser)", function () {
  this.timeout(400000);
  const suite = useLab({ sharePage: true });
  let page: Page;
  const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");

  before(async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-large-views", timeoutMs: 240000 });
    page = run.page;
    suite.page = page;
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
  });

  it("WebGL view of 25 000 named points: axis titles, ticks that follow a wheel zoom, the legend's names, the every-point note", async function () {
    const panel = output(CELL.webgl).locator(".eigenlab-panel-points");
    assert.equal(await panel.getAttribute("data-renderer"), "webgl");
    const axes = panel.locator("canvas.eigenlab-webgl-axes");
    await axes.waitFor({ timeout: 60000 });
    await until("the axes drawn", 30000, async () => ((await axes.getAttribute("data-x-ticks")) ? true : undefined));
    await screenshot(output(CELL.webgl), "large-webgl-axes");
    assert.equal(await axes.getAttribute("data-x-title"), "coordinate 1");
    assert.equal(await axes.getAttribute("data-y-title"), "coordinate 2");
    assert.match((await axes.getAttribute("aria-label")) ?? "", /x axis: coordinate 1; y axis: coordinate 2/);
    // Matrix.random is standard normal (25 000 draws: |x| up to about 4.5), drawn at one scale for both axes in
    // a plot wider than tall: the x ticks span the data and 0, within about ±8.
    const before = ((await axes.getAttribute("data-x-ticks")) ?? "").split(" ").map((t) => Number(t.replace("−", "-")));
    assert.ok(before.length >= 3 && before.includes(0) && before[0] >= -8 && before[0] <= -3 && before[before.length - 1] >= 3 && before[before.length - 1] <= 8, `x ticks ${before.join(" ")}`);
    assert.deepEqual(await panel.locator(".eigenlab-legend-item").allTextContents(), NAMES);
    assert.match((await panel.locator(".eigenlab-webgl-status").textContent()) ?? "", /25,000 points \(WebGL\), every point drawn/);
    // The axes' margins hold ink (tick labels and titles).
    const ink = await axes.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext("2d")!;
      const d = ctx.getImageData(0, 0, Math.round(50 * (c.width / c.clientWidth)), c.height).data;
      let k = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0 && d[i - 1] + d[i - 2] + d[i - 3] < 3 * 140) k++;
      return k;
    });
    assert.ok(ink > 50, `left margin ink: ${ink}`);
    // Zoom in with the wheel over the plot: the ticks now cover a narrower range.
    const gl = panel.locator("canvas.eigenlab-webgl-canvas");
    const box = (await gl.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let k = 0; k < 6; k++) await page.mouse.wheel(0, -300);
    const after = await until("ticks that follow the zoom", 30000, async () => {
      const t = ((await axes.getAttribute("data-x-ticks")) ?? "").split(" ").map((s) => Number(s.replace("−", "-")));
      return t.length >= 2 && t[t.length - 1] - t[0] < 0.8 * (before[before.length - 1] - before[0]) ? t : undefined;
    });
    assert.ok(after.length >= 2, `x ticks after zoom: ${after.join(" ")}`);
    await screenshot(output(CELL.webgl), "large-webgl-zoomed");
  });

  it("graph of 20 000 nodes: drawn on the canvas with layout axis titles, the block names in the legend, the thinned-edges and layout notes", async function () {
    const panel = output(CELL.graph).locator(".eigenlab-panel-points");
    const canvas = panel.locator("canvas.eigenlab-2d-canvas");
    await canvas.waitFor({ timeout: 60000 });
    assert.equal(await panel.getAttribute("data-renderer"), "canvas");
    assert.equal(await canvas.getAttribute("data-x-title"), "spectral layout x (no units)");
    assert.equal(await canvas.getAttribute("data-y-title"), "spectral layout y (no units)");
    // Layout coordinates have no units: titles, no tick numbers (as the Vega graph view).
    assert.equal(await canvas.getAttribute("data-x-ticks"), "");
    assert.deepEqual(await panel.locator(".eigenlab-legend-item").allTextContents(), NAMES);
    assert.equal(await panel.locator(".eigenlab-legend-title").textContent(), "block");
    assert.match((await panel.locator(".eigenlab-2d-status").textContent()) ?? "", /20,000 nodes \(CPU canvas \(node-link view\)\)/);
    const note = (await panel.locator(".eigenlab-2d-note").textContent()) ?? "";
    const m = /edges: ([\d,]+) of ([\d,]+) drawn \(the 3 strongest per node\)/.exec(note);
    assert.ok(m, note);
    const [shown, total] = [Number(m[1].replace(/,/g, "")), Number(m[2].replace(/,/g, ""))];
    assert.ok(shown <= 3 * 20000 && shown < total, note);
    assert.match(note, /layout: spectral start \(50 power-iteration sweeps\) \+ 15 Barnes–Hut ForceAtlas2 sweeps/);
    // The nodes are drawn in the five block colors (not a blank canvas).
    const colors = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<string>();
      for (let i = 0; i < d.length; i += 4) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return ["76,120,168", "245,133,24", "228,87,86", "114,183,178", "84,162,75"].filter((c) => seen.has(c)).length;
    });
    assert.equal(colors, 5);
    await screenshot(output(CELL.graph), "large-graph-20000");
  });

  it("an adjacency of 100 000 nodes displayed as it is: a graph on the canvas (not a heatmap), the strongest edge per node, 3 ForceAtlas2 sweeps", async function () {
    const panel = output(CELL.huge).locator(".eigenlab-panel-points");
    const canvas = panel.locator("canvas.eigenlab-2d-canvas");
    await canvas.waitFor({ timeout: 120000 });
    assert.equal((await output(CELL.huge).locator(".eigenlab-kind").textContent())?.toLowerCase(), "graph");
    assert.match((await panel.locator(".eigenlab-2d-status").textContent()) ?? "", /100,000 nodes \(CPU canvas \(node-link view\)\)/);
    const note = (await panel.locator(".eigenlab-2d-note").textContent()) ?? "";
    assert.match(note, /edges: [\d,]+ of [\d,]+ drawn \(the strongest per node\) \(an even 20,000 of them while moving\)/);
    assert.match(note, /layout: spectral start \(50 power-iteration sweeps\) \+ 3 Barnes–Hut ForceAtlas2 sweeps/);
    await screenshot(output(CELL.huge), "large-graph-100000");
  });
});
