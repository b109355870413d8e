// The interactive checks both kernels must pass in the lab (widgets.test.ts on the Node kernel, lite.test.ts on
// the browser kernel): the cells, and what a person does to them (drag a slider, lasso points) with what must
// follow in the kernel.
import { strict as assert } from "assert";
import { Page } from "playwright-core";
import { drag, kernelValue, lassoSquare, plainOutputs, until } from "./lab";

/** Cell 0: an IntSlider whose observe callback keeps `k`; cell 1: an interact() spectrum of the n-point path graph. */
export const WIDGET_CELLS = [
  `const s = new widgets.IntSlider({ min: 1, max: 10, value: 3, description: "k" });
let k = s.value;
s.observe((c) => { k = c.new as number; });
s`,
  `const path = (n: number) => Matrix.from(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0))));
const spectrum = interact(({ n }) => linalg.eigh(path(n as number)), { n: [3, 30, 1] }, { debounce: 50 });`,
];

/** A 25 000-point embedding on the canvas view (`v`), whose onSelect callback records the selection size in `seen`. */
export const LASSO_CELL = `const N = 25000;
const big = new Embedding({ coords: Matrix.random(N, 2, { seed: 3 }), labels: Int32Array.from({ length: N }, (_, i) => i % 5),
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 2] } });
const v = display(big, { metadata: { "application/vnd.eigenlab.v1+json": { renderer: "canvas" } } });
let seen = -1;
v.onSelect((sel) => { seen = sel.indices.length; });`;

/**
 * With WIDGET_CELLS as code cells `first` and `first + 1` of the visible notebook: both sliders render, dragging
 * the first changes the kernel's `k` (observe), dragging the second redraws the spectrum in place (interact).
 */
export async function checkSliderAndInteract(page: Page, first = 0): Promise<{ k: string; n: number }> {
  const sliders = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider");
  await until("two rendered sliders", 30000, async () => ((await sliders.count()) === 2 ? true : undefined));
  const readout = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-readout").first();
  assert.equal((await readout.textContent())?.trim(), "3");
  const before = await plainOutputs(page, first + 1);
  assert.ok(before.some((x) => x.startsWith("Spectrum: 16 eigenvalues of a 16×16 operator")), before.join("\n"));

  await sliders.first().scrollIntoViewIfNeeded();
  await drag(page, 0, 120);
  const shown = Number((await readout.textContent())?.trim());
  assert.ok(shown > 3, `the slider's readout is still ${shown}`);
  const k = await until("the kernel's k to follow the slider", 15000, async () => {
    const v = await kernelValue(page, "k");
    return v === String(shown) ? v : undefined;
  });
  assert.equal(k, String(shown));

  await sliders.nth(1).scrollIntoViewIfNeeded();
  await drag(page, 1, 80);
  const n = Number((await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-readout").nth(1).textContent())?.trim());
  assert.ok(n > 16, `interact's slider did not move (${n})`);
  // The drag sent many values (continuous_update); the debounced runs end with the last one.
  const after = await until(`the spectrum to redraw with ${n} eigenvalues`, 15000, async () => {
    const t = await plainOutputs(page, first + 1);
    return t.some((x) => x.startsWith(`Spectrum: ${n} eigenvalues of a ${n}×${n} operator`)) ? t : undefined;
  });
  assert.equal(after.length, before.length, "the spectrum was replaced in place, not appended");
  return { k, n };
}

/** With LASSO_CELL run: a lasso on its canvas selects points, and the kernel's v.selection() / onSelect see them. */
export async function checkLassoReachesKernel(page: Page): Promise<number> {
  const canvas = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) canvas.eigenlab-2d-canvas");
  await canvas.waitFor({ timeout: 30000 });
  await lassoSquare(page, canvas, 50);
  const status = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .eigenlab-2d-status");
  const selected = await until("the lasso selection in the status line", 10000, async () => {
    const m = /([\d,]+) of 25,000 points selected/.exec((await status.textContent()) ?? "");
    return m ? Number(m[1].replace(/,/g, "")) : undefined;
  });
  assert.ok(selected > 100 && selected < 25000, `${selected} points selected`);
  const inKernel = await until("the selection in the kernel", 15000, async () => {
    const v = await kernelValue(page, "JSON.stringify([v.selection().length, seen, v.selection().every((i, j, a) => j === 0 || a[j - 1] < i)])");
    return v === `'[${selected},${selected},true]'` ? v : undefined;
  });
  assert.equal(inKernel, `'[${selected},${selected},true]'`);
  return selected;
}
