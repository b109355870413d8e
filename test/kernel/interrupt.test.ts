/**
 * Issue #13 through the real kernel (ZeroMQ, transport worker, jupyter_client): an interrupt sent at once
 * after a cell's execute_request (while tslab still type-checks it, or before the main thread even took it)
 * stops that cell, never a later one; an interrupted or failed cell keeps the definitions of earlier cells
 * and the ones it had completed, as IPython does; and an interrupt while the kernel is idle does nothing.
 */
import { strict as assert } from "assert";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";
import { KERNEL_CLIENT_PROLOGUE, parseReport } from "../util/kernel-client";

const SCRIPT = String.raw`${KERNEL_CLIENT_PROLOGUE}
report.update({"early": [], "async": None})

def cell(code):
    """(the execute_reply's content, the text/plain of its execute_result or None)"""
    r = run(code)
    res = [o["content"]["data"]["text/plain"] for o in r["outputs"] if o["type"] == "execute_result"]
    return r["reply"], (res[0] if res else None)

def interrupted_now(code, delay):
    # The interrupt goes out right after the request (delay 0) or a little later: the cell is then still
    # being type-checked, or not yet taken by the main thread.
    msg_id = kc.execute(code)
    if delay:
        time.sleep(delay)
    t0 = time.time()
    km.interrupt_kernel()
    # (generous: on 2 cores shared with other jobs a cell's type-check alone has taken seconds)
    r = reply_to(msg_id, timeout=90)["content"]
    until_idle(msg_id)
    return {"status": r["status"], "ename": r.get("ename"), "seconds": time.time() - t0}

try:
    r, _ = cell("const x = 41;")
    assert r["status"] == "ok", r
    # An interrupt while idle does nothing: the next cell (sent after the kernel's 1 s grace for an
    # interrupt that overtook its request) runs to its end.
    km.interrupt_kernel()
    time.sleep(2)
    report["idle"] = cell("x + 1")[1]
    for i, delay in enumerate([0, 0, 0.05, 0.2, 0]):
        code = "const done%d = %d; let spin%d = 0; while (true) { spin%d++; }" % (i, i, i, i)
        report["early"].append(interrupted_now(code, delay))
    r, report["kept"] = cell("x + done0 + done1 + done2 + done3 + done4 + (spin0 >= 0 ? 1 : 0)")
    report["kept_reply"] = r
    report["typed"] = cell("const t: number = done4; t")[1]
    report["async"] = interrupted_now("const w = 3; await new Promise<void>(() => undefined); const w2 = 4;", 0.3)
    report["async_kept"] = cell("w")[1]
    report["async_never"] = cell("typeof (globalThis as any).w2")[1]
    r, _ = cell("const e1 = 5; throw new Error('boom'); const e2 = 6;")
    report["error"] = r.get("evalue")
    report["error_kept"] = cell("e1 * 2")[1]
    r, _ = cell("e2")
    report["error_never"] = r["status"]
    r, _ = cell("const depth = 3;\nfunction deep(n: number): number {\n  if (n >= depth) {\n    throw new RangeError('too deep ' + n);\n  }\n  return deep(n + 1);\n}")
    r, _ = cell("// a comment line\nconst start = 1;\n\n    deep(start);")
    report["traceback"] = r.get("traceback")
finally:
    finish()
`;

describe("interrupts and interrupted cells in the running kernel (issue #13)", function () {
  this.timeout(300_000);
  let env: JupyterEnv;
  before(() => {
    env = jupyterEnv();
  });
  after(() => env?.dispose());

  it("interrupt_request at once after execute_request stops that loop; earlier and completed definitions stay, typed", async () => {
    const run = await runPythonScript(env, "interrupt.py", SCRIPT);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    const report = parseReport<{
      idle: string;
      early: { status: string; ename: string; seconds: number }[];
      kept: string;
      typed: string;
      async: { status: string; ename: string };
      async_kept: string;
      async_never: string;
      error: string;
      error_kept: string;
      error_never: string;
      traceback: string[];
    }>(run.stdout);
    assert.equal(report.idle, "42");
    assert.equal(report.early.length, 5);
    for (const e of report.early) assert.deepEqual([e.status, e.ename], ["error", "Interrupted"], JSON.stringify(report.early));
    // 41 + 0 + 1 + 2 + 3 + 4 + 1: each interrupted cell kept the constant it had defined before its loop.
    assert.equal(report.kept, "52", JSON.stringify((report as unknown as { kept_reply: unknown }).kept_reply));
    assert.equal(report.typed, "4");
    assert.deepEqual([report.async.status, report.async.ename], ["error", "Interrupted"]);
    assert.equal(report.async_kept, "3");
    assert.equal(report.async_never, "'undefined'");
    assert.equal(report.error, "boom");
    assert.equal(report.error_kept, "10");
    // A name the failed cell never reached is not defined afterwards (a TypeScript error, not `undefined`).
    assert.equal(report.error_never, "error");
    // Runtime errors point at the cells' own lines and columns (the function's cell, then the calling cell).
    const frames = report.traceback;
    assert.equal(frames[0], "RangeError: too deep 3");
    assert.deepEqual(
      frames.slice(1).map((f) => /<cell>:(\d+):(\d+)/.exec(f)?.slice(1).join(":")),
      ["4:11", "6:10", "6:10", "4:5"],
      frames.join("\n"),
    );
    console.log(`      (interrupt -> reply: ${report.early.map((e) => e.seconds.toFixed(2)).join(", ")} s)`);
  });
});
