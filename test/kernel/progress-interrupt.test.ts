/**
 * Issue #11 through the real kernel (ZeroMQ, transport worker, jupyter_client): a large edge-list read shows
 * its progress line live, and an interrupt during such a read stops it between chunks (the reader is a
 * synchronous loop run under `vm` breakOnSigint) with the notebook's earlier variables kept.
 */
import { strict as assert } from "assert";
import { writeBigEdgeList } from "../util/graphs";
import { join } from "path";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";

const SCRIPT = String.raw`
import json, sys, time
from jupyter_client.manager import start_new_kernel
path = sys.argv[1]
km, kc = start_new_kernel(kernel_name="eigenlab", startup_timeout=60)
report = {}

def until_idle(msg_id, timeout=120):
    outs = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return outs
        if m["msg_type"] != "status":
            outs.append({"type": m["msg_type"], "content": m["content"]})

def reply_to(msg_id, timeout=120):
    while True:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m

def run(code):
    msg_id = kc.execute(code)
    reply = reply_to(msg_id)
    return reply["content"], until_idle(msg_id)

try:
    r, _ = run("const kept = 41;")
    assert r["status"] == "ok", r
    t0 = time.time()
    r, outs = run("io.readEdgeList(%s).nodes.length" % json.dumps(path))
    report["read"] = {"status": r["status"], "seconds": time.time() - t0, "outputs": outs}

    msg_id = kc.execute("const g2 = io.readEdgeList(%s); g2.nodes.length" % json.dumps(path))
    shown = None
    deadline = time.time() + 60
    before = []
    while time.time() < deadline and shown is None:
        m = kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") == msg_id:
            before.append(m["msg_type"])
            if m["msg_type"] == "display_data":
                shown = m["content"]["data"]["text/plain"]
    t0 = time.time()
    km.interrupt_kernel()
    reply = reply_to(msg_id, timeout=30)
    latency = time.time() - t0
    outs = until_idle(msg_id)
    report["interrupt"] = {"shown": shown, "latency": latency, "reply": reply["content"], "before": before, "after": outs}
    r, outs = run("kept + 1")
    report["after"] = {"status": r["status"], "outputs": outs}
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(report))
`;

interface Out {
  type: string;
  content: { data?: Record<string, string>; transient?: { display_id: string }; ename?: string };
}

describe("progress line and interrupt of a large read in the running kernel", function () {
  this.timeout(240_000);
  let env: JupyterEnv;
  before(() => {
    env = jupyterEnv();
  });
  after(() => env?.dispose());

  it("io.readEdgeList of 6 million edges shows a live progress line to 100 %; an interrupt during it keeps `kept`", async () => {
    const path = join(env.root, "big.edgelist");
    const n = 6_000_000;
    writeBigEdgeList(path, n);
    const run = await runPythonScript(env, "progress_interrupt.py", SCRIPT, [path]);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    const report = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      read: { status: string; seconds: number; outputs: Out[] };
      interrupt: { shown: string | null; latency: number; reply: { status: string; ename: string }; before: string[]; after: Out[] };
      after: { status: string; outputs: Out[] };
    };

    // The completed read: one line (display_data, then updates with its id), the last at 100 %, then the result.
    const { read } = report;
    assert.equal(read.status, "ok");
    const types = read.outputs.map((o) => o.type);
    assert.deepEqual(types.slice(0, 2), ["execute_input", "display_data"], types.join(", "));
    assert.equal(types[types.length - 1], "execute_result");
    const lines = read.outputs.filter((o) => o.type === "display_data" || o.type === "update_display_data");
    assert.ok(lines.length >= 2 && lines.slice(1).every((o) => o.type === "update_display_data"), types.join(", "));
    const id = lines[0].content.transient!.display_id;
    assert.ok(lines.every((o) => o.content.transient!.display_id === id));
    const last = lines[lines.length - 1].content.data!["text/plain"];
    assert.match(last, /^io\.readEdgeList .*big\.edgelist: (\d+) \/ \1 MB \(100 %\), \d+\.\d s$/);
    assert.equal(read.outputs[read.outputs.length - 1].content.data!["text/plain"], String(n));

    // The interrupted read: its line was showing (so the read was under way), the reply is an Interrupted
    // error, the line says where it stopped, and the earlier variable is kept (the half-read `g2` is never defined).
    const { interrupt } = report;
    assert.match(interrupt.shown ?? "", /^io\.readEdgeList .*big\.edgelist: \d+ \/ \d+ MB \(\d+ %\), \d+\.\d s(, \d+\.\d MB\/s, ~[\d.]+ s left)?$/);
    assert.deepEqual([interrupt.reply.status, interrupt.reply.ename], ["error", "Interrupted"]);
    assert.ok(interrupt.after.some((o) => o.type === "error" && o.content.ename === "Interrupted"));
    const stopped = interrupt.after.find((o) => o.type === "update_display_data");
    assert.match(stopped?.content.data?.["text/plain"] ?? "", /, stopped$/);
    assert.ok(interrupt.latency < 5, `interrupt took ${interrupt.latency} s`);
    assert.equal(report.after.status, "ok");
    const result = report.after.outputs.find((o) => o.type === "execute_result");
    assert.equal(result?.content.data!["text/plain"], "42");
    console.log(`      (read ${read.seconds.toFixed(1)} s; interrupt -> execute_reply in ${interrupt.latency.toFixed(3)} s, at "${interrupt.shown}")`);
  });
});
