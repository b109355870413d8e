// The API reference (`npm run docs`, TypeDoc + scripts/typedoc-plugin.mjs) lists every public function's options
// object field by field with a doc comment for each field (issue #18): the plugin warns about an options
// parameter whose fields it cannot list and about a field without a doc; this test fails on either warning.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const REPO = path.resolve(__dirname, "..", "..");

describe("npm run docs: the TypeDoc reference lists every options field with its doc", function () {
  this.timeout(240000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "eigenlab-reference-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("typedoc --out <tmp>: no 'options not listed', no 'option fields without a doc comment'; graph.knn's page has KnnOptions' table", () => {
    const typedoc = path.join(REPO, "node_modules", "typedoc", "bin", "typedoc");
    const r = spawnSync(process.execPath, [typedoc, "--out", out], { cwd: REPO, encoding: "utf8" });
    const log = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, "");
    assert.equal(r.status, 0, log);
    assert.deepEqual(log.split("\n").filter((l) => /options not listed|without a doc comment/.test(l)), []);
    const knn = fs.readFileSync(path.join(out, "functions", "graph.knn.html"), "utf8");
    for (const field of ["includeSelf", "method", "seed"]) assert.match(knn, new RegExp(`<code>${field}\\?</code>`));
    assert.match(knn, /Used in the example notebooks/);
  });
});
