// The in-browser edition (#19; README "Eigenlab in the browser"), end to end: `npm run build:lite` builds the
// static site, a plain static server (scripts/serve-lite.js: no Jupyter server, no COOP/COEP headers) serves
// it, and Debian's Chromium runs replication notebooks with Run All on the Eigenlab (browser) kernel.
// Checked: no error output, every Eigenlab output drawn by our renderer, every figure the notebook prints
// equal to the committed Node-kernel output within a relative 1e-9, a type error gives the TypeScript error,
// the io readers read the site's files and files saved in the browser, widgets / interact / lasso selections /
// progress lines / input() work as in the Node kernel, and no request leaves the page's origin.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BrowserContext, Page, chromium } from "playwright-core";
import { REPO, SCREENSHOTS, plainOutputs, until } from "./lab";
import { LASSO_CELL, WIDGET_CELLS, checkLassoReachesKernel, checkSliderAndInteract } from "./interactive-checks";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script, shared with `npm run start:lite`
const { serveStatic } = require("../../scripts/serve-lite.js") as {
  serveStatic(root: string, port?: number, host?: string, options?: { isolated?: boolean }): Promise<{ server: import("http").Server; url: string }>;
};

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Light replications: the quickstart (eigh, display handles, %%math) and the EigenShield spiked covariance (rmt). */
const NOTEBOOKS = ["00-quickstart.ipynb", "02-eigenshield-spiked-covariance.ipynb"];

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

const joined = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** The figures a cell shows, in order: the numbers of its text outputs (HTML when there is, else text/plain). */
export function figuresOf(outputs: Output[]): number[] {
  const out: number[] = [];
  for (const o of outputs) {
    let text = "";
    if (o.output_type === "stream") text = joined(o.text);
    else if (o.data) text = joined(o.data["text/html"] ?? o.data["text/plain"]);
    for (const m of text.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)) out.push(Number(m[0]));
  }
  return out;
}

/**
 * Relative difference of two printed figures; 0 for round-off-level figures (both below 1e-10 in magnitude,
 * e.g. a residual |Av − λv| of 3.4e-14 vs 3.9e-14: Chromium's and Node's Math.* differ by an ulp on some
 * inputs, which moves such figures by their own size).
 */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale < 1e-10) return 0;
  return Math.abs(a - b) / scale;
}

