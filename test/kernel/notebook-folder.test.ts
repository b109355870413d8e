/**
 * The kernel started (through jupyter_client) in a notebook folder outside the repository: a package
 * installed next to the notebook is importable with its types, and `@eigenlab/core` resolves by name there too.
 */
import { strict as assert } from "assert";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";

const CLIENT = String.raw`
import json, sys, time
from jupyter_client.manager import start_new_kernel
t0 = time.time()
km, kc = start_new_kernel(kernel_name="eigenlab", cwd=sys.argv[1], startup_timeout=60)
def run(code):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=30)
    outs = []
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") != msg_id: continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle": break
        outs.append({"type": m["msg_type"], "content": m["content"]})
    return {"reply": reply["content"], "outputs": outs}
out = {"first": run("linalg.eigh(Matrix.eye(2)).values.length")}
out["start_to_first_result_s"] = time.time() - t0
out["local"] = run('import { greet } from "greet"; greet("spectra")')
out["local_typed"] = run('const wrong: number = greet("x");')
out["core"] = run('import { Matrix as M } from "@eigenlab/core"; const e: Matrix = M.eye(3); e.rows')
kc.stop_channels()
km.shutdown_kernel()
print(json.dumps(out))
`;

describe("the eigenlab kernel in a notebook folder outside the repository", function () {
  this.timeout(120_000);
  let env: JupyterEnv;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the kernel's JSON reply, untyped
  let out: any;

  before(async () => {
    env = jupyterEnv();
    const folder = join(env.root, "notebooks");
    const pkg = join(folder, "node_modules", "greet");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "greet", version: "1.0.0", main: "index.js", types: "index.d.ts" }));
    writeFileSync(join(pkg, "index.js"), 'exports.greet = (who) => "hello, " + who;\n');
    writeFileSync(join(pkg, "index.d.ts"), "export declare function greet(who: string): string;\n");
    const run = await runPythonScript(env, "client.py", CLIENT, [folder]);
    assert.equal(run.status, 0, run.stderr.slice(-4000));
    out = JSON.parse(run.stdout);
  });
  after(() => env?.dispose());

  const plain = (r: { outputs: { type: string; content: { data?: Record<string, string> } }[] }) =>
    r.outputs.find((o) => o.type === "execute_result")?.content.data?.["text/plain"];

  it("the preloaded DSL answers the first cell", () => {
    assert.equal(plain(out.first), "2");
    console.log(`      (start -> first result ${out.start_to_first_result_s.toFixed(2)} s, jupyter_client included)`);
  });

  it('import { greet } from "greet" loads the package next to the notebook, with its declared types', () => {
    assert.equal(plain(out.local), "'hello, spectra'");
    assert.equal(out.local_typed.reply.status, "error");
    assert.match(out.local_typed.reply.evalue, /Type 'string' is not assignable to type 'number'/);
  });

  it('import { Matrix } from "@eigenlab/core" works outside the repository and is the prelude\'s Matrix type', () => {
    assert.equal(out.core.reply.status, "ok", JSON.stringify(out.core.reply));
    assert.equal(plain(out.core), "3");
  });
});
