/**
 * The Jupyter comm protocol through the real kernel (ZeroMQ, transport worker, jupyter_client): comms the
 * front end opens to a target a cell registered, comms a cell opens, messages both ways, closes both ways,
 * comm_info_request with and without target_name, and comm_close for an unknown target (messaging spec,
 * "Custom Messages").
 */
import { strict as assert } from "assert";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";
import { KERNEL_CLIENT_PROLOGUE, parseReport } from "../util/kernel-client";

const SCRIPT =
  KERNEL_CLIENT_PROLOGUE +
  String.raw`
try:
    report["info_empty"] = comm_info()
    report["register"] = run('''
let closedWith: unknown = null;
comm.register("eigen.echo", (c, open) => {
  c.send({ got: open.data });
  c.onMsg((m) => c.send({ echo: m.data, twice: (m.data.x as number) * 2 }));
  c.onClose((m) => { closedWith = m.data; });
});
comm.register("eigen.broken", () => { throw new Error("handler boom"); });
''')["reply"]
    report["open_from_client"] = send("comm_open", {"comm_id": "c1", "target_name": "eigen.echo", "data": {"hello": 1}})
    report["msg_from_client"] = send("comm_msg", {"comm_id": "c1", "data": {"x": 21}})
    report["info_all"] = comm_info()
    report["info_echo"] = comm_info("eigen.echo")
    report["info_other"] = comm_info("other.target")
    report["open_unknown"] = send("comm_open", {"comm_id": "c2", "target_name": "nobody.listens", "data": {}})
    report["open_broken"] = send("comm_open", {"comm_id": "c3", "target_name": "eigen.broken", "data": {}})
    report["close_from_client"] = send("comm_close", {"comm_id": "c1", "data": {"reason": "done"}})
    report["closed_with"] = value("closedWith")
    report["info_after_close"] = comm_info("eigen.echo")
    r = run('''
let fromClient: unknown = null;
const k = comm.open("client.target", { a: 1 }, { metadata: { version: "1.0" } });
k.onMsg((m) => { fromClient = m.data; });
k.id
''')
    report["kernel_open"] = r
    kid = json.loads(r["outputs"][-1]["content"]["data"]["text/plain"].replace("'", '"'))
    report["kid"] = kid
    send("comm_msg", {"comm_id": kid, "data": {"b": [1, 2]}})
    report["from_client"] = value("JSON.stringify(fromClient)")
    report["kernel_close"] = run('k.close({ bye: true }); k.closed')
    report["send_after_close"] = run('k.send({ late: 1 })')["reply"]
    # Selections: the lab extension's comm to "eigenlab.selection" with the output's view id.
    r = run('const v = display(linalg.eigh(Matrix.from([[2, 1, 0], [1, 2, 1], [0, 1, 2]])));\nconst got: unknown[] = [];\nv.onSelect((s) => { got.push(s); });')
    report["display_for_selection"] = r["outputs"]
    view = [o for o in r["outputs"] if o["type"] == "display_data"][0]["content"]["transient"]["display_id"]
    report["view"] = view
    send("comm_open", {"comm_id": "sel", "target_name": "eigenlab.selection", "data": {}})
    send("comm_msg", {"comm_id": "sel", "data": {"view": view, "kind": "lasso", "indices": [0, 2]}})
    send("comm_msg", {"comm_id": "sel", "data": {"view": view, "kind": "eigenvalue", "index": 1}})
    send("comm_msg", {"comm_id": "sel", "data": {"view": "some-other-output", "kind": "lasso", "indices": [1]}})
    report["selection"] = value("JSON.stringify([v.selection(), v.clicked(), got])")
finally:
    finish()
`;

interface Out {
  type: string;
  parent: string;
  content: Record<string, unknown> & { data?: Record<string, unknown> };
  metadata: Record<string, unknown>;
}

