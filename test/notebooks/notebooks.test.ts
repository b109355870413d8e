/**
 * Executable documentation: every examples/*.ipynb runs top to bottom through nbclient (Debian
 * python3-nbclient) on the "eigenlab" kernel, in an isolated Jupyter environment. A failing assertion cell
 * fails the test; outputs must carry the display bundles the objects produce.
 */
import { strict as assert } from "assert";
import { readFileSync, readdirSync, statSync } from "fs";
import { basename, join } from "path";
import { jupyterEnv, JupyterEnv, NOTEBOOK_RUNNER as RUNNER, REPO, runPythonScript } from "../util/jupyter";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), loaded at run time as the kernelspec does
const K = require("../../kernel/jupyter/dist") as typeof import("../../kernel/jupyter/src");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), loaded at run time as the kernelspec does
const core = require("../../kernel/core/dist") as typeof import("../../kernel/core/src");


interface Output {
  type: string;
  data: Record<string, unknown>;
  text: string;
  ename: string | null;
  evalue: string | null;
}
const EIGENLAB = "application/vnd.eigenlab.v1+json";
/** Size budgets of the committed examples (issue #18): a notebook, one output, one output's static SVG. */
const NOTEBOOK_BUDGET = 4e6;
const OUTPUT_BUDGET = 1e6;
const SVG_BUDGET = 200e3;
/** Keys whose values differ from run to run (times, machine, versions): not compared. */
const VOLATILE = /^(meta|timeMs|seconds|elapsed|threads|version|inputHash|date|badge|status)$/;

