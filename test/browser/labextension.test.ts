// e2e: a prebuilt labextension made by scripts/build-labextension.sh (here a stand-in MIME renderer;
// @eigenlab/jupyterlab is built the same way) is found by jupyterlab_server in <data dir>/labextensions
// and loaded by the host app through module federation, as a pip-installed JupyterLab 4 would load it.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { REPO, runCells, screenshot, useLab } from "./lab";

const STUB = path.join(REPO, "test", "browser", "fixtures", "mime-stub");

describe("e2e: prebuilt labextension (slow: builds an extension, starts a server and a browser)", function () {
  this.timeout(180000);
  // Registered before useLab's hooks, so the extension is built before the lab starts.
  before(function () {
    execFileSync("bash", [path.join(REPO, "scripts", "build-labextension.sh"), STUB], { stdio: "ignore" });
  });
  const suite = useLab({ labextensions: [path.join(STUB, "labextension")] });

  it("build-labextension.sh output is listed by the server and renders its MIME type in the lab", async function () {
    const cell = `from IPython.display import display
display({"application/vnd.eigenlab.stub+json": {"text": "federated hello"}, "text/plain": "plain"}, raw=True)`;
    const run = await runCells(suite.lab, "python3", [cell], { name: "stub" });
    const page = run.page;
    suite.page = page;
    const listed = await page.evaluate(() =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page-config JSON, untyped
      JSON.parse(document.getElementById("jupyter-config-data")!.textContent!).federated_extensions.map((e: any) => e.name)
    );
    assert.ok(listed.includes("@eigenlab/mime-stub"), `federated_extensions: ${listed}`);
    const rendered = run.notebook.locator(".jp-OutputArea-output", { hasText: "stub: federated hello" });
    await rendered.waitFor({ timeout: 30000 });
    await screenshot(page, "labextension-stub");
    assert.deepEqual(suite.lab.pageErrors.filter((e) => /mime-stub|federated/.test(e)), []);
  });
});