describe("Jupyter comms in the running kernel (jupyter_client)", function () {
  this.timeout(180_000);
  let env: JupyterEnv;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report is JSON from Python
  let report: Record<string, any>;
  before(async () => {
    env = jupyterEnv();
    const run = await runPythonScript(env, "comms.py", SCRIPT);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    report = parseReport(run.stdout);
  });
  after(() => env?.dispose());

  it("comm_info_request before any comm: status ok, no comms", () => {
    assert.deepEqual(report.info_empty, { status: "ok", comms: {} });
    assert.equal(report.register.status, "ok", JSON.stringify(report.register));
  });

  it("comm_open from the front end to a registered target runs the handler, which answers with comm_msg", () => {
    const outs = report.open_from_client as Out[];
    assert.deepEqual(outs.map((o) => o.type), ["comm_msg"]);
    assert.deepEqual(outs[0].content, { comm_id: "c1", data: { got: { hello: 1 } } });
  });

  it("comm_msg from the front end reaches c.onMsg, whose reply is a comm_msg caused by it", () => {
    const outs = report.msg_from_client as Out[];
    assert.deepEqual(outs.map((o) => o.content), [{ comm_id: "c1", data: { echo: { x: 21 }, twice: 42 } }]);
  });

  it("comm_info_request lists open comms, filtered by target_name", () => {
    assert.deepEqual(report.info_all.comms, { c1: { target_name: "eigen.echo" } });
    assert.deepEqual(report.info_echo.comms, { c1: { target_name: "eigen.echo" } });
    assert.deepEqual(report.info_other.comms, {});
  });

  it("comm_open to a target nobody registered is answered with comm_close", () => {
    assert.deepEqual(report.open_unknown.map((o: Out) => [o.type, o.content]), [["comm_close", { comm_id: "c2", data: {} }]]);
  });

  it("a handler that throws shows its error on stderr; the kernel keeps serving", () => {
    const outs = report.open_broken as Out[];
    assert.equal(outs[0].type, "stream");
    assert.match(String(outs[0].content.text), /Error: handler boom/);
  });

  it("comm_close from the front end runs c.onClose with its data and removes the comm", () => {
    assert.deepEqual(report.close_from_client, []);
    assert.equal(report.closed_with, "{ reason: 'done' }");
    assert.deepEqual(report.info_after_close.comms, {});
  });

  it("comm.open(target, data, { metadata }) publishes comm_open from the cell; the front end's reply reaches k.onMsg", () => {
    const outs = report.kernel_open.outputs as Out[];
    const open = outs.find((o) => o.type === "comm_open")!;
    assert.deepEqual(open.content, { comm_id: report.kid, target_name: "client.target", data: { a: 1 } });
    assert.deepEqual(open.metadata, { version: "1.0" });
    assert.equal(report.from_client, "'{\"b\":[1,2]}'");
  });

  it("k.close(data) publishes comm_close; a later k.send is an EigenlabError saying how to reopen", () => {
    const outs = report.kernel_close.outputs as Out[];
    assert.deepEqual(outs.find((o) => o.type === "comm_close")!.content, { comm_id: report.kid, data: { bye: true } });
    assert.equal(outs.find((o) => o.type === "execute_result")!.content.data!["text/plain"], "true");
    assert.equal(report.send_after_close.ename, "EigenlabError");
    assert.match(report.send_after_close.evalue, /is closed: open a new one with comm\.open\("client\.target"/);
  });

  it("display(result) tags its Eigenlab output with the view id; the eigenlab.selection comm feeds v.selection(), v.clicked(), v.onSelect", () => {
    const shown = report.display_for_selection.find((o: Out) => o.type === "display_data");
    assert.ok("application/vnd.eigenlab.v1+json" in shown.content.data, "a Spectrum carries the Eigenlab payload");
    assert.deepEqual(shown.metadata ?? {}, {});
    assert.deepEqual((shown.content as Record<string, Record<string, unknown>>).metadata["application/vnd.eigenlab.v1+json"], { view: report.view });
    assert.equal(
      report.selection,
      `'${JSON.stringify([[0, 2], 1, [{ kind: "lasso", indices: [0, 2], index: null }, { kind: "eigenvalue", indices: [0, 2], index: 1 }]])}'`,
    );
  });
});