describe("in-browser edition: npm run build:lite served statically, notebooks on the Eigenlab (browser) kernel (slow)", function () {
  this.timeout(600000);
  let server: import("http").Server;
  let site: string;
  let context: BrowserContext;
  let profile: string;
  const offOrigin: string[] = [];
  const pageErrors: string[] = [];
  let requests = 0;
  /** The origins of the site's servers (the plain one, and the cross-origin-isolated one of the stop test). */
  const origins = new Set<string>();

  before(async function () {
    execFileSync(process.execPath, [path.join(REPO, "scripts", "build-lite.js")], { cwd: REPO, stdio: "pipe" });
    ({ server, url: site } = await serveStatic(path.join(REPO, "build", "lite")));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "eigenlab-lite-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
    origins.add(new URL(site).origin);
    // Every request of the pages and their workers: one that leaves the origin is recorded and refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      requests++;
      if (/^(data|blob):/.test(url) || origins.has(new URL(url).origin)) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** A new page on the lab; `reset` starts from an empty workspace (no notebooks of earlier tests restored). */
  async function openLab(base = site, { reset = false } = {}): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${base}lab/${reset ? "?reset" : ""}`);
    await page.waitForFunction(() => document.body.dataset.eigenlabLab === "ready", null, { timeout: 120000 });
    return page;
  }

  /** Saves a notebook of code cells on the browser kernel into the lab's contents (the browser's storage). */
  async function saveNotebook(page: Page, file: string, sources: string[]): Promise<void> {
    await page.evaluate(
      async ({ file, sources }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
        await (window as any).jupyterapp.serviceManager.contents.save(file, {
          type: "notebook",
          format: "json",
          content: {
            nbformat: 4,
            nbformat_minor: 5,
            metadata: { kernelspec: { name: "eigenlab-browser", display_name: "Eigenlab (browser)", language: "typescript" } },
            cells: sources.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null })),
          },
        });
      },
      { file, sources },
    );
  }

  /** Opens `file` of the site's contents, runs all cells, returns each code cell's outputs (nbformat JSON). */
  async function runAll(page: Page, file: string): Promise<Output[][]> {
    return page.evaluate(async (file) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
      const app = (window as any).jupyterapp;
      const widget = await app.commands.execute("docmanager:open", { path: file });
      await widget.context.ready;
      await widget.sessionContext.ready;
      while (!widget.sessionContext.session?.kernel) await new Promise((r) => setTimeout(r, 50));
      await app.commands.execute("notebook:run-all-cells");
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
      return widget.content.widgets.filter((c: any) => c.model.type === "code").map((c: any) => {
        const list = c.model.outputs;
        return Array.from({ length: list.length }, (_, i) => list.get(i).toJSON());
      });
    }, file);
  }

  for (const name of NOTEBOOKS) {
    it(`runs ${name} with Run All: no error, Eigenlab outputs drawn, the Node kernel's figures within 1e-9`, async () => {
      const page = await openLab();
      const started = Date.now();
      const cells = await runAll(page, name);
      const seconds = (Date.now() - started) / 1000;
      const errors = cells.flat().filter((o) => o.output_type === "error");
      assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), [], "no error outputs");

      const eigenlab = cells.flat().filter((o) => o.data && "application/vnd.eigenlab.v1+json" in o.data).length;
      assert.ok(eigenlab > 0, "the notebook shows Eigenlab results");
      const drawn = await page.waitForFunction(
        (want) => {
          const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
          const renderers = Array.from(panel?.querySelectorAll(".eigenlab-Renderer") ?? []);
          const charts = renderers.filter((r) => r.querySelector(".eigenlab-panel svg, .eigenlab-panel canvas")).length;
          const failed = renderers.filter((r) => r.querySelector(".eigenlab-error")).length;
          return charts >= want || failed > 0 ? { charts, failed } : null;
        },
        eigenlab,
        { timeout: 60000 },
      );
      assert.deepEqual(await drawn.jsonValue(), { charts: eigenlab, failed: 0 }, "every Eigenlab output drawn");

      // The committed outputs are the Node kernel's run (test/notebooks checks them against a fresh one).
      const committed = JSON.parse(fs.readFileSync(path.join(REPO, "examples", name), "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
      const nodeCells = committed.cells.filter((c) => c.cell_type === "code").map((c) => c.outputs ?? []);
      assert.equal(cells.length, nodeCells.length);
      let worst = 0;
      let count = 0;
      cells.forEach((outputs, i) => {
        const browser = figuresOf(outputs);
        const node = figuresOf(nodeCells[i]);
        assert.equal(browser.length, node.length, `cell ${i}: the same figures (browser ${browser.join(" ")} | node ${node.join(" ")})`);
        browser.forEach((b, j) => {
          const d = relativeDifference(b, node[j]);
          worst = Math.max(worst, d);
          count++;
          assert.ok(d <= 1e-9, `cell ${i}, figure ${j}: browser ${b} vs Node ${node[j]} (relative ${d})`);
        });
      });
      console.log(`      ${name}: ${count} figures, largest relative difference to the Node kernel ${worst.toExponential(2)}; Run All ${seconds.toFixed(1)} s`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .eigenlab-Renderer").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `lite-${name.replace(/\.ipynb$/, "")}.png`) });
      await page.close();
    });
  }

  it("a type error gives the TypeScript error; io reads a file of the site and a file saved in the browser; completion and hover", async () => {
    const page = await openLab();
    await saveNotebook(page, "checks.ipynb", [
      'const K = io.readMatrixMarket("data/karate.mtx") as CsrMatrix;\n[K.rows, K.nnz]',
      'const t = io.read("mine.csv") as io.Table;\nt.column("b")',
      'const wrong: number = "a";',
    ]);
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
      const app = (window as any).jupyterapp;
      // A file the reader made in the lab (stored in the browser, not on the site).
      await app.serviceManager.contents.save("mine.csv", { type: "file", format: "text", content: "a,b\n1,2.5\n3,4\n" });
      const widget = await app.commands.execute("docmanager:open", { path: "checks.ipynb" });
      await widget.context.ready;
      await widget.sessionContext.ready;
      while (!widget.sessionContext.session?.kernel) await new Promise((r) => setTimeout(r, 50));
      await app.commands.execute("notebook:run-all-cells");
      const kernel = widget.sessionContext.session.kernel;
      const completion = (await kernel.requestComplete({ code: "linalg.eig", cursor_pos: 10 })).content;
      const hover = (await kernel.requestInspect({ code: "K.nnz", cursor_pos: 4, detail_level: 0 })).content;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
      const outputs = widget.content.widgets.map((c: any) => Array.from({ length: c.model.outputs.length }, (_, i) => c.model.outputs.get(i).toJSON()));
      return { outputs, completion, hover };
    });
    const { outputs: cells, completion, hover } = result;
    const text = (o: Output) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : joined(o.data?.["text/plain"]));
    assert.deepEqual(cells[0].map(text), ["[ 34, 156 ]"], "karate.mtx of the site: 34 nodes, 156 stored entries");
    assert.deepEqual(cells[1].map(text), ["Float64Array(2) [ 2.5, 4 ]"], "mine.csv, saved in the browser");
    // The same diagnostic as the Node kernel: TypeScriptError with "line:col - message" (tslab-adapter.ts).
    assert.deepEqual(cells[2].map(text), ["TypeScriptError: 1:7 - Type 'string' is not assignable to type 'number'."]);
    // Completion and hover from the same TypeScript program (the cells' declarations included).
    assert.ok(completion.matches.includes("eigh") && completion.matches.includes("eigsh"), JSON.stringify(completion.matches));
    assert.equal(completion.cursor_start, 7);
    assert.equal(hover.found, true);
    assert.match(String(hover.data["text/plain"]), /nnz: number/);
    await page.close();
  });

  /**
   * In the page: a new notebook on the browser kernel runs `const kept = 41; kept + 1`, then `long`; 1.5 s later
   * the kernel's interrupt (the stop button's command) goes out; then each cell of `after` runs.
   */
  async function stopDuring(page: Page, long: string, after: string[]) {
    return page.evaluate(
      async ({ long, after }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
        const app = (window as any).jupyterapp;
        const widget = await app.commands.execute("notebook:create-new", { kernelName: "eigenlab-browser" });
        await widget.sessionContext.ready;
        while (!widget.sessionContext.session?.kernel) await new Promise((r) => setTimeout(r, 50));
        const kernel = widget.sessionContext.session.kernel;
        const run = async (code: string) => {
          const errors: string[] = [];
          const results: string[] = [];
          const future = kernel.requestExecute({ code });
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kernel messages, untyped in the page
          future.onIOPub = (m: any) => {
            if (m.header.msg_type === "error") errors.push(m.content.ename);
            if (m.header.msg_type === "execute_result") results.push(m.content.data["text/plain"]);
          };
          const reply = await future.done;
          return { status: reply.content.status as string, errors, results };
        };
        const before = await run("const kept = 41;\nkept + 1");
        const running = run(long);
        await new Promise((r) => setTimeout(r, 1500));
        const t0 = Date.now();
        await kernel.interrupt();
        const stopped = await running;
        const stopMs = Date.now() - t0;
        const later = [];
        for (const code of after) later.push(await run(code));
        return { isolated: self.crossOriginIsolated, before, stopped, stopMs, after: later };
      },
      { long, after },
    );
  }

  it("stop on a running cell, without cross-origin isolation, restarts the worker: the loop ends, the variables are lost", async () => {
    const page = await openLab();
    const result = await stopDuring(page, "while (true) {}", ["1 + 1", "kept"]);
    assert.equal(result.isolated, false, "the plain static server sends no COOP/COEP");
    assert.deepEqual(result.before.results, ["42"]);
    assert.equal(result.stopped.status, "error");
    assert.ok(result.stopped.errors.includes("KernelRestarted"), JSON.stringify(result.stopped));
    assert.deepEqual(result.after[0].results, ["2"], "the restarted kernel runs cells");
    assert.deepEqual(result.after[1].errors, ["TypeScriptError"], "the variables of before the stop are gone");
    console.log(`      stop -> KernelRestarted in ${result.stopMs} ms`);
    await page.close();
  });

  it("stop on a long DSL call in a cross-origin-isolated page (COOP/COEP) stops it and keeps the variables", async () => {
    const isolated = await serveStatic(path.join(REPO, "build", "lite"), 0, "127.0.0.1", { isolated: true });
    origins.add(new URL(isolated.url).origin);
    try {
      const page = await openLab(isolated.url);
      // Exact kNN of 40 000 points reports progress per row block (core's progress hook): seconds of work.
      const result = await stopDuring(page, "const G = graph.knn(Matrix.random(40000, 32, { seed: 1 }), { k: 10 });\nG.nnz", ["kept + 2"]);
      assert.equal(result.isolated, true);
      assert.deepEqual(result.before.results, ["42"]);
      assert.deepEqual(result.stopped.errors, ["Interrupted"], JSON.stringify(result.stopped));
      assert.deepEqual(result.after[0].results, ["43"], "the variables survive the stop");
      console.log(`      stop of graph.knn -> Interrupted in ${result.stopMs} ms, variables kept`);
      await page.close();
    } finally {
      isolated.server.close();
    }
  });

  it('backend: "gpu" runs GPU.js in the worker (WebGL2 on an OffscreenCanvas where the browser has it) and meta.backend says what ran', async () => {
    const page = await openLab();
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
      const app = (window as any).jupyterapp;
      const widget = await app.commands.execute("notebook:create-new", { kernelName: "eigenlab-browser" });
      await widget.sessionContext.ready;
      while (!widget.sessionContext.session?.kernel) await new Promise((r) => setTimeout(r, 50));
      const kernel = widget.sessionContext.session.kernel;
      const run = async (code: string) => {
        const out: string[] = [];
        const future = kernel.requestExecute({ code });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kernel messages, untyped in the page
        future.onIOPub = (m: any) => {
          if (m.header.msg_type === "error") out.push(`error ${m.content.ename}: ${m.content.evalue}`);
          if (m.header.msg_type === "execute_result") out.push(m.content.data["text/plain"]);
        };
        await future.done;
        return out;
      };
      return run(
        'import "@eigenlab/gpu";\n' +
          "const X = Matrix.random(400, 16, { seed: 1 });\n" +
          'const onGpu = graph.knn(X, { k: 5, backend: "gpu" });\n' +
          'const onCpu = graph.knn(X, { k: 5, backend: "cpu" });\n' +
          'JSON.stringify({ ran: onGpu.meta?.backend, registered: backend.getBackend("gpu").name, same: onGpu.indices.every((c, i) => c === onCpu.indices[i]) })',
      );
    });
    assert.equal(result.length, 1, JSON.stringify(result));
    // a string result shows quoted, as Node's inspect does: '{"ran":...}'
    const r = JSON.parse(result[0].slice(1, -1)) as { ran: string; registered: string; same: boolean };
    assert.match(r.ran, /^gpu\.js:/);
    assert.equal(r.ran, r.registered);
    assert.equal(r.same, true, "the GPU.js distances (float32, refined) give the CPU's neighbours");
    console.log(`      backend "gpu" in the browser ran ${r.ran}`);
    await page.close();
  });

  it("widgets, interact, a lasso selection back to the kernel, a progress line and input() in the browser kernel", async () => {
    const page = await openLab(site, { reset: true });
    // The Node kernel's widget, selection and progress cells (widgets.test.ts, interactive.test.ts), on the worker.
    const cells = [
      ...WIDGET_CELLS,
      LASSO_CELL,
      `const G = graph.knn(Matrix.random(30000, 32, { seed: 1 }), { k: 10 });\nG.nnz`,
      `const answer = await input("k = ");\nNumber(answer) * 2`,
    ];
    await saveNotebook(page, "interactive.ipynb", cells);
    await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
      const app = (window as any).jupyterapp;
      const widget = await app.commands.execute("docmanager:open", { path: "interactive.ipynb" });
      await widget.context.ready;
      await widget.sessionContext.ready;
      while (!widget.sessionContext.session?.kernel) await new Promise((r) => setTimeout(r, 50));
      void app.commands.execute("notebook:run-all-cells");
    });
    // input(): the lab's stdin box (an input_request from the worker, through the main thread's kernel).
    const box = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Stdin-input");
    await box.waitFor({ timeout: 180000 });
    // Typed and entered as a person would; again while the box is still there (a re-render can eat a key).
    const answered = await until("input()'s cell to finish", 30000, async () => {
      if ((await box.count()) > 0) {
        await box.first().fill("7").catch(() => undefined);
        await box.first().press("Enter").catch(() => undefined);
      }
      const t = await plainOutputs(page, 4);
      return t.includes("14") ? t : undefined;
    });
    assert.ok(answered.includes("14"), answered.join("|"));

    // The progress line of the 30 000-point exact kNN: shown after a second, finalized in place at 100 %.
    const lines = (await plainOutputs(page, 3)).filter((t) => t.includes("row blocks"));
    assert.equal(lines.length, 1, `one progress line: ${JSON.stringify(await plainOutputs(page, 3))}`);
    assert.match(lines[0], /^exact kNN of 30000 points: (\d+) \/ \1 row blocks \(100 %\), [\d.]+ s$/);

    // Widgets, drawn by the lab's widget manager from the worker's comm messages; a lasso on the selection comm.
    const { k, n } = await checkSliderAndInteract(page);
    const selected = await checkLassoReachesKernel(page);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "lite-widgets.png") });
    console.log(`      slider k = ${k}, interact n = ${n}, lasso ${selected} points in the kernel; ${lines[0]}`);
    await page.close();
  });

  it("made no request outside the page's origin", () => {
    assert.ok(requests > 50, `requests were seen (${requests})`);
    assert.deepEqual(offOrigin, []);
    assert.deepEqual(pageErrors, []);
  });
});
