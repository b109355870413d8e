// e2e: what a person sees and does with Eigenlab outputs in JupyterLab. One notebook of eigenlab-kernel
// cells (Zachary's karate club: its normalized-Laplacian spectrum, the graph, a spectral embedding, a
// 25 000-point embedding (default renderer, and forced to WebGL), a spectral clustering, a curve, a broken payload) is run once; the tests hover,
// click, export and switch the theme on its outputs. Slow: starts a server, a kernel and a browser.
import { strict as assert } from "assert";
import * as fs from "fs";
import { Locator, Page } from "playwright-core";
import { outputText, runCells, runNotebook, screenshot, screenshotCharts, until, useLab } from "./lab";

const MIME = "application/vnd.eigenlab.v1+json";
const LINK = { metadata: { [MIME]: { link: "karate" } } };

// The last cell logs the numbers the cells computed as one JSON line, so the tests compare what is drawn to them.
const CELLS = [
  `const K = data.karateClub();
const W = K.graph;
const S = linalg.eigh(graph.laplacian(W, { kind: "sym" }).toDense());
const E = embed.spectral(W, { dim: 2, seed: 0 });
const N = 25000;
const big = new Embedding({ coords: Matrix.random(N, 2, { seed: 3 }), labels: Int32Array.from({ length: N }, (_, i) => i % 5),
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 2] } });`,
  `const spectrumOut = display(S, ${JSON.stringify(LINK)});`,
  `const graphOut = display(W, ${JSON.stringify(LINK)});`,
  `E`,
  `big`,
  `display(big, ${JSON.stringify({ metadata: { [MIME]: { renderer: "webgl" } } })});`,
  `cluster.spectral(W, { k: 2, seed: 0 })`,
  `import { figure, curvePayload } from "@eigenlab/viz";
figure(curvePayload({ name: "eigenvalue", y: Array.from(S.values) }, { title: "karate spectrum", xLabel: "index", yLabel: "λ" }))`,
  `({ [Symbol.for("Jupyter.display")]() { return { "${MIME}": { kind: "spectrum", version: 1, data: {}, meta: {} }, "text/plain": "a broken payload" }; } })`,
  `console.log(JSON.stringify({ values: Array.from(S.values), vectors: [0, 1, 2, 3].map((j) => Array.from(S.vectors.col(j))),
  e0: Array.from(E.coords.col(0)), e1: Array.from(E.coords.col(1)) }));`,
];
const CELL = { setup: 0, spectrum: 1, graph: 2, embedding: 3, webgl: 4, webglForced: 5, clustermap: 6, curve: 7, broken: 8, numbers: 9 };

interface Computed {
  values: number[];
  vectors: number[][];
  e0: number[];
  e1: number[];
}

/** d3-format writes negatives with U+2212; the kernel's numbers use "-". */
function parseShown(text: string): number {
  return Number(text.replace(/\u2212/g, "-"));
}

/** "#rrggbb" or "rgb(r, g, b)" -> [r, g, b]. */
function rgb(color: string): number[] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) throw new Error(`not a color: ${color}`);
  return m[1].split(",").slice(0, 3).map((x) => Number(x.trim()));
}

/** Sign a blue–orange diverging color stands for: +1 orange (positive), -1 blue (negative), 0 near the middle. */
function signOfColor(color: string): number {
  const [r, , b] = rgb(color);
  return r - b > 40 ? 1 : b - r > 40 ? -1 : 0;
}

function luminance(color: string): number {
  const [r, g, b] = rgb(color);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Fill colors of the point/node symbols of one panel, in data order (Vega's SVG renderer keeps it). */
async function fills(panel: Locator): Promise<string[]> {
  return panel.locator(".mark-symbol.role-mark path").evaluateAll((ps) => ps.map((p) => p.getAttribute("fill") ?? ""));
}

/** Asserts the fills show the sign pattern of `vector` wherever its entries are clearly away from 0. */
function assertSignPattern(colors: string[], vector: number[], what: string): void {
  assert.equal(colors.length, vector.length, `${what}: one symbol per entry`);
  const max = Math.max(...vector.map(Math.abs));
  let checked = 0;
  for (let i = 0; i < vector.length; i++) {
    if (Math.abs(vector[i]) < 0.25 * max) continue;
    assert.equal(signOfColor(colors[i]), Math.sign(vector[i]), `${what}: point ${i} (entry ${vector[i].toFixed(3)}) is drawn ${colors[i]}`);
    checked++;
  }
  assert.ok(checked >= vector.length / 3, `${what}: only ${checked} clearly signed entries checked`);
}

/** The eigenvalue mark of index j in a scree panel (the j-th point from the left). */
async function screePoint(panel: Locator, j: number): Promise<Locator> {
  const points = panel.locator(".mark-symbol.role-mark path");
  const xs = await points.evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().x));
  const order = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  return points.nth(order[j][1]);
}