/** The numbers of two payloads agree to 1e-6 relative (1e-9 absolute), key by key, skipping VOLATILE keys. */
function sameNumbers(a: unknown, b: unknown, where: string): void {
  if (typeof a === "number" && typeof b === "number") {
    assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9, `${where}: committed ${a}, fresh run ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${where}: ${a.length} committed values, ${b.length} in a fresh run`);
    a.forEach((x, i) => sameNumbers(x, b[i], `${where}[${i}]`));
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of Object.keys(a)) if (!VOLATILE.test(key)) sameNumbers((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`);
  }
}

type Report = Record<string, { error: string | null; seconds: number; cells: { source: string; outputs: Output[] }[] }>;

// Slow end of the suite: every notebook runs in full (each is meant to take under 2 minutes on 2 cores).
describe("example notebooks execute through nbclient on the eigenlab kernel (slow: whole notebooks)", function () {
  const dir = join(REPO, "examples");
  const notebooks = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));
  this.timeout(60_000 + 180_000 * notebooks.length);
  let env: JupyterEnv;
  let report: Report;

  before(async () => {
    env = jupyterEnv();
    const run = await runPythonScript(env, "run_notebooks.py", RUNNER, notebooks);
    assert.equal(run.status, 0, `nbclient runner failed:\n${run.stderr.slice(-4000)}`);
    report = JSON.parse(run.stdout) as Report;
  });
  after(() => env?.dispose());

  it("finds the example notebooks (00-quickstart at least)", () => {
    assert.ok(notebooks.some((n) => n.endsWith("00-quickstart.ipynb")));
  });

  for (const nb of notebooks) {
    const name = basename(nb);
    it(`${name} runs without an error output and its last cell reports 'all assertions passed'`, () => {
      const r = report[nb];
      console.log(`      ${name}: ${r.seconds.toFixed(1)} s`);
      assert.equal(r.error, null, `${nb} failed:\n${r.error}`);
      for (const c of r.cells) {
        const err = c.outputs.find((o) => o.type === "error");
        assert.equal(err, undefined, `${nb}: ${err?.ename}: ${err?.evalue}\nin:\n${c.source}`);
      }
      // Every example shows its results with our renderer (the Eigenlab payload travels in the bundle).
      const drawn = r.cells.flatMap((c) => c.outputs).filter((o) => "application/vnd.eigenlab.v1+json" in o.data);
      assert.ok(drawn.length > 0, `${name}: no output carries application/vnd.eigenlab.v1+json`);
      // Every example ends with its assertion cell, so a notebook cannot pass by having none.
      const last = r.cells[r.cells.length - 1].outputs.find((o) => o.type === "execute_result");
      assert.equal(last?.data["text/plain"], "'all assertions passed'", `${name}: the last cell must be the assertion cell`);
    });
  }

  it("every example's outputs keep the size budget: SVG ≤ 200 KB, no output over 1 MB unless its data (the Eigenlab payload) is most of it (#18)", () => {
    const bytes = (v: unknown) => Buffer.byteLength(typeof v === "string" ? v : JSON.stringify(v), "utf8");
    const rows: string[] = [];
    for (const nb of notebooks) {
      const name = basename(nb);
      report[nb].cells.forEach((c, i) => {
        for (const o of c.outputs) {
          const sizes = Object.fromEntries(Object.entries(o.data).map(([mime, v]) => [mime, bytes(v)]));
          const total = Object.values(sizes).reduce((a, b) => a + b, 0);
          const payload = sizes["application/vnd.eigenlab.v1+json"] ?? 0;
          if (total > 100_000) rows.push(`${name} cell ${i}: ${Object.entries(sizes).map(([m, b]) => `${m.split("/").pop()} ${(b / 1024).toFixed(0)} KB`).join(", ")}`);
          const svg = sizes["image/svg+xml"] ?? 0;
          assert.ok(svg <= 200_000, `${name} cell ${i}: SVG of ${svg} B is over the 200 KB budget`);
          assert.ok(total <= 1_000_000 || payload >= total / 2, `${name} cell ${i}: output of ${total} B, of which only ${payload} B is the payload's data`);
        }
      });
    }
    console.log(`      outputs over 100 KB:\n${rows.map((r) => `        ${r}`).join("\n")}`);
  });

  it("02-eigenshield: console.table(comparison) is an HTML table output, not box art on stdout", () => {
    const cells = report[join(dir, "02-eigenshield-spiked-covariance.ipynb")].cells;
    const cell = cells.find((c) => c.source.includes("console.table(comparison)"))!;
    const table = cell.outputs.find((o) => o.type === "display_data" && typeof o.data["text/html"] === "string");
    assert.ok(table, "no HTML table output");
    assert.match(String(table.data["text/html"]), /<th[^>]*>predictedEigenvalue<\/th>/);
    assert.equal(cell.outputs.filter((o) => o.type === "stream" && o.text.includes("┌")).length, 0);
  });
  // The examples are committed with their outputs (`npm run examples` writes them) so they read on GitHub
  // with figures: the committed figures must be the ones a fresh run draws, and within the size budgets.
  for (const nb of notebooks) {
    const name = basename(nb);
    it(`${name} is committed with the outputs of a fresh run (same chart data to 1e-6) within its size budgets`, () => {
      const saved = JSON.parse(readFileSync(nb, "utf8")) as { cells: { cell_type: string; outputs?: { data?: Record<string, unknown> }[] }[] };
      const savedCells = saved.cells.filter((c) => c.cell_type === "code");
      const fresh = report[nb].cells;
      assert.equal(savedCells.length, fresh.length);
      assert.ok(savedCells.every((c) => (c.outputs ?? []).length > 0 || !fresh[savedCells.indexOf(c)].outputs.length),
        `${name} is committed without the outputs a run produces: run \`npm run examples -- ${name}\``);
      savedCells.forEach((c, i) => {
        const mine = (c.outputs ?? []).map((o) => o.data?.[EIGENLAB]).filter((p) => p !== undefined);
        const theirs = fresh[i].outputs.map((o) => o.data[EIGENLAB]).filter((p) => p !== undefined);
        assert.equal(mine.length, theirs.length, `${name} cell ${i}: ${mine.length} committed charts, ${theirs.length} in a fresh run`);
        mine.forEach((p, j) => sameNumbers(p, theirs[j], `${name} cell ${i} chart ${j}`));
      });
      const bytes = statSync(nb).size;
      assert.ok(bytes <= NOTEBOOK_BUDGET, `${name}: ${(bytes / 1e6).toFixed(2)} MB > ${NOTEBOOK_BUDGET / 1e6} MB`);
      for (const c of savedCells) {
        for (const o of c.outputs ?? []) {
          const size = JSON.stringify(o).length;
          const svg = String(o.data?.["image/svg+xml"] ?? "").length;
          assert.ok(svg <= SVG_BUDGET, `${name}: an SVG fallback of ${(svg / 1e3).toFixed(0)} KB > ${SVG_BUDGET / 1e3} KB`);
          const payload = JSON.stringify(o.data?.[EIGENLAB] ?? "").length;
          assert.ok(size <= OUTPUT_BUDGET || payload >= size / 2, `${name}: an output of ${(size / 1e6).toFixed(2)} MB > ${OUTPUT_BUDGET / 1e6} MB, not its data`);
        }
      }
    });
  }

  it("00-quickstart: Spectrum shown with its bundle, progress handle updated in place, %%math echoed as LaTeX, assertions passed", () => {
    const cells = report[join(dir, "00-quickstart.ipynb")].cells;
    const results = cells.flatMap((c) => c.outputs).filter((o) => o.type === "execute_result");
    // The Spectrum cell: the kernel sends the object's whole bundle (core's text/plain, plus viz's formats
    // when @eigenlab/viz is installed).
    const spectrum = results.find((o) => String(o.data["text/plain"]).startsWith("Spectrum"));
    assert.ok(spectrum, "no Spectrum execute_result");
    assert.match(String(spectrum.data["text/plain"]), /200 eigenvalues/);
    // Same object, built here: its bundle's MIME types must all have reached the notebook.
    K.installRichDisplay();
    const G = core.Matrix.random(200, 200, { seed: 1 });
    const expected = core.linalg.eigh(G.add(G.T).scale(0.5))[core.JUPYTER_DISPLAY]();
    assert.deepEqual(Object.keys(spectrum.data).sort(), Object.keys(expected).sort());
    assert.equal(spectrum.data["text/plain"], expected["text/plain"]);
    // The progress cell: one display output, already replaced by its last update (nbclient applies
    // update_display_data to the output with the same display_id).
    const progress = cells.flatMap((c) => c.outputs).filter((o) => o.type === "display_data" && String(o.data["text/plain"]).includes("residuals"));
    assert.equal(progress.length, 1);
    assert.match(String(progress[0].data["text/plain"]), /residuals: 10 \/ 10/);
    const latex = cells.flatMap((c) => c.outputs).find((o) => typeof o.data["text/latex"] === "string");
    assert.ok(latex, "the %%math cell did not echo LaTeX");
    assert.match(String(latex.data["text/latex"]), /\\mathrm\{eigh\}/);
    const last = cells[cells.length - 1].outputs.find((o) => o.type === "execute_result");
    assert.equal(last?.data["text/plain"], "'all assertions passed'");
  });
});
