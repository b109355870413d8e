/**
 * safetensors (Hugging Face's format for model weights): reader and writer, browser-safe.
 *
 * Spec: https://github.com/huggingface/safetensors#format and https://huggingface.co/docs/safetensors/. Layout:
 * an unsigned little-endian 64-bit header size N; N bytes of UTF-8 JSON `{ name: { dtype, shape, data_offsets:
 * [begin, end] }, "__metadata__"?: { string: string } }` (begin/end relative to the byte buffer after the
 * header); the byte buffer, tensors little-endian and C order. The reference implementation caps N at 100 MB.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { concatBytes, describe, getFileSystem, LITTLE_ENDIAN, Source, sourceBytes, sourceName, TypedArray, utf8, view, showBytes } from "./bytes";
import { decodeBfloat16, decodeData, NdArray, toFloat64 } from "./npy";

/** The safetensors dtypes read: name → [numpy kind, item bytes]. F8_* (float8) are not read. */
const DTYPES: Record<string, [string, number]> = {
  F64: ["f", 8],
  F32: ["f", 4],
  F16: ["f", 2],
  BF16: ["bf", 2],
  I64: ["i", 8],
  I32: ["i", 4],
  I16: ["i", 2],
  I8: ["i", 1],
  U64: ["u", 8],
  U32: ["u", 4],
  U16: ["u", 2],
  U8: ["u", 1],
  BOOL: ["b", 1],
};
const HEADER_LIMIT = 100_000_000;

/** One tensor as read: its safetensors dtype, shape, and value (Matrix for 2-d, typed array for 1-d, number for 0-d, NdArray above). */
export interface SafetensorsTensor {
  dtype: string;
  shape: number[];
  value: number | bigint | TypedArray | Matrix | NdArray;
}

export interface SafetensorsHeaderEntry {
  dtype: string;
  shape: number[];
  /** [begin, end) in the byte buffer. */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  tensors: Record<string, SafetensorsHeaderEntry>;
  metadata: Record<string, string>;
  /** File offset of the byte buffer (8 + N). */
  dataOffset: number;
}

/** Parses and checks the header (sizes, dtypes, offsets) against the file length before any tensor is allocated. */
export function parseSafetensorsHeader(file: string, bytes: Uint8Array): SafetensorsHeader {
  if (bytes.length < 8) throw new EigenlabError("io-truncated", message.ioTruncated(file, 0, "the 8-byte header size is cut", bytes.length));
  const n = Number(view(bytes).getBigUint64(0, true));
  if (n > HEADER_LIMIT || 8 + n > bytes.length) {
    if (n > HEADER_LIMIT || bytes[8] !== 0x7b) {
      throw new EigenlabError(
        "io-magic",
        message.ioBadMagic(file, "safetensors", "an 8-byte header size N ≤ 100 MB followed by \"{\"", `${showBytes(bytes, 9)} (N = ${n})`),
      );
    }
    throw new EigenlabError("io-too-large", message.ioTooLarge(file, 0, "a JSON header", String(n), bytes.length - 8));
  }
  if (bytes[8] !== 0x7b) {
    throw new EigenlabError("io-magic", message.ioBadMagic(file, "safetensors", 'an 8-byte header size followed by "{"', showBytes(bytes, 9)));
  }
  const fail = (detail: string): never => {
    throw new EigenlabError("io-header", message.ioBadHeader(file, 8, "safetensors", detail));
  };
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the JSON does not parse: ${(e as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) fail("the JSON header is not an object");
  const dataOffset = 8 + n;
  const bufferLength = bytes.length - dataOffset;
  const tensors: Record<string, SafetensorsHeaderEntry> = {};
  let metadata: Record<string, string> = {};
  for (const [name, spec] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      metadata = (spec ?? {}) as Record<string, string>;
      continue;
    }
    const s = spec as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof s !== "object" || s === null) fail(`tensor "${name}" is not an object`);
    const dtype = String(s.dtype);
    if (!(dtype in DTYPES)) {
      throw new EigenlabError(
        "io-dtype",
        message.ioUnsupportedDtype(file, 8, `${dtype} (tensor "${name}")`, Object.keys(DTYPES).join(", ")),
      );
    }
    const shape = s.shape;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) fail(`tensor "${name}" has shape ${JSON.stringify(shape)}`);
    const off = s.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((x) => Number.isSafeInteger(x) && x >= 0) || off[0] > off[1]) {
      fail(`tensor "${name}" has data_offsets ${JSON.stringify(off)}; expected [begin, end] with 0 ≤ begin ≤ end`);
    }
    let count = 1;
    for (const d of shape as number[]) count *= d;
    const need = count * DTYPES[dtype][1];
    const [begin, end] = off as [number, number];
    if (end - begin !== need) fail(`tensor "${name}" (${dtype}, shape [${(shape as number[]).join(", ")}]) needs ${need} bytes but data_offsets span ${end - begin}`);
    if (end > bufferLength) {
      // Checked before anything is allocated: a header may claim 10^12 entries.
      throw new EigenlabError("io-too-large", message.ioTooLarge(file, dataOffset + begin, `tensor "${name}"`, String(need), Math.max(0, bufferLength - begin)));
    }
    tensors[name] = { dtype, shape: shape as number[], dataOffsets: [begin, end] };
  }
  return { tensors, metadata, dataOffset };
}

