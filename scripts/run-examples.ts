/**
 * `npm run examples [-- name ...]`: re-executes the example notebooks (all, or those whose file name contains a
 * given name) through nbclient on the eigenlab kernel, in an isolated Jupyter environment, and writes each back
 * to examples/ WITH its outputs, so the notebooks read on GitHub with their figures (the SVG fallback of every
 * chart) and numbers. No timing metadata is recorded. A notebook that fails is left as it was and named.
 * test/notebooks/notebooks.test.ts checks that the committed outputs match a fresh run's numbers and budgets.
 */
import { readdirSync } from "fs";
import { join } from "path";
import { jupyterEnv, REPO, runPythonScript } from "../test/util/jupyter";

const WRITER = String.raw`
import json, os, sys, time, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
failed = []
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="eigenlab", record_timing=False,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        failed.append(path)
        print(f"FAILED {os.path.basename(path)}: {str(e)[-1500:]}", file=sys.stderr)
        continue
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    size = os.path.getsize(path)
    print(f"{os.path.basename(path)}: {time.monotonic() - start:.1f} s, {size / 1024:.0f} KB", file=sys.stderr)
sys.exit(1 if failed else 0)
`;

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const dir = join(REPO, "examples");
  const notebooks = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((x) => f.includes(x))))
    .sort()
    .map((f) => join(dir, f));
  const env = jupyterEnv();
  try {
    const run = await runPythonScript(env, "write_notebooks.py", WRITER, notebooks);
    process.stderr.write(run.stderr);
    if (run.status !== 0) process.exitCode = 1;
  } finally {
    env.dispose();
  }
}

void main();
