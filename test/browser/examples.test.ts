// e2e: the replication notebooks as a reader meets them — each examples/NN-*.ipynb opened in the lab, run
// with "Run All" on the eigenlab kernel, and every Eigenlab output drawn by our renderer (a chart, not the
// "cannot be drawn" box). nbclient checks the numbers (test/notebooks); this checks what a person sees, and
// leaves a screenshot of each chart in .artifacts/screenshots/example-NN-name-chart-KK.png.
// Slow: a server, a browser and every notebook in full.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { outputText, runNotebook, screenshot, screenshotCharts, until, useLab } from "./lab";

const MIME = "application/vnd.eigenlab.v1+json";
const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");
// Every numbered notebook but the quickstart (00, run by views.test.ts): the replications and 10-your-own-data.
const REPLICATIONS = fs.readdirSync(EXAMPLES).filter((f) => /^(0[1-9]|[1-9][0-9]).*\.ipynb$/.test(f)).sort();

describe("e2e: replication notebooks render in the lab (slow: server, kernel, browser, whole notebooks)", function () {
  this.timeout(300000);
  const suite = useLab();

  it("finds the eight replication notebooks and the your-own-data notebook", () => {
    assert.ok(REPLICATIONS.length >= 9 && REPLICATIONS.includes("10-your-own-data.ipynb"), `examples/: ${REPLICATIONS.join(", ")}`);
  });

  for (const file of REPLICATIONS) {
    it(`runNotebook('examples/${file}'): no error, every Eigenlab output drawn as a chart, assertions passed`, async function () {
      const run = await runNotebook(suite.lab, `examples/${file}`, { timeoutMs: 240000 });
      suite.page = run.page;
      assert.deepEqual(run.outputs.flat().filter((t) => t.startsWith("error:")), [], "no cell failed");
      const expected = run.outputs.flat().filter((t) => t === MIME).length;
      assert.ok(expected > 0, "the notebook shows at least one Eigenlab output");
      // Each of our outputs ends up with a chart (SVG from Vega, or the WebGL canvas) and none with the error box.
      const drawn = await until(`${expected} Eigenlab charts in ${file}`, 120000, async () => {
        const counts = await run.page.evaluate(() => {
          const renderers = Array.from(document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .eigenlab-Renderer"));
          return {
            charts: renderers.filter((r) => r.querySelector(".eigenlab-panel svg, .eigenlab-panel canvas")).length,
            errors: renderers.filter((r) => r.querySelector(".eigenlab-error")).length,
          };
        });
        return counts.charts + counts.errors >= expected ? counts : undefined;
      });
      assert.equal(drawn.errors, 0, `${drawn.errors} outputs show the "cannot be drawn" box`);
      assert.equal(drawn.charts, expected);
      assert.match(await outputText(run.page, run.outputs.length - 1), /all assertions passed/);
      // The picture a reader sees first: the notebook scrolled to its first chart.
      const first = run.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .eigenlab-Renderer").first();
      await first.scrollIntoViewIfNeeded();
      // The notebook repaints after a scroll: wait until the chart is what the page shows at its centre.
      // Later outputs (widgets, interact's redraws in 11) can still move it: scroll it back each time it is not there.
      await until("the first chart on screen", 30000, () =>
        first.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, window.innerHeight - r.top) / 2);
          if (r.height > 0 && hit !== null && el.contains(hit)) return true;
          el.scrollIntoView({ block: "center" });
          return undefined;
        }),
      );
      await screenshot(run.page, `example-${file.replace(/\.ipynb$/, "")}`);
      // Then each chart on its own (issue #18: screenshots of every example's charts): example-NN-name-chart-KK.png.
      const shots = await screenshotCharts(run.page, `example-${file.replace(/\.ipynb$/, "")}`);
      assert.equal(shots.length, expected, "one screenshot per Eigenlab output");
      // Autosave is off in this lab (app/settings/overrides.json): running a tracked notebook leaves it as it
      // was on disk until the reader saves.
      assert.equal(await run.page.evaluate(() => (window as any).jupyterapp.commands.isToggled("docmanager:toggle-autosave")), false); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.ok(fs.readFileSync(path.join(suite.lab.rootDir, file)).equals(fs.readFileSync(path.join(EXAMPLES, file))), `${file} unchanged on disk after the run`);
    });
  }
});
