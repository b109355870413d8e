// e2e: the whole product in Chromium — the `eigenlab` kernel computes a spectrum with the preloaded DSL, its
// display bundle reaches the lab, and our MIME renderer (@eigenlab/jupyterlab) draws it with the provenance
// badge. Slow: starts a server and a browser.
import { strict as assert } from "assert";
import { runCells, screenshot, useLab } from "./lab";

const SPECTRUM_CELL = `const G = Matrix.random(300, 300, { seed: 1 });
const S = linalg.eigh(G.add(G.T));
S`;

describe("e2e: eigenlab kernel + Eigenlab renderer in JupyterLab (slow: server and browser)", function () {
  this.timeout(240000);
  const suite = useLab();

  it("runCells('eigenlab', [eigh of a 300×300 matrix]) draws the spectrum with our renderer and its badge", async function () {
    const run = await runCells(suite.lab, "eigenlab", [SPECTRUM_CELL], { name: "eigenlab-spectrum" });
    const page = run.page;
    suite.page = page;
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
