// e2e: the whole product in Chromium — the `eigenlab` kernel computes a spectrum with the preloaded DSL, its
// display bundle reaches the lab, and our MIME renderer (@eigenlab/jupyterlab) draws it with the provenance
// badge. Slow: starts a server and a browser.
import { strict as assert } from "assert";
import { Page } from "playwright-core";
import { Lab, runCells, screenshot, startLab } from "./lab";

const SPECTRUM_CELL = `const G = Matrix.random(300, 300, { seed: 1 });
const S = linalg.eigh(G.add(G.T));
S`;

describe("e2e: eigenlab kernel + Eigenlab renderer in JupyterLab (slow: server and browser)", function () {
  this.timeout(240000);
  let lab: Lab;
  let page: Page | undefined;

  before(async function () {
    lab = await startLab();
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && page) {
      await screenshot(page, `failed-${this.currentTest.title.replace(/[^\w-]+/g, "_").slice(0, 60)}`);
    }
    await page?.close();
    page = undefined;
    await lab?.shutdownKernels();
  });

  after(async function () {
    await lab?.stop();
  });

  it("runCells('eigenlab', [eigh of a 300×300 matrix]) draws the spectrum with our renderer and its badge", async function () {
    const run = await runCells(lab, "eigenlab", [SPECTRUM_CELL], { name: "eigenlab-spectrum" });
    page = run.page;
    const { notebook, outputs } = run;
    assert.ok(outputs[0].includes("application/vnd.eigenlab.v1+json"), `output types: ${outputs[0].join(", ")}`);
    assert.ok(outputs[0].includes("application/vnd.vegalite.v5+json"), "the Vega-Lite fallback travels with it");
    const badge = notebook.locator(".eigenlab-badge");
    await badge.waitFor({ timeout: 60000 });
    const badgeText = await badge.innerText();
    assert.match(badgeText, /eigh/, `badge says: ${badgeText}`);
    const chart = notebook.locator(".eigenlab-panels canvas, .eigenlab-panels svg").first();
    await chart.waitFor({ timeout: 60000 });
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `chart is ${JSON.stringify(box)}`);
    await screenshot(page, "eigenlab-spectrum");
  });
});
