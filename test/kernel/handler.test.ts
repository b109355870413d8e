/**
 * The protocol handler without ZeroMQ: requests go in as decoded messages, replies and iopub messages are
 * recorded. One engine (tslab compiler, about a second to warm) serves the whole file, like one notebook.
 */
import { strict as assert } from "assert";
import { writeBigEdgeList } from "../util/graphs";
import { randomUUID } from "crypto";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type * as Kernel from "../../kernel/jupyter/src";
// The built package (what the kernelspec runs); its prelude imports core's dist by absolute path.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), loaded at run time as the kernelspec does
const K = require("../../kernel/jupyter/dist") as typeof Kernel;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), loaded at run time as the kernelspec does
const core = require("../../kernel/core/dist") as typeof import("../../kernel/core/src");

interface Sent {
  channel: string;
  type: string;
  content: Record<string, unknown>;
  parent: string | undefined;
}

function request(msgType: string, content: Record<string, unknown>): Kernel.Message {
  return {
    identities: [Buffer.from("client")],
    header: { msg_id: randomUUID(), session: "test", username: "test", date: new Date().toISOString(), msg_type: msgType, version: "5.3" },
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

describe("KernelHandler (protocol logic, no transport)", function () {
  this.timeout(60_000);
  let handler: Kernel.KernelHandler;
  let engine: Kernel.Engine;
  const sent: Sent[] = [];

  before(async () => {
    engine = K.createEngine({ rootDir: process.cwd(), packages: K.notebookPackages() });
    const prelude = await engine.execute(K.preludeSource());
    assert.ok(prelude.ok, `prelude failed: ${JSON.stringify(prelude)}`);
    const entry = K.coreEntry();
    handler = new K.KernelHandler({
      engine,
      io: {
        send: (channel, msg) =>
          sent.push({
            channel,
            type: msg.header.msg_type,
            content: JSON.parse(JSON.stringify(msg.content)),
            parent: (msg.parent_header as { msg_id?: string }).msg_id,
          }),
      },
      info: { kernelVersion: "0.1.0", coreVersion: core.VERSION },
      coreEntry: entry,
      namedClasses: { Matrix: core.Matrix, CsrMatrix: core.CsrMatrix, Spectrum: core.Spectrum },
    });
  });
  after(() => engine?.close());

  /** Sends one request; returns its reply and the iopub messages it caused (between busy and idle). */
  async function call(msgType: string, content: Record<string, unknown>) {
    const req = request(msgType, content);
    await handler.handle("shell", req);
    const mine = sent.filter((s) => s.parent === req.header.msg_id);
    const reply = mine.find((s) => s.channel === "shell");
    const iopub = mine.filter((s) => s.channel === "iopub");
    assert.deepEqual(iopub[0].content, { execution_state: "busy" });
    assert.deepEqual(iopub[iopub.length - 1].content, { execution_state: "idle" });
    return { reply: reply!, iopub: iopub.slice(1, -1) };
  }
  const execute = (code: string, extra: Record<string, unknown> = {}) =>
    call("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra });

  it("execute_request publishes execute_input with the execution count, then execute_result for the last value", async () => {
    const { reply, iopub } = await execute("const x = 2; x * 21");
    assert.equal(reply.type, "execute_reply");
    assert.equal(reply.content.status, "ok");
    const count = reply.content.execution_count as number;
    assert.deepEqual(iopub.map((m) => m.type), ["execute_input", "execute_result"]);
    assert.deepEqual(iopub[0].content, { code: "const x = 2; x * 21", execution_count: count });
    assert.deepEqual(iopub[1].content, { execution_count: count, data: { "text/plain": "42" }, metadata: {} });
    const next = await execute("x");
    assert.equal(next.reply.content.execution_count, count + 1);
  });

  it("a type error publishes `error` and replies status error with ename/evalue/traceback; variables survive", async () => {
    const { reply, iopub } = await execute('const bad: string = x;');
    assert.equal(reply.content.status, "error");
    assert.equal(reply.content.ename, "TypeScriptError");
    assert.match(String(reply.content.evalue), /not assignable to type 'string'/);
    assert.ok(Array.isArray(reply.content.traceback));
    assert.deepEqual(iopub.map((m) => m.type), ["execute_input", "error"]);
    assert.equal(iopub[1].content.ename, "TypeScriptError");
    const after = await execute("x + 1");
    assert.equal((after.iopub[1].content.data as Record<string, string>)["text/plain"], "3");
  });

  it("earlier cells' variables work in object shorthand and in renamed destructuring ({ sigma }, { sigma: s } = o)", async () => {
    await execute("const sigma = 0.5;\nlet steps = 3;\nconst opts = { sigma: 2, label: 'a' };");
    const shorthand = await execute("const o = { sigma, steps, extra: 1 };\nJSON.stringify(o)");
    assert.equal(shorthand.reply.content.status, "ok", JSON.stringify(shorthand.reply.content));
    assert.equal((shorthand.iopub[1].content.data as Record<string, string>)["text/plain"], `'{"sigma":0.5,"steps":3,"extra":1}'`);
    const renamed = await execute("const { sigma: s2, label } = opts;\n[s2, label].join(' ')");
    assert.equal(renamed.reply.content.status, "ok", JSON.stringify(renamed.reply.content));
    assert.equal((renamed.iopub[1].content.data as Record<string, string>)["text/plain"], "'2 a'");
    const assigned = await execute("({ steps = 9 } = {} as { steps?: number });\nsteps");
    assert.equal((assigned.iopub[1].content.data as Record<string, string>)["text/plain"], "9");
  });

  it("a thrown EigenlabError (wrong shape) is reported with its name and message; the kernel keeps its state", async () => {
    const { reply, iopub } = await execute("linalg.eigh(Matrix.zeros(2, 3))");
    assert.equal(reply.content.status, "error");
    assert.equal(reply.content.ename, "EigenlabError");
    assert.match(String(reply.content.evalue), /square/);
    const tb = reply.content.traceback as string[];
    assert.equal(tb[0], `EigenlabError: ${reply.content.evalue}`);
    assert.ok(tb.slice(1).every((l) => /^\s+at /.test(l)), `traceback lines after the first are call frames: ${tb.join("\n")}`);
    assert.ok(!tb.some((l) => /tslab[\\/]dist|node:vm/.test(l)), "traceback leaks kernel frames");
    assert.equal(iopub[1].type, "error");
    const after = await execute("x");
    assert.equal(after.reply.content.status, "ok");
  });

  it("a result with [Symbol.for('Jupyter.display')]() is shown with its full MIME bundle", async () => {
    // What kernel.ts does at start (this suite builds the handler without it): install viz's formatters.
    assert.ok(K.installRichDisplay(), "@eigenlab/viz's formatters are found and installed");
    await execute("const G = Matrix.random(30, 30, { seed: 3 }); const S = linalg.eigh(G.add(G.T));");
    const { iopub } = await execute("S");
    const result = iopub.find((m) => m.type === "execute_result")!;
    const G = core.Matrix.random(30, 30, { seed: 3 });
    const expected = core.linalg.eigh(G.add(G.T))[core.JUPYTER_DISPLAY]();
    // The kernel's prelude installs @eigenlab/viz's formatters, so the result carries the whole display
    // contract: our payload, the Vega-Lite fallback, a static SVG and the same summary as the object's hook.
    const data = result.content.data as Record<string, unknown>;
    for (const mime of ["application/vnd.eigenlab.v1+json", "application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]) {
      assert.ok(mime in data, `bundle lacks ${mime}: ${Object.keys(data).join(", ")}`);
    }
    const payload = data["application/vnd.eigenlab.v1+json"] as { kind: string; version: number };
    assert.deepEqual([payload.kind, payload.version], ["spectrum", 1]);
    assert.equal(data["text/plain"], expected["text/plain"]);
    assert.match((result.content.data as Record<string, string>)["text/plain"], /^Spectrum/);
  });

  it("display(x, { id }) and handle.update(y) publish display_data then update_display_data with one display_id", async () => {
    const { iopub } = await execute('const bar = display("0 %", { id: "progress" }); bar.update("100 %");');
    assert.deepEqual(iopub.map((m) => m.type), ["execute_input", "display_data", "update_display_data"]);
    assert.deepEqual(iopub[1].content, { data: { "text/plain": "'0 %'" }, metadata: {}, transient: { display_id: "progress" } });
    assert.deepEqual(iopub[2].content, { data: { "text/plain": "'100 %'" }, metadata: {}, transient: { display_id: "progress" } });
  });

  it("a long exact kNN graph and a long eigsh show progress lines (row blocks; eigenpairs converged) that end at 100 %", async () => {
    const { reply, iopub } = await execute(
      "const Pk = Matrix.random(40000, 8, { seed: 1 });\nconst Wk = graph.symmetrize(graph.knn(Pk, { k: 10 }));\nlinalg.eigsh(graph.laplacian(Wk, { kind: 'sym' }), { k: 12, which: 'SA' }).values.length",
    );
    assert.equal(reply.content.status, "ok");
    const lines = iopub.filter((m) => m.type === "display_data" || m.type === "update_display_data");
    const texts = lines.map((m) => (m.content.data as Record<string, string>)["text/plain"]);
    const knn = texts.filter((t) => t.startsWith("exact kNN of 40000 points: "));
    assert.ok(knn.length >= 1, `progress lines: ${texts.join(" | ")}`);
    assert.match(knn[knn.length - 1], /^exact kNN of 40000 points: (\d+) \/ \1 row blocks \(100 %\), \d+\.\d s$/);
    const eig = texts.filter((t) => t.startsWith("eigsh (thick-restart Lanczos): "));
    if (eig.length > 0) assert.match(eig[eig.length - 1], /: 12 \/ 12 eigenpairs converged \(100 %\)/);
    console.log(`      (${texts.length} progress lines; last kNN line: ${knn[knn.length - 1]}; eigsh lines: ${eig.length})`);
  });

  it("a cell reading a large edge list shows one progress line: display_data, then update_display_data with its display_id, ending at 100 %", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eigenlab-progress-"));
    try {
      // 6 million distinct edges (about 95 MB): the read takes well over a second on the test machine.
      const path = join(dir, "big.edgelist");
      const n = 6_000_000;
      const bytes = writeBigEdgeList(path, n);
      const t0 = Date.now();
      const { reply, iopub } = await execute(`io.readEdgeList(${JSON.stringify(path)}).nodes.length`);
      const seconds = (Date.now() - t0) / 1000;
      assert.equal(reply.content.status, "ok");
      const types = iopub.map((m) => m.type);
      assert.equal(types[0], "execute_input");
      assert.equal(types[1], "display_data", `outputs: ${types.join(", ")} (the cell took ${seconds} s)`);
      assert.ok(types.includes("update_display_data"), types.join(", "));
      assert.equal(types[types.length - 1], "execute_result");
      const lines = iopub.filter((m) => m.type === "display_data" || m.type === "update_display_data");
      assert.equal(lines.filter((m) => m.type === "display_data").length, 1, "one line per task");
      const id = (lines[0].content.transient as { display_id: string }).display_id;
      for (const m of lines) assert.deepEqual(m.content.transient, { display_id: id });
      const texts = lines.map((m) => (m.content.data as Record<string, string>)["text/plain"]);
      const size = bytes / 1e6;
      const re = new RegExp(`^io\\.readEdgeList ${path.replace(/[.\\/]/g, "\\$&")}: (\\d+) / ${Math.round(size)} MB \\((\\d+) %\\), (\\d+\\.\\d) s(, \\d+\\.\\d MB/s, ~[\\d.]+ s left)?$`);
      const parsed = texts.map((t) => re.exec(t));
      parsed.forEach((m, k) => assert.ok(m, `line ${k}: ${texts[k]}`));
      const pcts = parsed.map((m) => Number(m![2]));
      for (let k = 1; k < pcts.length; k++) assert.ok(pcts[k] >= pcts[k - 1], `percent went back: ${pcts}`);
      assert.ok(pcts[0] < 100);
      // A line before the end says the rate and the time left; the final line does not.
      assert.match(texts[0], /, \d+\.\d MB\/s, ~[\d.]+ s left$/);
      assert.ok(!/left/.test(texts[texts.length - 1]));
      assert.equal(pcts[pcts.length - 1], 100);
      // The line appears once the read has run for a second (its time is printed to 0.1 s, so "1.0 s" is the earliest).
      assert.ok(Number(parsed[0]![3]) >= 1, "shown only after a second");
      const html = (lines[lines.length - 1].content.data as Record<string, string>)["text/html"];
      assert.match(html, new RegExp(`<progress value="(\\d+)" max="\\1"`));
      console.log(`      (read of ${Math.round(size)} MB took ${seconds.toFixed(1)} s: ${texts[texts.length - 1]})`);
      assert.equal((iopub[iopub.length - 1].content.data as Record<string, string>)["text/plain"], String(n));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("%%math cells echo LaTeX, read TypeScript variables and define typed TypeScript variables", async () => {
    await execute("const B = Matrix.from([[2, 1], [1, 2]]);");
    const math = await execute("%%math\nT = eigh(B + B'); B[1, 1] + 1");
    assert.equal(math.reply.content.status, "ok");
    const latex = math.iopub.find((m) => m.type === "display_data")!;
    assert.match((latex.content.data as Record<string, string>)["text/latex"], /\\mathrm\{eigh\}/);
    const value = math.iopub.find((m) => m.type === "execute_result")!;
    assert.equal((value.content.data as Record<string, string>)["text/plain"], "3");
    // B + Bᵀ = [[4, 2], [2, 4]] has eigenvalues 2 and 6, ascending.
    const ts = await execute("const lam: number = T.values[1]; Math.abs(T.values[0] - 2) < 1e-12 && Math.abs(lam - 6) < 1e-12");
    assert.equal(ts.reply.content.status, "ok");
    assert.equal((ts.iopub[1].content.data as Record<string, string>)["text/plain"], "true");
    // T is declared as a Spectrum: using it as a string is a type error.
    const wrong = await execute("const s: string = T;");
    assert.equal(wrong.reply.content.ename, "TypeScriptError");
    // And a TypeScript Matrix assigned in math comes back as a Matrix.
    await execute("%%math\nC = B * 2");
    const back = await execute("C instanceof Matrix && C.get(0, 0) === 4");
    assert.equal((back.iopub[1].content.data as Record<string, string>)["text/plain"], "true");
  });

  it("indexed assignment in %%math changes the math copy only; the TypeScript Matrix stays immutable", async () => {
    await execute("%%math\nD = B; D[1, 1] = 100");
    const { iopub } = await execute("[B.get(0, 0), D.get(0, 0)]");
    assert.equal((iopub[1].content.data as Record<string, string>)["text/plain"], "[ 2, 100 ]");
  });

  it("a %%math error leaves earlier variables intact", async () => {
    const { reply } = await execute("%%math\neigh([1, 2; 3])");
    assert.equal(reply.content.status, "error");
    const after = await execute("x + T.values.length");
    assert.equal((after.iopub[1].content.data as Record<string, string>)["text/plain"], "4");
  });

  it("after a failing cell (stop_on_error), execute requests already queued are aborted; later ones run", async () => {
    const failing = request("execute_request", { code: 'throw new Error("stop")', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const queued = request("execute_request", { code: "x", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    await Promise.all([handler.handle("shell", failing), handler.handle("shell", queued)]);
    const reply = sent.find((m) => m.parent === queued.header.msg_id && m.channel === "shell")!;
    assert.equal(reply.content.status, "aborted");
    const later = await execute("x");
    assert.equal(later.reply.content.status, "ok");
  });

  it("is_complete_request answers complete, incomplete (with indent) and invalid", async () => {
    const status = async (code: string) => (await call("is_complete_request", { code })).reply.content;
    assert.equal((await status("const a = 1;")).status, "complete");
    assert.deepEqual(await status("function f() {"), { status: "incomplete", indent: "  " });
    assert.equal((await status("1 +* 2")).status, "invalid");
    assert.equal((await status("%%math\nA = (1 +")).status, "incomplete");
    assert.equal((await status("%%math\nA = 1 +* 2")).status, "invalid");
  });

  it("complete_request and inspect_request see the preloaded DSL's types", async () => {
    const c = (await call("complete_request", { code: "linalg.ei", cursor_pos: 9 })).reply.content;
    assert.deepEqual(c.matches, ["eigh", "eigsh", "eigvalsh", "EIGSH_DEFAULT_TOL"]);
    assert.equal(c.cursor_start, 7);
    assert.equal(c.cursor_end, 9);
    const i = (await call("inspect_request", { code: "linalg.eigh", cursor_pos: 11, detail_level: 0 })).reply.content;
    assert.equal(i.found, true);
    assert.match((i.data as Record<string, string>)["text/plain"], /eigh\(A: Matrix.*\): Spectrum/);
  });

  it("complete_request counts cursor positions in code points (an emoji before the cursor)", async () => {
    const code = 'const smile = "😀"; linalg.ei';
    const cp = [...code].length; // 2 fewer than code.length (the emoji is one code point, two UTF-16 units)
    const c = (await call("complete_request", { code, cursor_pos: cp })).reply.content;
    assert.deepEqual(c.matches, ["eigh", "eigsh", "eigvalsh", "EIGSH_DEFAULT_TOL"]);
    assert.equal(c.cursor_end, cp);
    assert.equal(c.cursor_start, cp - 2);
  });

  it("a cell can `import { Matrix } from \"@eigenlab/core\"` and gets the prelude's very class", async () => {
    const { iopub } = await execute('import { Matrix as M2 } from "@eigenlab/core"; const m2: Matrix = M2.eye(2); M2 === Matrix');
    assert.equal((iopub[1].content.data as Record<string, string>)["text/plain"], "true");
  });

  it("cells get Node's types but not every @types package of the repository (mocha's `describe` is unknown)", async () => {
    const node = await execute("typeof process.version");
    assert.equal(node.reply.content.status, "ok");
    const mocha = await execute("describe");
    assert.equal(mocha.reply.content.ename, "TypeScriptError");
    assert.match(String(mocha.reply.content.evalue), /Cannot find name 'describe'/);
  });

  it("kernel_info_reply has status ok and real versions", async () => {
    const r = (await call("kernel_info_request", {})).reply.content;
    assert.equal(r.status, "ok");
    assert.equal(r.implementation, "eigenlab");
    assert.equal(r.protocol_version, "5.3");
    const li = r.language_info as Record<string, string>;
    assert.equal(li.name, "typescript");
    assert.equal(li.version, engine.versions.typescript);
    assert.match(String(r.banner), new RegExp(`tslab ${engine.versions.tslab.replace(/\./g, "\\.")}`));
  });

  it("comm_info_request gets a comm_info_reply; history_request tail/range/search", async () => {
    const comm = (await call("comm_info_request", { target_name: "jupyter.widget" })).reply;
    assert.equal(comm.type, "comm_info_reply");
    assert.deepEqual(comm.content, { status: "ok", comms: {} });
    const tail = (await call("history_request", { output: true, raw: true, hist_access_type: "tail", n: 2 })).reply.content;
    const h = tail.history as [number, number, [string, string | null]][];
    assert.equal(h.length, 2);
    const [session, line] = h[0];
    const range = (await call("history_request", { output: false, raw: true, hist_access_type: "range", session, start: line, stop: line + 1 })).reply.content;
    assert.deepEqual(range.history, [[session, line, h[0][2][0]]]);
    const search = (await call("history_request", { output: false, raw: true, hist_access_type: "search", pattern: "const x = 2*", unique: true })).reply.content;
    assert.deepEqual((search.history as unknown[][]).map((e) => e[2]), ["const x = 2; x * 21"]);
  });

  it("tslab.display.html / markdown / svg / png / jpeg / latex / text publish display_data with that MIME type", async () => {
    const { reply, iopub } = await execute(
      'import * as tslab from "tslab";\n' +
        'tslab.display.html("<b>bold</b>"); tslab.display.markdown("# title"); tslab.display.svg("<svg/>");\n' +
        'tslab.display.png(new Uint8Array([137, 80, 78, 71])); tslab.display.jpeg(new Uint8Array([255, 216]));\n' +
        'tslab.display.latex("$x^2$"); tslab.display.text("plain");',
    );
    assert.equal(reply.content.status, "ok", JSON.stringify(reply.content));
    const shown = iopub.filter((m) => m.type === "display_data").map((m) => m.content.data as Record<string, unknown>);
    assert.deepEqual(shown, [
      { "text/html": "<b>bold</b>" },
      { "text/markdown": "# title" },
      { "image/svg+xml": "<svg/>" },
      { "image/png": Buffer.from([137, 80, 78, 71]).toString("base64") },
      { "image/jpeg": Buffer.from([255, 216]).toString("base64") },
      { "text/latex": "$x^2$" },
      { "text/plain": "plain" },
    ]);
  });

  it("tslab.newDisplay() shows once and replaces its output in place (update_display_data with its id)", async () => {
    const { iopub } = await execute('import * as tslab from "tslab";\nconst d = tslab.newDisplay(); d.text("one"); d.text("two");');
    const kinds = iopub.filter((m) => m.type.endsWith("display_data"));
    assert.deepEqual(kinds.map((m) => m.type), ["display_data", "update_display_data"]);
    const ids = kinds.map((m) => (m.content.transient as { display_id: string }).display_id);
    assert.ok(ids[0] && ids[0] === ids[1]);
    assert.deepEqual(kinds[1].content.data, { "text/plain": "two" });
  });

  it("a cell that throws keeps the definitions it completed (typed), not the ones after the throw", async () => {
    const failed = await execute("const kept1 = 20; function twice(v: number) { return 2 * v; }\nthrow new Error('late');\nconst lost1 = 1;");
    assert.equal(failed.reply.content.status, "error");
    const { reply, iopub } = await execute("twice(kept1) + 2");
    assert.equal(reply.content.status, "ok", JSON.stringify(reply.content));
    assert.equal((iopub.find((m) => m.type === "execute_result")!.content.data as Record<string, string>)["text/plain"], "42");
    const lost = await execute("lost1");
    assert.equal(lost.reply.content.status, "error");
    assert.equal(lost.reply.content.ename, "TypeScriptError");
  });
});
