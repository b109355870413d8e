/**
 * Matrix Market against scipy.io in the same run: files scipy.io.mmwrite writes (coordinate and array; real,
 * integer, pattern; general, symmetric, skew-symmetric; gzip'ed) are read bit-exact, and files we write are
 * read by scipy.io.mmread bit-exact.
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, io, Matrix } from "../src";
import { runPython } from "../../../test/util/peer";

const hexOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

describe("io Matrix Market with scipy.io as the peer", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "eigenlab-io-mtx-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("readMatrixMarket(scipy.io.mmwrite(A)) is bit-exact for every format, field and symmetry", () => {
    const out = runPython(
      `
import scipy.io, scipy.sparse as sp, gzip, shutil
rng = np.random.default_rng(5)
A = sp.random(30, 20, density=0.2, random_state=1, format='coo'); A.data = rng.standard_normal(A.nnz) * 10.0 ** rng.integers(-300, 300, A.nnz)
B = sp.random(25, 25, density=0.15, random_state=2, format='csr'); S = (B + B.T).tocoo()
K = (B - B.T).tocoo()
I = sp.random(12, 9, density=0.3, random_state=3, format='coo'); I.data = rng.integers(-50, 50, I.nnz).astype(np.int64)
P = sp.random(15, 15, density=0.2, random_state=4, format='coo')
D = rng.standard_normal((7, 4))
DS = rng.standard_normal((6, 6)); DS = DS + DS.T
DK = rng.standard_normal((5, 5)); DK = DK - DK.T
cases = {"general": (A, {}), "symmetric": (S, {}), "skew": (K, {}), "integer": (I, {"field": "integer"}), "pattern": (P, {"field": "pattern"}),
         "dense": (D, {}), "dense_sym": (DS, {}), "dense_skew": (DK, {})}
res = {}
for name, (M, kw) in cases.items():
    path = os.path.join(DIR, name + ".mtx")
    scipy.io.mmwrite(path, M, **kw)
    back = scipy.io.mmread(path)
    banner = open(path).readline().strip()
    if sp.issparse(back):
        c = back.tocsr(); c.sort_indices()
        res[name] = {"banner": banner, "sparse": True, "shape": list(c.shape), "indptr": c.indptr.astype('<i4').tobytes().hex(), "indices": c.indices.astype('<i4').tobytes().hex(), "data": c.data.astype('<f8').tobytes().hex()}
    else:
        res[name] = {"banner": banner, "sparse": False, "shape": list(back.shape), "data": np.ascontiguousarray(back).astype('<f8').tobytes().hex()}
with open(os.path.join(DIR, "general.mtx"), "rb") as f, gzip.open(os.path.join(DIR, "general.mtx.gz"), "wb") as g: shutil.copyfileobj(f, g)
out["res"] = res
`,
      { DIR: dir },
    );
    const banners = Object.values(out.res as Record<string, { banner: string }>).map((r) => r.banner.split(/\s+/).slice(2).join(" "));
    for (const b of ["coordinate real general", "coordinate real symmetric", "coordinate real skew-symmetric", "coordinate integer general", "coordinate pattern general", "array real general", "array real symmetric", "array real skew-symmetric"]) {
      assert.ok(banners.includes(b), `scipy wrote a "${b}" file`);
    }
    for (const [name, r] of Object.entries(out.res as Record<string, { sparse: boolean; shape: number[]; indptr: string; indices: string; data: string }>)) {
      const A = io.readMatrixMarket(join(dir, `${name}.mtx`));
      assert.deepEqual(A.shape, r.shape, name);
      if (r.sparse) {
        assert.ok(A instanceof CsrMatrix, name);
        assert.equal(hexOf(A.indptr), r.indptr, `${name} indptr`);
        assert.equal(hexOf(A.indices), r.indices, `${name} indices`);
        assert.equal(hexOf(A.values), r.data, `${name} values`);
      } else {
        assert.ok(A instanceof Matrix, name);
        assert.equal(hexOf(A.data), r.data, `${name} data`);
      }
    }
    const gz = io.read(join(dir, "general.mtx.gz")) as CsrMatrix;
    assert.equal(hexOf(gz.values), out.res.general.data);
    assert.equal(hexOf((io.readMatrixMarket(join(dir, "general.mtx.gz")) as CsrMatrix).indices), out.res.general.indices);
  });

  it("writeMatrixMarket(path, A) is read by scipy.io.mmread bit-exact (coordinate, array, symmetric, skew, integer, pattern, .gz)", () => {
    const vals = [0.1, -1 / 3, 1e-310, 1.7976931348623157e308, Math.PI * 1e20, -0, 42];
    const G = CsrMatrix.fromTriplets(5, 4, [0, 1, 2, 3, 4, 4, 0], [3, 0, 1, 2, 0, 3, 0], vals);
    const S = CsrMatrix.fromTriplets(3, 3, [0, 1, 2, 1, 2], [1, 0, 2, 2, 1], [2.5, 2.5, -7, 1 / 7, 1 / 7]);
    const K = CsrMatrix.fromTriplets(3, 3, [0, 1, 2, 1], [1, 0, 1, 2], [0.3, -0.3, 5, -5]);
    const D = Matrix.from([[1.5, -2], [1e-20, 3], [0, 7]]);
    const DS = Matrix.from([[1, 2, 3], [2, 4, 5], [3, 5, 6]]);
    const cases: [string, CsrMatrix | Matrix, Parameters<typeof io.writeMatrixMarket>[2]][] = [
      ["g.mtx", G, {}],
      ["g.mtx.gz", G, {}],
      ["s.mtx", S, { symmetry: "symmetric" }],
      ["k.mtx", K, { symmetry: "skew-symmetric" }],
      ["i.mtx", CsrMatrix.fromTriplets(2, 3, [0, 1], [2, 0], [-4, 9]), { field: "integer" }],
      ["p.mtx", CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 1], [1, 1]), { field: "pattern" }],
      ["d.mtx", D, {}],
      ["ds.mtx", DS, { symmetry: "symmetric" }],
      ["dc.mtx", D, { format: "coordinate" }],
    ];
    for (const [f, A, o] of cases) io.writeMatrixMarket(join(dir, f), A, o);
    const out = runPython(
      `
import scipy.io, scipy.sparse as sp
res = {}
for f in FILES.split(","):
    back = scipy.io.mmread(os.path.join(DIR, f))
    if sp.issparse(back):
        c = back.tocsr(); c.sort_indices()
        res[f] = {"dtype": c.dtype.str, "shape": list(c.shape), "indptr": c.indptr.astype('<i4').tobytes().hex(), "indices": c.indices.astype('<i4').tobytes().hex(), "data": c.data.astype('<f8').tobytes().hex()}
    else:
        res[f] = {"dtype": back.dtype.str, "shape": list(back.shape), "data": np.ascontiguousarray(back).astype('<f8').tobytes().hex()}
out["res"] = res
`,
      { DIR: dir, FILES: cases.map((c) => c[0]).join(",") },
    );
    for (const [f, A] of cases) {
      const r = out.res[f];
      assert.deepEqual(r.shape, A.shape, f);
      if (A instanceof CsrMatrix) {
        assert.equal(r.indptr, hexOf(A.indptr), `${f} indptr`);
        assert.equal(r.indices, hexOf(A.indices), `${f} indices`);
        assert.equal(r.data, hexOf(A.values), `${f} values`);
      } else if (f === "dc.mtx") {
        assert.equal(r.data, hexOf(CsrMatrix.fromDense(A).values), f);
      } else assert.equal(r.data, hexOf(A.data), f);
    }
    assert.equal(out.res["i.mtx"].dtype, "<i8");
    assert.equal(out.res["g.mtx"].dtype, "<f8");
  });

  it("readMatrixMarket sums duplicate entries and keeps explicit zeros, as scipy's coo → csr does", () => {
    const text = "%%MatrixMarket matrix coordinate real general\n% a comment\n\n2 3 4\n1 3 1.5\n2 1 0\n1 3 2.25\n1 1 -1e-3\n";
    const A = io.readMatrixMarket(new TextEncoder().encode(text)) as CsrMatrix;
    assert.deepEqual(Array.from(A.indptr), [0, 2, 3]);
    assert.deepEqual(Array.from(A.indices), [0, 2, 0]);
    assert.deepEqual(Array.from(A.values), [-1e-3, 3.75, 0]);
  });

  it("readMatrixMarket reads 60 000 random values printed with 15–17 digits and in every notation as Number() does, bit-exact", () => {
    // Number() is correctly rounded (ECMA-262 §7.1.4.1.1); so is Python's float(), the peer of the test below.
    let s = 12345;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const tokens: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30);
      tokens.push(v.toPrecision(16), v.toExponential(16), v.toFixed(Math.min(20, Math.max(0, 15 - Math.floor(Math.log10(Math.abs(v) || 1))))));
    }
    const body = tokens.map((t, k) => `${k + 1} 1 ${t}`).join("\n");
    const A = io.readMatrixMarket(new TextEncoder().encode(`%%MatrixMarket matrix coordinate real general\n${tokens.length} 1 ${tokens.length}\n${body}\n`)) as CsrMatrix;
    assert.equal(A.nnz, tokens.length);
    assert.equal(hexOf(A.values), hexOf(Float64Array.from(tokens, Number)));
  });

  it("readMatrixMarket parses numbers as Python's float() does (fast path and long mantissas)", () => {
    const tokens = ["0.1", "1e-5", "123456789012345678901", "-2.5E+3", "4.9406564584124654e-324", "1.7976931348623157e308", "nan", "-inf", "+3.", ".5", "1D3", "0.30000000000000004"];
    const body = tokens.map((t, k) => `${k + 1} 1 ${t}`).join("\n");
    const A = io.readMatrixMarket(new TextEncoder().encode(`%%MatrixMarket matrix coordinate real general\n${tokens.length} 1 ${tokens.length}\n${body}\n`)) as CsrMatrix;
    const out = runPython(`out["hex"] = np.array([float(t.replace('D', 'e')) for t in TOKENS.split(",")]).astype('<f8').tobytes().hex()`, { TOKENS: tokens.join(",") });
    assert.equal(hexOf(A.values), out.hex);
  });
});
