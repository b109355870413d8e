/**
 * Shared byte helpers of the `io` readers and writers. Browser-safe: nothing here imports a Node built-in.
 * Paths reach the file system only through the `FileSystem` hook that the Node entry (`io/index.ts`)
 * installs from `node-fs.ts`; in a browser, readers take bytes and a path is a clear error.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** A typed array of any element type the readers return. */
export type TypedArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A path (Node only) or the file's bytes. */
export type Source = string | Uint8Array;

/** What the readers need from a file system: whole-file reads and atomic whole-file writes. */
export interface FileSystem {
  readFile(path: string): Uint8Array;
  /**
   * Replaces `path` atomically: a failed write leaves any previous file there unchanged. `task` names the
   * operation in progress reports (`reportProgress`; default "io.write <path>").
   */
  writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[], task?: string): void;
  /**
   * Reads `length` bytes at `position` into `into` (for readers that size their output from a header
   * before reading the body, so a 80 MB array costs 80 MB, not twice that). With `task`, reports progress
   * in bytes under that name (`reportProgress`).
   */
  readInto?(path: string, into: Uint8Array, position: number, task?: string): number;
  size?(path: string): number;
  /** A buffer of n bytes that `readInto` will fill completely (so it need not be zeroed first). */
  allocate?(n: number): Uint8Array;
  /**
   * The file in chunks of about `size` bytes that each end at a line break (the last may not), so a line
   * parser (the edge-list reader) never holds the whole file; the yielded view may be reused between chunks.
   * Absent: line readers read the whole file.
   */
  readLineChunks?(path: string, size?: number): Iterable<Uint8Array>;
}

let fileSystem: FileSystem | undefined;

/**
 * Installs the file system behind path arguments. The Node entry of @eigenlab/core installs its own
 * (node-fs.ts: whole-file reads, atomic writes); a browser or a test may install another, or `undefined`, after
 * which a path is an error that asks for bytes.
 * @example
 * ```ts
 * const files = new Map<string, Uint8Array>();
 * io.useFileSystem({
 *   readFile: (p: string) => files.get(p)!,
 *   writeFileAtomic: (p: string, b: Uint8Array | readonly Uint8Array[]) => void files.set(p, b instanceof Uint8Array ? b : Buffer.concat(b)),
 * });
 * io.writeNpy("/virtual/x.npy", new Float64Array([1, 2]));
 * io.readNpy("/virtual/x.npy"); // => [1, 2]
 * io.useFileSystem(io.nodeFileSystem); // back to the disk
 * ```
 */
export function useFileSystem(fs: FileSystem | undefined): void {
  fileSystem = fs;
}

export function getFileSystem(path: string): FileSystem {
  if (!fileSystem) throw new EigenlabError("io-no-fs", message.ioNoFileSystem(path));
  return fileSystem;
}

/** The name errors use for a source: the path, or "<bytes>" for an in-memory buffer. */
export function sourceName(src: Source, name?: string): string {
  return name ?? (typeof src === "string" ? src : "<bytes>");
}

/** The bytes of a source (a Buffer is a Uint8Array and is used as is, never copied). */
export function sourceBytes(src: Source): Uint8Array {
  if (typeof src === "string") return getFileSystem(src).readFile(src);
  if (src instanceof Uint8Array) return src;
  throw new EigenlabError("io-source", `Expected a path (string) or the file's bytes (Uint8Array / Buffer), got ${describe(src)}.`);
}

export function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x !== "object") return typeof x;
  return (x as object).constructor?.name ?? "object";
}

/** The first bytes as printable text for "wrong magic" errors, e.g. `"PK\x03\x04"`. */
export function showBytes(bytes: Uint8Array, n = 8): string {
  let s = "";
  for (let i = 0; i < Math.min(n, bytes.length); i++) {
    const b = bytes[i];
    s += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return bytes.length === 0 ? "nothing (the file is empty)" : `"${s}"`;
}

export function startsWith(bytes: Uint8Array, prefix: readonly number[] | string, at = 0): boolean {
  const p = typeof prefix === "string" ? Array.from(prefix, (c) => c.charCodeAt(0)) : prefix;
  if (bytes.length < at + p.length) return false;
  for (let i = 0; i < p.length; i++) if (bytes[at + i] !== p[i]) return false;
  return true;
}

export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = "";
  const CHUNK = 8192;
  for (let i = start; i < end; i += CHUNK) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, Math.min(end, i + CHUNK))));
  }
  return s;
}

export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });
export const utf8 = {
  encode: (s: string): Uint8Array => utf8Encoder.encode(s),
  decode: (b: Uint8Array): string => utf8Decoder.decode(b),
};

/** Concatenates byte chunks into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A DataView over exactly these bytes. */
export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Throws a truncation error unless `need` bytes are available from `offset`. */
export function requireBytes(file: string, bytes: Uint8Array, offset: number, need: number, what: string): void {
  if (offset + need > bytes.length) {
    throw new EigenlabError("io-truncated", message.ioTruncated(file, offset, `${what} needs ${need} bytes`, bytes.length));
  }
}

/** True when this machine stores numbers little-endian (every browser and Node platform in practice). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** IEEE 754 half precision → number (exact: every float16 is a float32 and a float64). */
export function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** bfloat16 (the top 16 bits of a float32) → number, exact. */
export function bfloat16ToNumber(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}

/** The bytes of a path or buffer and the name errors use for it, with a clear error for anything else. */
export function readSource(input: unknown, fn: string): { bytes: Uint8Array; source: string } {
  if (input instanceof ArrayBuffer) return { bytes: new Uint8Array(input), source: "<bytes>" };
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    throw new EigenlabError("io-source", message.ioBadInput(fn, describe(input)));
  }
  return { bytes: sourceBytes(input), source: sourceName(input) };
}

/** Writes text or bytes to `path` atomically through the installed file system. */
export function writeSource(path: string, data: Uint8Array | string): void {
  getFileSystem(path).writeFileAtomic(path, typeof data === "string" ? utf8.encode(data) : data);
}

/** A path's line-aligned chunks (streamed where the file system can), or a buffer as one chunk. */
export function lineChunks(path: string): Iterable<Uint8Array> {
  const fs = getFileSystem(path);
  return fs.readLineChunks ? fs.readLineChunks(path) : [fs.readFile(path)];
}
