/**
 * NumPy `.npy` (format versions 1.0, 2.0 and 3.0): the byte-level decoder and encoder (browser-safe), and
 * `readNpy` / `writeNpy` on paths or bytes.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html (NEP 1,
 * https://numpy.org/neps/nep-0001-npy-format.html). Layout: the magic `\x93NUMPY`, a version (major, minor),
 * the header length (uint16 LE for 1.0, uint32 LE for 2.0/3.0), a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with spaces and a newline so the data
 * starts at a multiple of 64 bytes, then the raw array data.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { bytesInput } from "../validate/inputs";
import {
  asciiBytes,
  bfloat16ToNumber,
  concatBytes,
  describe,
  getFileSystem,
  halfToNumber,
  latin1,
  LITTLE_ENDIAN,
  showBytes,
  Source,
  sourceBytes,
  sourceName,
  startsWith,
  TypedArray,
  utf8,
} from "./bytes";

export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** An n-dimensional array as stored: the numpy dtype string (e.g. "<f8"), its shape, and its entries in C order. */
export interface NdArray {
  /** The numpy type string of the stored data with its byte order, e.g. "<f8", ">i4", "|b1", "<U5". */
  dtype: string;
  shape: number[];
  /** Entries in C (row-major) order, in this machine's byte order; strings for unicode ("U") arrays. */
  data: TypedArray | string[];
}

/** What `readNpy` returns: a number or string (0-d), a typed array or strings (1-d), a Matrix (2-d), else an NdArray. */
export type NpyValue = number | bigint | string | string[] | TypedArray | Matrix | NdArray;

export interface ReadNpyOptions {
  /**
   * 64-bit integers (numpy's default int): "number" (default) gives a Float64Array (exact: an entry beyond
   * ±2^53 is an error); "bigint" gives a BigInt64Array / BigUint64Array for 1-d arrays.
   */
  int64?: "number" | "bigint";
  /** Return the NdArray (dtype, shape, data) whatever the dimension, instead of number / typed array / Matrix. */
  ndarray?: boolean;
}

/** The dtypes read: kind → item sizes. */
const SUPPORTED = "float16/32/64 (f2, f4, f8), int8–int64 (i1–i8), uint8–uint64 (u1–u8), bool (b1), unicode (U)";

interface Dtype {
  descr: string;
  /** "<" little, ">" big, "|" not applicable. */
  order: "<" | ">" | "|";
  kind: "f" | "i" | "u" | "b" | "U";
  size: number;
}

function parseDtype(file: string, offset: number, descr: unknown): Dtype {
  if (typeof descr !== "string") {
    // A list of (name, type) pairs: a structured (record) dtype.
    throw new EigenlabError("io-dtype", message.ioUnsupportedDtype(file, offset, `structured ${pyRepr(descr)}`, SUPPORTED));
  }
  const m = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  const bad = () => new EigenlabError("io-dtype", message.ioUnsupportedDtype(file, offset, `"${descr}"${dtypeName(descr)}`, SUPPORTED));
  if (!m) throw bad();
  const kind = m[2];
  const size = m[3] === "" ? (kind === "b" || kind === "?" ? 1 : NaN) : Number(m[3]);
  let order = (m[1] || "|") as Dtype["order"] | "=";
  if (order === "=") order = LITTLE_ENDIAN ? "<" : ">";
  const ok =
    (kind === "f" && (size === 2 || size === 4 || size === 8)) ||
    ((kind === "i" || kind === "u") && (size === 1 || size === 2 || size === 4 || size === 8)) ||
    (kind === "b" && size === 1) ||
    (kind === "U" && size >= 0);
  if (!ok) throw bad();
  return { descr, order, kind: kind as Dtype["kind"], size: kind === "U" ? size * 4 : size };
}

