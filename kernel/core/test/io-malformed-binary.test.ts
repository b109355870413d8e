/**
 * The malformed-file battery for the binary formats (.npy, .npz, safetensors, Matrix Market) and for paths:
 * every bad input is an EigenlabError with a stable code whose message names the file (or "<bytes>"), says
 * where (byte offset or line) and what to do; headers that claim absurd sizes are rejected before allocating.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { gzipSync } from "fflate";
import { CsrMatrix, EigenlabError, io, Matrix } from "../src";
import { npyHeader } from "../src/io/npy";
import { encodeZipParts } from "../src/io/npz";

interface Case {
  title: string;
  /** Bytes of the bad file (written to a temporary path) or a function that triggers the error. */
  bytes?: () => Uint8Array;
  ext?: string;
  /** How to read it (default io.read on the path). */
  read?: (path: string) => unknown;
  run?: (dir: string) => unknown;
  code: string;
  /** Every one must appear in the message (the file name is checked for path cases automatically). */
  says: (string | RegExp)[];
}

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const npyOf = (descr: string, shape: number[], dataBytes: number) => cat(npyHeader(descr, shape), new Uint8Array(dataBytes));
/** A .npy with this header text (format 1.0), then `dataBytes` zero bytes. */
const rawNpy = (text: string, dataBytes = 0) => cat(Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]), Uint8Array.from([1, 0, text.length & 0xff, text.length >> 8]), enc(text), new Uint8Array(dataBytes));
const goodNpy = () => io.encodeNpy(Float64Array.from([1, 2, 3, 4]));
const mtx = (body: string) => () => enc(body);
function patch(bytes: Uint8Array, at: number, values: number[]): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set(values, at < 0 ? out.length + at : at);
  return out;
}
/** Offset of the first central-directory entry of a one-member zip made by our writer. */
function cdOffset(z: Uint8Array): number {
  return new DataView(z.buffer, z.byteOffset).getUint32(z.length - 6, true);
}
function safetensors(header: object, dataBytes = 0): Uint8Array {
  const json = enc(JSON.stringify(header));
  const head = new Uint8Array(8);
  new DataView(head.buffer).setBigUint64(0, BigInt(json.length), true);
  return cat(head, json, new Uint8Array(dataBytes));
}

