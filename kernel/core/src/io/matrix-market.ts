/**
 * Matrix Market exchange format (`.mtx`, and `.mtx.gz` through fflate's gunzip): reader and writer,
 * browser-safe.
 *
 * Spec: R. F. Boisvert, R. Pozo, K. Remington, "The Matrix Market Exchange Formats: Initial Design", NIST
 * IR 5935 (1996), https://math.nist.gov/MatrixMarket/formats.html. A banner line
 * `%%MatrixMarket matrix <coordinate|array> <real|integer|pattern|complex> <general|symmetric|skew-symmetric|hermitian>`,
 * comment lines starting with `%`, a size line (`M N NNZ` for coordinate, `M N` for array), then the
 * entries: `i j [value]` (1-based) per line, or the values of an array column by column (only the lower
 * triangle for symmetric, the strict lower triangle for skew-symmetric).
 *
 * Where the spec is silent we follow scipy.io.mmread (SciPy 1.10) so results agree with it: duplicate
 * coordinates are summed (its coo → csr), every off-diagonal entry of a symmetric file is mirrored,
 * explicit zeros are kept.
 */
import { reportProgress } from "../progress";
import { Gunzip, gunzipSync, gzipSync } from "fflate";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { asciiBytes, describe, getFileSystem, latin1, Source, sourceBytes, sourceName, view } from "./bytes";

export const MTX_MAGIC = "%%MatrixMarket";
export const GZIP_MAGIC = [0x1f, 0x8b];

const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const PERCENT = 0x25;

/** Decompresses gzip bytes, refusing a trailer that claims more than deflate can produce (before allocating). */
export function gunzip(file: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length < 18) throw new EigenlabError("io-truncated", message.ioTruncated(file, 0, "a gzip stream needs at least 18 bytes", bytes.length));
  const isize = view(bytes).getUint32(bytes.length - 4, true);
  const truncated = (e: unknown) =>
    new EigenlabError("io-truncated", message.ioTruncated(file, 0, `the gzip stream does not inflate (${(e as Error).message})`, bytes.length));
  // Deflate expands at most 1032:1 (RFC 1951), so a trailer size (RFC 1952 ISIZE) beyond that is not trusted
  // to size the output: the stream is inflated in pieces instead, and then either fails (truncated) or
  // disagrees with the trailer (corrupt). Nothing is allocated from the claim.
  if (isize > bytes.length * 1032) {
    const pieces: Uint8Array[] = [];
    try {
      const g = new Gunzip((chunk) => pieces.push(chunk));
      g.push(bytes, true);
    } catch (e) {
      throw truncated(e);
    }
    throw new EigenlabError("io-too-large", message.ioTooLarge(file, bytes.length - 4, "a gzip stream", String(isize), bytes.length * 1032));
  }
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw truncated(e);
  }
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact in binary64 up to 10^22

