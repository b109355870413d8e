// Harness for the browser end-to-end tests: a real JupyterLab (app/, served by Debian's jupyter_server) on
// a free port with isolated Jupyter dirs, driven by Debian's Chromium through playwright-core.
//
//   const lab = await startLab();                       // bundle if stale, serve, poll until ready
//   const run = await runCells(lab, "python3", ["1 + 1"], { name: "sum" });
//   run.outputs;  run.notebook (Locator of the visible notebook);  await screenshot(run.page, "sum");
//   await outputText(run.page, 0);                      // stdout + text/plain of code cell 0
//   const nb = await runNotebook(lab, "examples/00-quickstart.ipynb");   // an existing notebook, run all
//   await lab.shutdownKernels();                        // after each test
//   await lab.stop();                                   // closes the browser, kernels and server
import { ChildProcess, execFileSync, spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { BrowserContext, Locator, Page, chromium } from "playwright-core";

export const REPO = path.resolve(__dirname, "..", "..");
export const SCREENSHOTS = path.join(REPO, ".artifacts", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
// Flags checked on this machine (RECIPES.md "Browser tests").
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Lab {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly baseUrl: string;
  readonly token: string;
  /** The server's root dir (notebooks created by runCells land here). */
  readonly rootDir: string;
  /** Server stdout+stderr so far (for failure messages). */
  log(): string;
  /** Console errors and uncaught exceptions of every page so far. */
  readonly pageErrors: string[];
  /** The browser context, launched on first use. */
  browser(): Promise<BrowserContext>;
  /** REST call to the server with the token. */
  api(route: string, init?: RequestInit): Promise<Response>;
  /** Shuts down every running kernel (call it after each test). */
  shutdownKernels(): Promise<void>;
  /** Shuts down every kernel, closes the browser, stops the server, removes the temp dirs. */
  stop(): Promise<void>;
}

export interface CellRun {
  page: Page;
  /** The visible notebook panel. */
  notebook: Locator;
  /** Per code cell, the MIME types of its outputs in order (e.g. [["application/vnd.vegalite.v5+json"]]). */
  outputs: string[][];
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; no fixed sleeps. */
export async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  let delay = 25;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Bundles the app when stale (scripts/build-lab.sh), then serves it on a free port with isolated Jupyter dirs. */
export interface LabOptions {
  readyTimeoutMs?: number;
  /**
   * Prebuilt labextension folders (scripts/build-labextension.sh output) to install as
   * <data dir>/labextensions/<name>, where jupyterlab_server finds them and the app loads them federated.
   */
  labextensions?: string[];
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  execFileSync("bash", [path.join(REPO, "scripts", "build-lab.sh")], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("bash", [path.join(REPO, "scripts", "build-docs.sh")], { stdio: ["ignore", "ignore", "inherit"] });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eigenlab-e2e-"));
  const dirs = {
    config: path.join(tmp, "config"),
    data: path.join(tmp, "data"),
    runtime: path.join(tmp, "runtime"),
    ipython: path.join(tmp, "ipython"),
    prefix: path.join(tmp, "prefix"),
    root: path.join(tmp, "root"),
    profile: path.join(tmp, "chromium"),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    IPYTHONDIR: dirs.ipython,
    JUPYTER_PATH: `${path.join(dirs.prefix, "share", "jupyter")}${path.delimiter}${dirs.data}`,
    PYTHONPATH: path.join(REPO, "app", "python"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  // Our kernel's spec, once kernel/jupyter is built (Debian's python3 spec comes from /usr/share/jupyter).
  const cli = path.join(REPO, "kernel", "jupyter", "dist", "cli.js");
  if (fs.existsSync(cli)) {
    execFileSync(process.execPath, [cli, "install", "--prefix", dirs.prefix], { env, stdio: "ignore" });
  }
  for (const dir of options.labextensions ?? []) {
    const name = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name as string;
    fs.cpSync(dir, path.join(dirs.data, "labextensions", name), { recursive: true });
  }
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const args = ["-m", "eigenlab_lab", "--no-browser", "--ip=127.0.0.1", `--port=${port}`,
    "--ServerApp.port_retries=0", `--ServerApp.token=${token}`, `--ServerApp.root_dir=${dirs.root}`];
  if (process.getuid?.() === 0) args.push("--ServerApp.allow_root=True");
  const server: ChildProcess = spawn("/usr/bin/python3", args, { env, cwd: tmp, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (b) => (log += b));
  server.stderr!.on("data", (b) => (log += b));
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = (route: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}/${route.replace(/^\//, "")}`, {
      ...init,
      headers: { Authorization: `token ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    });
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];
  const lab: Lab = {
    pageErrors,
    baseUrl,
    token,
    rootDir: dirs.root,
    log: () => log,
    async browser() {
      context ??= await chromium.launchPersistentContext(dirs.profile, {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 900 },
      });
      context.on("console", (m) => {
        if (m.type() === "error") pageErrors.push(m.text());
      });
      context.on("weberror", (e) => pageErrors.push(String(e.error())));
      return context;
    },
    api,
    async shutdownKernels() {
      if (server.exitCode !== null) return;
      const sessions = (await (await api("api/sessions")).json().catch(() => [])) as Array<{ id: string }>;
      await Promise.all(sessions.map((s) => api(`api/sessions/${s.id}`, { method: "DELETE" })));
    },
    async stop() {
      await lab.shutdownKernels();
      await context?.close();
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        // jupyter_server 1.23 can wait forever on a kernel whose start was still pending when its session was
        // deleted (a notebook opened just before the page closed): give it 15 s, then kill it.
        const killer = setTimeout(() => server.kill("SIGKILL"), 15000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    await until("the lab server to answer /api/status", options.readyTimeoutMs ?? 30000, async () => {
      if (server.exitCode !== null) throw new Error(`the lab server exited (${server.exitCode}):\n${log}`);
      const res = await api("api/status");
      return res.ok ? true : undefined;
    });
  } catch (e) {
    await lab.stop();
    throw new Error(`${(e as Error).message}\n--- server log ---\n${log}`);
  }
  return lab;
}

/** Opens /lab?reset in a new page and waits until the app has started and restored. */
export async function openLab(lab: Lab, route = ""): Promise<Page> {
  const page = await (await lab.browser()).newPage();
  await page.goto(`${lab.baseUrl}/lab${route}?reset&token=${lab.token}`);
  await page.waitForFunction(() => document.body.dataset.eigenlabLab === "ready", undefined, { timeout: 60000 });
  return page;
}

/**
 * Writes a notebook `<name>.ipynb` whose code cells are `cells`, opens it in the lab with kernel
 * `kernelName`, runs every cell (the promise of JupyterLab's own run-all), and waits for the outputs to render.
 */
export async function runCells(
  lab: Lab,
  kernelName: string,
  cells: string[],
  options: { name?: string; timeoutMs?: number } = {}
): Promise<CellRun> {
  const name = options.name ?? `${kernelName}-${Date.now()}`;
  const timeout = options.timeoutMs ?? 60000;
  const specs = (await (await lab.api("api/kernelspecs")).json()) as { kernelspecs: Record<string, unknown> };
  if (!(kernelName in specs.kernelspecs)) {
    throw new Error(`no kernelspec "${kernelName}" (have: ${Object.keys(specs.kernelspecs).join(", ")})`);
  }
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: kernelName, display_name: kernelName, language: "" } },
    cells: cells.map((source, i) => ({
      cell_type: "code", id: `cell-${i}`, metadata: {}, source, outputs: [], execution_count: null,
    })),
  };
  const put = await lab.api(`api/contents/${encodeURIComponent(name)}.ipynb`, {
    method: "PUT",
    body: JSON.stringify({ type: "notebook", format: "json", content: notebook }),
  });
  if (!put.ok) throw new Error(`could not write ${name}.ipynb: ${put.status} ${await put.text()}`);
  return openAndRunAll(lab, `${name}.ipynb`, timeout);
}

/**
 * Copies an existing notebook (a path relative to the repository, e.g. "examples/00-quickstart.ipynb") into
 * the lab's root, opens it on the kernel its metadata names, runs all cells and waits for the outputs.
 * `outputs` lists, per code cell, its outputs' MIME types (errors as "error:<ename>: <evalue>").
 */
export async function runNotebook(lab: Lab, notebookPath: string, options: { timeoutMs?: number } = {}): Promise<CellRun> {
  const source = path.resolve(REPO, notebookPath);
  const kernelName = (JSON.parse(fs.readFileSync(source, "utf8")).metadata?.kernelspec?.name ?? "") as string;
  const specs = (await (await lab.api("api/kernelspecs")).json()) as { kernelspecs: Record<string, unknown> };
  if (!(kernelName in specs.kernelspecs)) {
    throw new Error(`${notebookPath} wants kernel "${kernelName}" (have: ${Object.keys(specs.kernelspecs).join(", ")})`);
  }
  const name = path.basename(source);
  fs.copyFileSync(source, path.join(lab.rootDir, name));
  // Notebooks that open files read them from data/ beside them (examples/data): the copy gets it too.
  const data = path.join(path.dirname(source), "data");
  if (fs.existsSync(data)) fs.cpSync(data, path.join(lab.rootDir, "data"), { recursive: true });
  return openAndRunAll(lab, name, options.timeoutMs ?? 120000);
}

/** Opens `<root>/<file>` in a new page, runs every cell with JupyterLab's run-all and collects the outputs' types. */
async function openAndRunAll(lab: Lab, file: string, timeout: number): Promise<CellRun> {
  const page = await openLab(lab, `/tree/${encodeURIComponent(file)}`);
  const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
  await panel.waitFor({ timeout });
  // A cell that awaits input() (an input_request) would hold run-all forever: answer every prompt with an
  // empty line, as a person pressing Enter does.
  let running = true;
  const answering = (async () => {
    while (running) {
      const box = page.locator(".jp-Stdin-input");
      if ((await box.count().catch(() => 0)) > 0) await box.first().press("Enter").catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await page.evaluate(async (ms) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const app = (window as any).jupyterapp;
    const widget = app.shell.currentWidget;
    await widget.context.ready;
    await widget.sessionContext.ready;
    const started = Date.now();
    while (!widget.sessionContext.session?.kernel) {
      if (Date.now() - started > ms) throw new Error("no kernel started for the notebook");
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.commands.execute("notebook:run-all-cells");
  }, timeout).finally(() => {
    running = false;
  });
  await answering;
  // Run-all resolves when the kernel has replied to every cell; renderers may draw a moment later.
  const outputs = await page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const widget = (window as any).jupyterapp.shell.currentWidget;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
    return widget.content.widgets.filter((c: any) => c.model.type === "code").map((c: any) => {
      const list = c.model.outputs;
      const types: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const o = list.get(i).toJSON();
        if (o.output_type === "stream") types.push(`stream:${o.name}`);
        else if (o.output_type === "error") types.push(`error:${o.ename}: ${o.evalue}`);
        else types.push(...Object.keys(o.data ?? {}));
      }
      return types;
    });
  });
  return { page, notebook: panel, outputs };
}

/** Text a person reads in code cell `cellIndex`'s outputs: stdout/stderr streams and text/plain, joined by newlines. */
export async function outputText(page: Page, cellIndex: number): Promise<string> {
  return page.evaluate((index) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const widget = (window as any).jupyterapp.shell.currentWidget;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
    const cell = widget.content.widgets.filter((c: any) => c.model.type === "code")[index];
    if (!cell) throw new Error(`no code cell ${index}`);
    const parts: string[] = [];
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const o = cell.model.outputs.get(i).toJSON();
      const text = o.output_type === "stream" ? o.text : o.data?.["text/plain"];
      if (text !== undefined) parts.push(Array.isArray(text) ? text.join("") : String(text));
    }
    return parts.join("\n");
  }, cellIndex);
}

/** Runs `code` on the notebook's kernel from the page; returns its execute_result's text/plain. */
export async function kernelValue(page: Page, code: string): Promise<string> {
  return page.evaluate(async (src) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const shell = (window as any).jupyterapp.shell;
    // The current notebook; when focus left the notebook (a stdin box, a canvas), the visible one.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- lab widgets, untyped in the page
    const nb = shell.currentWidget?.sessionContext ? shell.currentWidget : Array.from(shell.widgets("main") as Iterable<any>).find((w) => w.isVisible && w.sessionContext);
    const kernel = nb.sessionContext.session.kernel;
    let out = "";
    const future = kernel.requestExecute({ code: src, silent: false, store_history: false });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Jupyter message, untyped in the page
    future.onIOPub = (msg: any) => {
      if (msg.header.msg_type === "execute_result") out = msg.content.data["text/plain"];
    };
    await future.done;
    return out;
  }, code);
}

/** text/plain of the outputs of code cell `index` (interact's updated display included). */
export async function plainOutputs(page: Page, index: number): Promise<string[]> {
  return page.evaluate((i) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JupyterLab app object in the page has no type here
    const shell = (window as any).jupyterapp.shell;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- lab widgets, untyped in the page
    const nb = shell.currentWidget?.sessionContext ? shell.currentWidget : Array.from(shell.widgets("main") as Iterable<any>).find((w) => w.isVisible && w.sessionContext);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notebook cell widgets, untyped in the page
    const cell = nb.content.widgets.filter((c: any) => c.model.type === "code")[i];
    const texts: string[] = [];
    for (let j = 0; j < cell.model.outputs.length; j++) texts.push(String(cell.model.outputs.get(j).toJSON().data?.["text/plain"] ?? ""));
    return texts;
  }, index);
}

/** Drags the handle of the `nth` slider on the page by `dx` pixels. */
export async function drag(page: Page, nth: number, dx: number): Promise<void> {
  const handle = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider .noUi-handle").nth(nth);
  const box = await handle.boundingBox();
  if (!box) throw new Error("slider handle not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** A Shift-drag lasso: a square of half-side `half` pixels around the centre of `canvas` (the 2-D views' lasso). */
export async function lassoSquare(page: Page, canvas: Locator, half: number): Promise<void> {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the canvas is not visible");
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.keyboard.down("Shift");
  await page.mouse.move(cx - half, cy - half);
  await page.mouse.down();
  for (const [x, y] of [[cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half]]) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
}

/** Saves a PNG of the page (or of one element) under .artifacts/screenshots/<name>.png; returns its path. */
export async function screenshot(target: Page | Locator, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await target.screenshot({ path: file });
  return file;
}

/**
 * A screenshot of every Eigenlab output of the open notebook, one file each: `<prefix>-chart-01.png`, ... in
 * document order (each scrolled into view first, so the picture is what a reader sees there). Returns the files.
 */
export async function screenshotCharts(page: Page, prefix: string): Promise<string[]> {
  const charts = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .eigenlab-Renderer");
  const files: string[] = [];
  const count = await charts.count();
  for (let k = 0; k < count; k++) {
    const chart = charts.nth(k);
    await chart.scrollIntoViewIfNeeded();
    files.push(await screenshot(chart, `${prefix}-chart-${String(k + 1).padStart(2, "0")}`));
  }
  return files;
}

export interface UseLabOptions extends LabOptions {
  /**
   * Keep the page and kernels open from test to test (closed after the suite): for suites whose tests look
   * at one notebook run once in a before() hook.
   */
  sharePage?: boolean;
}

/**
 * The hooks every e2e suite shares: one lab per suite, and after each test a screenshot of a failed test's
 * page (left on disk for a person to look at), the page closed and the kernels shut down.
 * Call inside `describe`; set `ctx.page` to the page a test opens.
 */
export function useLab(options: UseLabOptions = {}): { readonly lab: Lab; page: Page | undefined } {
  const ctx: { lab: Lab | undefined; page: Page | undefined } = { lab: undefined, page: undefined };
  before(async function () {
    ctx.lab = await startLab(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === "failed" && ctx.page) {
      await screenshot(ctx.page, `failed-${this.currentTest.title.replace(/[^\w-]+/g, "_").slice(0, 60)}`);
    }
    if (options.sharePage) return;
    await ctx.page?.close();
    ctx.page = undefined;
    await ctx.lab?.shutdownKernels();
  });
  after(async function () {
    await ctx.page?.close();
    await ctx.lab?.stop();
  });
  return {
    get lab(): Lab {
      if (!ctx.lab) throw new Error("useLab(): the lab is started in the suite's before() hook");
      return ctx.lab;
    },
    get page() {
      return ctx.page;
    },
    set page(p: Page | undefined) {
      ctx.page = p;
    },
  };
}