const CASES: Case[] = [
  // --- .npy ---
  { title: "an empty .npy", bytes: () => new Uint8Array(0), ext: ".npy", code: "io-magic", says: ["empty", "byte 0"] },
  { title: "a PNG renamed .npy (wrong magic)", bytes: () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), ext: ".npy", code: "io-magic", says: ["\\x93NUMPY", "PNG", "Check the file name"] },
  { title: ".npy cut inside the preamble", bytes: () => goodNpy().subarray(0, 9), ext: ".npy", code: "io-truncated", says: ["byte", "truncated"] },
  { title: ".npy cut inside the header", bytes: () => goodNpy().subarray(0, 40), ext: ".npy", code: "io-truncated", says: ["byte 10", "truncated"] },
  { title: ".npy cut inside the data", bytes: () => goodNpy().subarray(0, 128 + 20), ext: ".npy", code: "io-too-large", says: ["byte 128", "(4) × 8-byte <f8 = 32", "20 bytes follow", "nothing was allocated"] },
  { title: ".npy header claiming 10^12 entries", bytes: () => npyOf("<f8", [1000000, 1000000], 16), ext: ".npy", code: "io-too-large", says: ["(1000000, 1000000)", "8000000000000", "nothing was allocated"] },
  { title: ".npy of complex128", bytes: () => npyOf("<c16", [2], 32), ext: ".npy", code: "io-dtype", says: ["<c16", "complex128", "a.real.astype"] },
  { title: ".npy of Python objects", bytes: () => npyOf("|O", [2], 16), ext: ".npy", code: "io-dtype", says: ["|O", "object"] },
  { title: ".npy of a structured dtype", bytes: () => rawNpy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }\n", 8), ext: ".npy", code: "io-dtype", says: ["structured", "byte 10"] },
  { title: ".npy of datetime64", bytes: () => npyOf("<M8[ns]", [1], 8), ext: ".npy", code: "io-dtype", says: ["<M8[ns]"] },
  { title: ".npy of float128 (longdouble)", bytes: () => npyOf("<f16", [1], 16), ext: ".npy", code: "io-dtype", says: ["<f16", "extended precision"] },
  { title: ".npy format version 9", bytes: () => patch(goodNpy(), 6, [9]), ext: ".npy", code: "io-header", says: ["version 9.0", "byte 6"] },
  { title: ".npy header without 'shape'", bytes: () => rawNpy("{'descr': '<f8', 'fortran_order': False}\n"), ext: ".npy", code: "io-header", says: ["'shape' is missing"] },
  { title: ".npy header that is not a Python literal", bytes: () => rawNpy("{'descr': <f8  \n"), ext: ".npy", code: "io-header", says: ["cannot read", "byte 10"] },
  { title: ".npy with a negative dimension", bytes: () => rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}\n"), ext: ".npy", code: "io-header", says: ["(-3,)", "non-negative"] },
  { title: ".npy int64 beyond 2^53 read as numbers", bytes: () => io.encodeNpy(BigInt64Array.from([1n, 2n ** 60n])), ext: ".npy", code: "io-int64", says: ["entry 1", "1152921504606846976", 'int64: "bigint"'] },
  // --- .npz ---
  { title: ".npz cut before its central directory", bytes: () => io.encodeNpz({ a: goodNpy() as never }).subarray(0, 100), ext: ".npz", code: "io-truncated", says: ["end-of-central-directory", "truncated"] },
  { title: ".npz member failing its CRC-32", bytes: () => { const z = io.encodeNpz({ a: Float64Array.from([1, 2]) }); return patch(z, 30 + 5 + 130, [0x55]); }, ext: ".npz", code: "io-zip", says: ["a.npy", "CRC-32", "numpy.savez"] },
  { title: ".npz member claiming 10^12 bytes inflated", bytes: () => { const z = io.encodeNpz({ a: Float64Array.from([1, 2]) }, { compressed: true }); const o = cdOffset(z); const d = new DataView(z.buffer, z.byteOffset); const c = new Uint8Array(z); new DataView(c.buffer).setUint32(o + 24, 0xfffffff0, true); void d; return c; }, ext: ".npz", code: "io-too-large", says: ["member a.npy", "4294967280", "nothing was allocated"] },
  { title: ".npz member with compression method 12 (bzip2)", bytes: () => { const z = io.encodeNpz({ a: Float64Array.from([1]) }); return patch(z, cdOffset(z) + 10, [12, 0]); }, ext: ".npz", code: "io-zip-method", says: ["method 12", "a.npy"] },
  { title: ".npz whose member m.npy is not a .npy (checksum intact)", bytes: () => cat(...encodeZipParts([{ name: "m.npy", parts: [enc("not an array")] }])), ext: ".npz", read: (p) => io.readNpz(p), code: "io-magic", says: ["[m.npy]", "\\x93NUMPY", '"not an a'] },
  { title: "readNpz of bytes that are not a zip", bytes: () => goodNpy(), ext: ".bin", read: (p) => io.readNpz(p), code: "io-magic", says: ["PK\\x03\\x04", ".npz"] },
  { title: ".npz member of complex64", bytes: () => cat(...encodeZipParts([{ name: "c.npy", parts: [npyOf("<c8", [1], 8)] }], { compressed: true })), ext: ".npz", code: "io-dtype", says: ["[c.npy]", "complex64"] },
  // --- Matrix Market ---
  { title: ".mtx without the %%MatrixMarket banner", bytes: mtx("3 3 1\n1 1 1\n"), ext: ".mtx", code: "io-magic", says: ["%%MatrixMarket", '"3 3 1'] },
  { title: ".mtx of complex numbers", bytes: mtx("%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 2\n"), ext: ".mtx", code: "io-mtx-unsupported", says: ['field "complex"', "line 1", "A.real"] },
  { title: ".mtx hermitian", bytes: mtx("%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n"), ext: ".mtx", code: "io-mtx-unsupported", says: ['symmetry "hermitian"'] },
  { title: ".mtx with a row index beyond the size line", bytes: mtx("%%MatrixMarket matrix coordinate real general\n% c\n3 3 2\n1 1 1\n4 1 2\n"), ext: ".mtx", code: "io-mtx-index", says: ["line 5", "(4, 1)", "3×3", "1-based"] },
  { title: ".mtx with a 0 index (0-based by mistake)", bytes: mtx("%%MatrixMarket matrix coordinate real general\n3 3 1\n0 2 1\n"), ext: ".mtx", code: "io-mtx-index", says: ["line 3", "(0, 2)", "1-based"] },
  { title: ".mtx with fewer entries than declared", bytes: mtx("%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1\n2 2 2\n"), ext: ".mtx", code: "io-mtx-count", says: ["declares 3 entries", "has 2", "truncated"] },
  { title: ".mtx with more entries than declared", bytes: mtx("%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1\n2 2 2\n3 3 3\n"), ext: ".mtx", code: "io-mtx-count", says: ["line 4", "declares 1 entries", "has 3"] },
  { title: ".mtx with a non-numeric value", bytes: mtx("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 abc\n"), ext: ".mtx", code: "io-mtx-syntax", says: ["line 3", '"abc"'] },
  { title: ".mtx real entry missing its value", bytes: mtx("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2\n2 1 5\n"), ext: ".mtx", code: "io-mtx-syntax", says: ["line 3", "a value", "the line ends"] },
  { title: ".mtx size line claiming 10^12 entries", bytes: mtx("%%MatrixMarket matrix coordinate real general\n1000000 1000000 1000000000000\n1 1 1\n"), ext: ".mtx", code: "io-too-large", says: ["line 2", "1000000000000 entries", "nothing was allocated"] },
  { title: ".mtx array with too few values", bytes: mtx("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n"), ext: ".mtx", code: "io-mtx-count", says: ["declares 4 entries", "has 3"] },
  { title: ".mtx symmetric but not square", bytes: mtx("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n"), ext: ".mtx", code: "io-mtx-syntax", says: ["line 2", "must be square", "2×3"] },
  { title: ".mtx.gz cut short", bytes: () => gzipSync(enc("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1\n")).subarray(0, 30), ext: ".mtx.gz", code: "io-truncated", says: ["gzip", "truncated"] },
  { title: ".mtx.gz whose trailer claims 4 GiB", bytes: () => patch(gzipSync(enc("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1\n")), -4, [0xff, 0xff, 0xff, 0xf0]), ext: ".mtx.gz", code: "io-too-large", says: ["gzip stream", "nothing was allocated"] },
  // --- safetensors ---
  { title: "safetensors shorter than its size field", bytes: () => Uint8Array.from([1, 2, 3]), ext: ".safetensors", code: "io-truncated", says: ["8-byte header size", "byte 0"] },
  { title: "safetensors whose header size exceeds the file", bytes: () => patch(safetensors({}), 0, [0xff, 0xff, 0, 0]), ext: ".safetensors", code: "io-too-large", says: ["JSON header", "65535"] },
  { title: "safetensors with a garbage JSON header", bytes: () => { const b = safetensors({ a: 1 }); b[9] = 0x7d; return b; }, ext: ".safetensors", code: "io-header", says: ["does not parse", "byte 8"] },
  { title: "safetensors with float8 (F8_E4M3)", bytes: () => safetensors({ w: { dtype: "F8_E4M3", shape: [2], data_offsets: [0, 2] } }, 2), ext: ".safetensors", code: "io-dtype", says: ["F8_E4M3", '"w"'] },
  { title: "safetensors tensor claiming 10^12 entries", bytes: () => safetensors({ w: { dtype: "F32", shape: [1000000, 1000000], data_offsets: [0, 4e12] } }, 8), ext: ".safetensors", code: "io-too-large", says: ['tensor "w"', "4000000000000", "nothing was allocated"] },
  { title: "safetensors offsets that disagree with the shape", bytes: () => safetensors({ w: { dtype: "F64", shape: [2, 2], data_offsets: [0, 16] } }, 32), ext: ".safetensors", code: "io-header", says: ['"w"', "needs 32 bytes", "span 16"] },
  // --- paths and dispatch ---
  { title: "a path that does not exist", run: (dir) => io.read(join(dir, "nope.npy")), code: "io-not-found", says: ["nope.npy", "does not exist", "Check the path"] },
  { title: "a path that is a directory", run: (dir) => io.readNpy(dir), code: "io-is-directory", says: ["is a directory"] },
  { title: "a .mtx path that is a directory", run: (dir) => io.readMatrixMarket(dir), code: "io-is-directory", says: ["is a directory"] },
  { title: "writing into a folder that does not exist", run: (dir) => io.write(join(dir, "no", "such", "x.npy"), 1), code: "io-not-found", says: ["does not exist", "Nothing was replaced"] },
  { title: "writing over a directory", run: (dir) => { fs.mkdirSync(join(dir, "d.npy"), { recursive: true }); return io.write(join(dir, "d.npy"), 1); }, code: "io-is-directory", says: ["d.npy", "is a directory"] },
  { title: "bytes of no known format", run: () => io.read(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), code: "io-format", says: ["<bytes>", "Known formats", "npy", "mtx"] },
  { title: "writing to an unknown extension", run: (dir) => io.write(join(dir, "x.xyz"), Matrix.eye(2)), code: "io-format", says: ["x.xyz", "npz"] },
  { title: "writing a CsrMatrix to .npy", run: (dir) => io.write(join(dir, "csr.npy"), CsrMatrix.identity(2)), code: "io-write-type", says: ["CsrMatrix", ".npy"] },
  { title: "an unknown read option", run: () => io.readNpy(goodNpy(), { fortran: true } as never), code: "unknown-option", says: ["fortran", "int64"] },
  { title: "a truncated .npy given as bytes names <bytes>", run: () => io.readNpy(goodNpy().subarray(0, 130)), code: "io-too-large", says: ["<bytes>", "byte 128"] },
];