/** A readable name for the dtypes people meet, so the error says "complex128", not only "<c16". */
function dtypeName(descr: string): string {
  const m = /^[<>|=]?([a-zA-Z])(\d*)$/.exec(descr);
  if (!m) return "";
  const n = Number(m[2]);
  const names: Record<string, string> = {
    c: `complex${n * 8}`,
    O: "object (Python objects, pickled)",
    V: "void (raw or structured records)",
    S: "bytes (byte strings)",
    a: "bytes (byte strings)",
    M: "datetime64",
    m: "timedelta64",
    f: `float${n * 8} (extended precision)`,
    g: "longdouble",
  };
  return names[m[1]] ? ` (${names[m[1]]})` : "";
}

// --- the header: a Python literal (dict of str, bool, tuple of int) ---

function pyRepr(x: unknown): string {
  if (Array.isArray(x)) return `(${x.map(pyRepr).join(", ")}${x.length === 1 ? "," : ""})`;
  return JSON.stringify(x) ?? String(x);
}

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string, private readonly fail: (detail: string) => never) {}
  parseTop(): unknown {
    const v = this.value();
    this.ws();
    if (this.i < this.s.length) this.fail(`unexpected "${this.s.slice(this.i, this.i + 10)}" after the dict`);
    return v;
  }
  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.seq("{", "}", true);
    if (c === "(") return this.seq("(", ")", false);
    if (c === "[") return this.seq("[", "]", false);
    if (c === "'" || c === '"') return this.str();
    const m = /^(True|False|None|-?\d+L?)/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) this.fail(`cannot read "${this.s.slice(this.i, this.i + 16)}"`);
    this.i += m[0].length;
    if (m[0] === "True") return true;
    if (m[0] === "False") return false;
    if (m[0] === "None") return null;
    return Number(m[0].replace("L", ""));
  }
  private str(): string {
    const q = this.s[this.i++];
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === "\\") this.i++;
      out += this.s[this.i++];
    }
    if (this.i >= this.s.length) this.fail("unterminated string");
    this.i++;
    return out;
  }
  private seq(open: string, close: string, dict: boolean): unknown {
    this.i++;
    const items: unknown[] = [];
    const obj: Record<string, unknown> = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return dict ? obj : items;
      }
      if (this.i >= this.s.length) this.fail(`missing "${close}"`);
      const v = this.value();
      if (dict) {
        this.ws();
        if (this.s[this.i] !== ":") this.fail(`expected ":" after key ${pyRepr(v)}`);
        this.i++;
        obj[String(v)] = this.value();
      } else items.push(v);
      this.ws();
      if (this.s[this.i] === ",") this.i++;
      else if (this.s[this.i] !== close) this.fail(`expected "," or "${close}"`);
    }
  }
}

export interface NpyHeader {
  dtype: Dtype;
  fortranOrder: boolean;
  shape: number[];
  /** Number of entries (product of the shape). */
  count: number;
  /** Byte offset of the data. */
  dataOffset: number;
  /** Bytes of data the header promises. */
  dataBytes: number;
}

/**
 * Reads the header of a .npy file from its first bytes (`head` may be only a prefix of the file) and checks
 * it against `total`, the file's full length, BEFORE anything is allocated for the data.
 */
