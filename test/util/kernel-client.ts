/**
 * A jupyter_client session against the real "eigenlab" kernel for protocol tests: the Python prologue
 * (start a kernel, `run(code)` a cell, `send(msg_type, content)` any shell message, collect each request's
 * iopub messages up to its idle) shared by the tests of comms, widgets, stdin and magics. Each test script
 * appends its steps and prints one JSON report.
 */
export const KERNEL_CLIENT_PROLOGUE = String.raw`
import json, sys, time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="eigenlab", startup_timeout=90)
report = {}
seen = []  # every iopub message any request caused, in order (for output a timer published later)

def slim(m):
    return {"type": m["msg_type"], "parent": m["parent_header"].get("msg_id"), "content": m["content"],
            "metadata": m.get("metadata", {}), "nbuffers": len(m.get("buffers") or [])}

def until_idle(msg_id, timeout=60):
    outs = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["msg_type"] != "status":
            seen.append(slim(m))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return outs
        if m["msg_type"] != "status":
            outs.append(slim(m))
    raise TimeoutError(msg_id)

def reply_to(msg_id, timeout=60):
    while True:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m

def run(code, **kw):
    msg_id = kc.execute(code, **kw)
    reply = reply_to(msg_id)
    return {"reply": reply["content"], "outputs": until_idle(msg_id)}

def value(code):
    r = run(code)
    assert r["reply"]["status"] == "ok", r
    res = [o for o in r["outputs"] if o["type"] == "execute_result"]
    return res[0]["content"]["data"]["text/plain"] if res else None

def send(msg_type, content, buffers=None):
    """A shell message without a reply (comm_open/msg/close): returns the iopub messages it caused."""
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg) if not buffers else kc.session.send(kc.shell_channel.socket, msg, buffers=buffers)
    return until_idle(msg["header"]["msg_id"])

def comm_info(target=None):
    msg_id = kc.comm_info(target) if target is not None else kc.comm_info()
    return reply_to(msg_id)["content"]

def finish():
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    print("REPORT " + json.dumps(report))
`;

/** The JSON a script printed after `REPORT `. */
export function parseReport<T>(stdout: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith("REPORT "));
  if (!line) throw new Error(`no report in the script's output:\n${stdout.slice(-3000)}`);
  return JSON.parse(line.slice("REPORT ".length)) as T;
}