const scratch: number[] = [];
/** The bytes [start, end) as a string, through a reused array (no typed-array view per token: GC pressure). */
function asciiToken(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  scratch.length = n;
  for (let k = 0; k < n; k++) scratch[k] = b[start + k];
  return String.fromCharCode.apply(null, scratch);
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/;

/** The Matrix Market body, parsed straight from the bytes (no string of the whole file is ever built). */
class Scanner {
  pos = 0;
  line = 1;
  constructor(readonly b: Uint8Array, readonly file: string) {}

  syntax(detail: string): never {
    throw new EigenlabError("io-mtx-syntax", message.ioMtxSyntax(this.file, this.line, detail));
  }

  /** Skips blank lines and `%` comment lines; stops at the first character of a content line (or EOF). */
  skipToContent(): void {
    const b = this.b;
    const n = b.length;
    let p = this.pos;
    for (;;) {
      while (p < n && (b[p] === SP || b[p] === TAB || b[p] === CR)) p++;
      if (p < n && b[p] === PERCENT) while (p < n && b[p] !== LF) p++;
      if (p < n && b[p] === LF) {
        p++;
        this.line++;
        continue;
      }
      break;
    }
    this.pos = p;
  }

  /** Skips spaces to the next token on this line; errors when the line ends first. */
  private toToken(what: string): void {
    const b = this.b;
    let p = this.pos;
    while (p < b.length && (b[p] === SP || b[p] === TAB)) p++;
    this.pos = p;
    if (p >= b.length || b[p] === LF || b[p] === CR) this.syntax(`expected ${what} but the line ends`);
  }

  /** Ends a content line: only spaces may follow the last token. */
  endLine(what: string): void {
    const b = this.b;
    let p = this.pos;
    while (p < b.length && (b[p] === SP || b[p] === TAB || b[p] === CR)) p++;
    if (p < b.length && b[p] !== LF) this.syntax(`unexpected "${this.tokenText(p)}" after ${what}`);
    this.pos = p;
  }

  tokenText(p: number): string {
    let e = p;
    while (e < this.b.length && e - p < 40 && this.b[e] !== SP && this.b[e] !== TAB && this.b[e] !== LF && this.b[e] !== CR) e++;
    return latin1(this.b, p, e);
  }

  int(what: string): number {
    this.toToken(what);
    const b = this.b;
    let p = this.pos;
    let neg = false;
    if (b[p] === 0x2d || b[p] === 0x2b) neg = b[p++] === 0x2d;
    let v = 0;
    const start = p;
    while (p < b.length && b[p] >= 0x30 && b[p] <= 0x39) v = v * 10 + (b[p++] - 0x30);
    if (p === start || (p < b.length && b[p] !== SP && b[p] !== TAB && b[p] !== LF && b[p] !== CR) || p - start > 15) {
      this.syntax(`expected ${what} (an integer) but found "${this.tokenText(this.pos)}"`);
    }
    this.pos = p;
    return neg ? -v : v;
  }

  /**
   * A real number, correctly rounded as Python's float() reads it. Fast path (Clinger 1990, "How to read
   * floating point numbers accurately", PLDI): when the digit string m ≤ 2^53 (every partial m·10 + d is then
   * exact too) and |exponent| ≤ 22, m and 10^|e| are exact doubles and one multiplication or division rounds
   * correctly. That covers scipy.io.mmwrite's 16-digit values below 9.007e15·10^e. Otherwise the token goes
   * to Number(), which rounds correctly too (ECMA-262 §7.1.4.1.1, up to 20 significant digits).
   */
  real(what: string): number {
    this.toToken(what);
    const b = this.b;
    const n = b.length;
    const start = this.pos;
    let p = start;
    let neg = false;
    if (b[p] === 0x2d || b[p] === 0x2b) neg = b[p++] === 0x2d;
    let m = 0;
    let digits = 0;
    let exp = 0;
    let c = b[p];
    while (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      c = b[++p];
    }
    if (c === 0x2e) {
      c = b[++p];
      while (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        exp--;
        digits++;
        c = b[++p];
      }
    }
    if (digits > 0 && (c === 0x65 || c === 0x45)) {
      let q = p + 1;
      let eneg = false;
      if (b[q] === 0x2d || b[q] === 0x2b) eneg = b[q++] === 0x2d;
      let e = 0;
      const es = q;
      while (q < n && b[q] >= 0x30 && b[q] <= 0x39 && q - es < 6) e = e * 10 + (b[q++] - 0x30);
      if (q > es) {
        exp += eneg ? -e : e;
        p = q;
        c = b[p];
      }
    }
    const ended = p >= n || c === SP || c === TAB || c === LF || c === CR;
    if (ended && digits > 0 && m <= 9007199254740992 && exp >= -22 && exp <= 22) {
      this.pos = p;
      const v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
      return neg ? -v : v;
    }
    if (ended && digits > 0) {
      // Well-formed but beyond the fast path (scipy writes 17 significant digits): Number() on the token.
      this.pos = p;
      return Number(asciiToken(b, start, p));
    }
    // Slow path: nan/inf, Fortran "D" exponents, or garbage.
    let e = start;
    while (e < n && b[e] !== SP && b[e] !== TAB && b[e] !== LF && b[e] !== CR) e++;
    const tok = latin1(b, start, e);
    this.pos = e;
    const low = tok.toLowerCase();
    const sign = low.startsWith("-") ? -1 : 1;
    const body = low.replace(/^[+-]/, "");
    if (body === "inf" || body === "infinity") return sign * Infinity;
    if (body === "nan") return NaN;
    if (!NUMBER_RE.test(tok)) this.syntax(`expected ${what} (a number) but found "${tok}"`);
    return Number(tok.replace(/[dD]/, "e"));
  }

  atEnd(): boolean {
    return this.pos >= this.b.length;
  }

  /** Counts the content lines left (for the "declared N entries, found M" error). */
  remainingLines(): number {
    let count = 0;
    this.skipToContent();
    while (!this.atEnd()) {
      count++;
      while (this.pos < this.b.length && this.b[this.pos] !== LF) this.pos++;
      this.skipToContent();
    }
    return count;
  }
}

export interface MatrixMarketHeader {
  format: "coordinate" | "array";
  field: "real" | "integer" | "pattern";
  symmetry: "general" | "symmetric" | "skew-symmetric";
  rows: number;
  cols: number;
  /** Stored entries (coordinate), or values listed (array). */
  entries: number;
}

function parseBanner(s: Scanner): Omit<MatrixMarketHeader, "rows" | "cols" | "entries"> {
  const b = s.b;
  const file = s.file;
  if (!(b.length >= MTX_MAGIC.length && latin1(b, 0, MTX_MAGIC.length).toLowerCase() === MTX_MAGIC.toLowerCase())) {
    const shown = b.length === 0 ? "nothing (the file is empty)" : JSON.stringify(latin1(b, 0, Math.min(16, b.length)));
    throw new EigenlabError("io-magic", message.ioBadMagic(file, "Matrix Market", `"${MTX_MAGIC}"`, shown));
  }
  let e = 0;
  while (e < b.length && b[e] !== LF) e++;
  const words = latin1(b, 0, e).trim().toLowerCase().split(/\s+/);
  s.pos = e;
  if (words.length !== 5) s.syntax(`the banner has ${words.length} words, expected 5 ("%%MatrixMarket matrix coordinate real general")`);
  const [, object, format, field, symmetry] = words;
  if (object !== "matrix") throw new EigenlabError("io-mtx-unsupported", message.ioMtxUnsupported(file, "object", object, "matrix"));
  if (format !== "coordinate" && format !== "array") {
    throw new EigenlabError("io-mtx-unsupported", message.ioMtxUnsupported(file, "format", format, "coordinate, array"));
  }
  const f = field === "double" ? "real" : field;
  if (f !== "real" && f !== "integer" && f !== "pattern") {
    throw new EigenlabError("io-mtx-unsupported", message.ioMtxUnsupported(file, "field", field, "real, integer, pattern"));
  }
  if (f === "pattern" && format === "array") s.syntax(`field "pattern" needs format "coordinate"`);
  if (symmetry !== "general" && symmetry !== "symmetric" && symmetry !== "skew-symmetric") {
    throw new EigenlabError("io-mtx-unsupported", message.ioMtxUnsupported(file, "symmetry", symmetry, "general, symmetric, skew-symmetric"));
  }
  return { format, field: f, symmetry };
}

/** Decodes a Matrix Market file held in memory (gzip is detected from its magic bytes). */
export function decodeMatrixMarket(input: Uint8Array, file = "<bytes>"): CsrMatrix | Matrix {
  const bytes = input.length >= 2 && input[0] === GZIP_MAGIC[0] && input[1] === GZIP_MAGIC[1] ? gunzip(file, input) : input;
  const s = new Scanner(bytes, file);
  const { format, field, symmetry } = parseBanner(s);
  s.skipToContent();
  if (s.atEnd()) s.syntax("the size line is missing");
  const sizeLine = s.line;
  const rows = s.int("the row count");
  const cols = s.int("the column count");
  const declared = format === "coordinate" ? s.int("the entry count") : 0;
  s.endLine("the size line");
  if (rows < 0 || cols < 0 || declared < 0) s.syntax(`the size line has a negative number`);
  if (symmetry !== "general" && rows !== cols) s.syntax(`a ${symmetry} matrix must be square, but the size line says ${rows}×${cols}`);
  if (rows > 0x7ffffffe || cols > 0x7ffffffe) s.syntax(`${rows}×${cols} exceeds the 2^31 − 1 rows/columns a CsrMatrix indexes`);
  const n = rows;
  const entries =
    format === "coordinate"
      ? declared
      : symmetry === "general"
        ? rows * cols
        : symmetry === "symmetric"
          ? (n * (n + 1)) / 2
          : (n * (n - 1)) / 2;
  // Every entry takes at least one byte of the file (in fact 2·tokens − 1): a size line claiming more entries
  // than bytes left is rejected BEFORE allocating anything, so the output is never more than 16 bytes per
  // byte of input. Smaller disagreements get the precise count error after the body is read.
  const left = bytes.length - s.pos;
  if (entries > left) {
    const what = format === "coordinate" ? `${entries} entries` : `a ${rows}×${cols} ${symmetry} array (${entries} values)`;
    throw new EigenlabError("io-too-large", message.ioMtxTooLarge(file, sizeLine, what, left));
  }
  const task = `io.readMatrixMarket ${file}`;
  reportProgress({ task, done: 0, total: entries, unit: "entries" });
  const out = format === "array" ? readArray(s, rows, cols, symmetry, entries, task) : readCoordinate(s, rows, cols, field, symmetry, entries, task);
  reportProgress({ task, done: entries, total: entries, unit: "entries" });
  return out;
}

function readArray(s: Scanner, rows: number, cols: number, symmetry: string, entries: number, task: string): Matrix {
  const data = new Float64Array(rows * cols);
  const skew = symmetry === "skew-symmetric";
  let k = 0;
  for (let j = 0; j < cols; j++) {
    for (let i = symmetry === "general" ? 0 : skew ? j + 1 : j; i < rows; i++) {
      s.skipToContent();
      if (s.atEnd()) throw new EigenlabError("io-mtx-count", message.ioMtxCount(s.file, s.line, entries, k));
      const v = s.real("a value");
      s.endLine("the value");
      data[i * cols + j] = v;
      if (symmetry !== "general" && i !== j) data[j * cols + i] = skew ? -v : v;
      k++;
      if ((k & 0xffff) === 0 && k < entries) reportProgress({ task, done: k, total: entries, unit: "entries" });
    }
  }
  s.skipToContent();
  const line = s.line;
  const extra = s.remainingLines();
  if (extra > 0) throw new EigenlabError("io-mtx-count", message.ioMtxCount(s.file, line, entries, entries + extra));
  return new Matrix(rows, cols, data);
}

function readCoordinate(s: Scanner, rows: number, cols: number, field: string, symmetry: string, entries: number, task: string): CsrMatrix {
  const I = new Int32Array(entries);
  const J = new Int32Array(entries);
  const V = new Float64Array(entries);
  const pattern = field === "pattern";
  let offDiagonal = 0;
  for (let k = 0; k < entries; k++) {
    // Every 2^16 entries (about 1 MB of text); the hook throttles to 10 reports a second.
    if ((k & 0xffff) === 0 && k > 0) reportProgress({ task, done: k, total: entries, unit: "entries" });
    s.skipToContent();
    if (s.atEnd()) throw new EigenlabError("io-mtx-count", message.ioMtxCount(s.file, s.line, entries, k));
    const line = s.line;
    const i = s.int("a row index");
    const j = s.int("a column index");
    const v = pattern ? 1 : s.real("a value");
    s.endLine(pattern ? "the two indices of a pattern entry" : "the entry's value");
    if (i < 1 || i > rows || j < 1 || j > cols) throw new EigenlabError("io-mtx-index", message.ioMtxIndex(s.file, line, i, j, rows, cols));
    I[k] = i - 1;
    J[k] = j - 1;
    V[k] = v;
    if (i !== j) offDiagonal++;
  }
  s.skipToContent();
  const line = s.line;
  const extra = s.remainingLines();
  if (extra > 0) throw new EigenlabError("io-mtx-count", message.ioMtxCount(s.file, line, entries, entries + extra));
  if (symmetry === "general" || offDiagonal === 0) return buildCsr(rows, cols, I, J, V);
  // Mirror every off-diagonal entry (negated for skew-symmetric), as scipy.io.mmread does.
  const m = entries + offDiagonal;
  const I2 = new Int32Array(m);
  const J2 = new Int32Array(m);
  const V2 = new Float64Array(m);
  I2.set(I);
  J2.set(J);
  V2.set(V);
  const sign = symmetry === "skew-symmetric" ? -1 : 1;
  let q = entries;
  for (let k = 0; k < entries; k++) {
    if (I[k] !== J[k]) {
      I2[q] = J[k];
      J2[q] = I[k];
      V2[q++] = sign * V[k];
    }
  }
  return buildCsr(rows, cols, I2, J2, V2);
}

/**
 * CSR from 0-based triplets that are known to be in range: a counting sort by row, then each row sorted by
 * column with duplicates summed (scipy's coo → csr). Rows already sorted (scipy.io.mmwrite writes them so)
 * cost one pass.
 */
function buildCsr(rows: number, cols: number, I: Int32Array, J: Int32Array, V: Float64Array): CsrMatrix {
  const nz = I.length;
  const ptr = new Int32Array(rows + 1);
  for (let k = 0; k < nz; k++) ptr[I[k] + 1]++;
  for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
  const next = ptr.slice(0, rows);
  const col = new Int32Array(nz);
  const val = new Float64Array(nz);
  for (let k = 0; k < nz; k++) {
    const p = next[I[k]]++;
    col[p] = J[k];
    val[p] = V[k];
  }
  const indptr = new Int32Array(rows + 1);
  let out = 0;
  let order: number[] = [];
  for (let r = 0; r < rows; r++) {
    const start = ptr[r];
    const end = ptr[r + 1];
    let sorted = true;
    for (let p = start + 1; p < end; p++) if (col[p] <= col[p - 1]) { sorted = false; break; }
    if (sorted) {
      if (out !== start) {
        col.copyWithin(out, start, end);
        val.copyWithin(out, start, end);
      }
      out += end - start;
    } else if (end - start <= 32) {
      // Short rows (the usual case): insertion sort in place, stable, then sum duplicates while compacting.
      for (let p = start + 1; p < end; p++) {
        const c = col[p];
        const v = val[p];
        let q = p - 1;
        while (q >= start && col[q] > c) {
          col[q + 1] = col[q];
          val[q + 1] = val[q];
          q--;
        }
        col[q + 1] = c;
        val[q + 1] = v;
      }
      let last = -1;
      for (let p = start; p < end; p++) {
        if (col[p] === last) val[out - 1] += val[p];
        else {
          col[out] = col[p];
          val[out++] = val[p];
          last = col[p];
        }
      }
    } else {
      order = [];
      for (let p = start; p < end; p++) order.push(p);
      order.sort((a, b) => col[a] - col[b] || a - b);
      const c = order.map((p) => col[p]);
      const v = order.map((p) => val[p]);
      let last = -1;
      for (let t = 0; t < c.length; t++) {
        if (c[t] === last) val[out - 1] += v[t];
        else {
          col[out] = c[t];
          val[out++] = v[t];
          last = c[t];
        }
      }
    }
    indptr[r + 1] = out;
  }
  return new CsrMatrix(rows, cols, indptr, out === nz ? col : col.slice(0, out), out === nz ? val : val.slice(0, out));
}

/**
 * Reads a Matrix Market file (`.mtx`, or gzip-compressed `.mtx.gz`): a coordinate file → `CsrMatrix`, an
 * array file → `Matrix`. Fields real, integer (read as float64, exact up to 2^53) and pattern (values 1);
 * symmetries general, symmetric and skew-symmetric (the stored triangle is mirrored, negated for skew, as
 * scipy.io.mmread does; duplicate coordinates are summed). Complex and hermitian files are an error naming
 * them. Errors give the line: an index outside the size line's shape, an entry count that disagrees with the
 * body, a malformed number; a size line claiming more entries than the file can hold is rejected before
 * anything is allocated.
 *
 * Spec: https://math.nist.gov/MatrixMarket/formats.html (NIST IR 5935).
 * @param src a path (Node) or the file's bytes.
 * @example
 * ```ts
 * const mtx = "%%MatrixMarket matrix coordinate real symmetric\n3 3 2\n1 1 2.5\n3 1 -1\n";
 * const A = io.readMatrixMarket(new TextEncoder().encode(mtx));
 * A.nnz; // => 3
 * A.toDense(); // => [[2.5, 0, -1], [0, 0, 0], [-1, 0, 0]]
 * ```
 */
export function readMatrixMarket(src: Source): CsrMatrix | Matrix {
  return decodeMatrixMarket(sourceBytes(src), sourceName(src));
}

export interface WriteMatrixMarketOptions {
  /** "coordinate" (default for a CsrMatrix) or "array" (default for a Matrix). */
  format?: "coordinate" | "array";
  /** "real" (default), "integer" (every value must be an integer) or "pattern" (coordinate only; values dropped). */
  field?: "real" | "integer" | "pattern";
  /** "general" (default), or store one triangle: "symmetric" / "skew-symmetric" (checked exactly). */
  symmetry?: "general" | "symmetric" | "skew-symmetric";
  /** Comment lines written after the banner. */
  comment?: string;
  /** gzip the output (default: when the path ends in ".gz"). */
  gzip?: boolean;
}

/** Shortest round-trip decimal (ECMAScript Number::toString), which Python's float() reads back to the same double. */
function fmtReal(v: number): string {
  if (Number.isFinite(v)) return Object.is(v, -0) ? "-0" : String(v); // String(-0) is "0": keep the sign bit
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/**
 * The text of a Matrix Market file for a `CsrMatrix` (coordinate) or a `Matrix` (array), as bytes (gzip'ed
 * with `{ gzip: true }`). Values are written in the shortest decimal that reads back to the same double, so
 * scipy.io.mmread gets them bit-exact.
 *
 * Spec: https://math.nist.gov/MatrixMarket/formats.html
 * @example
 * ```ts
 * const bytes = io.encodeMatrixMarket(CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.5, 2]));
 * new TextDecoder().decode(bytes); // => "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2 0.5\n2 1 2\n"
 * ```
 */
export function encodeMatrixMarket(A: CsrMatrix | Matrix, opts: WriteMatrixMarketOptions = {}): Uint8Array {
  checkOptions("io.writeMatrixMarket", opts, { format: opt.oneOf("coordinate", "array"), field: opt.oneOf("real", "integer", "pattern"), symmetry: opt.oneOf("general", "symmetric", "skew-symmetric"), comment: opt.string, gzip: opt.boolean });
  if (!(A instanceof CsrMatrix) && !(A instanceof Matrix)) {
    throw new EigenlabError("io-write-type", message.ioCannotWrite("Matrix Market", describe(A), "a CsrMatrix or a Matrix"));
  }
  const fn = "io.writeMatrixMarket";
  const format = checkChoice(fn, "format", opts.format ?? (A instanceof CsrMatrix ? "coordinate" : "array"), ["coordinate", "array"] as const);
  const field = checkChoice(fn, "field", opts.field ?? "real", ["real", "integer", "pattern"] as const);
  const symmetry = checkChoice(fn, "symmetry", opts.symmetry ?? "general", ["general", "symmetric", "skew-symmetric"] as const);
  if (field === "pattern" && format === "array") throw new EigenlabError("bad-option", message.ioCannotWrite("Matrix Market array", "field \"pattern\"", "real or integer values"));
  const rows = A.rows;
  const cols = A.cols;
  if (symmetry !== "general" && rows !== cols) throw new EigenlabError("shape", message.notSquare(`A ${symmetry} Matrix Market file`, rows, cols));
  const sign = symmetry === "skew-symmetric" ? -1 : 1;
  const fmt = (v: number): string => {
    if (field === "integer" && !Number.isInteger(v)) {
      throw new EigenlabError("io-write-type", message.ioCannotWrite("Matrix Market integer", `the value ${v}`, "integers; use field \"real\""));
    }
    return fmtReal(v);
  };
  const lines: string[] = [`%%MatrixMarket matrix ${format} ${field} ${symmetry}`];
  if (opts.comment) for (const c of opts.comment.split("\n")) lines.push(`%${c}`);
  if (format === "coordinate") {
    const S = A instanceof CsrMatrix ? A : CsrMatrix.fromDense(A);
    if (symmetry !== "general") {
      // Symmetric storage keeps the lower triangle; check the upper one mirrors it exactly.
      for (let i = 0; i < rows; i++) {
        for (let p = S.indptr[i]; p < S.indptr[i + 1]; p++) {
          const j = S.indices[p];
          const v = S.values[p];
          if ((i === j && sign < 0 && v !== 0) || S.get(j, i) !== sign * v) throw new EigenlabError("io-not-symmetric", message.ioMtxNotSymmetric(i, j, symmetry));
        }
      }
    }
    const body: string[] = [];
    for (let i = 0; i < rows; i++) {
      for (let p = S.indptr[i]; p < S.indptr[i + 1]; p++) {
        const j = S.indices[p];
        if (symmetry !== "general" && (j > i || (j === i && sign < 0))) continue;
        body.push(field === "pattern" ? `${i + 1} ${j + 1}` : `${i + 1} ${j + 1} ${fmt(S.values[p])}`);
      }
    }
    lines.push(`${rows} ${cols} ${body.length}`, ...body);
  } else {
    const D = A instanceof Matrix ? A.data : A.toDense().data;
    lines.push(`${rows} ${cols}`);
    for (let j = 0; j < cols; j++) {
      for (let i = symmetry === "general" ? 0 : sign < 0 ? j + 1 : j; i < rows; i++) {
        const v = D[i * cols + j];
        if (symmetry !== "general" && (D[j * cols + i] !== sign * v || (sign < 0 && D[j * cols + j] !== 0))) {
          throw new EigenlabError("io-not-symmetric", message.ioMtxNotSymmetric(i, j, symmetry));
        }
        lines.push(fmt(v));
      }
    }
  }
  const bytes = asciiBytes(lines.join("\n") + "\n");
  return opts.gzip ? gzipSync(bytes, { level: 6, mtime: 0 }) : bytes;
}

/**
 * Writes a `CsrMatrix` (coordinate) or `Matrix` (array) as a Matrix Market file that scipy.io.mmread reads
 * bit-exact, atomically (temporary file, fsync, rename); a path ending in ".gz" is gzip-compressed.
 *
 * Spec: https://math.nist.gov/MatrixMarket/formats.html
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.mtx.gz");
 * io.writeMatrixMarket(path, CsrMatrix.fromTriplets(2, 2, [0, 1], [0, 1], [1, 2]));
 * io.readMatrixMarket(path).nnz; // => 2
 * ```
 */
export function writeMatrixMarket(path: string, A: CsrMatrix | Matrix, opts: WriteMatrixMarketOptions = {}): void {
  const bytes = encodeMatrixMarket(A, { ...opts, gzip: opts.gzip ?? path.toLowerCase().endsWith(".gz") });
  getFileSystem(path).writeFileAtomic(path, bytes, `io.writeMatrixMarket ${path}`);
}
