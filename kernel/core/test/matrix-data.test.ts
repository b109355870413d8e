import { strict as assert } from "assert";
import { EigenlabError, Matrix } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    assert.ok(Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)), `entry ${i}: ${x} vs ${y}`);
  }
};

describe("Matrix data operations (vs numpy)", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  const X = Matrix.random(40, 7, { seed: 3 });
  // A constant column and a column with an offset much larger than its spread.
  const data = X.data.slice();
  for (let i = 0; i < 40; i++) {
    data[i * 7 + 2] = 4.25;
    data[i * 7 + 5] = 1e6 + data[i * 7 + 5];
  }
  const Y = new Matrix(40, 7, data);
  const rowIdx = [5, 0, 39, 5, 12];
  const colMask = [true, false, true, true, false, false, true];

  it("takeRows / takeCols / colMeans / colStds / standardize / hstack / vstack agree with numpy", () => {
    const py = runPython(
      `
ri = np.array(${JSON.stringify(rowIdx)})
cm = np.array(${JSON.stringify(colMask.map(Number))}, dtype=bool)
out["rows"] = Y[ri]
out["cols"] = Y[:, cm]
out["mask_rows"] = Y[Y[:, 0] > 0]
out["mean"] = Y.mean(axis=0)
out["std0"] = Y.std(axis=0)
out["std1"] = Y.std(axis=0, ddof=1)
from sklearn.preprocessing import StandardScaler
out["z"] = StandardScaler().fit_transform(Y)
out["h"] = np.hstack([Y, Y[:, :2]])
out["v"] = np.vstack([Y, Y[:3]])
`,
      { Y: peerMatrix(Y) },
    );
    close(Y.takeRows(rowIdx).data, py.rows.flat(), 0);
    close(Y.takeCols(colMask).data, py.cols.flat(), 0);
    const pos = Array.from({ length: 40 }, (_, i) => Y.get(i, 0) > 0);
    close(Y.takeRows(pos).data, py.mask_rows.flat(), 0);
    close(Y.colMeans(), py.mean, 1e-14);
    close(Y.colStds(), py.std0, 1e-12);
    close(Y.colStds(1), py.std1, 1e-12);
    const Z = Y.standardize();
    close(Z.data, py.z.flat(), 1e-9);
    for (let i = 0; i < 40; i++) assert.equal(Z.get(i, 2), 0, "a constant column standardizes to 0, not NaN");
    close(Matrix.hstack([Y, Y.sliceCols(0, 2)]).data, py.h.flat(), 0);
    close(Matrix.vstack([Y, Y.takeRows([0, 1, 2])]).data, py.v.flat(), 0);
  });

  it("takeRows / takeCols reject out-of-range indices and wrong-length masks; stacks reject mismatched blocks", () => {
    const isErr = (re: RegExp) => (e: unknown) => e instanceof EigenlabError && re.test(e.message);
    assert.throws(() => Y.takeRows([40]), isErr(/index\[0\] = 40 is not an integer in 0\.\.39/));
    assert.throws(() => Y.takeCols([-1]), isErr(/Negative indices are not wrapped/));
    assert.throws(() => Y.takeCols([true, false]), isErr(/mask has length 2 but the matrix has 7/));
    assert.throws(() => Matrix.hstack([Y, Matrix.zeros(3, 1)]), isErr(/block 1 has 3 rows but block 0 has 40/));
    assert.throws(() => Matrix.vstack([Y, Matrix.zeros(1, 3)]), isErr(/block 1 has 3 columns/));
    assert.throws(() => Matrix.vstack([]), isErr(/at least one matrix/));
    assert.throws(() => Y.colStds(-1), isErr(/ddof must be a non-negative integer/));
    assert.deepEqual(Array.from(Y.takeRows([]).shape), [0, 7]);
  });
});