export interface ReadSafetensorsOptions {
  /** I64/U64 tensors: "number" (default; Float64Array, an entry beyond ±2^53 is an error) or "bigint" (1-d). */
  int64?: "number" | "bigint";
  /** Read only these tensors (by name). */
  names?: readonly string[];
}

function tensorValue(file: string, e: SafetensorsHeaderEntry, raw: Uint8Array, opts: ReadSafetensorsOptions): SafetensorsTensor {
  const [kind, size] = DTYPES[e.dtype];
  let count = 1;
  for (const d of e.shape) count *= d;
  let data: TypedArray;
  if (kind === "bf") {
    const copy = new Uint8Array(raw); // a copy (a Buffer's slice() would be a view)
    const u16 = new Uint16Array(copy.buffer, 0, count);
    if (!LITTLE_ENDIAN) for (let k = 0; k < count; k++) u16[k] = ((u16[k] & 0xff) << 8) | (u16[k] >> 8);
    data = decodeBfloat16(u16);
  } else {
    data = decodeData({ descr: e.dtype, order: "<", kind: kind as "f", size }, raw, count, false) as TypedArray;
  }
  const int64 = data instanceof BigInt64Array || data instanceof BigUint64Array;
  const name = `${file} tensor`;
  let value: SafetensorsTensor["value"];
  if (e.shape.length === 0) value = int64 && opts.int64 === "bigint" ? (data[0] as bigint) : toFloat64(name, data)[0];
  else if (e.shape.length === 1) value = int64 && opts.int64 !== "bigint" ? toFloat64(name, data) : data;
  // F32 (and F16/BF16, widened exactly to float32) stays a float32 Matrix: no float64 copy of the weights.
  else if (e.shape.length === 2) value = new Matrix(e.shape[0], e.shape[1], data instanceof Float32Array ? data : toFloat64(name, data));
  else value = { dtype: e.dtype, shape: e.shape, data };
  return { dtype: e.dtype, shape: e.shape, value };
}

