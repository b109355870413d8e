import { strict as assert } from "assert";
import { CsrMatrix, data, embed } from "../src";
import { sparseProjection } from "../src/embed/fastrp";
import { peerCsr, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

describe("embed.fastrp", function () {
  this.timeout(60_000);

  it("fastrp(G) is Σ α_i rownorm((D⁻¹A)^i L R), checked against numpy with the same R", () => {
    const { graph } = data.sbm({ sizes: [30, 40], pIn: 0.3, pOut: 0.05, seed: 3 });
    const opts = { dim: 16, weights: [0.5, 1, 2], normalizationStrength: -0.5, s: 3, seed: 4 };
    const E = embed.fastrp(graph, opts);
    const R = sparseProjection(70, 16, 3, 4);
    const peer = runPython(
      `import scipy.sparse as sp
A = sp.csr_matrix((G_values, G_indices, G_indptr), shape=(G_rows, G_cols))
deg = np.asarray(A.sum(1)).ravel()
P = sp.diags(1 / deg) @ A
N = P @ (np.diag((deg / deg.sum()) ** -0.5) @ R)
out_ = np.zeros_like(N)
for w in [0.5, 1, 2]:
    out_ += w * N / np.linalg.norm(N, axis=1, keepdims=True)
    N = P @ N
out = {"E": out_}`,
      { ...peerCsr("G", graph), R: { shape: [70, 16], data: R } },
    );
    assertBelow(Math.max(...E.coords.data.map((x, i) => Math.abs(x - peer.E[Math.floor(i / 16)][i % 16]))), 1e-12, "max |ours − numpy|");
    // The projection has the very-sparse law: about 1/s of the entries non-zero, values ±√s.
    const nz = R.filter((x) => x !== 0);
    assert.ok(nz.every((x) => Math.abs(Math.abs(x) - Math.sqrt(3)) < 1e-15));
    assertBelow(Math.abs(nz.length / R.length - 1 / 3), 0.05, "density of R");
  });

  it("fastrp(sbm) separates the blocks: logistic regression accuracy ≥ 0.9 on held-out nodes", () => {
    const { graph, labels } = data.sbm({ sizes: [150, 150, 150], pIn: 0.08, pOut: 0.01, seed: 11 });
    const E = embed.fastrp(graph, { dim: 64, seed: 1 });
    const peer = runPython(
      `from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
out = {"acc": LogisticRegression(max_iter=2000).fit(Xtr, ytr).score(Xte, yte)}`,
      { X: { shape: [450, 64], data: E.coords.data }, y: { shape: [450], data: labels } },
    );
    assert.ok(peer.acc >= 0.9, `accuracy ${peer.acc}`);
  });

  it("same seed, same embedding bit for bit; isolated nodes get zero rows; bad options throw", () => {
    const G = CsrMatrix.fromTriplets(4, 4, [0, 1, 1, 2], [1, 0, 2, 1], [1, 1, 2, 2]);
    const a = embed.fastrp(G, { dim: 8, seed: 2 });
    assert.deepEqual(a.coords.data, embed.fastrp(G, { dim: 8, seed: 2 }).coords.data);
    assert.notDeepEqual(a.coords.data, embed.fastrp(G, { dim: 8, seed: 3 }).coords.data);
    assert.deepEqual(Array.from(a.coords.row(3)), new Array(8).fill(0));
    assert.throws(() => embed.fastrp(G, { weights: [] }), /weights/);
    assert.throws(() => embed.fastrp(G, { s: 0 }), /s must be a positive/);
    assert.throws(() => embed.fastrp(G, { normalizationStrength: NaN }), /finite/);
    assert.throws(() => embed.fastrp(G, { iterations: 3 } as never), /unknown option/);
  });
});
