// e2e: renderer safety (issue #16). Strings that reach the page from a payload — label names, node names, a
// chart title read from a file — must show as text and never become markup or script. One notebook draws an
// embedding (Vega view) whose label names and meta are HTML/JS payloads, an io.Table and a console.table of
// them, then hovers a point for its tooltip.
// Slow: starts a server, a kernel and a browser.
import { strict as assert } from "assert";
import { runCells, screenshot, useLab } from "./lab";

const EVIL = `<img src=x onerror="window.__pwned=(window.__pwned||0)+1">`;
const EVIL2 = `"><script>window.__pwned=(window.__pwned||0)+1</script>`;
const CELLS = [
  `const evil = ${JSON.stringify(EVIL)};
const evil2 = ${JSON.stringify(EVIL2)};
const P = data.blobs({ n: 60, k: 2, seed: 1 });
new Embedding({ coords: P.X, labels: P.labels, labelNames: [evil, evil2],
  meta: { solver: evil2, backend: "cpu", precision: "float64", version: VERSION, inputShape: [60, 2] } })`,
  `const K = data.karateClub();
const T = new io.Table({ name: [evil, evil2], value: [1, 2] });
display(T);
console.table([{ who: evil, what: evil2 }]);
K.graph`,
];

describe("e2e: hostile strings in payloads render as text (slow: server, kernel, browser)", function () {
  this.timeout(300000);
  const suite = useLab();

  it("label names, meta strings, table cells and console.table holding <img onerror> / <script> run nothing and show literally", async function () {
    const run = await runCells(suite.lab, "eigenlab", CELLS, { name: "eigenlab-hostile", timeoutMs: 180000 });
    const page = run.page;
    suite.page = page;
    assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
    const output = (cell: number) => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea");
    const points = output(0).locator(".eigenlab-panel-points");
    await points.locator("svg.marks .role-legend-label text").first().waitFor({ timeout: 60000 });
    // The legend shows the names as text (SVG text nodes): the very strings given (long ones cut with "…").
    const legend = await points.locator("svg.marks .role-legend-label text").allTextContents();
    assert.equal(legend.length, 2);
    legend.forEach((t, i) => assert.ok([EVIL, EVIL2][i].startsWith(t.replace(/…$/, "")) && t.length > 10, `legend entry ${i}: ${t}`));
    // Hover a point: the tooltip names its label as text too.
    const mark = points.locator(".mark-symbol.role-mark path").first();
    await mark.hover({ force: true });
    const tip = page.locator("#vg-tooltip-element");
    await tip.waitFor({ state: "visible", timeout: 20000 });
    assert.match((await tip.textContent()) ?? "", /<img src=x onerror=|"><script>/);
    await output(1).locator(".jp-RenderedHTMLCommon table").first().waitFor({ timeout: 60000 });
    const html = await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").innerHTML();
    // No element was made from the payload strings, and nothing ran.
    assert.equal(await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea img[src='x']").count(), 0);
    assert.equal(await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea script").count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    // The table cells hold the strings as text.
    const cells = await output(1).locator(".jp-RenderedHTMLCommon td").allTextContents();
    assert.ok(cells.includes(EVIL) && cells.includes(EVIL2), `table cells: ${cells.join(" | ")}`);
    assert.ok(!html.includes(`<img src="x"`), "no live <img> in the notebook's DOM");
    await screenshot(output(0), "hostile-labels");
  });
});
