/**
 * An isolated Jupyter environment for kernel tests and benchmarks: every JUPYTER_* folder and IPYTHONDIR in a
 * fresh temp dir (nothing of the user's or another run leaks in), the "eigenlab" kernelspec installed into
 * that JUPYTER_PATH with the built CLI (so its argv points at kernel/jupyter/dist), and a runner for
 * Debian's /usr/bin/python3 (jupyter_client, jupyter_kernel_test, nbclient).
 */
import { spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

export const REPO = resolve(__dirname, "..", "..");
export const PYTHON = process.env.EIGENLAB_PYTHON ?? "/usr/bin/python3";
const CLI = join(REPO, "kernel", "jupyter", "dist", "cli.js");

export interface JupyterEnv {
  root: string;
  env: NodeJS.ProcessEnv;
  /** The JUPYTER_PATH folder holding kernels/eigenlab. */
  jupyterPath: string;
  dispose(): void;
}

export function jupyterEnv(): JupyterEnv {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build with \`npx tsc -b\` first.`);
  const root = mkdtempSync(join(tmpdir(), "eigenlab-jupyter-"));
  const dirs = { config: "config", data: "data", runtime: "runtime", ipython: "ipython" };
  for (const d of Object.values(dirs)) mkdirSync(join(root, d));
  const prefix = join(root, "prefix");
  const jupyterPath = join(prefix, "share", "jupyter");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: join(root, dirs.config),
    JUPYTER_DATA_DIR: join(root, dirs.data),
    JUPYTER_RUNTIME_DIR: join(root, dirs.runtime),
    IPYTHONDIR: join(root, dirs.ipython),
    JUPYTER_PATH: jupyterPath,
    JUPYTER_PLATFORM_DIRS: "1",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const r = spawnSync(process.execPath, [CLI, "install", "--prefix", prefix], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`eigenlab install failed: ${r.stderr}`);
  return { root, env, jupyterPath, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Python script (written to the env's root) asynchronously, so mocha's timeout still applies. */
export function runPythonScript(env: JupyterEnv, name: string, code: string, args: string[] = [], cwd = env.root): Promise<PythonRun> {
  const file = join(env.root, name);
  writeFileSync(file, code);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, [file, ...args], { env: env.env, cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/**
 * A Python script that executes the notebooks named on its command line through nbclient on the "eigenlab"
 * kernel (each in its own folder) and prints one JSON report: per notebook the error (or null), the seconds it
 * took, and every code cell's source and outputs.
 */
export const NOTEBOOK_RUNNER = String.raw`
import json, os, sys, time, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
report = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="eigenlab", resources={"metadata": {"path": os.path.dirname(path)}})
    error = None
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e)[-3000:]
    seconds = time.monotonic() - start
    cells = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        cells.append({"source": c.source, "outputs": [
            {"type": o.output_type, "data": o.get("data", {}), "text": o.get("text", ""), "ename": o.get("ename"), "evalue": o.get("evalue"),
             "display_id": o.get("transient", {}).get("display_id")}
            for o in c.outputs]})
    report[path] = {"error": error, "seconds": seconds, "cells": cells}
print(json.dumps(report))
`;
