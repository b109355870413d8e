/**
 * Kernel start to first result with the DSL preloaded (goal: ≤ 2 s), against IPython's kernel
 * (python3-ipykernel) starting and answering a numpy cell; and interrupt latency for a synchronous loop
 * (goal: control back within 1 s). Both kernels are started by jupyter_client in one isolated Jupyter
 * environment, same machine, same run; medians over REPS starts.
 */
import { spawnSync } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { jupyterEnv, PYTHON } from "../test/util/jupyter";
import { median, Table } from "./harness";

export const title = "Kernel start to first result (DSL preloaded) and interrupt latency: eigenlab vs IPython kernel";

const REPS = 3;

const SCRIPT = String.raw`
import json, sys, time
from jupyter_client.manager import start_new_kernel
reps = int(sys.argv[1])

def first_result(name, code):
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
    msg_id = kc.execute(code)
    while True:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result":
            break
    dt = time.perf_counter() - t0
    return dt, km, kc

def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)

out = {"eigenlab": [], "ipykernel": [], "interrupt": []}
for _ in range(reps):
    dt, km, kc = first_result("eigenlab", "linalg.eigh(Matrix.eye(2)).values.length")
    out["eigenlab"].append(dt)
    # Interrupt a synchronous loop once it runs; time to its execute_reply.
    msg_id = kc.execute("let spin = 0; while (true) { spin++; }")
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            break
    t0 = time.perf_counter()
    km.interrupt_kernel()
    while True:
        r = kc.get_shell_msg(timeout=30)
        if r["parent_header"].get("msg_id") == msg_id:
            break
    out["interrupt"].append(time.perf_counter() - t0)
    stop(km, kc)
    dt, km, kc = first_result("python3", "import numpy as np; np.linalg.eigh(np.eye(2))[0].size")
    out["ipykernel"].append(dt)
    stop(km, kc)
print(json.dumps(out))
`;

export function run(): void {
  const env = jupyterEnv();
  try {
    const file = join(env.root, "kernel_bench.py");
    writeFileSync(file, SCRIPT);
    const r = spawnSync(PYTHON, [file, String(REPS)], { env: env.env, encoding: "utf8", timeout: 600_000 });
    if (r.status !== 0) throw new Error(`kernel bench failed:\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as { eigenlab: number[]; ipykernel: number[]; interrupt: number[] };
    const table = new Table(title);
    const all = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
    table.add({
      workload: "start -> first DSL result (eigenlab)",
      ours: median(out.eigenlab),
      peer: median(out.ipykernel),
      peerName: "ipykernel+numpy",
      note: `goal ≤ 2 s absolute; runs: ours ${all(out.eigenlab)} s, ipykernel ${all(out.ipykernel)} s`,
    });
    table.add({
      workload: "interrupt while(true) -> execute_reply",
      ours: median(out.interrupt),
      note: `goal ≤ 1 s; runs ${all(out.interrupt)} s`,
    });
  } finally {
    env.dispose();
  }
}