/**
 * Reads a safetensors file (model weights): tensor name → `{ dtype, shape, value }` where value is a `Matrix`
 * for 2-d tensors (float64; F32/F16/BF16 widened exactly), a typed array for 1-d (F64 → Float64Array, F32, F16
 * and BF16 → Float32Array, integers in their own type, I64/U64 → Float64Array unless `{ int64: "bigint" }`),
 * a number for 0-d, an NdArray above. F64, F32, F16, BF16, I8–I64, U8–U64 and BOOL are read; float8 is an
 * error naming it. `readSafetensorsHeader` lists names, shapes and `__metadata__` without reading tensors.
 *
 * Spec: https://github.com/huggingface/safetensors#format
 * @param src a path (Node) or the file's bytes.
 * @param opts `int64`, and `names` to read only some tensors.
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.safetensors");
 * io.writeSafetensors(path, { "layer.weight": Matrix.from([[1, 2], [3, 4]]), "layer.bias": new Float32Array([0.5, -0.5]) });
 * const t = io.readSafetensors(path);
 * t["layer.weight"].dtype; // => "F64"
 * t["layer.weight"].value; // => [[1, 2], [3, 4]]
 * t["layer.bias"].value; // => [0.5, -0.5]
 * ```
 */
export function readSafetensors(src: Source, opts: ReadSafetensorsOptions = {}): Record<string, SafetensorsTensor> {
  checkOptions("io.readSafetensors", opts, { int64: opt.oneOf("number", "bigint"), names: opt.any });
  if (opts.int64 !== undefined) checkChoice("io.readSafetensors", "int64", opts.int64, ["number", "bigint"] as const);
  const file = sourceName(src);
  const bytes = sourceBytes(src);
  const header = parseSafetensorsHeader(file, bytes);
  const out: Record<string, SafetensorsTensor> = {};
  const names = opts.names ?? Object.keys(header.tensors);
  for (const name of names) {
    const e = header.tensors[name];
    if (!e) {
      throw new EigenlabError(
        "io-missing-tensor",
        message.ioNpzMember(file, name, `no such tensor; the file holds ${Object.keys(header.tensors).slice(0, 20).join(", ")}`),
      );
    }
    const raw = bytes.subarray(header.dataOffset + e.dataOffsets[0], header.dataOffset + e.dataOffsets[1]);
    out[name] = tensorValue(`${file}["${name}"]`, e, raw, opts);
  }
  return out;
}

/**
 * The header of a safetensors file: each tensor's dtype, shape and byte range, and the `__metadata__` strings,
 * without decoding any tensor (to list a large checkpoint's layers).
 *
 * Spec: https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const bytes = io.encodeSafetensors({ w: Matrix.zeros(2, 3) }, { metadata: { format: "pt" } });
 * io.readSafetensorsHeader(bytes).tensors.w.shape; // => [2, 3]
 * io.readSafetensorsHeader(bytes).metadata.format; // => "pt"
 * ```
 */
export function readSafetensorsHeader(src: Source): SafetensorsHeader {
  return parseSafetensorsHeader(sourceName(src), sourceBytes(src));
}

/** What the writer takes per tensor. */
export type SafetensorsWritable = Matrix | TypedArray | NdArray | { dtype?: string; shape: number[]; value: Matrix | TypedArray | NdArray };

function typedDtype(a: TypedArray): string {
  if (a instanceof Float64Array) return "F64";
  if (a instanceof Float32Array) return "F32";
  if (a instanceof Int8Array) return "I8";
  if (a instanceof Uint8Array) return "U8";
  if (a instanceof Int16Array) return "I16";
  if (a instanceof Uint16Array) return "U16";
  if (a instanceof Int32Array) return "I32";
  if (a instanceof Uint32Array) return "U32";
  if (a instanceof BigInt64Array) return "I64";
  return "U64";
}

