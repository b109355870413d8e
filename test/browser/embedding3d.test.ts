// e2e: a 3-D embedding in JupyterLab is a rotatable 3-D scatter (issue #6). One notebook of eigenlab-kernel
// cells is run once: the spectral embedding (dim 3) of a swiss roll's k-NN graph, and the swiss roll itself
// as a 3-D point set colored by its roll parameter t. The tests drag, hover, double-click, recolor, toggle
// 2-D / 3-D, export and switch the theme on them. Slow: starts a server, a kernel and a browser.
import { strict as assert } from "assert";
import * as fs from "fs";
import { Locator, Page } from "playwright-core";
import { outputText, runCells, screenshot, until, useLab } from "./lab";

const CELLS = [
  `const R = data.swissRoll({ n: 1500, seed: 0 });
const W3 = graph.symmetrize(graph.knn(R.X, { k: 10, mode: "connectivity" }), "max");
const E3 = embed.spectral(W3, { dim: 3, seed: 0 });`,
  `E3`,
  `import { figure, embeddingPayload } from "@eigenlab/viz";
figure(embeddingPayload(R.X, { color: R.t, colorName: "t", title: "swiss roll" }))`,
  `const N = 30000;
new Embedding({ coords: Matrix.random(N, 3, { seed: 3 }), labels: Int32Array.from({ length: N }, (_, i) => i % 5),
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 3] } })`,
  `console.log(JSON.stringify({ coords: Array.from(E3.coords.data), t: Array.from(R.t) }));`,
];
const CELL = { spectral: 1, roll: 2, large: 3, numbers: 4 };

/** The canvas's pixels (every second pixel of every second row, RGBA), read in the page. */
async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let y = 0; y < c.height; y += 2) for (let x = 0; x < c.width; x += 2) for (let k = 0; k < 4; k++) out.push(d[4 * (y * c.width + x) + k]);
    return out;
  });
}

/** Share of sampled pixels whose color differs by more than 24 in some channel. */
function changed(a: number[], b: number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 24) n++;
  return n / (a.length / 4);
}

/** Share of sampled pixels that are clearly colored (points), not the gray/white/black of background and text. */
function colored(a: number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.max(a[i], a[i + 1], a[i + 2]) - Math.min(a[i], a[i + 1], a[i + 2]) > 40) n++;
  return n / (a.length / 4);
}

function luminance(rgb: number[]): number {
  return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
}

async function drag(page: Page, canvas: Locator, dx: number, dy: number): Promise<void> {
  await canvas.scrollIntoViewIfNeeded();
  const b = (await canvas.boundingBox())!;
  const x = b.x + b.width / 2, y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 10 });
  await page.mouse.up();
}

