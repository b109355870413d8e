/**
 * examples/10-your-own-data.ipynb end to end with Python on both sides: Python (numpy, scipy, networkx,
 * pandas) writes the input files into a fresh folder, the notebook runs there on the eigenlab kernel through
 * nbclient, and Python reads what it saved (np.load, pandas.read_csv) and checks the numbers against its own
 * computation of the same quantities. Works on a copy: the tracked notebook and examples/data stay untouched.
 */
import { strict as assert } from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { jupyterEnv, JupyterEnv, NOTEBOOK_RUNNER, REPO, runPythonScript } from "../util/jupyter";

const CHECK = String.raw`
import json, sys
import numpy as np, pandas as pd, networkx as nx, scipy.sparse.linalg as sla
from sklearn.datasets import load_digits
from sklearn.metrics import adjusted_rand_score
root = sys.argv[1]
out = {}
z = np.load(f"{root}/results/lesmis-spectrum.npz")
meta = json.loads(str(z["meta"]))
out["files"] = sorted(z.files)
out["solver"] = meta["solver"]
out["inputShape"] = meta["inputShape"]
G = nx.read_edgelist(f"{root}/data/lesmis.edgelist", data=[("weight", float)])
L = nx.normalized_laplacian_matrix(G, weight="weight").astype(float)
ref = np.sort(np.linalg.eigvalsh(L.toarray()))[:8]
out["spectrumError"] = float(np.max(np.abs(np.sort(z["values"]) - ref)))
V = z["vectors"]
out["vectorsShape"] = list(V.shape)
c = np.load(f"{root}/results/digits-clusters.npz")
labels = c["labels"]
out["digitsLabels"] = [int(labels.shape[0]), str(labels.dtype)]
out["digitsAri"] = float(adjusted_rand_score(load_digits().target, labels))
e = pd.read_csv(f"{root}/results/iris-embedding.csv")
out["irisEmbedding"] = [list(e.columns), list(e.shape)]
k = np.load(f"{root}/results/karate-cut.npy")
out["karate"] = [int(k.shape[0]), str(k.dtype)]
print(json.dumps(out))
`;

describe("examples/10-your-own-data.ipynb with Python writing its inputs and reading its results (slow: a whole notebook)", function () {
  this.timeout(300_000);
  let env: JupyterEnv;
  let dir: string;
  let report: { error: string | null; cells: { outputs: { type: string; data: Record<string, unknown> }[] }[] };
  let checked: Record<string, unknown>;

  before(async () => {
    env = jupyterEnv();
    dir = mkdtempSync(join(tmpdir(), "eigenlab-your-data-"));
    const nb = join(dir, "10-your-own-data.ipynb");
    copyFileSync(join(REPO, "examples", "10-your-own-data.ipynb"), nb);
    const maker = readFileSync(join(REPO, "examples", "data", "make_your_data.py"), "utf8");
    const write = await runPythonScript(env, "make_your_data.py", maker, [join(dir, "data")]);
    assert.equal(write.status, 0, `writing the inputs with Python failed:\n${write.stderr.slice(-3000)}`);
    const run = await runPythonScript(env, "run_notebooks.py", NOTEBOOK_RUNNER, [nb]);
    assert.equal(run.status, 0, `nbclient runner failed:\n${run.stderr.slice(-4000)}`);
    report = JSON.parse(run.stdout)[nb];
    const check = await runPythonScript(env, "check_results.py", CHECK, [dir]);
    assert.equal(check.status, 0, `reading the results with Python failed:\n${check.stderr.slice(-3000)}\n(notebook error: ${report.error})`);
    checked = JSON.parse(check.stdout);
  });
  after(() => {
    env?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the notebook reads Python's .npy, .mtx, edge list and CSV and its assertion cell passes", () => {
    assert.equal(report.error, null, `the notebook failed:\n${report.error}`);
    const last = report.cells[report.cells.length - 1].outputs.find((o) => o.type === "execute_result");
    assert.equal(last?.data["text/plain"], "'all assertions passed'");
    const drawn = report.cells.flatMap((c) => c.outputs).filter((o) => "application/vnd.eigenlab.v1+json" in o.data);
    assert.ok(drawn.length >= 2, "the spectrum and the embedding are drawn by the Eigenlab renderer");
    assert.ok(report.cells.some((c) => c.outputs.some((o) => String(o.data["text/html"] ?? "").includes("<table"))), "the Table shows as HTML");
  });

  it("np.load reads the saved spectrum: the 8 smallest eigenvalues of networkx's normalized Laplacian, with the meta stamp", () => {
    assert.deepEqual(checked.files, ["converged", "iterations", "kind", "meta", "residuals", "values", "vectors"]);
    assert.equal(checked.solver, "eigsh:lanczos-thick-restart");
    assert.deepEqual(checked.inputShape, [77, 77]);
    assert.deepEqual(checked.vectorsShape, [77, 8]);
    assert.ok((checked.spectrumError as number) < 1e-8, `largest eigenvalue error ${checked.spectrumError}`);
  });

  it("np.load and pandas read the saved clusters, embedding and cut: shapes, dtypes, and the digits ARI recomputed by scikit-learn", () => {
    assert.deepEqual(checked.digitsLabels, [1797, "int32"]);
    assert.ok((checked.digitsAri as number) > 0.6, `scikit-learn's ARI of the saved digit clusters: ${checked.digitsAri}`);
    assert.deepEqual(checked.irisEmbedding, [["x", "y"], [150, 2]]);
    assert.deepEqual(checked.karate, [34, "int32"]);
  });
});
