// e2e: label names reach the lab's legends (issues #11, #18: iris showed 0/1/2, not species). One notebook:
// a spectral embedding of iris labelled with its species names (Vega view), and 25 000 named points (CPU canvas
// view). Slow: starts a server, a kernel and a browser.
import { strict as assert } from "assert";
import { runCells, screenshot, useLab } from "./lab";

const CELLS = [
  `const iris = data.iris();
const Wi = graph.affinity(iris.X.standardize(), { k: 10, sigma: "self-tuning", symmetrize: "mean" });
embed.spectral(Wi, { dim: 2, seed: 0 }).withLabels(iris.labels, iris.labelNames)`,
  `const N = 25000;
new Embedding({ coords: Matrix.random(N, 2, { seed: 3 }), labels: Int32Array.from({ length: N }, (_, i) => i % 3), labelNames: ["setosa", "versicolor", "virginica"],
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 2] } })`,
];

describe("e2e: label names in the lab's legends (slow: server, kernel, browser)", function () {
  this.timeout(300000);
  const suite = useLab();

  it("embedding of data.iris() with labelNames shows setosa, versicolor, virginica in the Vega legend and the canvas legend", async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-label-names", timeoutMs: 180000 });
    const page = run.page;
    suite.page = page;
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
    const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");
    const points = output(0).locator(".eigenlab-panel-points");
    await points.locator("svg.marks .role-legend-label text").first().waitFor({ timeout: 60000 });
    assert.deepEqual(await points.locator("svg.marks .role-legend-label text").allTextContents(), ["setosa", "versicolor", "virginica"]);
    assert.equal(await points.locator(".mark-symbol.role-mark path").count(), 150);
    const canvas = output(1).locator(".eigenlab-panel-points");
    await canvas.locator(".eigenlab-legend").waitFor({ timeout: 60000 });
    assert.deepEqual(await canvas.locator(".eigenlab-legend-item").allTextContents(), ["setosa", "versicolor", "virginica"]);
    await screenshot(output(0), "label-names-iris");
    await screenshot(output(1), "label-names-canvas");
  });
});