describe("io malformed binary files: a clear EigenlabError, never a hang, nothing allocated", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), "eigenlab-io-bad-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`the battery has at least 25 cases (${CASES.length})`, () => assert.ok(CASES.length >= 25));

  CASES.forEach((c, k) => {
    it(`${c.title} → ${c.code}`, () => {
      let path = "";
      let run: () => unknown;
      if (c.bytes) {
        path = join(dir, `case${k}${c.ext ?? ""}`);
        fs.writeFileSync(path, c.bytes());
        run = () => (c.read ?? ((p: string) => io.read(p)))(path);
      } else run = () => c.run!(dir);
      const before = process.memoryUsage().arrayBuffers;
      assert.throws(run, (e: unknown) => {
        if (!(e instanceof EigenlabError)) throw e;
        assert.equal(e.code, c.code, e.message);
        if (path) assert.ok(e.message.includes(path), `names the file: ${e.message}`);
        for (const s of c.says) {
          assert.ok(typeof s === "string" ? e.message.includes(s) : s.test(e.message), `says ${String(s)}: ${e.message}`);
        }
        return true;
      });
      // A header claiming 10^12 entries must be refused before the output exists.
      assert.ok(process.memoryUsage().arrayBuffers - before < 64 << 20, "no large allocation");
    });
  });

  it("a permission error reading or writing is io-permission naming the file", () => {
    const path = join(dir, "secret.npy");
    io.writeNpy(path, 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable CommonJS fs object node-fs.ts calls through (an ES namespace import is frozen)
    const mod = require("fs") as typeof fs;
    const denied = () => {
      throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    };
    // As root chmod does not deny reads, so the file system's answer is simulated at the call node-fs makes.
    for (const [name, act] of [["readFileSync", () => io.readMatrixMarket(path)], ["openSync", () => io.write(path, 2)]] as const) {
      const orig = mod[name];
      (mod as unknown as Record<string, unknown>)[name] = denied;
      try {
        assert.throws(act, (e: unknown) => e instanceof EigenlabError && e.code === "io-permission" && e.message.includes(path) && /permission denied/.test(e.message));
      } finally {
        (mod as unknown as Record<string, unknown>)[name] = orig;
      }
    }
    assert.equal(io.readNpy(path), 1);
  });
});
