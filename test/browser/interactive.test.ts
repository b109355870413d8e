// e2e (issue #13) in the lab: a brush on a small embedding's Vega scatter reaches the kernel as
// `v.selection()`; a long DSL call (an exact kNN graph) shows its in-place progress line after about a second
// and ends it at 100 %; the lab's stop button interrupts such a call and keeps the notebook's variables.
import { strict as assert } from "assert";
import { Page } from "playwright-core";
import { kernelValue, runCells, screenshot, until, useLab } from "./lab";

const NB = ".jp-NotebookPanel:not(.lm-mod-hidden)";

/** Appends a code cell with `source` to the open notebook and starts it (not awaited); returns its code-cell index. */
async function startCell(page: Page, source: string): Promise<number> {
  return page.evaluate((src) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const app = (window as any).jupyterapp;
    const nb = app.shell.currentWidget.content;
    const n = nb.model.cells.length;
    nb.model.sharedModel.insertCell(n, { cell_type: "code", source: src });
    nb.activeCellIndex = n;
    void app.commands.execute("notebook:run-cell");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
    return nb.widgets.filter((c: any) => c.model.type === "code").length - 1;
  }, source);
}

/** Code cell `index`'s outputs as JSON (nbformat), and whether the cell has finished (an execution count). */
async function cellState(page: Page, index: number): Promise<{ outputs: Array<Record<string, unknown>>; done: boolean }> {
  return page.evaluate((i) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
    const cell = (window as any).jupyterapp.shell.currentWidget.content.widgets.filter((c: any) => c.model.type === "code")[i];
    const outputs = [];
    for (let j = 0; j < cell.model.outputs.length; j++) outputs.push(cell.model.outputs.get(j).toJSON());
    return { outputs, done: cell.model.executionCount !== null && cell.model.executionCount !== undefined };
  }, index);
}

function textOf(o: Record<string, unknown>): string {
  const t = (o.data as Record<string, unknown> | undefined)?.["text/plain"];
  return Array.isArray(t) ? t.join("") : String(t ?? "");
}