export function parseNpyHeader(file: string, head: Uint8Array, total: number): NpyHeader {
  if (!startsWith(head, NPY_MAGIC)) {
    throw new EigenlabError("io-magic", message.ioBadMagic(file, ".npy", '"\\x93NUMPY"', showBytes(head)));
  }
  if (head.length < 10) throw new EigenlabError("io-truncated", message.ioTruncated(file, 6, "the version and header length need bytes 6–9", head.length));
  const major = head[6];
  if (major < 1 || major > 3) {
    throw new EigenlabError("io-header", message.ioBadHeader(file, 6, ".npy", `format version ${major}.${head[7]}; numpy writes 1.0, 2.0 and 3.0`));
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (head.length < 8 + lenBytes) throw new EigenlabError("io-truncated", message.ioTruncated(file, 8, "the header length field is cut", head.length));
  const hlen = major === 1 ? head[8] | (head[9] << 8) : (head[8] | (head[9] << 8) | (head[10] << 16)) + head[11] * 2 ** 24;
  const start = 8 + lenBytes;
  if (start + hlen > head.length) {
    throw new EigenlabError("io-truncated", message.ioTruncated(file, start, `the header needs ${hlen} bytes`, Math.min(total, head.length)));
  }
  const text = major === 3 ? utf8.decode(head.subarray(start, start + hlen)) : latin1(head, start, start + hlen);
  const fail = (detail: string): never => {
    throw new EigenlabError("io-header", message.ioBadHeader(file, start, ".npy", detail));
  };
  const dict = new LiteralParser(text.trim(), fail).parseTop() as Record<string, unknown>;
  if (typeof dict !== "object" || dict === null || Array.isArray(dict)) fail("the header is not a dict");
  for (const key of ["descr", "fortran_order", "shape"]) if (!(key in dict)) fail(`the key '${key}' is missing`);
  const dtype = parseDtype(file, start, dict.descr);
  if (typeof dict.fortran_order !== "boolean") fail(`'fortran_order' is ${pyRepr(dict.fortran_order)}, not True or False`);
  const shape = dict.shape;
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) fail(`'shape' is ${pyRepr(shape)}, not a tuple of non-negative integers`);
  let count = 1;
  for (const d of shape as number[]) count *= d;
  const dataOffset = start + hlen;
  const dataBytes = count * dtype.size;
  const have = Math.max(0, total - dataOffset);
  if (dataBytes > have) {
    // A header that claims more entries than the file holds (a truncated file, or 10^12 entries): reject
    // it here, before the caller allocates the output.
    const shown = `(${(shape as number[]).join(", ")}) × ${dtype.size}-byte ${dtype.descr} = ${dataBytes}`;
    throw new EigenlabError("io-too-large", message.ioTooLarge(file, dataOffset, "an array", shown, have));
  }
  return { dtype, fortranOrder: dict.fortran_order as boolean, shape: shape as number[], count, dataOffset, dataBytes };
}

// --- decoding the data ---

let halfTable: Float32Array | undefined;
function halfLookup(): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToNumber(h);
  }
  return halfTable;
}

/** Reverses the bytes of each `size`-byte item in place. */
function swapInPlace(b: Uint8Array, size: number): void {
  for (let o = 0; o + size <= b.length; o += size) {
    for (let a = o, z = o + size - 1; a < z; a++, z--) {
      const t = b[a];
      b[a] = b[z];
      b[z] = t;
    }
  }
}

/**
 * The stored entries as a typed array of their own type, in this machine's byte order. `owned` says the bytes
 * may be reused (a view, no copy) when they are aligned and in native order; otherwise they are copied.
 */
export function decodeData(dtype: Dtype, bytes: Uint8Array, count: number, owned: boolean): TypedArray | string[] {
  const { kind, size } = dtype;
  const nbytes = count * size;
  const native = size === 1 || dtype.order === "|" || (dtype.order === "<") === LITTLE_ENDIAN;
  let b = bytes.subarray(0, nbytes);
  if (kind === "U") {
    const chars = size / 4;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const little = dtype.order !== ">";
    const out: string[] = new Array(count);
    for (let k = 0; k < count; k++) {
      let s = "";
      for (let c = 0; c < chars; c++) {
        const cp = dv.getUint32((k * chars + c) * 4, little);
        if (cp === 0) break; // numpy pads with NUL code points
        s += String.fromCodePoint(cp);
      }
      out[k] = s;
    }
    return out;
  }
  if (!native || !owned || b.byteOffset % size !== 0) {
    b = new Uint8Array(b); // a fresh, aligned copy we may swap (never Buffer#slice: that is a view)
    if (!native) swapInPlace(b, size);
  }
  const buf = b.buffer;
  const off = b.byteOffset;
  if (kind === "f") {
    if (size === 8) return new Float64Array(buf, off, count);
    if (size === 4) return new Float32Array(buf, off, count);
    // float16 → Float32Array: exact (every binary16 is a binary32), and JavaScript has no Float16Array in Node 20.
    const h = new Uint16Array(buf, off, count);
    const table = halfLookup();
    const out = new Float32Array(count);
    for (let k = 0; k < count; k++) out[k] = table[h[k]];
    return out;
  }
  if (kind === "b") return new Uint8Array(buf, off, count);
  const signed = kind === "i";
  switch (size) {
    case 1:
      return signed ? new Int8Array(buf, off, count) : new Uint8Array(buf, off, count);
    case 2:
      return signed ? new Int16Array(buf, off, count) : new Uint16Array(buf, off, count);
    case 4:
      return signed ? new Int32Array(buf, off, count) : new Uint32Array(buf, off, count);
    default:
      return signed ? new BigInt64Array(buf, off, count) : new BigUint64Array(buf, off, count);
  }
}

