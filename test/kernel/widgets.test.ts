/**
 * Widgets from TypeScript cells through the real kernel and jupyter_client, checked against the ipywidgets 8
 * message protocol (2.1.0) that @jupyter-widgets/jupyterlab-manager 5 speaks: comm_open with full state and
 * metadata.version, IPY_MODEL_ references to layout/style models, front-end `update` answered with
 * `echo_update` and running `observe` callbacks, kernel-side changes sent as `update`, `request_state`,
 * Button clicks (custom messages), Output capture by msg_id, the control comm's `request_states`, and
 * `interact` (debounced, superseding runs).
 */
import { strict as assert } from "assert";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";
import { KERNEL_CLIENT_PROLOGUE, parseReport } from "../util/kernel-client";

const SCRIPT =
  KERNEL_CLIENT_PROLOGUE +
  String.raw`
def upd(comm_id, state):
    return send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}})
try:
    r = run('''
const s = new widgets.IntSlider({ min: 2, max: 20, value: 5, description: "k" });
const seen: number[] = [];
s.observe((c) => { seen.push(c.new as number); });
s''')
    report["slider"] = r
    sid = [o for o in r["outputs"] if o["type"] == "execute_result"][0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    report["sid"] = sid
    report["update_from_client"] = upd(sid, {"value": 7})
    report["after_update"] = value("JSON.stringify([seen, s.value])")
    report["kernel_set"] = run("s.value = 9;")["outputs"]
    report["request_state"] = send("comm_msg", {"comm_id": sid, "data": {"method": "request_state"}})
    r = run('''
const b = new widgets.Button({ description: "go" });
let clicks = 0;
b.onClick(() => { clicks++; });
b.id''')
    bid = json.loads(r["outputs"][-1]["content"]["data"]["text/plain"].replace("'", '"'))
    for _ in range(2):
        send("comm_msg", {"comm_id": bid, "data": {"method": "custom", "content": {"event": "click"}}})
    report["clicks"] = value("clicks")
    r = run('''
const d = new widgets.Dropdown({ options: ["a", "b", "c"], value: "b", description: "pick" });
const picked: unknown[] = [];
d.observe((c) => { picked.push(c.new); });
d.id''')
    report["dropdown"] = r
    did = json.loads(r["outputs"][-1]["content"]["data"]["text/plain"].replace("'", '"'))
    upd(did, {"index": 2})
    report["picked"] = value("JSON.stringify([picked, d.value])")
    report["all"] = run('''
const f = new widgets.FloatSlider({ min: 0.5, max: 2, step: 0.25, value: 1 });
const lg = new widgets.FloatLogSlider({ min: -3, max: 1, value: 0.01 });
const cb = new widgets.Checkbox({ value: true, description: "normalized" });
const t = new widgets.Text({ value: "rbf" });
const p = new widgets.Play({ max: 10, interval: 50 });
const box = new widgets.VBox([new widgets.HBox([f, lg]), cb, t, p]);
box''')["outputs"]
    r = run('const out = new widgets.Output(); out.id')
    oid = json.loads(r["outputs"][-1]["content"]["data"]["text/plain"].replace("'", '"'))
    report["oid"] = oid
    report["capture"] = run('await out.capture(() => { console.log("inside"); display("shown"); });')
    report["append"] = run('out.append("appended"); out.appendStdout("text\\n");')["outputs"]
    ctl = send("comm_open", {"comm_id": "ctl", "target_name": "jupyter.widget.control", "data": {}})
    report["control_open"] = ctl
    report["control_states"] = send("comm_msg", {"comm_id": "ctl", "data": {"method": "request_states"}})
    report["reopen_existing"] = send("comm_open", {"comm_id": sid, "target_name": "jupyter.widget", "data": {}})

    r = run('''
const it = interact(({ sigma, k, normalized }) => "sigma=" + sigma + " k=" + k + " n=" + normalized,
  { sigma: [0.1, 10], k: [2, 20, 1], normalized: true }, { debounce: 50 });
[it.values(), it.controls.k.id]''')
    report["interact"] = r
    kid = r["outputs"][-1]["content"]["data"]["text/plain"].split("'")[-2]
    for v in (3, 4, 5):
        upd(kid, {"value": v})
    report["interact_runs"] = value("await it.settled(); it.runs")
    r = run('''
const aborted: number[] = [];
const slow = interact(async ({ n }, { signal }) => {
  await new Promise((res) => setTimeout(res, 400));
  if (signal.aborted) aborted.push(n as number);
  return "n=" + n;
}, { n: [0, 10] }, { debounce: 10 });
slow.controls.n.id''')
    nid = r["outputs"][-1]["content"]["data"]["text/plain"].split("'")[-2]
    upd(nid, {"value": 1})
    time.sleep(0.15)
    upd(nid, {"value": 2})
    report["slow"] = value("await slow.settled(); JSON.stringify([slow.runs, aborted])")
    report["bad_control"] = run('interact(() => 1, { x: [5, 1] })')["reply"]
    report["seen"] = seen
finally:
    finish()
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from Python
type Any = any;

describe("widgets in the running kernel (ipywidgets 8 protocol through jupyter_client)", function () {
  this.timeout(180_000);
  let env: JupyterEnv;
  let report: Record<string, Any>;
  before(async () => {
    env = jupyterEnv();
    const run = await runPythonScript(env, "widgets.py", SCRIPT);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    report = parseReport(run.stdout);
  });
  after(() => env?.dispose());

  const opens = (outs: Any[]) => outs.filter((o) => o.type === "comm_open");

  it("new widgets.IntSlider({...}) opens layout, style and slider comms (jupyter.widget, version 2.1.0) and shows a widget view", () => {
    const outs = report.slider.outputs as Any[];
    const o = opens(outs);
    assert.deepEqual(o.map((x) => x.content.data.state._model_name), ["LayoutModel", "SliderStyleModel", "IntSliderModel"]);
    assert.ok(o.every((x) => x.content.target_name === "jupyter.widget" && x.metadata.version === "2.1.0"));
    const [layout, style, slider] = o.map((x) => x.content);
    assert.equal(layout.data.state._model_module, "@jupyter-widgets/base");
    assert.equal(layout.data.state._model_module_version, "2.0.0");
    const st = slider.data.state;
    assert.deepEqual(
      [st._model_module, st._model_module_version, st._view_name, st.value, st.min, st.max, st.step, st.description],
      ["@jupyter-widgets/controls", "2.0.0", "IntSliderView", 5, 2, 20, 1, "k"],
    );
    assert.equal(st.layout, `IPY_MODEL_${layout.comm_id}`);
    assert.equal(st.style, `IPY_MODEL_${style.comm_id}`);
    assert.deepEqual(slider.data.buffer_paths, []);
    const view = outs.find((x) => x.type === "execute_result").content.data;
    assert.deepEqual(view["application/vnd.jupyter.widget-view+json"], { version_major: 2, version_minor: 1, model_id: slider.comm_id });
    assert.equal(view["text/plain"], "IntSlider(value=5)");
  });

  it("a front-end update is echoed (echo_update) and runs observe callbacks in the kernel", () => {
    assert.deepEqual(report.update_from_client.map((o: Any) => o.content), [
      { comm_id: report.sid, data: { method: "echo_update", state: { value: 7 }, buffer_paths: [] } },
    ]);
    assert.equal(report.after_update, "'[[7],7]'");
  });

  it("s.value = 9 in a cell sends { method: 'update', state: { value: 9 } }; request_state gets the full state", () => {
    const msgs = report.kernel_set.filter((o: Any) => o.type === "comm_msg");
    assert.deepEqual(msgs.map((o: Any) => o.content.data), [{ method: "update", state: { value: 9 }, buffer_paths: [] }]);
    const full = report.request_state[0].content.data;
    assert.equal(full.method, "update");
    assert.equal(full.state.value, 9);
    assert.equal(full.state._model_name, "IntSliderModel");
  });

  it("Button clicks (custom { event: 'click' }) run onClick in the kernel", () => {
    assert.equal(report.clicks, "2");
  });

  it("Dropdown sends labels and index; an index update from the front end changes d.value and fires observe('value')", () => {
    const st = opens(report.dropdown.outputs).pop().content.data.state;
    assert.deepEqual([st._model_name, st._options_labels, st.index], ["DropdownModel", ["a", "b", "c"], 1]);
    assert.equal(report.picked, `'[["c"],"c"]'`);
  });

  it("FloatSlider, FloatLogSlider, Checkbox, Text, Play in HBox/VBox: ipywidgets 8 model names and child references", () => {
    const states = opens(report.all).map((o: Any) => [o.content.comm_id, o.content.data.state]);
    const byName = (n: string) => states.filter(([, s]: Any) => s._model_name === n).map(([id, s]: Any) => ({ id, ...s }));
    const [f] = byName("FloatSliderModel");
    assert.deepEqual([f.min, f.max, f.step, f.value, f.readout_format], [0.5, 2, 0.25, 1, ".2f"]);
    const [lg] = byName("FloatLogSliderModel");
    assert.deepEqual([lg.base, lg.min, lg.max, lg.value], [10, -3, 1, 0.01]);
    assert.equal(byName("CheckboxModel")[0].value, true);
    assert.equal(byName("TextModel")[0].value, "rbf");
    assert.deepEqual([byName("PlayModel")[0].max, byName("PlayModel")[0].interval], [10, 50]);
    const [h] = byName("HBoxModel");
    assert.deepEqual(h.children, [`IPY_MODEL_${f.id}`, `IPY_MODEL_${lg.id}`]);
    const [v] = byName("VBoxModel");
    assert.equal(v.children.length, 4);
    assert.equal(v.children[0], `IPY_MODEL_${h.id}`);
    assert.equal(v._view_module, "@jupyter-widgets/controls");
  });

  it("Output.capture sets msg_id to the running request, so its stdout/display are captured, then clears it", () => {
    const outs = report.capture.outputs as Any[];
    const ids = outs.filter((o) => o.type === "comm_msg" && o.content.comm_id === report.oid).map((o) => o.content.data.state.msg_id);
    assert.deepEqual(ids, [outs[0].parent, ""]);
    const kinds = outs.map((o) => o.type);
    assert.deepEqual(kinds, ["execute_input", "comm_msg", "stream", "display_data", "comm_msg"]);
    const appended = report.append.filter((o: Any) => o.type === "comm_msg").pop().content.data.state.outputs;
    assert.deepEqual(appended, [
      { output_type: "display_data", data: { "text/plain": "'appended'" }, metadata: {} },
      { output_type: "stream", name: "stdout", text: "text\n" },
    ]);
  });

  it("the jupyter.widget.control comm answers request_states with every live widget (a reloaded page)", () => {
    assert.deepEqual(report.control_open, []);
    const msg = report.control_states[0].content.data;
    assert.equal(msg.method, "update_states");
    const s = msg.states[report.sid];
    assert.deepEqual([s.model_name, s.model_module, s.model_module_version, s.state.value], ["IntSliderModel", "@jupyter-widgets/controls", "2.0.0", 9]);
    assert.deepEqual(report.reopen_existing, []);
  });

  it("interact(fn, { sigma: [0.1, 10], k: [2, 20, 1], normalized: true }) infers FloatSlider, IntSlider, Checkbox; three quick changes cost one debounced run", () => {
    const o = opens(report.interact.outputs).map((x: Any) => x.content.data.state);
    const models = o.map((s: Any) => s._model_name).filter((n: string) => !/Layout|Style/.test(n));
    assert.deepEqual(models, ["FloatSliderModel", "IntSliderModel", "CheckboxModel", "VBoxModel"]);
    const [sigma] = o.filter((s: Any) => s._model_name === "FloatSliderModel");
    assert.deepEqual([sigma.min, sigma.max, sigma.value, sigma.description], [0.1, 10, 5.05, "sigma"]);
    const [k] = o.filter((s: Any) => s._model_name === "IntSliderModel");
    assert.deepEqual([k.min, k.max, k.step, k.value], [2, 20, 1, 11]);
    const displays = report.interact.outputs.filter((x: Any) => x.type === "display_data");
    const id = displays[1].content.transient.display_id;
    const updates = report.seen.filter((x: Any) => x.type === "update_display_data" && x.content.transient.display_id === id);
    assert.deepEqual(
      updates.map((u: Any) => u.content.data["text/plain"]),
      ["'sigma=5.05 k=11 n=true'", "'sigma=5.05 k=5 n=true'"],
    );
    assert.equal(report.interact_runs, "2");
  });

  it("a running async interact computation is superseded by a newer change: its signal aborts, its result is dropped", () => {
    assert.equal(report.slow, "'[1,[5,1]]'");
  });

  it("interact with a range whose min is not below max is an EigenlabError naming the control", () => {
    assert.equal(report.bad_control.ename, "EigenlabError");
    assert.match(report.bad_control.evalue, /the control "x" got \[5,1\]/);
  });
});
