// e2e: the API reference reachable from the lab (issue #18). Help > "Eigenlab reference" opens the TypeDoc
// reference (`npm run docs`, served by the lab at <base>/eigenlab/reference/) in a tab; a function's page lists
// its options' fields; its "Used in the example notebooks" link opens the notebook in the lab, not in the frame.
// Slow: starts a server and a browser.
import { strict as assert } from "assert";
import fs from "fs";
import path from "path";
import { REPO, openLab, screenshot, useLab } from "./lab";

describe("e2e: Help > Eigenlab reference (slow: server, browser)", function () {
  this.timeout(300000);
  const suite = useLab();

  it("opens the reference; graph.knn's page lists KnnOptions' fields and links to the notebook that calls it", async function () {
    // The notebook the reference links from graph.knn's page (examples/07 calls graph.knn), copied into the lab's root.
    fs.copyFileSync(path.join(REPO, "examples", "07-heatgeo-swiss-roll.ipynb"), path.join(suite.lab.rootDir, "07-heatgeo-swiss-roll.ipynb"));
    const page = await openLab(suite.lab);
    suite.page = page;
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Help$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: "Eigenlab reference" }).click();
    const tab = page.locator(".lm-TabBar-tabLabel", { hasText: "Eigenlab reference" });
    await tab.waitFor({ timeout: 30000 });
    const frame = page.frameLocator(".jp-MainAreaWidget iframe");
    // The index lists the namespaces; follow graph → knn as a reader would.
    await frame.locator("a", { hasText: /^graph$/ }).first().click();
    await frame.locator("a", { hasText: /^knn$/ }).first().click();
    await frame.locator("h1", { hasText: "knn" }).waitFor({ timeout: 30000 });
    const table = frame.locator("table", { hasText: "includeSelf" });
    const rows = await table.locator("tbody tr td:first-child").allTextContents();
    for (const option of ["k", "metric?", "mode?", "includeSelf?", "backend?"]) assert.ok(rows.includes(option), `KnnOptions row ${option} in ${rows.join(", ")}`);
    assert.match(await table.textContent() ?? "", /scikit-learn's include_self/);
    await screenshot(page, "reference-graph-knn");
    await frame.locator("a", { hasText: "Heat-geodesic" }).first().click();
    const nbTab = page.locator(".lm-TabBar-tabLabel", { hasText: "07-heatgeo-swiss-roll.ipynb" });
    await nbTab.waitFor({ timeout: 30000 });
    // The notebook opened in the lab (not inside the frame), on its kernel: let the kernel finish starting.
    await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']").waitFor({ timeout: 120000 });
    assert.equal(await page.frameLocator(".jp-MainAreaWidget iframe").locator(".jp-LabShell").count(), 0, "no lab inside the frame");
    assert.deepEqual(suite.lab.pageErrors.filter((e) => !/favicon|404/.test(e)), []);
  });
});
