// e2e: Jupyter widgets from eigenlab-kernel cells in the lab (@jupyter-widgets/jupyterlab-manager 5 in the
// app's extension list). A slider renders; dragging it changes a kernel variable through its observe
// callback, and an interact() spectrum (the path graph's Laplacian eigenvalues for n points) redraws in place.
import { strict as assert } from "assert";
import { runCells, screenshot, useLab } from "./lab";
import { LASSO_CELL, WIDGET_CELLS, checkLassoReachesKernel, checkSliderAndInteract } from "./interactive-checks";

describe("widgets in the lab (jupyterlab-manager renders eigenlab-kernel widgets)", function () {
  this.timeout(180_000);
  const ctx = useLab();

  it("an IntSlider renders; dragging it runs the observe callback in the kernel, and interact's spectrum redraws in place", async () => {
    const run = await runCells(ctx.lab, "eigenlab", WIDGET_CELLS, { name: "widgets" });
    const page = run.page;
    ctx.page = page;
    assert.deepEqual(run.outputs[0], ["application/vnd.jupyter.widget-view+json", "text/plain"]);
    const { k, n } = await checkSliderAndInteract(page);
    const file = await screenshot(page, "widgets-slider-interact");
    console.log(`      (k = ${k}, n = ${n}; screenshot ${file})`);
  });

  it("a lasso in a displayed embedding reaches the kernel: v.selection() holds the selected indices and v.onSelect ran", async () => {
    const run = await runCells(ctx.lab, "eigenlab", [LASSO_CELL], { name: "selection" });
    const page = run.page;
    ctx.page = page;
    const selected = await checkLassoReachesKernel(page);
    const file = await screenshot(page, "widgets-lasso-selection");
    console.log(`      (${selected} points selected, the same count in the kernel; screenshot ${file})`);
  });
});
