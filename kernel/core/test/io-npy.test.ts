/**
 * .npy / .npz against numpy in the same run: files numpy writes (np.save, np.savez, np.savez_compressed, every
 * real dtype, both byte orders, Fortran order, format versions 1.0–3.0) are read bit-exact, and files we write
 * are read back by np.load bit-exact (values, shapes, dtypes); our .npy bytes equal np.save's.
 */
import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { io, Matrix } from "../src";
import type { NdArray, TypedArray } from "../src/io";
import { runPython } from "../../../test/util/peer";

function hexOf(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
}

/** Our value as little-endian bytes in the representation readNpy promises. */
function bytesOfValue(v: unknown): string {
  if (v instanceof Matrix) return hexOf(v.data);
  if (ArrayBuffer.isView(v)) return hexOf(v);
  if (typeof v === "number") return hexOf(new Float64Array([v]));
  if (v && typeof v === "object" && "data" in v) return hexOf((v as NdArray).data as TypedArray);
  throw new Error(`unexpected value ${String(v)}`);
}

describe("io .npy / .npz with numpy as the peer", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "eigenlab-io-npy-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Each dtype numpy writes, and the form readNpy returns it in (the peer converts to that form for comparison).
  const ONE_D: [string, string, string][] = [
    // [stored dtype, target dtype of our typed array, our class]
    ["<f8", "<f8", "Float64Array"], [">f8", "<f8", "Float64Array"],
    ["<f4", "<f4", "Float32Array"], [">f4", "<f4", "Float32Array"],
    ["<f2", "<f4", "Float32Array"], [">f2", "<f4", "Float32Array"],
    ["|i1", "|i1", "Int8Array"], ["<i2", "<i2", "Int16Array"], [">i2", "<i2", "Int16Array"],
    ["<i4", "<i4", "Int32Array"], [">i4", "<i4", "Int32Array"], ["<i8", "<f8", "Float64Array"], [">i8", "<f8", "Float64Array"],
    ["|u1", "|u1", "Uint8Array"], ["<u2", "<u2", "Uint16Array"], [">u2", "<u2", "Uint16Array"],
    ["<u4", "<u4", "Uint32Array"], [">u4", "<u4", "Uint32Array"], ["<u8", "<f8", "Float64Array"], [">u8", "<f8", "Float64Array"],
    ["|b1", "|u1", "Uint8Array"],
  ];

  it("readNpy(np.save(a)) is bit-exact for every real 1-d dtype in both byte orders", () => {
    const out = runPython(
      `
rng = np.random.default_rng(7)
res = {}
for i, (dt, target) in enumerate(json.loads(CASES)):
    d = np.dtype(dt)
    if d.kind == 'f':
        a = np.concatenate([rng.standard_normal(9) * 1e3, [np.nan, np.inf, -np.inf, -0.0, np.finfo(d).tiny, np.finfo(d).max, np.finfo(d).eps]]).astype(d)
    elif d.kind == 'b':
        a = rng.integers(0, 2, 11).astype(bool)
    else:
        info = np.iinfo(d)
        lo = max(info.min, -2**53); hi = min(info.max, 2**53)
        a = np.concatenate([[lo, hi, 0, 1], rng.integers(max(lo, -10**6), min(hi, 10**6), 8, endpoint=True)]).astype(d)
    path = os.path.join(DIR, f"a{i}.npy")
    np.save(path, a)
    res[path] = a.astype(np.dtype(target)).tobytes().hex()
out["res"] = res
`,
      { DIR: dir, CASES: JSON.stringify(ONE_D.map(([d, t]) => [d, t])) },
    );
    assert.equal(Object.keys(out.res).length, ONE_D.length);
    Object.entries(out.res as Record<string, string>).forEach(([path, hex], i) => {
      const v = io.readNpy(path);
      assert.equal((v as object).constructor.name, ONE_D[i][2], `${ONE_D[i][0]}`);
      assert.equal(bytesOfValue(v), hex, `${ONE_D[i][0]} bytes`);
    });
  });

  it("readNpy of 2-d arrays in C and Fortran order, both byte orders, gives the same row-major Matrix as numpy", () => {
    const out = runPython(
      `
rng = np.random.default_rng(3)
res = []
for i, dt in enumerate(['<f8', '>f8', '<f4', '>f2', '>i4', '<i8', '|u1', '|b1']):
    for order in 'CF':
        a = (rng.standard_normal((5, 3)) * 100).astype(dt) if np.dtype(dt).kind == 'f' else rng.integers(0, 2 if dt == '|b1' else 100, (5, 3)).astype(dt)
        a = np.asarray(a, order=order)
        path = os.path.join(DIR, f"m{i}{order}.npy")
        np.save(path, a)
        res.append([path, a.astype('<f8').tobytes().hex(), bool(np.isfortran(a))])
out["res"] = res
`,
      { DIR: dir },
    );
    assert.equal(out.res.length, 16);
    assert.ok(out.res.some((r: [string, string, boolean]) => r[2]), "some files are Fortran-ordered");
    for (const [path, hex] of out.res as [string, string][]) {
      const M = io.readNpy(path);
      assert.ok(M instanceof Matrix && M.rows === 5 && M.cols === 3, path);
      assert.equal(hexOf(M.data), hex, path);
    }
  });

  it("readNpy: 0-d, 3-d Fortran, unicode strings, format versions 2.0 and 3.0, and int64 as BigInt64Array", () => {
    const out = runPython(
      `
from numpy.lib import format as fmt
a3 = np.asfortranarray((np.arange(24).reshape(2, 3, 4) * 1.5).astype('>f8'))
np.save(os.path.join(DIR, "s0.npy"), np.float64(-2.25))
np.save(os.path.join(DIR, "t3.npy"), a3)
np.save(os.path.join(DIR, "u.npy"), np.array(["a", "héllo", "日本語", ""]))
with open(os.path.join(DIR, "v2.npy"), "wb") as f: fmt.write_array(f, np.arange(5, dtype='<i4'), version=(2, 0))
with open(os.path.join(DIR, "v3.npy"), "wb") as f: fmt.write_array(f, np.arange(3, dtype='<f8'), version=(3, 0))
np.save(os.path.join(DIR, "big.npy"), np.array([2**62, -2**63, 2**53 + 1], dtype='>i8'))
out["t3"] = np.ascontiguousarray(a3).astype('<f8').tobytes().hex()
`,
      { DIR: dir },
    );
    assert.equal(io.readNpy(join(dir, "s0.npy")), -2.25);
    const t3 = io.readNpy(join(dir, "t3.npy")) as NdArray;
    assert.deepEqual(t3.shape, [2, 3, 4]);
    assert.equal(t3.dtype, ">f8");
    assert.equal(hexOf(t3.data as Float64Array), out.t3);
    assert.deepEqual(io.readNpy(join(dir, "u.npy")), ["a", "héllo", "日本語", ""]);
    assert.deepEqual(Array.from(io.readNpy(join(dir, "v2.npy")) as Int32Array), [0, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(io.readNpy(join(dir, "v3.npy")) as Float64Array), [0, 1, 2]);
    const big = io.readNpy(join(dir, "big.npy"), { int64: "bigint" }) as BigInt64Array;
    assert.ok(big instanceof BigInt64Array);
    assert.deepEqual(Array.from(big), [2n ** 62n, -(2n ** 63n), 2n ** 53n + 1n]);
    // The same file read from its bytes instead of its path.
    assert.deepEqual(Array.from(io.readNpy(readFileSync(join(dir, "v2.npy"))) as Int32Array), [0, 1, 2, 3, 4]);
  });

  it("readNpz(np.savez(...)) and readNpz(np.savez_compressed(...)) are bit-exact", () => {
    const out = runPython(
      `
rng = np.random.default_rng(11)
arrs = {"x": rng.standard_normal(50), "M": np.asfortranarray(rng.standard_normal((6, 4)).astype('>f4')), "labels": rng.integers(0, 5, 50).astype('<i4'), "h": rng.standard_normal(7).astype('<f2')}
np.savez(os.path.join(DIR, "p.npz"), **arrs)
np.savez_compressed(os.path.join(DIR, "c.npz"), **arrs)
np.savez(os.path.join(DIR, "pos.npz"), np.arange(3.0))
out["x"] = arrs["x"].tobytes().hex(); out["M"] = arrs["M"].astype('<f8').tobytes().hex()
out["labels"] = arrs["labels"].tobytes().hex(); out["h"] = arrs["h"].astype('<f4').tobytes().hex()
`,
      { DIR: dir },
    );
    for (const f of ["p.npz", "c.npz"]) {
      const z = io.readNpz(join(dir, f));
      assert.deepEqual(Object.keys(z).sort(), ["M", "h", "labels", "x"]);
      for (const k of ["x", "M", "labels", "h"]) assert.equal(bytesOfValue(z[k]), out[k], `${f}:${k}`);
      assert.ok(z.labels instanceof Int32Array);
    }
    const zr = io.read(join(dir, "c.npz")) as Record<string, unknown>;
    assert.equal(bytesOfValue(zr.x), out.x);
    assert.deepEqual(Array.from(io.readNpz(join(dir, "pos.npz")).arr_0 as Float64Array), [0, 1, 2]);
  });

  it("writeNpy(path, value) is read by np.load bit-exact, and its bytes equal np.save's", () => {
    const values: Record<string, Parameters<typeof io.writeNpy>[1]> = {
      m: Matrix.fromFlat(3, 4, Array.from({ length: 12 }, (_, k) => Math.sin(k) * 1e5)),
      f8: Float64Array.from([0.1, -0, NaN, Infinity, 5e-324]),
      f4: Float32Array.from([0.5, -1.25, 3.4e38]),
      i1: Int8Array.from([-128, 0, 127]),
      u1: Uint8Array.from([0, 255]),
      i2: Int16Array.from([-32768, 7]),
      u2: Uint16Array.from([65535]),
      i4: Int32Array.from([-(2 ** 31), 2 ** 31 - 1]),
      u4: Uint32Array.from([2 ** 32 - 1]),
      i8: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]),
      u8: BigUint64Array.from([2n ** 64n - 1n]),
      s0: 3.75,
      str: "héllo ☃",
      strs: ["a", "bb", ""],
      empty: new Float64Array(0),
      nd: { dtype: "<i4", shape: [2, 2, 2], data: Int32Array.from({ length: 8 }, (_, k) => k) },
    };
    const expected: Record<string, { hex: string }> = {};
    for (const [name, v] of Object.entries(values)) {
      io.writeNpy(join(dir, `w-${name}.npy`), v);
      if (typeof v !== "string" && !Array.isArray(v)) expected[name] = { hex: bytesOfValue(v) };
    }
    const out = runPython(
      `
res = {}
for name in NAMES.split(","):
    p = os.path.join(DIR, f"w-{name}.npy")
    a = np.load(p)
    b = p + ".numpy.npy"
    np.save(b, a)
    same = open(p, "rb").read() == open(b, "rb").read()
    res[name] = {"dtype": a.dtype.str, "shape": list(a.shape), "hex": a.tobytes().hex() if a.dtype.kind != 'U' else None, "str": a.tolist() if a.dtype.kind == 'U' else None, "same": same}
out["res"] = res
`,
      { DIR: dir, NAMES: Object.keys(values).join(",") },
    );
    const dtypes: Record<string, string> = {
      m: "<f8", f8: "<f8", f4: "<f4", i1: "|i1", u1: "|u1", i2: "<i2", u2: "<u2", i4: "<i4", u4: "<u4", i8: "<i8", u8: "<u8",
      s0: "<f8", str: "<U7", strs: "<U2", empty: "<f8", nd: "<i4",
    };
    for (const name of Object.keys(values)) {
      const r = out.res[name];
      assert.equal(r.dtype, dtypes[name], name);
      assert.ok(r.same, `${name}: our .npy bytes equal np.save's`);
      if (expected[name]) assert.equal(r.hex, expected[name].hex, name);
    }
    assert.deepEqual(out.res.m.shape, [3, 4]);
    assert.deepEqual(out.res.s0.shape, []);
    assert.deepEqual(out.res.nd.shape, [2, 2, 2]);
    assert.equal(out.res.str.str, "héllo ☃");
    assert.deepEqual(out.res.strs.str, ["a", "bb", ""]);
  });

  it("writeNpz(path, arrays, { compressed }) is read by np.load bit-exact", () => {
    const arrays = { x: Float64Array.from([1.5, -2, 1e-300]), M: Matrix.from([[1, 2], [3, 4], [5, 6]]), lab: Int32Array.from([2, 0, 1]) };
    io.writeNpz(join(dir, "ws.npz"), arrays);
    io.writeNpz(join(dir, "wc.npz"), arrays, { compressed: true });
    const out = runPython(
      `
import zipfile
res = {}
for f in ["ws.npz", "wc.npz"]:
    z = np.load(os.path.join(DIR, f))
    res[f] = {k: [z[k].dtype.str, list(z[k].shape), z[k].tobytes().hex()] for k in z.files}
    res[f]["_methods"] = sorted({i.compress_type for i in zipfile.ZipFile(os.path.join(DIR, f)).infolist()})
out["res"] = res
`,
      { DIR: dir },
    );
    for (const f of ["ws.npz", "wc.npz"]) {
      const r = out.res[f];
      assert.deepEqual(r.x, ["<f8", [3], hexOf(arrays.x)]);
      assert.deepEqual(r.M, ["<f8", [3, 2], hexOf(arrays.M.data)]);
      assert.deepEqual(r.lab, ["<i4", [3], hexOf(arrays.lab)]);
      assert.deepEqual(r._methods, f === "wc.npz" ? [8] : [0]);
    }
    assert.ok(readFileSync(join(dir, "wc.npz")).length < readFileSync(join(dir, "ws.npz")).length + 200);
  });

  it("encodeNpz / readNpz round-trip every writable dtype exactly, and the same arrays give the same bytes", () => {
    const arrays = {
      a: Float32Array.from([1, 2]),
      b: BigInt64Array.from([5n]),
      c: "text",
      d: Matrix.eye(3),
    };
    const bytes = io.encodeNpz(arrays, { compressed: true });
    assert.deepEqual(Buffer.from(io.encodeNpz(arrays, { compressed: true })), Buffer.from(bytes));
    const z = io.readNpz(bytes, { int64: "bigint" });
    assert.deepEqual(Array.from(z.a as Float32Array), [1, 2]);
    assert.deepEqual(Array.from(z.b as BigInt64Array), [5n]);
    assert.equal(z.c, "text");
    assert.deepEqual((z.d as Matrix).toArray(), Matrix.eye(3).toArray());
  });
});
