/**
 * safetensors against Python in the same run. Debian has no `safetensors` package, so the peer writes and
 * reads the format from its spec (https://github.com/huggingface/safetensors#format) with struct + json +
 * numpy, as the reference implementation lays it out: u64 LE header size, JSON header padded with spaces to
 * 8 bytes, little-endian C-order tensors.
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { io, Matrix, rmt } from "../src";
import type { NdArray } from "../src/io";
import { runPython } from "../../../test/util/peer";

const hexOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

const PY_WRITE = `
import struct
def st_save(path, tensors, metadata=None):
    header = {}
    if metadata: header["__metadata__"] = metadata
    off = 0; blobs = []
    for name, (dt, a) in tensors.items():
        b = np.ascontiguousarray(a).tobytes()
        header[name] = {"dtype": dt, "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        off += len(b); blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h)
        for b in blobs: f.write(b)
def st_load(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    base = 8 + n
    np_dt = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1", "U16": "<u2", "U32": "<u4", "U64": "<u8", "BOOL": "?"}
    out = {}
    for name, t in header.items():
        if name == "__metadata__": continue
        s, e = t["data_offsets"]
        out[name] = (t["dtype"], np.frombuffer(data[base + s:base + e], dtype=np_dt[t["dtype"]]).reshape(t["shape"]))
    return header.get("__metadata__"), out
`;

describe("io safetensors with a spec-following Python peer", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "eigenlab-io-st-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("readSafetensors reads F64, F32, F16, BF16 and integer tensors bit-exact (Matrix for 2-d, typed arrays for 1-d)", () => {
    const path = join(dir, "model.safetensors");
    const out = runPython(
      PY_WRITE +
        `
rng = np.random.default_rng(0)
W = rng.standard_normal((16, 8))
f32 = rng.standard_normal((6, 5)).astype('<f4')
f16 = rng.standard_normal((4, 3)).astype('<f2')
bf_src = rng.standard_normal((3, 7)).astype('<f4')
bf = (bf_src.view('<u4') >> 16).astype('<u2')          # bfloat16 = the top 16 bits of a float32
bf_as_f32 = (bf.astype('<u4') << 16).view('<f4')
tensors = {
  "layer.0.weight": ("F64", W), "layer.1.weight": ("F32", f32), "half": ("F16", f16), "bf": ("BF16", bf),
  "bias": ("F32", rng.standard_normal(5).astype('<f4')), "steps": ("I64", np.array([0, -5, 2**53], dtype='<i8')),
  "ids": ("I32", np.array([1, -2, 3], dtype='<i4')), "mask": ("BOOL", np.array([True, False, True])),
  "small": ("I8", np.array([-128, 127], dtype='i1')), "u16": ("U16", np.array([65535, 1], dtype='<u2')),
  "cube": ("F32", rng.standard_normal((2, 3, 4)).astype('<f4')), "scalar": ("F64", np.array(2.5)),
}
st_save(PATH, tensors, {"format": "pt"})
out["W"] = W.astype('<f8').tobytes().hex(); out["f32"] = f32.astype('<f8').tobytes().hex()
out["f16"] = f16.astype('<f8').tobytes().hex(); out["bf"] = bf_as_f32.astype('<f8').tobytes().hex()
out["bias"] = tensors["bias"][1].tobytes().hex(); out["cube"] = tensors["cube"][1].tobytes().hex()
`,
      { PATH: path },
    );
    const t = io.readSafetensors(path);
    const mat = (name: string) => {
      const v = t[name].value;
      assert.ok(v instanceof Matrix, name);
      return hexOf(v.data);
    };
    assert.equal(mat("layer.0.weight"), out.W);
    assert.equal(mat("layer.1.weight"), out.f32);
    assert.equal(mat("half"), out.f16);
    assert.equal(mat("bf"), out.bf);
    assert.deepEqual(t.bf.shape, [3, 7]);
    assert.equal(t.bf.dtype, "BF16");
    assert.ok(t.bias.value instanceof Float32Array);
    assert.equal(hexOf(t.bias.value), out.bias);
    assert.deepEqual(Array.from(t.steps.value as Float64Array), [0, -5, 2 ** 53]);
    assert.deepEqual(Array.from(t.ids.value as Int32Array), [1, -2, 3]);
    assert.deepEqual(Array.from(t.mask.value as Uint8Array), [1, 0, 1]);
    assert.deepEqual(Array.from(t.small.value as Int8Array), [-128, 127]);
    assert.deepEqual(Array.from(t.u16.value as Uint16Array), [65535, 1]);
    assert.equal(t.scalar.value, 2.5);
    assert.deepEqual((t.cube.value as NdArray).shape, [2, 3, 4]);
    assert.equal(hexOf((t.cube.value as NdArray).data as Float32Array), out.cube);
    assert.equal(io.readSafetensorsHeader(path).metadata.format, "pt");
    assert.deepEqual(Object.keys(io.readSafetensors(path, { names: ["bias"] })), ["bias"]);
    // An RMT fit runs on the real layer read from the file.
    const fit = rmt.fitMarchenkoPastur(t["layer.0.weight"].value as Matrix);
    assert.ok(fit.sigma2 > 0.5 && fit.sigma2 < 2, `σ² of a standard normal layer ≈ 1, got ${fit.sigma2}`);
  });

  it("writeSafetensors(path, tensors) is read by the peer bit-exact (dtypes, shapes, metadata, 8-byte alignment)", () => {
    const path = join(dir, "ours.safetensors");
    const W = Matrix.random(5, 3, { seed: 1 });
    const tensors = {
      W,
      f32: Float32Array.from([1.5, -2.25]),
      i64: BigInt64Array.from([-(2n ** 63n), 7n]),
      u8: Uint8Array.from([0, 255, 3]),
      i16: Int16Array.from([-3]),
      nd: { dtype: "F32", shape: [2, 1, 2], data: Float32Array.from([1, 2, 3, 4]) },
    };
    io.writeSafetensors(path, tensors, { metadata: { source: "eigenlab" } });
    const out = runPython(
      PY_WRITE +
        `
meta, t = st_load(PATH)
n = struct.unpack("<Q", open(PATH, "rb").read(8))[0]
out["meta"] = meta; out["aligned"] = n % 8 == 0
out["t"] = {k: [dt, list(a.shape), a.tobytes().hex()] for k, (dt, a) in t.items()}
`,
      { PATH: path },
    );
    assert.deepEqual(out.meta, { source: "eigenlab" });
    assert.ok(out.aligned);
    assert.deepEqual(out.t.W, ["F64", [5, 3], hexOf(W.data)]);
    assert.deepEqual(out.t.f32, ["F32", [2], hexOf(tensors.f32)]);
    assert.deepEqual(out.t.i64, ["I64", [2], hexOf(tensors.i64)]);
    assert.deepEqual(out.t.u8, ["U8", [3], hexOf(tensors.u8)]);
    assert.deepEqual(out.t.i16, ["I16", [1], hexOf(tensors.i16)]);
    assert.deepEqual(out.t.nd, ["F32", [2, 1, 2], hexOf(tensors.nd.data)]);
    // And we read our own file back.
    const back = io.read(path, { int64: "bigint" }) as Record<string, { value: unknown }>;
    assert.deepEqual((back.W.value as Matrix).toArray(), W.toArray());
  });
});
