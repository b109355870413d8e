import { strict as assert } from "assert";
import { Rng } from "@eigenlab/core";
import { decodeArray, encodeArray } from "../src";

describe("viz codec", () => {
  it("encodeArray/decodeArray round-trip float64 bit-exactly, including ±0, subnormals, ±Infinity and NaN", () => {
    const rng = new Rng(7);
    const x = new Float64Array(1001);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal() * 10 ** rng.int(20);
    x.set([0, -0, 5e-324, Infinity, -Infinity, NaN, Number.MAX_VALUE], 0);
    const e = encodeArray(x, "float64");
    assert.deepEqual(e.shape, [1001]);
    const y = decodeArray(e) as Float64Array;
    assert.ok(y instanceof Float64Array);
    assert.deepEqual(new Uint8Array(y.buffer, y.byteOffset, y.byteLength), new Uint8Array(x.buffer));
  });

  it("encodeArray(x, 'float32', [n, 2]) equals Math.fround of every entry after decoding", () => {
    const rng = new Rng(3);
    const x = Float64Array.from({ length: 2 * 333 }, () => rng.normal());
    const y = decodeArray(encodeArray(x, "float32", [333, 2]));
    assert.ok(y instanceof Float32Array);
    for (let i = 0; i < x.length; i++) assert.equal(y[i], Math.fround(x[i]));
  });

  it("encodeArray(int32) round-trips negative and extreme integers", () => {
    const x = Int32Array.from([0, -1, 2147483647, -2147483648, 42]);
    assert.deepEqual(decodeArray(encodeArray(x, "int32")), x);
  });

  it("encoding is base64 of little-endian bytes (1.0 as float32 is 00 00 80 3f)", () => {
    assert.equal(encodeArray([1], "float32").b64, Buffer.from([0, 0, 0x80, 0x3f]).toString("base64"));
  });

  it("decodeArray rejects a byte length that contradicts the shape, saying what to do", () => {
    const e = encodeArray([1, 2, 3], "float64");
    assert.throws(() => decodeArray({ ...e, shape: [4] }), /does not match its shape.*display the result again/);
    assert.throws(() => encodeArray([1, 2, 3], "float64", [2, 2]), /product of the shape must equal the length/);
  });
});
