/**
 * The Python notebook habits and the stdin / user_expressions parts of the protocol, through the real
 * kernel and jupyter_client: %time, %%time, %timeit (IPython's statistics line; the time format checked
 * against IPython's own _format_time), !cmd and %%bash, %who, x? and help(x) with option fields,
 * `display(x);` not echoing its handle, user_expressions in execute_reply, is_complete "invalid" for
 * `}}} (((`, and `await input()` over input_request with allow_stdin honoured.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { jupyterEnv, JupyterEnv, PYTHON, runPythonScript } from "../util/jupyter";
import { KERNEL_CLIENT_PROLOGUE, parseReport } from "../util/kernel-client";
import type * as Kernel from "../../kernel/jupyter/src";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), as the kernelspec runs it
const K = require("../../kernel/jupyter/dist") as typeof Kernel;

const SCRIPT =
  KERNEL_CLIENT_PROLOGUE +
  String.raw`
def texts(outs, name="stdout"):
    return "".join(o["content"]["text"] for o in outs if o["type"] == "stream" and o["content"]["name"] == name)
try:
    report["time_line"] = run("%time Matrix.eye(3).rows")
    report["time_cell"] = run("%%time\nconst tt = Matrix.eye(4);\ntt.rows")
    report["timeit"] = run("%timeit -n 1000 -r 3 Math.sqrt(tt.rows)")
    report["timeit_cell"] = run("%%timeit -n 10 -r 2\nconst q = Matrix.eye(8);\nq.rows")
    report["shell"] = texts(run("const fromTs = 6 * 7;\n!echo shell says hi\n!echo $((40 + 2))")["outputs"])
    report["bash"] = texts(run("%%bash\nfor i in 1 2 3; do echo line $i; done\necho oops >&2")["outputs"]) + "|" + texts(run("%%bash\necho oops >&2")["outputs"], "stderr")
    report["who"] = texts(run("%who")["outputs"])
    report["help_q"] = run("linalg.eigsh?")["outputs"]
    report["help_fn"] = run("help(linalg.eigsh)")["outputs"]
    report["help_missing"] = run("help(noSuchThing)")["reply"]
    msg_id = kc.inspect("graph.knn(X, ", cursor_pos=len("graph.kn"))
    report["inspect"] = reply_to(msg_id)["content"]
    report["display_semicolon"] = run('display("shown");')["outputs"]
    report["display_no_semicolon"] = run('display("shown")')["outputs"]
    report["user_expressions"] = run("const ue = 20;", user_expressions={"a": "ue + 1", "b": "Matrix.eye(2).rows", "bad": "nope.x"})["reply"]
    msg_id = kc.is_complete("}}} (((")
    report["is_complete_invalid"] = reply_to(msg_id)["content"]
    msg_id = kc.is_complete("function f() {")
    report["is_complete_incomplete"] = reply_to(msg_id)["content"]
    msg_id = kc.is_complete("const s = ` + "`a ${1} b ${`c${2}`}`" + String.raw`;")
    report["is_complete_template"] = reply_to(msg_id)["content"]
    # stdin: the kernel asks, we answer on the stdin channel.
    msg_id = kc.execute('const kk = Number(await input("k = ")); kk * 2', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=60)
    report["input_request"] = {"type": req["msg_type"], "content": req["content"], "parent": req["parent_header"].get("msg_id") == msg_id}
    kc.input("21")
    report["input_reply"] = reply_to(msg_id)["content"]
    report["input_outputs"] = until_idle(msg_id)
    report["no_stdin"] = run('await input("k = ")', allow_stdin=False)["reply"]
    # the synchronous form: the cell blocks in inputSync while the transport thread takes the answer
    msg_id = kc.execute('const ks = inputSync("sync k = "); const ksLen = [...ks].length; ks + "|" + ksLen', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=60)
    report["sync_request"] = {"type": req["msg_type"], "content": req["content"], "parent": req["parent_header"].get("msg_id") == msg_id}
    kc.input("σ = 0.5 ✓")
    report["sync_reply"] = reply_to(msg_id)["content"]
    report["sync_outputs"] = until_idle(msg_id)
    report["sync_no_stdin"] = run('inputSync("k = ")', allow_stdin=False)["reply"]
finally:
    finish()
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from Python
type Any = any;
const result = (outs: Any[]) => outs.find((o) => o.type === "execute_result")?.content.data["text/plain"];
const stdout = (outs: Any[]) => outs.filter((o) => o.type === "stream" && o.content.name === "stdout").map((o) => o.content.text).join("");

describe("IPython habits, stdin and user_expressions in the running kernel (jupyter_client)", function () {
  this.timeout(180_000);
  let env: JupyterEnv;
  let report: Record<string, Any>;
  before(async () => {
    env = jupyterEnv();
    const run = await runPythonScript(env, "habits.py", SCRIPT);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    report = parseReport(run.stdout);
  });
  after(() => env?.dispose());

  it("formatTime(t) equals IPython's _format_time(t) for 300 times from 1 ns to 2 days", () => {
    const ts = Array.from({ length: 300 }, (_, i) => 10 ** (-9 + (i * 14.3) / 300) * (1 + (i % 7) / 10));
    ts.push(0, 1e-3, 0.5, 1, 59.99, 60, 61.5, 3600, 90061);
    const py = spawnSync(PYTHON, ["-c", "import sys, json\nfrom IPython.core.magics.execution import _format_time\nprint(json.dumps([_format_time(t) for t in json.loads(sys.stdin.read())]))"], {
      input: JSON.stringify(ts),
      encoding: "utf8",
      env: { ...process.env, PYTHONIOENCODING: "utf-8" },
    });
    assert.equal(py.status, 0, py.stderr);
    const expected = JSON.parse(py.stdout) as string[];
    assert.deepEqual(ts.map((t) => K.formatTime(t)), expected);
  });

  it("%time stmt and %%time print IPython's CPU/Wall lines and keep the result", () => {
    for (const key of ["time_line", "time_cell"]) {
      const r = report[key];
      assert.equal(r.reply.status, "ok");
      assert.match(stdout(r.outputs), /^CPU times: user [\d.]+ [mµn]?s, sys: [\d.]+ [mµn]?s, total: [\d.]+ [mµn]?s\nWall time: [\d.]+ [mµn]?s\n$/);
    }
    assert.equal(result(report.time_line.outputs), "3");
    assert.equal(result(report.time_cell.outputs), "4");
  });

  it("%timeit -n 1000 -r 3 and %%timeit -n 10 -r 2 print IPython's statistics line", () => {
    assert.match(stdout(report.timeit.outputs), /^[\d.]+ [mµn]?s ± [\d.]+ [mµn]?s per loop \(mean ± std\. dev\. of 3 runs, 1,000 loops each\)\n$/);
    assert.match(stdout(report.timeit_cell.outputs), /^[\d.]+ [mµn]?s ± [\d.]+ [mµn]?s per loop \(mean ± std\. dev\. of 2 runs, 10 loops each\)\n$/);
  });

  it("!cmd lines run in a shell among TypeScript lines; %%bash streams stdout and stderr", () => {
    assert.equal(report.shell, "shell says hi\n42\n");
    assert.equal(report.bash, "line 1\nline 2\nline 3\n|oops\n");
  });

  it("%who lists the notebook's own variables, not the DSL", () => {
    assert.equal(report.who, "fromTs\ttt\n");
  });

  it("linalg.eigsh? and help(linalg.eigsh) show the signature, its docs and EigshOptions' fields with their docs", () => {
    for (const key of ["help_q", "help_fn"]) {
      const text = report[key].find((o: Any) => o.type === "display_data").content.data["text/plain"] as string;
      assert.match(text, /function eigsh\(A: OperatorInput, opts\?: EigshOptions\): Spectrum/);
      assert.match(text, /\nEigshOptions:\n/);
      assert.match(text, /\n {2}k\?: number\n {6}\S/);
    }
    assert.equal(report.help_missing.ename, "EigenlabError");
  });

  it("inspect_request (Shift+Tab) on graph.knn shows the signature and KnnOptions' fields with their docs", () => {
    assert.equal(report.inspect.status, "ok");
    assert.equal(report.inspect.found, true);
    const text = report.inspect.data["text/plain"] as string;
    assert.match(text, /knn\(X: Matrix, opts: (graph\.)?KnnOptions\): CsrMatrix/);
    assert.match(text, /\nKnnOptions:\n/);
    assert.match(text, /\n {2}includeSelf\?: boolean\n {6}Count each point as its own first neighbour/);
  });

  it("display(x); with a semicolon shows x once and does not echo its DisplayHandle; without it the handle is the result", () => {
    assert.deepEqual(report.display_semicolon.map((o: Any) => o.type), ["execute_input", "display_data"]);
    assert.deepEqual(report.display_no_semicolon.map((o: Any) => o.type), ["execute_input", "display_data", "execute_result"]);
  });

  it("user_expressions are evaluated after the cell and returned in execute_reply (errors per expression)", () => {
    const ue = report.user_expressions.user_expressions;
    assert.deepEqual(ue.a, { status: "ok", data: { "text/plain": "21" }, metadata: {} });
    assert.deepEqual(ue.b, { status: "ok", data: { "text/plain": "2" }, metadata: {} });
    assert.equal(ue.bad.status, "error");
    assert.equal(ue.bad.ename, "TypeScriptError");
  });

  it("is_complete says invalid for `}}} (((`, incomplete for an open function, complete for nested template literals", () => {
    assert.equal(report.is_complete_invalid.status, "invalid");
    assert.equal(report.is_complete_incomplete.status, "incomplete");
    assert.equal(report.is_complete_template.status, "complete");
  });

  it("await input(\"k = \") sends input_request on stdin and resumes with the input_reply's value", () => {
    assert.deepEqual(report.input_request, { type: "input_request", content: { prompt: "k = ", password: false }, parent: true });
    assert.equal(report.input_reply.status, "ok");
    assert.equal(result(report.input_outputs), "42");
  });

  it("inputSync(\"sync k = \") blocks the cell until the input_reply arrives and returns its value (UTF-8 intact)", () => {
    assert.deepEqual(report.sync_request, { type: "input_request", content: { prompt: "sync k = ", password: false }, parent: true });
    assert.equal(report.sync_reply.status, "ok");
    assert.equal(result(report.sync_outputs), "'σ = 0.5 ✓|9'");
    assert.equal(report.sync_no_stdin.ename, "EigenlabError");
    assert.match(report.sync_no_stdin.evalue, /allow_stdin is false/);
  });

  it("with allow_stdin false, input() fails at once with an EigenlabError that says what to do", () => {
    assert.equal(report.no_stdin.ename, "EigenlabError");
    assert.match(report.no_stdin.evalue, /allow_stdin is false.*set the value in the cell instead/);
  });
});
