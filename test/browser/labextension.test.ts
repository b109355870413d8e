// e2e: a prebuilt labextension made by scripts/build-labextension.sh (here a stand-in MIME renderer;
// @eigenlab/jupyterlab is built the same way) is found by jupyterlab_server in <data dir>/labextensions
// and loaded by the host app through module federation, as a pip-installed JupyterLab 4 would load it.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { Page } from "playwright-core";
import { Lab, REPO, runCells, screenshot, startLab } from "./lab";

const STUB = path.join(REPO, "test", "browser", "fixtures", "mime-stub");

describe("e2e: prebuilt labextension (slow: builds an extension, starts a server and a browser)", function () {
  this.timeout(180000);
  let lab: Lab;
  let page: Page | undefined;

  before(async function () {
    execFileSync("bash", [path.join(REPO, "scripts", "build-labextension.sh"), STUB], { stdio: "ignore" });
    lab = await startLab({ labextensions: [path.join(STUB, "labextension")] });
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

  it("build-labextension.sh output is listed by the server and renders its MIME type in the lab", async function () {
    const cell = `from IPython.display import display
display({"application/vnd.eigenlab.stub+json": {"text": "federated hello"}, "text/plain": "plain"}, raw=True)`;
    const run = await runCells(lab, "python3", [cell], { name: "stub" });
    page = run.page;
    const listed = await page.evaluate(() =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      JSON.parse(document.getElementById("jupyter-config-data")!.textContent!).federated_extensions.map((e: any) => e.name)
    );
    assert.ok(listed.includes("@eigenlab/mime-stub"), `federated_extensions: ${listed}`);
    const rendered = run.notebook.locator(".jp-OutputArea-output", { hasText: "stub: federated hello" });
    await rendered.waitFor({ timeout: 30000 });
    await screenshot(page, "labextension-stub");
    assert.deepEqual(lab.pageErrors.filter((e) => /mime-stub|federated/.test(e)), []);
  });
});