describe("interactive notebooks in the lab (issue #13: Vega brush → kernel, progress lines, the stop button)", function () {
  this.timeout(240_000);
  const ctx = useLab();

  it("a brush on a small embedding's Vega scatter reaches the kernel: v.selection() holds the indices of the points inside it", async () => {
    const cells = [
      `const N = 300;
const small = new Embedding({ coords: Matrix.random(N, 2, { seed: 11 }), labels: Int32Array.from({ length: N }, (_, i) => i % 3),
  meta: { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [N, 2] } });
const v = display(small);
let fired = 0, last = -1;
v.onSelect((s) => { fired++; last = s.indices.length; });`,
    ];
    const run = await runCells(ctx.lab, "eigenlab", cells, { name: "brush" });
    const page = run.page;
    ctx.page = page;
    const marks = page.locator(`${NB} .eigenlab-panel-points[data-engine="vega"] g.mark-symbol`);
    await marks.first().waitFor({ timeout: 30000 });
    await marks.first().scrollIntoViewIfNeeded();
    const box = (await marks.first().boundingBox())!;
    // A rectangle over the middle of the cloud (client pixels).
    const rect = { x0: box.x + 0.3 * box.width, y0: box.y + 0.25 * box.height, x1: box.x + 0.65 * box.width, y1: box.y + 0.7 * box.height };
    await page.mouse.move(rect.x0, rect.y0);
    await page.mouse.down();
    await page.mouse.move(rect.x1, rect.y1, { steps: 10 });
    await page.mouse.up();
    // The points drawn inside the rectangle, from the chart itself: each symbol's center and its datum's index.
    const expected = await page.evaluate(({ sel, r }) => {
      const out: number[] = [];
      for (const el of Array.from(document.querySelectorAll(sel))) {
        const b = el.getBoundingClientRect();
        const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vega binds its scenegraph item to the SVG node
        const i = (el as any).__data__?.datum?.i;
        if (typeof i === "number" && cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1) out.push(i);
      }
      return out.sort((a, b) => a - b);
    }, { sel: `${NB} .eigenlab-panel-points g.mark-symbol path`, r: rect });
    assert.ok(expected.length > 5 && expected.length < 300, `${expected.length} points inside the brush`);
    const status = page.locator(`${NB} .eigenlab-brush-status`);
    await until("the brush's count in the status line", 10000, async () =>
      ((await status.textContent()) ?? "").startsWith(`${expected.length} of 300 points selected`) ? true : undefined,
    );
    const inKernel = await until("the selection in the kernel", 15000, async () => {
      const got = await kernelValue(page, "JSON.stringify([v.selection(), fired, last])");
      return got.includes("[[") ? got : undefined;
    });
    // execute_result text/plain of a string is its quoted form: '...'.
    const [indices, fired, last] = JSON.parse(inKernel.slice(1, -1)) as [number[], number, number];
    assert.deepEqual(indices, expected);
    assert.equal(fired, 1, "onSelect ran once for the drag (the brush's moves are settled before sending)");
    assert.equal(last, expected.length);
    const file = await screenshot(page.locator(`${NB} .eigenlab-Renderer`).first(), "interactive-vega-brush");
    console.log(`      (${expected.length} of 300 points brushed, the same indices in the kernel; screenshot ${file})`);
  });

  it("a long exact kNN graph shows its progress line after about a second, replaced in place and finalized at 100 %", async () => {
    const run = await runCells(ctx.lab, "eigenlab", ["const P = Matrix.random(40000, 8, { seed: 1 });"], { name: "progress" });
    const page = run.page;
    ctx.page = page;
    const t0 = Date.now();
    const cell = await startCell(page, "const W = graph.knn(P, { k: 10 });\nW.nnz");
    const progress = page.locator(`${NB} .jp-Cell:last-child .eigenlab-progress`);
    await progress.first().waitFor({ timeout: 60000 });
    const shownAfter = (Date.now() - t0) / 1000;
    const live = await progress.first().textContent();
    assert.match(live ?? "", /^\s*exact kNN of 40000 points: \d+ \/ \d+ row blocks \(\d+ %\), \d+\.\d s/);
    // Not before the second (the kernel's SHOW_AFTER_MS), and the call was still running when it appeared.
    assert.ok(shownAfter >= 1, `the progress line appeared ${shownAfter} s after the cell started`);
    const seconds = Number(/, (\d+\.\d) s/.exec(live ?? "")?.[1]);
    assert.ok(seconds >= 1, `the first line seen says ${seconds} s`);
    assert.doesNotMatch(live ?? "", /\(100 %\)/, "the line was seen while the call ran");
    const mid = await cellState(page, cell);
    const end = await until("the kNN cell to finish", 120000, async () => {
      const s = await cellState(page, cell);
      return s.done ? s : undefined;
    });
    const lines = end.outputs.filter((o) => textOf(o).startsWith("exact kNN of 40000 points: "));
    assert.equal(lines.length, 1, "one progress output, updated in place");
    assert.match(textOf(lines[0]), /^exact kNN of 40000 points: (\d+) \/ \1 row blocks \(100 %\), \d+\.\d s$/);
    assert.match(String((lines[0].data as Record<string, unknown>)["text/html"]), /<progress value="(\d+)" max="\1"/);
    assert.ok(end.outputs.some((o) => o.output_type === "execute_result" && textOf(o) === "400000"), JSON.stringify(end.outputs.map(textOf)));
    const file = await screenshot(page, "interactive-progress-final");
    console.log(`      (line shown after ${shownAfter.toFixed(1)} s${mid.done ? " (cell already done)" : ""}: ${live?.trim()}; final: ${textOf(lines[0])}; screenshot ${file})`);
  });

  it("the stop button interrupts a long kNN graph: the cell ends with an Interrupted error, an earlier variable is kept", async () => {
    const run = await runCells(ctx.lab, "eigenlab", ["const kept = 41;\nconst Q = Matrix.random(120000, 8, { seed: 2 });"], { name: "interrupt" });
    const page = run.page;
    ctx.page = page;
    const cell = await startCell(page, "const W2 = graph.knn(Q, { k: 10 });\nW2.nnz");
    // The line shows the call is under way (past its first second).
    await page.locator(`${NB} .jp-Cell:last-child .eigenlab-progress`).first().waitFor({ timeout: 60000 });
    const t0 = Date.now();
    await page.locator(`${NB} .jp-Toolbar-item[data-jp-item-name="interrupt"]`).click();
    const end = await until("the interrupted cell to finish", 60000, async () => {
      const s = await cellState(page, cell);
      return s.done ? s : undefined;
    });
    const latency = (Date.now() - t0) / 1000;
    const errors = end.outputs.filter((o) => o.output_type === "error");
    assert.equal(errors.length, 1, JSON.stringify(end.outputs));
    assert.equal(errors[0].ename, "Interrupted");
    assert.ok(!end.outputs.some((o) => o.output_type === "execute_result"), "the interrupted cell has no result");
    // Its progress line was finalized as stopped, not left at a live fraction.
    const line = end.outputs.map(textOf).filter((t) => t.startsWith("exact kNN of 120000 points: "));
    assert.equal(line.length, 1);
    assert.match(line[0], /\(\d+ %\), \d+\.\d s, stopped$/);
    assert.equal(await kernelValue(page, "kept + 1"), "42");
    assert.equal(await kernelValue(page, "Q.shape.join('x')"), "'120000x8'");
    const file = await screenshot(page, "interactive-interrupt");
    console.log(`      (stopped ${latency.toFixed(1)} s after the click; kept = 41 still defined; screenshot ${file})`);
  });
});
