/**
 * NumPy `.npz`: a zip archive of `.npy` members, stored (`np.savez`) or deflated (`np.savez_compressed`).
 * Browser-safe: the zip container is read and written here (so every damaged byte gets an error with its
 * offset) and fflate does the raw deflate / inflate.
 *
 * Specs: PKWARE APPNOTE.TXT 6.3.10 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT: local file
 * header 4.3.7, central directory 4.3.12, end of central directory 4.3.16, ZIP64 4.3.14–4.3.15 and 4.5.3 —
 * numpy writes every member with `force_zip64=True`), RFC 1951 (deflate), and
 * https://numpy.org/doc/stable/reference/generated/numpy.savez.html.
 */
import { deflateSync, inflateSync } from "fflate";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { concatBytes, getFileSystem, latin1, Source, sourceBytes, sourceName, utf8, view } from "./bytes";
import { decodeNpy, encodeNpyParts, NpyValue, NpyWritable, npyValue, ReadNpyOptions } from "./npy";

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4", a local file header
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06]; // an archive with no members

let crcTable: Int32Array | undefined;
/** CRC-32 (ISO 3309 / ITU-T V.42, the zip checksum), table-driven. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const t = crcTable;
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the member's local header. */
  localOffset: number;
}

function zipError(file: string, offset: number, detail: string): EigenlabError {
  return new EigenlabError("io-zip", message.ioZip(file, offset, detail));
}

/** Lists the members of a zip archive from its central directory. */
export function zipEntries(file: string, bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  const n = bytes.length;
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes at the very end.
  let eocd = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 0xffff); p--) {
    if (dv.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) {
    throw new EigenlabError(
      "io-truncated",
      message.ioTruncated(file, Math.max(0, n - 22), "the zip end-of-central-directory record (PK\\5\\6) that ends every zip is missing", n),
    );
  }
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw zipError(file, eocd, "ZIP64 fields without a ZIP64 locator");
    const rec = Number(dv.getBigUint64(loc + 8, true));
    if (rec + 56 > n || dv.getUint32(rec, true) !== 0x06064b50) throw zipError(file, loc, "the ZIP64 end record is missing");
    count = Number(dv.getBigUint64(rec + 32, true));
    cdSize = Number(dv.getBigUint64(rec + 40, true));
    cdOffset = Number(dv.getBigUint64(rec + 48, true));
  }
  if (cdOffset + cdSize > n) {
    throw new EigenlabError("io-truncated", message.ioTruncated(file, cdOffset, `the central directory needs ${cdSize} bytes`, n));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || dv.getUint32(p, true) !== 0x02014b50) throw zipError(file, p, `central directory entry ${k} has no PK\\1\\2 signature`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > n) throw zipError(file, p, `central directory entry ${k} runs past the end`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    // ZIP64 extended information (header id 0x0001): the 8-byte values of the fields set to 0xFFFFFFFF, in order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = Number(dv.getBigUint64(q, true));
      }
      e += 4 + len;
    }
    entries.push({ name, method, crc, compressedSize, size, localOffset });
    p = eEnd + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one member, checked against its CRC-32. */
export function zipMember(file: string, bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const p = entry.localOffset;
  if (p + 30 > bytes.length) throw new EigenlabError("io-truncated", message.ioTruncated(file, p, `the local header of ${entry.name} is cut`, bytes.length));
  if (dv.getUint32(p, true) !== 0x04034b50) throw zipError(file, p, `the local header of ${entry.name} has no PK\\3\\4 signature`);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw new EigenlabError("io-truncated", message.ioTruncated(file, start, `member ${entry.name} needs ${entry.compressedSize} bytes`, bytes.length));
  }
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw zipError(file, p, `stored member ${entry.name} has sizes ${entry.compressedSize} and ${entry.size}`);
    out = raw;
  } else if (entry.method === 8) {
    // Deflate expands at most 1032:1 (RFC 1951 code lengths: 258 bytes from a 2-bit code), so a claimed size
    // beyond that is a corrupt or hostile header: reject it before allocating the output.
    if (entry.size > entry.compressedSize * 1032 + 1024) {
      throw new EigenlabError(
        "io-too-large",
        message.ioTooLarge(file, p, `member ${entry.name}`, `${entry.size} (from ${entry.compressedSize} deflated)`, entry.compressedSize * 1032),
      );
    }
    try {
      out = inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch (e) {
      throw zipError(file, start, `member ${entry.name} does not inflate: ${(e as Error).message}`);
    }
    if (out.length !== entry.size) throw zipError(file, start, `member ${entry.name} inflates to ${out.length} bytes, not ${entry.size}`);
  } else {
    throw new EigenlabError("io-zip-method", message.ioZipMethod(file, entry.name, entry.method));
  }
  const crc = crc32(out);
  if (crc !== entry.crc) {
    throw zipError(file, start, `member ${entry.name} fails its CRC-32 check (${crc.toString(16)} ≠ ${entry.crc.toString(16)})`);
  }
  return out;
}

/** Reads an .npz held in memory: member name (without ".npy") → NdArray-derived value; other members as raw bytes. */
export function decodeNpz(bytes: Uint8Array, file = "<bytes>", opts: ReadNpyOptions = {}): Record<string, NpyValue | Uint8Array> {
  const out: Record<string, NpyValue | Uint8Array> = {};
  if (bytes.length >= 4 && bytes[0] === EMPTY_ZIP_MAGIC[0] && bytes[2] === EMPTY_ZIP_MAGIC[2] && bytes[3] === EMPTY_ZIP_MAGIC[3]) return out;
  if (!(bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b))) {
    const shown = bytes.length === 0 ? "nothing (the file is empty)" : JSON.stringify(latin1(bytes, 0, Math.min(8, bytes.length)));
    throw new EigenlabError("io-magic", message.ioBadMagic(file, ".npz (zip)", '"PK\\x03\\x04"', shown));
  }
  for (const entry of zipEntries(file, bytes)) {
    const member = zipMember(file, bytes, entry);
    if (entry.name.endsWith(".npy")) {
      const name = entry.name.slice(0, -4);
      out[name] = npyValue(decodeNpy(member, `${file}[${entry.name}]`, entry.method === 8), `${file}[${entry.name}]`, opts);
    } else out[entry.name] = member;
  }
  return out;
}

