// e2e: the lab app in Chromium draws a Vega-Lite v5 bundle from a stock python3 kernel. This checks the
// whole path our own kernel relies on for its fallback chart: kernel -> jupyter_server -> JupyterLab
// (pinned release) -> @jupyterlab/vega5-extension -> SVG marks on screen.
import { strict as assert } from "assert";
import { runCells, screenshot, useLab } from "./lab";

const VEGA_CELL = `
from IPython.display import display
spectrum = [0.12, 0.48, 0.95, 1.7, 2.6, 3.1, 3.9, 4.4]
display({"application/vnd.vegalite.v5+json": {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "title": "eigenvalues",
    "width": 360, "height": 200,
    "data": {"values": [{"i": i, "value": v} for i, v in enumerate(spectrum)]},
    "mark": {"type": "point", "filled": True, "size": 80},
    "encoding": {"x": {"field": "i", "type": "ordinal"}, "y": {"field": "value", "type": "quantitative"}}
}, "text/plain": "spectrum chart"}, raw=True)
`;

describe("e2e: JupyterLab in Chromium (slow: starts a server and a browser)", function () {
  this.timeout(180000);
  const suite = useLab();

  it("runCells('python3', [vega-lite bundle]) draws the chart's eight points on the vega canvas", async function () {
    const run = await runCells(suite.lab, "python3", [VEGA_CELL], { name: "vega-python3" });
    const page = run.page;
    suite.page = page;
    const { notebook, outputs } = run;
    assert.deepEqual(outputs[0].slice(0, 2), ["application/vnd.vegalite.v5+json", "text/plain"]);
    const output = notebook.locator(".jp-OutputArea-output.jp-RenderedVegaLite");
    // vega-embed draws on a <canvas> by default (our kernel's fallback chart gets the same default).
    const canvas = output.locator("canvas.marks");
    await canvas.waitFor({ timeout: 30000 });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, `chart is ${JSON.stringify(box)}`);
    // The eight filled points are Vega's default blue (#4c78a8, opacity 0.7): count blue pixels on the canvas.
    const bluePixels = await canvas.evaluate((node) => {
      const c = node as HTMLCanvasElement;
      const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 100 && data[i + 2] > data[i] + 50 && data[i + 2] > 120) n++;
      }
      return n;
    });
    // One filled point of size 80 covers about 80 px at devicePixelRatio 1; axes and text are grey.
    assert.ok(bluePixels > 8 * 40, `only ${bluePixels} blue pixels: the points were not drawn`);
    await screenshot(page, "vega-python3");
    // Mixed third-party versions showed up as a flood of these (RECIPES.md); the pins in package.json stop it.
    assert.deepEqual(suite.lab.pageErrors.filter((e) => /RangeError|Maximum call stack/.test(e)), []);
  });
});