/** bfloat16 entries (safetensors BF16) → Float32Array, exact. */
export function decodeBfloat16(u16: Uint16Array): Float32Array {
  const out = new Float32Array(u16.length);
  for (let k = 0; k < u16.length; k++) out[k] = bfloat16ToNumber(u16[k]);
  return out;
}

/** 64-bit integers → Float64Array, exact; an entry beyond ±2^53 is an error naming it. */
export function int64ToFloat64(file: string, a: BigInt64Array | BigUint64Array): Float64Array {
  const n = a.length;
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  const signed = a instanceof BigInt64Array;
  const out = new Float64Array(n);
  const lo = LITTLE_ENDIAN ? 0 : 1;
  for (let k = 0; k < n; k++) {
    const l = words[2 * k + lo];
    const h = signed ? words[2 * k + 1 - lo] | 0 : words[2 * k + 1 - lo];
    // |h·2^32 + l| ≤ 2^53 (every such integer is a double) exactly when h ∈ [−2^21, 2^21), or h = 2^21 and l = 0.
    if ((h >= 0x200000 && !(h === 0x200000 && l === 0)) || h < -0x200000) throw new EigenlabError("io-int64", message.ioInt64Range(file, k, String(a[k])));
    out[k] = h * 4294967296 + l;
  }
  return out;
}