/**
 * Reads a NumPy `.npz` archive (written by `np.savez` or `np.savez_compressed`): an object from member name
 * (without ".npy") to its value, each as `readNpy` returns it (typed array, Matrix, number, string, NdArray).
 * Members that are not .npy files come back as their raw bytes. Errors name the archive, the member and the
 * byte offset; each member's CRC-32 is checked.
 *
 * Specs: https://numpy.org/doc/stable/reference/generated/numpy.savez.html, PKWARE APPNOTE.TXT 6.3.10.
 * @param src a path (Node) or the file's bytes.
 * @param opts as for `readNpy` (`int64`, `ndarray`).
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-c.npz");
 * io.writeNpz(path, { x: new Float64Array([1, 2]), A: Matrix.eye(2) }, { compressed: true });
 * const z = io.readNpz(path);
 * z.x; // => [1, 2]
 * z.A; // => [[1, 0], [0, 1]]
 * ```
 */
export function readNpz(src: Source, opts: ReadNpyOptions = {}): Record<string, NpyValue | Uint8Array> {
  checkOptions("io.readNpz", opts, { int64: opt.oneOf("number", "bigint"), ndarray: opt.boolean });
  return decodeNpz(sourceBytes(src), sourceName(src), opts);
}

export interface WriteNpzOptions {
  /** Deflate every member, as `np.savez_compressed` does (default false: stored, as `np.savez`). */
  compressed?: boolean;
  /** Deflate level 1–9 when compressed (default 6, zlib's and Python's default). */
  level?: number;
}

// DOS date 1980-01-01 00:00: a fixed timestamp makes the same arrays give the same bytes (reproducible files).
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The bytes of a zip archive of these members (stored or deflated), as chunks to write in order. */
export function encodeZipParts(members: { name: string; parts: Uint8Array[] }[], opts: WriteNpzOptions = {}): Uint8Array[] {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    let data = m.parts.length === 1 ? m.parts[0] : concatBytes(m.parts);
    const crc = crc32(data);
    const size = data.length;
    const method = opts.compressed ? 8 : 0;
    if (opts.compressed) data = deflateSync(data, { level: (opts.level ?? 6) as 6 });
    if (size >= 0xffffffff || data.length >= 0xffffffff || offset >= 0xffffffff) {
      throw new EigenlabError("io-write-size", message.ioCannotWrite(".npz", `a member of ${size} bytes`, "members and archives under 4 GiB (no ZIP64 writer)"));
    }
    const name = utf8.encode(m.name);
    const local = new Uint8Array(30 + name.length);
    const lv = view(local);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    lv.setUint16(6, 0x800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = view(cd);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by: Unix, 2.0
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, (0o100644 << 16) >>> 0, true); // external attributes: a regular file, rw-r--r--
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    out.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
  }
  let cdSize = 0;
  for (const c of central) cdSize += c.length;
  const end = new Uint8Array(22);
  const ev = view(end);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return [...out, ...central, end];
}

/** One zip member per named array (`name.npy`). */
export function npzMembers(arrays: Record<string, NpyWritable>): { name: string; parts: Uint8Array[] }[] {
  return Object.entries(arrays).map(([name, value]) => ({ name: `${name}.npy`, parts: encodeNpyParts(value) }));
}

/**
 * The bytes of an `.npz` archive of named arrays (each encoded as `encodeNpy` does), stored like `np.savez`
 * or, with `{ compressed: true }`, deflated like `np.savez_compressed`.
 *
 * Specs: https://numpy.org/doc/stable/reference/generated/numpy.savez.html, PKWARE APPNOTE.TXT 6.3.10.
 * @example
 * ```ts
 * const bytes = io.encodeNpz({ v: new Int32Array([1, 2, 3]) });
 * io.readNpz(bytes).v; // => [1, 2, 3]
 * ```
 */
export function encodeNpz(arrays: Record<string, NpyWritable>, opts: WriteNpzOptions = {}): Uint8Array {
  checkOptions("io.encodeNpz", opts, { compressed: opt.boolean, level: opt.number() });
  if (arrays === null || typeof arrays !== "object" || Array.isArray(arrays) || ArrayBuffer.isView(arrays)) throw new EigenlabError("bad-input", message.tensorsInput("io.encodeNpz", arrays));
  return concatBytes(encodeZipParts(npzMembers(arrays), opts));
}

/**
 * Writes named arrays as a NumPy `.npz` archive that `np.load` opens (member `name.npy` per key), atomically
 * (temporary file, fsync, rename). `{ compressed: true }` deflates the members like `np.savez_compressed`.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.savez.html
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-d.npz");
 * io.writeNpz(path, { labels: new Int32Array([0, 1, 1]), title: "run 1" });
 * io.readNpz(path).title; // => "run 1"
 * ```
 */
export function writeNpz(path: string, arrays: Record<string, NpyWritable>, opts: WriteNpzOptions = {}): void {
  checkOptions("io.writeNpz", opts, { compressed: opt.boolean, level: opt.number() });
  getFileSystem(path).writeFileAtomic(path, encodeZipParts(npzMembers(arrays), opts));
}