describe("e2e: Eigenlab 3-D embedding — rotate, hover, reset, recolor, 2-D / 3-D toggle, export, theme (slow: server, kernel, browser)", function () {
  this.timeout(300000);
  const suite = useLab({ sharePage: true });
  let page: Page;
  let coords: number[];
  const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");
  const canvasOf = (cell: number) => output(cell).locator("canvas.eigenlab-3d-canvas");

  before(async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-3d", timeoutMs: 180000 });
    page = run.page;
    suite.page = page;
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
    coords = (JSON.parse((await outputText(page, CELL.numbers)).trim().split("\n").pop()!) as { coords: number[] }).coords;
    for (const cell of [CELL.spectral, CELL.roll, CELL.large]) await canvasOf(cell).waitFor({ timeout: 60000 });
  });

  it("embed.spectral(knn(swissRoll), { dim: 3 }) draws a 3-D view; dragging turns the picture, the wheel zooms, double-click resets", async function () {
    const panel = output(CELL.spectral).locator(".eigenlab-panel-points");
    assert.equal(await panel.getAttribute("data-engine"), "canvas3d");
    assert.match((await panel.locator(".eigenlab-3d-status").textContent()) ?? "", /^1,500 points \(3-D\) · color: coordinate 3 .*drag: rotate/);
    assert.equal(await output(CELL.spectral).locator("input.eigenlab-3d-toggle").isChecked(), true);
    const canvas = canvasOf(CELL.spectral);
    await canvas.scrollIntoViewIfNeeded();
    const before = await pixels(canvas);
    assert.ok(colored(before) > 0.02, `points drawn: ${(100 * colored(before)).toFixed(1)}% of the canvas colored`);
    await screenshot(output(CELL.spectral), "embedding-3d");
    await drag(page, canvas, 140, 60);
    const after = await until("the picture to change after a drag", 10000, async () => {
      const p = await pixels(canvas);
      return changed(before, p) > 0.01 ? p : undefined;
    });
    assert.ok(colored(after) > 0.02, "points still drawn after the drag");
    await screenshot(output(CELL.spectral), "embedding-3d-rotated");
    // Double-click: back to the starting view, pixel for pixel.
    await canvas.dblclick();
    await until("the starting view after a double-click", 10000, async () => (changed(before, await pixels(canvas)) === 0 ? true : undefined));
    // The wheel zooms in about the centre: the cloud covers more of the canvas; double-click resets again.
    const b = (await canvas.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -300);
    const zoomed = await until("the zoomed view", 10000, async () => {
      const p = await pixels(canvas);
      return colored(p) > 1.3 * colored(before) ? p : undefined;
    });
    assert.ok(changed(before, zoomed) > 0.01);
    await canvas.dblclick();
    await until("the starting view after the zoom", 10000, async () => (changed(before, await pixels(canvas)) === 0 ? true : undefined));
  });

  it("hovering a point of the 3-D view shows its index and its three coordinates as computed in the cell", async function () {
    const canvas = canvasOf(CELL.spectral);
    await canvas.scrollIntoViewIfNeeded();
    const b = (await canvas.boundingBox())!;
    const tip = output(CELL.spectral).locator(".eigenlab-3d-tooltip");
    const text = await until("a 3-D point's tooltip", 20000, async () => {
      for (let t = 0; t < 40; t++) {
        const fx = 0.5 + 0.3 * Math.cos(t * 2.4) * (t / 40), fy = 0.5 + 0.3 * Math.sin(t * 2.4) * (t / 40);
        await page.mouse.move(b.x + fx * b.width, b.y + fy * b.height);
        if (await tip.isVisible()) return tip.innerText();
      }
      return undefined;
    });
    // The color is the third coordinate, named with its eigenvalue (a spectral embedding): "coordinate 3 (λ = …) value".
    const m = /^point (\d+) \(([^,]+), ([^,]+), ([^)]+)\) · coordinate 3 \(λ = [^)]+\) ([−\-0-9.e]+)$/.exec(text);
    assert.ok(m, `tooltip "${text}"`);
    const i = Number(m[1]);
    assert.ok(i >= 0 && i < 1500);
    for (let k = 0; k < 3; k++) {
      const shown = Number(m[2 + k].replace(/\u2212/g, "-"));
      const want = coords[3 * i + k];
      assert.ok(Math.abs(shown - want) <= 1e-3 * Math.abs(want) + 1e-6, `coordinate ${k + 1} of point ${i}: shown ${shown}, computed ${want}`);
    }
    assert.ok(Math.abs(Number(m[5]) - coords[3 * i + 2]) <= 1e-3 * Math.abs(coords[3 * i + 2]) + 1e-6, "the color value is coordinate 3");
    await screenshot(output(CELL.spectral), "embedding-3d-hover");
    await page.mouse.move(0, 0);
  });

  it("clicking eigenvalue 1 recolors the 3-D points by eigenvector 1; the 2-D / 3-D toggle switches to the Vega scatter and back", async function () {
    const out = output(CELL.spectral);
    const canvas = canvasOf(CELL.spectral);
    await canvas.scrollIntoViewIfNeeded();
    const before = await pixels(canvas);
    const scree = out.locator(".eigenlab-panel-spectrum .mark-symbol.role-mark path");
    const xs = await scree.evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().x));
    assert.equal(xs.length, 3, "three eigenvalues");
    await scree.nth(xs.indexOf(Math.min(...xs))).click();
    await until("the color menu to show eigenvector 1", 10000, async () => ((await out.locator("select.eigenlab-colorby").inputValue()) === "0" ? true : undefined));
    assert.match((await out.locator(".eigenlab-3d-status").textContent()) ?? "", /color: eigenvector 1/);
    const recolored = await pixels(canvasOf(CELL.spectral));
    assert.ok(changed(before, recolored) > 0.005, "the points changed color");
    // 2-D: the Vega scatter of the first two coordinates with every point; 3-D again: the canvas.
    await out.locator("input.eigenlab-3d-toggle").uncheck();
    await out.locator(".eigenlab-panel-points svg.marks").waitFor({ timeout: 30000 });
    assert.equal(await out.locator(".eigenlab-panel-points .mark-symbol.role-mark path").count(), 1500);
    await out.locator("input.eigenlab-3d-toggle").check();
    await canvasOf(CELL.spectral).waitFor({ timeout: 10000 });
  });

  it("the swiss roll itself (3-D points colored by t) turns, and its PNG export is the 3-D view", async function () {
    const out = output(CELL.roll);
    const canvas = canvasOf(CELL.roll);
    await canvas.scrollIntoViewIfNeeded();
    assert.match((await out.locator(".eigenlab-3d-status").textContent()) ?? "", /^1,500 points \(3-D\) · color: t /);
    // Tip the roll toward the viewer to look down its axis (the data's 2nd coordinate): the spiral shows.
    await drag(page, canvas, 0, 110);
    await until("the rotated roll", 10000, async () => (colored(await pixels(canvas)) > 0.02 ? true : undefined));
    await screenshot(out, "embedding-3d-swiss-roll");
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), out.locator(".eigenlab-export-png").click()]);
    assert.ok(download.suggestedFilename().endsWith(".png"), download.suggestedFilename());
    const png = fs.readFileSync(await download.path());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG");
    // The exported image is the canvas as drawn.
    const same = await canvas.evaluate(async (c: HTMLCanvasElement, b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const o = document.createElement("canvas");
      o.width = img.width;
      o.height = img.height;
      const ctx = o.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const a = ctx.getImageData(0, 0, o.width, o.height).data;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      return img.width === c.width && img.height === c.height && a.every((v, i) => Math.abs(v - d[i]) <= 1);
    }, png.toString("base64"));
    assert.ok(same, "the PNG holds the canvas's pixels");
    assert.equal(await out.locator(".eigenlab-export-svg").isDisabled(), true, "no SVG of a pixel view");
  });

  it("switching the lab to the dark theme redraws the 3-D view on a dark background and keeps its rotation", async function () {
    const canvas = canvasOf(CELL.roll);
    const corner = async () => canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext("2d")!.getImageData(2, 2, 1, 1).data.slice(0, 3)));
    assert.ok(luminance(await corner()) > 0.8, "light background");
    const rotated = await pixels(canvas);
    const setTheme = (theme: string) => page.evaluate((t) => (window as any).jupyterapp.commands.execute("apputils:change-theme", { theme: t }), theme); // eslint-disable-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    await setTheme("JupyterLab Dark");
    await until("a dark 3-D background", 30000, async () => (luminance(await canvasOf(CELL.roll).evaluate((c: HTMLCanvasElement) => Array.from(c.getContext("2d")!.getImageData(2, 2, 1, 1).data.slice(0, 3)))) < 0.3 ? true : undefined));
    await screenshot(output(CELL.roll), "embedding-3d-dark");
    await setTheme("JupyterLab Light");
    const back = await until("a light 3-D background again", 30000, async () => {
      const c = canvasOf(CELL.roll);
      const rgb = await c.evaluate((el: HTMLCanvasElement) => Array.from(el.getContext("2d")!.getImageData(2, 2, 1, 1).data.slice(0, 3)));
      return luminance(rgb) > 0.8 ? pixels(c) : undefined;
    });
    // Same rotation after the two redraws: the light picture is the one before the switch.
    assert.ok(changed(rotated, back) < 0.001, `rotation kept (${(100 * changed(rotated, back)).toFixed(2)}% of pixels differ)`);
  });

  it("30 000 points in 3-D (above the 2-D view's WebGL threshold) stay on the canvas: drawn, turned, hovered (label i % 5)", async function () {
    const out = output(CELL.large);
    const canvas = canvasOf(CELL.large);
    await canvas.scrollIntoViewIfNeeded();
    assert.equal(await out.locator(".eigenlab-panel-points").getAttribute("data-engine"), "canvas3d");
    assert.match((await out.locator(".eigenlab-3d-status").textContent()) ?? "", /^30,000 points \(3-D\) · color: label \(5 values\)/);
    const before = await pixels(canvas);
    assert.ok(colored(before) > 0.05, `points drawn: ${(100 * colored(before)).toFixed(1)}% colored`);
    await drag(page, canvas, -90, 50);
    await until("the large cloud to turn", 10000, async () => (changed(before, await pixels(canvas)) > 0.01 ? true : undefined));
    const b = (await canvas.boundingBox())!;
    const tip = out.locator(".eigenlab-3d-tooltip");
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 2 });
    const text = await until("a large-cloud tooltip", 10000, async () => ((await tip.isVisible()) ? tip.innerText() : undefined));
    const m = /^point (\d+) \(.*\) · label (\d+)$/.exec(text);
    assert.ok(m, `tooltip "${text}"`);
    assert.equal(Number(m[2]), Number(m[1]) % 5, `point ${m[1]} has label i % 5`);
    await screenshot(out, "embedding-3d-large");
    await page.mouse.move(0, 0);
  });
});