/** Any typed array → Float64Array (exact for every type read here; int64 checked). A Float64Array is returned as is. */
export function toFloat64(file: string, data: TypedArray): Float64Array {
  if (data instanceof Float64Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return int64ToFloat64(file, data);
  return Float64Array.from(data);
}

/** C order from Fortran order for an n-d array (a transpose of the index order). */
export function fortranToC<T extends TypedArray | string[]>(data: T, shape: number[]): T {
  const nd = shape.length;
  if (nd < 2) return data;
  const count = data.length;
  const out = (Array.isArray(data) ? new Array(count) : new (data.constructor as new (n: number) => TypedArray)(count)) as T;
  if (nd === 2) {
    const [r, c] = shape;
    const src = data as unknown as ArrayLike<unknown> & { [k: number]: unknown };
    const dst = out as unknown as { [k: number]: unknown };
    // Blocked transpose: column-major r×c → row-major.
    const B = 32;
    for (let ii = 0; ii < r; ii += B) {
      for (let jj = 0; jj < c; jj += B) {
        const iMax = Math.min(ii + B, r);
        const jMax = Math.min(jj + B, c);
        for (let j = jj; j < jMax; j++) for (let i = ii; i < iMax; i++) dst[i * c + j] = src[j * r + i];
      }
    }
    return out;
  }
  // Fortran strides: stride[0] = 1, stride[d] = stride[d-1]·shape[d-1]; walk C order with an odometer.
  const fStride = new Array<number>(nd);
  fStride[0] = 1;
  for (let d = 1; d < nd; d++) fStride[d] = fStride[d - 1] * shape[d - 1];
  const idx = new Array<number>(nd).fill(0);
  let f = 0;
  const src = data as unknown as { [k: number]: unknown };
  const dst = out as unknown as { [k: number]: unknown };
  for (let k = 0; k < count; k++) {
    dst[k] = src[f];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      f += fStride[d];
      if (idx[d] < shape[d]) break;
      f -= fStride[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Decodes a whole `.npy` file held in memory into its NdArray (numpy dtype string, shape, entries in C order
 * and this machine's byte order), without the conversions of `readNpy`. `owned`: the bytes belong to the
 * reader, so aligned native data may be viewed instead of copied.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 * @example
 * ```ts
 * const a = io.decodeNpy(io.encodeNpy(Matrix.from([[1, 2], [3, 4]])));
 * a.shape; // => [2, 2]
 * a.dtype; // => "<f8"
 * ```
 */
export function decodeNpy(bytes: Uint8Array, file = "<bytes>", owned = false): NdArray {
  bytes = bytesInput("io.decodeNpy", bytes);
  const header = parseNpyHeader(file, bytes, bytes.length);
  return ndarrayFrom(header, bytes.subarray(header.dataOffset), owned);
}

function ndarrayFrom(header: NpyHeader, data: Uint8Array, owned: boolean): NdArray {
  let values = decodeData(header.dtype, data, header.count, owned);
  if (header.fortranOrder) values = fortranToC(values, header.shape);
  return { dtype: header.dtype.descr, shape: header.shape, data: values };
}

/** The everyday value of an NdArray: number/string (0-d), typed array/strings (1-d), Matrix (2-d), else itself. */
export function npyValue(a: NdArray, file: string, opts: ReadNpyOptions = {}): NpyValue {
  if (opts.ndarray) return a;
  const { shape, data } = a;
  if (Array.isArray(data)) {
    if (shape.length === 0) return data[0];
    if (shape.length === 1) return data;
    return a;
  }
  const int64 = data instanceof BigInt64Array || data instanceof BigUint64Array;
  if (shape.length === 0) {
    if (int64 && opts.int64 === "bigint") return data[0] as bigint;
    return toFloat64(file, data)[0];
  }
  if (shape.length === 1) return int64 && opts.int64 !== "bigint" ? toFloat64(file, data) : data;
  // float32 on disk stays float32 in memory (issue #15): no float64 copy of an embedding table on load.
  // (f2 arrives here as a Float32Array too: its exact widening.)
  if (shape.length === 2) return new Matrix(shape[0], shape[1], data instanceof Float32Array ? data : toFloat64(file, data));
  return a;
}

function checkReadOptions(fn: string, opts: ReadNpyOptions | undefined): void {
  checkOptions(fn, opts, { int64: opt.oneOf("number", "bigint"), ndarray: opt.boolean });
  if (opts?.int64 !== undefined) checkChoice(fn, "int64", opts.int64, ["number", "bigint"] as const);
}

/**
 * Reads a NumPy `.npy` file: every real dtype numpy writes (float16/32/64, int8–int64, uint8–uint64, bool, and
 * unicode strings), C or Fortran order, either byte order, format versions 1.0–3.0.
 *
 * What comes back: a 0-d array → a number (or string); a 1-d array → a typed array of its own type, kept exact:
 * f8 → Float64Array, f4 → Float32Array, f2 → Float32Array (widened, exact), i1/i2/i4 → Int8/Int16/Int32Array,
 * u1/u2/u4 → Uint8/Uint16/Uint32Array, b1 → Uint8Array of 0/1, i8/u8 → Float64Array (an entry beyond ±2^53 is
 * an error; `{ int64: "bigint" }` gives a BigInt64Array / BigUint64Array), U → string[]; a 2-d array → a
 * `Matrix` (row-major, whatever the stored order; float32 for f4 and f2, float64 otherwise); 3-d and more → an `NdArray` (dtype, shape, C-order
 * data), as does `{ ndarray: true }` for any array. Complex, object, structured, datetime and byte-string
 * dtypes are an error naming the dtype. A header claiming more data than the file holds is rejected before
 * anything is allocated.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 *
 * @param src a path (Node) or the file's bytes (a Buffer or Uint8Array).
 * @param opts `int64`: "number" (default) or "bigint"; `ndarray`: always return the NdArray.
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-a.npy");
 * io.writeNpy(path, Matrix.from([[1, 2, 3], [4, 5, 6]]));
 * io.readNpy(path); // => [[1, 2, 3], [4, 5, 6]]
 * io.readNpy(io.encodeNpy(new Int32Array([7, 8])), {}); // => [7, 8]
 * ```
 */
export function readNpy(src: Source, opts: ReadNpyOptions = {}): NpyValue {
  checkReadOptions("io.readNpy", opts);
  const file = sourceName(src);
  if (typeof src === "string") {
    const fs = getFileSystem(src);
    if (fs.readInto && fs.size) {
      // Read the header, check it against the file size, then read the data straight into its own buffer:
      // peak memory is the array itself (no second copy of an 80 MB file).
      const total = fs.size(src);
      let head = new Uint8Array(Math.min(total, 4096));
      fs.readInto(src, head, 0);
      let header: NpyHeader;
      try {
        header = parseNpyHeader(file, head, total);
      } catch (e) {
        if (!(e instanceof EigenlabError) || e.code !== "io-truncated" || total <= head.length) throw e;
        head = sourceBytes(src); // a header longer than 4 KiB (format 2.0): read the whole file
        header = parseNpyHeader(file, head, total);
      }
      const data = fs.allocate ? fs.allocate(header.dataBytes) : new Uint8Array(header.dataBytes);
      const got = fs.readInto(src, data, header.dataOffset, `io.readNpy ${file}`);
      if (got < header.dataBytes) {
        throw new EigenlabError("io-truncated", message.ioTruncated(file, header.dataOffset, `the array data needs ${header.dataBytes} bytes`, header.dataOffset + got));
      }
      return npyValue(ndarrayFrom(header, data, true), file, opts);
    }
  }
  const bytes = sourceBytes(src);
  return npyValue(decodeNpy(bytes, file, typeof src === "string"), file, opts);
}

// --- encoding ---

/** Anything `encodeNpy` / `writeNpy` takes. */
export type NpyWritable = Matrix | TypedArray | number | bigint | string | readonly string[] | NdArray;

function typedDescr(a: TypedArray): string {
  const e = LITTLE_ENDIAN ? "<" : ">";
  if (a instanceof Float64Array) return `${e}f8`;
  if (a instanceof Float32Array) return `${e}f4`;
  if (a instanceof Int8Array) return "|i1";
  if (a instanceof Uint8Array) return "|u1";
  if (a instanceof Int16Array) return `${e}i2`;
  if (a instanceof Uint16Array) return `${e}u2`;
  if (a instanceof Int32Array) return `${e}i4`;
  if (a instanceof Uint32Array) return `${e}u4`;
  if (a instanceof BigInt64Array) return `${e}i8`;
  return `${e}u8`;
}

function isTyped(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function isNdArray(x: unknown): x is NdArray {
  return typeof x === "object" && x !== null && "dtype" in x && "shape" in x && "data" in x && Array.isArray((x as NdArray).shape);
}

/** The .npy header bytes numpy 1.24 writes for these fields (byte-identical to `np.save`). */
export function npyHeader(descr: string, shape: readonly number[], fortranOrder = false): Uint8Array {
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${shapeRepr}, }`;
  // numpy ≥ 1.23 leaves room to grow the first axis in place (GROWTH_AXIS_MAX_DIGITS = 21).
  if (shape.length > 0) dict += " ".repeat(Math.max(0, 21 - String(shape[fortranOrder ? shape.length - 1 : 0]).length));
  let major = 1;
  let lenBytes = 2;
  let hlen = dict.length + 1;
  let pad = 64 - ((6 + 2 + lenBytes + hlen) % 64);
  if (hlen + pad > 0xffff) {
    major = 2;
    lenBytes = 4;
    pad = 64 - ((6 + 2 + lenBytes + hlen) % 64);
  }
  hlen += pad;
  const out = new Uint8Array(8 + lenBytes + hlen);
  out.set(NPY_MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (lenBytes === 2) dv.setUint16(8, hlen, true);
  else dv.setUint32(8, hlen, true);
  out.set(asciiBytes(dict + " ".repeat(pad) + "\n"), 8 + lenBytes);
  return out;
}

function encodeStrings(strings: readonly string[]): { descr: string; bytes: Uint8Array } {
  const cps = strings.map((s) => Array.from(s, (ch) => ch.codePointAt(0) as number));
  const width = Math.max(1, ...cps.map((c) => c.length));
  const bytes = new Uint8Array(strings.length * width * 4);
  const dv = new DataView(bytes.buffer);
  cps.forEach((c, k) => c.forEach((cp, j) => dv.setUint32((k * width + j) * 4, cp, true)));
  return { descr: `<U${width}`, bytes };
}

/** The header and data of a .npy file as two chunks (the data is not copied when it is a typed array). */
export function encodeNpyParts(value: NpyWritable): Uint8Array[] {
  let descr: string;
  let shape: number[];
  let data: Uint8Array;
  const bytesOf = (a: TypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (value instanceof Matrix) {
    descr = typedDescr(value.stored); // a float32 Matrix is written as '<f4'
    shape = [value.rows, value.cols];
    data = bytesOf(value.stored);
  } else if (isTyped(value)) {
    descr = typedDescr(value);
    shape = [value.length];
    data = bytesOf(value);
  } else if (typeof value === "number") {
    descr = typedDescr(new Float64Array(0));
    shape = [];
    data = bytesOf(new Float64Array([value]));
  } else if (typeof value === "bigint") {
    descr = typedDescr(new BigInt64Array(0));
    shape = [];
    data = bytesOf(new BigInt64Array([value]));
  } else if (typeof value === "string") {
    ({ descr, bytes: data } = encodeStrings([value]));
    shape = [];
  } else if (Array.isArray(value) && value.every((s) => typeof s === "string")) {
    ({ descr, bytes: data } = encodeStrings(value));
    shape = [value.length];
  } else if (isNdArray(value)) {
    let count = 1;
    for (const d of value.shape) count *= d;
    if (value.data.length !== count) throw new EigenlabError("shape", message.ndShape(value.shape, value.data.length));
    if (Array.isArray(value.data)) ({ descr, bytes: data } = encodeStrings(value.data));
    else {
      descr = typedDescr(value.data);
      data = bytesOf(value.data);
    }
    shape = value.shape.slice();
  } else {
    throw new EigenlabError(
      "io-write-type",
      message.ioCannotWrite(".npy", describe(value), "a Matrix, a typed array, a number, a string, string[] or an NdArray"),
    );
  }
  return [npyHeader(descr, shape), data];
}

/**
 * The bytes of a `.npy` file holding `value`, as `np.save` writes them (byte-identical header): a Matrix →
 * 2-d `<f8` (`<f4` for a float32 Matrix); a typed array → 1-d of its own type (Float32Array → `<f4`, Int32Array → `<i4`, BigInt64Array →
 * `<i8`, ...); a number → 0-d `<f8`; a string → 0-d `<U`; string[] → 1-d `<U`; an NdArray → its shape.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 * @example
 * ```ts
 * const bytes = io.encodeNpy(new Float32Array([0.5, 1.5]));
 * bytes.length; // => 136
 * io.readNpy(bytes); // => [0.5, 1.5]
 * ```
 */
export function encodeNpy(value: NpyWritable): Uint8Array {
  return concatBytes(encodeNpyParts(value));
}

/**
 * Writes `value` as a `.npy` file (see `encodeNpy` for the dtypes), atomically: a temporary file in the same
 * folder is written, flushed and renamed over `path`, so a failed write never leaves a truncated file.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-b.npy");
 * io.writeNpy(path, new Float64Array([1, 2, 3]));
 * io.readNpy(path); // => [1, 2, 3]
 * ```
 */
export function writeNpy(path: string, value: NpyWritable): void {
  getFileSystem(path).writeFileAtomic(path, encodeNpyParts(value), `io.writeNpy ${path}`);
}