async function tooltipText(page: Page): Promise<string> {
  const tip = page.locator("#vg-tooltip-element.visible");
  await tip.waitFor({ timeout: 10000 });
  return tip.innerText();
}

describe("e2e: Eigenlab views — hover, linked views, every payload kind, export, theme (slow: server, kernel, browser)", function () {
  this.timeout(300000);
  const suite = useLab({ sharePage: true });
  let page: Page;
  let computed: Computed;
  const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");

  before(async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-views", timeoutMs: 180000 });
    page = run.page;
    suite.page = page;
    const errors = run.outputs.flat().filter((t) => t.startsWith("error:"));
    assert.deepEqual(errors, [], "no cell failed");
    computed = JSON.parse((await outputText(page, CELL.numbers)).trim().split("\n").pop()!) as Computed;
    // Every Vega panel drawn (SVG marks present) before any test looks at them.
    for (const cell of [CELL.spectrum, CELL.graph, CELL.embedding, CELL.clustermap, CELL.curve]) {
      await output(cell).locator(".eigenlab-panel svg.marks").first().waitFor({ timeout: 60000 });
    }
  });

  it("each payload kind renders with its marks: spectrum, graph, embedding (Vega; ≥ 20k points on the CPU canvas, and on WebGL when forced), clustermap, curve", async function () {
    const kinds = await Promise.all(Object.values(CELL).slice(1, -2).map(async (c) => (await output(c).locator(".eigenlab-kind").textContent()) ?? ""));
    assert.deepEqual(kinds.map((k) => k.toLowerCase()), ["spectrum", "graph", "embedding", "embedding", "embedding", "clustermap", "curve"]);
    // Spectrum: 34 eigenvalue points in the scree and 34 linked points beside it.
    assert.equal(await output(CELL.spectrum).locator(".eigenlab-panel-spectrum .mark-symbol.role-mark path").count(), 34);
    assert.equal(await output(CELL.spectrum).locator(".eigenlab-panel-points .mark-symbol.role-mark path").count(), 34);
    // Graph: 34 nodes and the club's 78 ties.
    assert.equal(await output(CELL.graph).locator(".eigenlab-panel-graph .mark-symbol.role-mark path").count(), 34);
    assert.equal(await output(CELL.graph).locator(".eigenlab-panel-graph .mark-rule line").count(), 78);
    // Spectral embedding: its two eigenvalues and 34 points.
    assert.equal(await output(CELL.embedding).locator(".eigenlab-panel-spectrum .mark-symbol.role-mark path").count(), 2);
    assert.equal(await output(CELL.embedding).locator(".eigenlab-panel-points .mark-symbol.role-mark path").count(), 34);
    // 25 000 points take the large-cloud engine. Headless Chromium's WebGL is SwiftShader (software), so by
    // default they are drawn on the CPU canvas; the cell forced to "webgl" by its metadata uses regl-scatterplot.
    const cpu = output(CELL.webgl).locator(".eigenlab-panel-points");
    assert.equal(await cpu.getAttribute("data-engine"), "webgl");
    assert.equal(await cpu.getAttribute("data-renderer"), "canvas");
    await cpu.locator("canvas.eigenlab-2d-canvas").waitFor({ timeout: 30000 });
    assert.match((await cpu.locator(".eigenlab-2d-status").textContent()) ?? "", /25,000 points \(CPU canvas \(software WebGL detected\)\)/);
    const gl = output(CELL.webglForced).locator(".eigenlab-panel-points");
    assert.equal(await gl.getAttribute("data-renderer"), "webgl");
    await gl.locator("canvas.eigenlab-webgl-canvas").waitFor({ timeout: 30000 });
    assert.match((await gl.locator(".eigenlab-webgl-status").textContent()) ?? "", /25,000 points \(WebGL\)/);
    // Clustermap: heatmap cells; curve: one line through the 34 eigenvalues.
    assert.ok((await output(CELL.clustermap).locator(".mark-rect path").count()) > 100, "clustermap cells drawn");
    assert.equal(await output(CELL.curve).locator(".mark-line path").count(), 1);
    assert.equal(await output(CELL.curve).locator(".mark-symbol.role-mark path").count(), 34);
    await screenshot(page, "views-notebook");
    for (const [name, cell] of Object.entries(CELL).slice(1, -2)) await screenshot(output(cell), `views-${name}`);
  });

  it("hovering an eigenvalue shows its value; hovering an embedding point shows its coordinate as computed in the cell", async function () {
    const scree = output(CELL.spectrum).locator(".eigenlab-panel-spectrum");
    await (await screePoint(scree, 2)).hover();
    const tip = await tooltipText(page);
    assert.ok(tip.includes(computed.values[2].toPrecision(6)), `tooltip "${tip}" shows λ3 = ${computed.values[2].toPrecision(6)}`);
    await screenshot(page, "views-hover-eigenvalue");
    // The spectral embedding's points: pick eigenvector 2 (its second coordinate) as color, then hover point 7.
    const emb = output(CELL.embedding);
    await (await screePoint(emb.locator(".eigenlab-panel-spectrum"), 1)).click();
    await until("the embedding to recolor by eigenvector 2", 10000, async () => ((await emb.locator("select.eigenlab-colorby").inputValue()) === "1" ? true : undefined));
    const point = emb.locator(".eigenlab-panel-points .mark-symbol.role-mark path").nth(7);
    await point.waitFor();
    await page.mouse.move(0, 0);
    await point.hover();
    const pointTip = await until("the tooltip of point 7", 10000, async () => {
      const t = await tooltipText(page);
      return /point\s*7\b/.test(t) ? t : undefined;
    });
    const shown = /eigenvector 2\s*([−\-0-9.e]+)/.exec(pointTip);
    assert.ok(shown, `tooltip "${pointTip}" names eigenvector 2 and its value`);
    const value = parseShown(shown[1]);
    assert.ok(Math.abs(value - computed.e1[7]) <= 1e-3 * Math.abs(computed.e1[7]) + 1e-6, `tooltip value ${value} = E.coords[7, 1] = ${computed.e1[7]}`);
    await screenshot(page, "views-hover-embedding-point");
    // Large-cloud points (CPU canvas here): the hovered point's label is the cell's i % 5.
    const canvas = output(CELL.webgl).locator("canvas.eigenlab-2d-canvas");
    // Off-screen cells are skipped by the notebook's content-visibility windowing: bring it into view first.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const glTip = output(CELL.webgl).locator(".eigenlab-2d-tooltip");
    const text = await until("a WebGL point's tooltip", 20000, async () => {
      for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.52], [0.55, 0.48], [0.5, 0.4]]) {
        await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height, { steps: 3 });
        if (await glTip.isVisible()) return glTip.innerText();
      }
      return undefined;
    });
    const m = /point (\d+) \(.*\) · label (\d+)/.exec(text);
    assert.ok(m, `WebGL tooltip "${text}"`);
    assert.equal(Number(m[2]), Number(m[1]) % 5, `point ${m[1]} has label i % 5`);
    await screenshot(output(CELL.webgl), "views-hover-webgl-point");
  });

  it("the CPU canvas view of 25 000 points: wheel zooms and drag pans (pixels change), double-click restores them, shift-drag lassos", async function () {
    const out = output(CELL.webgl);
    const canvas = out.locator("canvas.eigenlab-2d-canvas");
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const pixels = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL("image/png"));
    const initial = await pixels();
    const changed = (what: string) => until(what, 10000, async () => ((await pixels()) !== initial ? true : undefined));
    const restored = (what: string) => until(what, 10000, async () => ((await pixels()) === initial ? true : undefined));
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    await page.mouse.move(cx + 60, cy - 40);
    await page.mouse.wheel(0, -300);
    await changed("the wheel to zoom the view");
    await canvas.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await restored("double-click to restore the view after zooming");
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 80, cy + 30, { steps: 5 });
    await page.mouse.up();
    await changed("a drag to pan the view");
    await canvas.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await restored("double-click to restore the view after panning");
    // Shift-drag a square lasso around the centre: some points selected (the rest dimmed), the status counts them.
    await page.keyboard.down("Shift");
    await page.mouse.move(cx - 60, cy - 60);
    await page.mouse.down();
    for (const [x, y] of [[cx + 60, cy - 60], [cx + 60, cy + 60], [cx - 60, cy + 60]]) await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up("Shift");
    const status = out.locator(".eigenlab-2d-status");
    const selected = await until("the lasso selection in the status line", 10000, async () => {
      const m = /([\d,]+) of 25,000 points selected/.exec((await status.textContent()) ?? "");
      return m ? Number(m[1].replace(/,/g, "")) : undefined;
    });
    assert.ok(selected > 100 && selected < 25000, `${selected} points selected`);
    await changed("the lasso to dim the unselected points");
    await screenshot(out, "views-canvas-lasso");
    await canvas.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await restored("double-click to clear the selection");
    assert.match((await status.textContent()) ?? "", /25,000 points \(CPU canvas/);
  });

  it("clicking eigenvalue 3 recolors the spectrum's own points and the linked graph in another cell by eigenvector 3's signs", async function () {
    const spectrum = output(CELL.spectrum);
    const points = spectrum.locator(".eigenlab-panel-points");
    const graphPanel = output(CELL.graph).locator(".eigenlab-panel-graph");
    const before = await fills(points);
    const graphBefore = await fills(graphPanel);
    // Default coloring: eigenvector 2 (the first non-trivial one) on the points, the plain node color on the graph.
    assertSignPattern(before, computed.vectors[1], "spectrum points before the click (eigenvector 2)");
    assert.equal(new Set(graphBefore).size, 1, "graph nodes start in one color");
    await (await screePoint(spectrum.locator(".eigenlab-panel-spectrum"), 2)).click();
    await until("the spectrum's points to recolor", 10000, async () => ((await spectrum.locator("select.eigenlab-colorby").inputValue()) === "2" ? true : undefined));
    const after = await until("new point colors", 10000, async () => {
      const f = await fills(points);
      return f.length === 34 && f.join() !== before.join() ? f : undefined;
    });
    assertSignPattern(after, computed.vectors[2], "spectrum points after the click (eigenvector 3)");
    // Across outputs: the graph cell shares the link key "karate" and recolors by the same eigenvector.
    const note = output(CELL.graph).locator(".eigenlab-linked-note");
    await note.waitFor({ timeout: 10000 });
    const noteText = (await note.textContent()) ?? "";
    assert.ok(noteText.includes(`eigenvector 3 (λ = ${Number(computed.values[2].toPrecision(4))})`) && noteText.includes("karate"), `note: ${noteText}`);
    const graphAfter = await until("the graph's nodes to recolor", 10000, async () => {
      const f = await fills(output(CELL.graph).locator(".eigenlab-panel-graph"));
      return f.length === 34 && new Set(f).size > 2 ? f : undefined;
    });
    assertSignPattern(graphAfter, computed.vectors[2], "linked graph nodes (eigenvector 3)");
    // Ordering, not only signs: the diverging scale darkens away from 0 on each side, so of two same-signed
    // nodes whose entries differ clearly, the larger in magnitude is drawn darker.
    const v = computed.vectors[2];
    let pairs = 0;
    for (let i = 0; i < v.length; i++) {
      for (let j = 0; j < v.length; j++) {
        if (Math.sign(v[i]) !== Math.sign(v[j]) || Math.abs(v[i]) < Math.abs(v[j]) + 0.05) continue;
        assert.ok(luminance(graphAfter[i]) < luminance(graphAfter[j]), `node ${i} (${v[i].toFixed(3)}, ${graphAfter[i]}) darker than node ${j} (${v[j].toFixed(3)}, ${graphAfter[j]})`);
        pairs++;
      }
    }
    assert.ok(pairs > 50, `${pairs} ordered pairs checked`);
    await screenshot(spectrum, "views-linked-spectrum");
    await screenshot(output(CELL.graph), "views-linked-graph");
  });

  it("the PNG and SVG buttons download files of that type (Vega, CPU canvas and WebGL views)", async function () {
    const toolbar = output(CELL.spectrum).locator(".eigenlab-panel-spectrum .eigenlab-export");
    const files: Record<string, Buffer> = {};
    for (const [name, button] of [
      ["spectrum.svg", toolbar.locator(".eigenlab-export-svg")],
      ["spectrum.png", toolbar.locator(".eigenlab-export-png")],
      ["webgl.png", output(CELL.webgl).locator(".eigenlab-export-png")],
      ["webgl-forced.png", output(CELL.webglForced).locator(".eigenlab-export-png")],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), button.click()]);
      const file = await download.path();
      files[name] = fs.readFileSync(file);
      assert.ok(download.suggestedFilename().endsWith(name.slice(name.indexOf("."))), `${name}: saved as ${download.suggestedFilename()}`);
    }
    const svg = files["spectrum.svg"].toString("utf8");
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/, "SVG markup");
    assert.ok((svg.match(/<path/g) ?? []).length >= 34, "the SVG holds the 34 eigenvalue marks");
    for (const name of ["spectrum.png", "webgl.png", "webgl-forced.png"]) {
      assert.deepEqual([...files[name].subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name} is a PNG`);
      assert.ok(files[name].length > 2000, `${name} has content (${files[name].length} bytes)`);
    }
    // The large-cloud PNG (CPU canvas here) shows the points: many non-background pixels.
    const colored = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
      return n;
    }, files["webgl.png"].toString("base64"));
    assert.ok(colored > 5000, `canvas export has ${colored} colored pixels`);
    fs.writeFileSync(`${await screenshot(output(CELL.spectrum), "views-export-source")}.exported.png`, files["spectrum.png"]);
  });

  it("an unreadable payload shows a clear message instead of a blank or a crash", async function () {
    const box = output(CELL.broken).locator(".eigenlab-error");
    await box.waitFor({ timeout: 10000 });
    await box.scrollIntoViewIfNeeded();
    const text = (await box.textContent()) ?? "";
    assert.match(text, /cannot be drawn/);
    assert.match(text, /lacks "values".*re-run the cell/);
    assert.equal(await box.getAttribute("role"), "alert");
    await screenshot(output(CELL.broken), "views-broken-payload");
  });

  it("switching the lab to the dark theme redraws chart text light on a dark background, and back", async function () {
    const axisLabel = output(CELL.spectrum).locator(".eigenlab-panel-spectrum .role-axis-label text").first();
    const colorsNow = async () => ({
      text: (await axisLabel.getAttribute("fill")) ?? "",
      background: await output(CELL.spectrum).evaluate((el) => {
        // The chart is transparent: what shows behind it is the first opaque ancestor's background.
        for (let n: Element | null = el; n; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (!/rgba\(.*, 0\)|transparent/.test(c)) return c;
        }
        return "rgb(255, 255, 255)";
      }),
    });
    const light = await colorsNow();
    assert.ok(luminance(light.text) < 0.5 && luminance(light.background) > 0.8, `light theme: ${JSON.stringify(light)}`);
    const setTheme = (theme: string) => page.evaluate((t) => (window as any).jupyterapp.commands.execute("apputils:change-theme", { theme: t }), theme); // eslint-disable-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    await setTheme("JupyterLab Dark");
    const dark = await until("the chart to redraw in dark colors", 30000, async () => {
      const c = await colorsNow();
      return luminance(c.text) > 0.5 ? c : undefined;
    });
    assert.ok(luminance(dark.background) < 0.3, `dark theme background: ${dark.background}`);
    // The CPU canvas view redraws on the theme's dark background too (its corner pixel).
    const corner = () =>
      output(CELL.webgl)
        .locator("canvas.eigenlab-2d-canvas")
        .evaluate((c) => `rgb(${Array.from((c as HTMLCanvasElement).getContext("2d")!.getImageData(1, 1, 1, 1).data.slice(0, 3)).join(", ")})`);
    await until("the canvas view to redraw on a dark background", 30000, async () => (luminance(await corner()) < 0.3 ? true : undefined));
    await screenshot(page, "views-dark-theme");
    await screenshot(output(CELL.spectrum), "views-dark-theme-spectrum");
    await setTheme("JupyterLab Light");
    await until("the chart to redraw in light colors", 30000, async () => (luminance((await colorsNow()).text) < 0.5 ? true : undefined));
  });
});

describe("e2e: runNotebook (slow: server, kernel, browser)", function () {
  this.timeout(240000);
  const suite = useLab();

  it("runNotebook(lab, 'examples/00-quickstart.ipynb') runs every cell and returns each output's MIME types", async function () {
    const run = await runNotebook(suite.lab, "examples/00-quickstart.ipynb");
    suite.page = run.page;
    const nb = JSON.parse(fs.readFileSync("examples/00-quickstart.ipynb", "utf8")) as { cells: { cell_type: string }[] };
    assert.equal(run.outputs.length, nb.cells.filter((c) => c.cell_type === "code").length, "one entry per code cell");
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
    // The eigh cell's rich bundle, the math cell's LaTeX echo and the assertions' final string.
    assert.ok(run.outputs[1].includes(MIME), `eigh cell: ${run.outputs[1].join(", ")}`);
    assert.ok(run.outputs.some((o) => o.includes("text/latex")), `a %%math cell echoes LaTeX: ${JSON.stringify(run.outputs)}`);
    assert.match(await outputText(run.page, run.outputs.length - 1), /all assertions passed/);
    await screenshot(run.page, "run-notebook-quickstart");
    const shots = await screenshotCharts(run.page, "example-00-quickstart");
    assert.equal(shots.length, run.outputs.flat().filter((t) => t === MIME).length, "one screenshot per Eigenlab output");
  });
});