function tensorParts(name: string, t: SafetensorsWritable): { dtype: string; shape: number[]; bytes: Uint8Array } {
  const v = t instanceof Matrix || ArrayBuffer.isView(t) ? t : "value" in t ? t.value : t;
  let data: TypedArray;
  let shape: number[];
  if (v instanceof Matrix) {
    data = v.stored; // F32 for a float32 Matrix
    shape = [v.rows, v.cols];
  } else if (ArrayBuffer.isView(v)) {
    data = v as TypedArray;
    shape = [data.length];
  } else if (typeof v === "object" && v !== null && "shape" in v && ArrayBuffer.isView((v as NdArray).data)) {
    data = (v as NdArray).data as TypedArray;
    shape = (v as NdArray).shape.slice();
  } else {
    throw new EigenlabError("io-write-type", message.ioCannotWrite("safetensors", `tensor "${name}" (${describe(v)})`, "Matrix, typed arrays or NdArrays of numbers"));
  }
  let bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (!LITTLE_ENDIAN && data.BYTES_PER_ELEMENT > 1) {
    bytes = bytes.slice();
    const s = data.BYTES_PER_ELEMENT;
    for (let o = 0; o < bytes.length; o += s) bytes.subarray(o, o + s).reverse();
  }
  return { dtype: typedDtype(data), shape, bytes };
}

export interface WriteSafetensorsOptions {
  /** String → string pairs stored as the header's `__metadata__` (e.g. { format: "pt" }). */
  metadata?: Record<string, string>;
}

function encodeParts(tensors: Record<string, SafetensorsWritable>, opts: WriteSafetensorsOptions): Uint8Array[] {
  checkOptions("io.writeSafetensors", opts, { metadata: opt.any });
  if (tensors === null || typeof tensors !== "object" || Array.isArray(tensors) || ArrayBuffer.isView(tensors) || tensors instanceof Matrix) {
    throw new EigenlabError("bad-input", message.tensorsInput("io.writeSafetensors", tensors));
  }
  for (const [name, t] of Object.entries(tensors)) {
    if (t === null || typeof t !== "object") throw new EigenlabError("bad-input", message.tensorsInput(`io.writeSafetensors (tensor "${name}")`, t));
  }
  const header: Record<string, unknown> = {};
  if (opts.metadata) header.__metadata__ = opts.metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const p = tensorParts(name, t);
    header[name] = { dtype: p.dtype, shape: p.shape, data_offsets: [offset, offset + p.bytes.length] };
    chunks.push(p.bytes);
    offset += p.bytes.length;
  }
  // Pad the JSON with spaces so the byte buffer starts 8-byte aligned (what the reference writer does).
  let json = JSON.stringify(header);
  const jsonBytes = utf8.encode(json);
  const pad = (8 - (jsonBytes.length % 8)) % 8;
  json += " ".repeat(pad);
  const head = new Uint8Array(8);
  view(head).setBigUint64(0, BigInt(jsonBytes.length + pad), true);
  return [head, utf8.encode(json), ...chunks];
}

/**
 * The bytes of a safetensors file: name → Matrix (F64, or F32 for a float32 Matrix; shape [rows, cols]), typed array (its own dtype:
 * Float32Array → F32, Int32Array → I32, ...) or NdArray (its shape). Tensors are laid out in key order.
 *
 * Spec: https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const bytes = io.encodeSafetensors({ b: new Int32Array([1, 2]) });
 * io.readSafetensors(bytes).b.value; // => [1, 2]
 * ```
 */
export function encodeSafetensors(tensors: Record<string, SafetensorsWritable>, opts: WriteSafetensorsOptions = {}): Uint8Array {
  return concatBytes(encodeParts(tensors, opts));
}

/**
 * Writes tensors as a safetensors file (see `encodeSafetensors`), atomically (temporary file, fsync, rename).
 *
 * Spec: https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-w.safetensors");
 * io.writeSafetensors(path, { w: Matrix.eye(2) }, { metadata: { source: "eigenlab" } });
 * io.readSafetensors(path).w.shape; // => [2, 2]
 * ```
 */
export function writeSafetensors(path: string, tensors: Record<string, SafetensorsWritable>, opts: WriteSafetensorsOptions = {}): void {
  getFileSystem(path).writeFileAtomic(path, encodeParts(tensors, opts));
}
