/**
 * Edge lists → `{ W: CsrMatrix, nodes }` and back (browser-safe: byte chunks in, text out).
 *
 * Built for 10^7 edges: the bytes are tokenized in place (no string per line or per field) and the input is
 * streamed in chunks. One pass fills coordinate arrays (sized by a line count taken first); a counting sort
 * by row then copies one array at a time into the CSR (see buildCsr), so at most 24 bytes per entry are
 * alive at the peak — 2× the CSR's 12 — when the collector frees each source array once dropped (measured
 * on 10^7 edges: 2.1–2.6× in resident memory, node names included). Each row is then sorted and its
 * duplicates combined in place. (A two-pass read that writes straight into the CSR was tried: three times
 * slower, and no smaller in measured resident memory.)
 */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { reportProgress } from "../progress";
import { graphInput, textOrBytesInput } from "../validate/inputs";

/** Options of `io.readEdgeList` / `io.parseEdgeList`. */
export interface EdgeListOptions {
  /** Directed graph: W[u, v] only. Default false: undirected, W symmetric (a self-loop is stored once). */
  directed?: boolean;
  /**
   * Whether the third field is the weight: "auto" (default) when the first edge has one; `false` ignores
   * every field after the second; `true` requires it. Edges without a weight weigh 1. networkx's default
   * `write_edgelist` form `u v {'weight': 0.5}` is read too ("{}" weighs 1).
   */
  weighted?: boolean | "auto";
  /**
   * A repeated edge (same u, v; for undirected graphs also v, u): "sum" (default, as
   * `scipy.sparse.coo_matrix(...).tocsr()` and `CsrMatrix.fromTriplets`), "max", "last" (the later line
   * wins, as networkx's `read_edgelist` into a `Graph`), or "error". "last" and "error" keep each entry's
   * line number (4 more bytes per entry in memory).
   */
  duplicates?: "sum" | "max" | "last" | "error";
  /** Skip the first non-comment line (a header such as `source,target,weight`). Default false. */
  header?: boolean;
}

/** A graph read from a file: adjacency (row i = node `nodes[i]`) and node names. */
export interface GraphRead {
  W: CsrMatrix;
  /**
   * Node names, one per row. All-integer ids (no sign, no leading zero) are sorted numerically, so ids
   * 0..n−1 give row i = node i; otherwise nodes are numbered in order of first appearance.
   */
  nodes: string[];
}

const SP = 32, TAB = 9, CR = 13, NL = 10, COMMA = 44, HASH = 35, PCT = 37, LBRACE = 123, RBRACE = 125;
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const decoder = new TextDecoder("utf-8");

/** Restart signal: a non-integer node id was met in integer mode. */
class StringIds extends Error {}

function latin1(buf: Uint8Array, a: number, b: number): string {
  let s = "";
  for (let k = a; k < b; k++) s += String.fromCharCode(buf[k]);
  return s;
}

/** Decimal bytes → number (exact fast path as in csv.ts, else Number()); NaN for text. */
function parseWeight(buf: Uint8Array, a: number, b: number): number {
  let i = a;
  let neg = false;
  let c = buf[i];
  if (c === 45) { neg = true; c = buf[++i]; } else if (c === 43) c = buf[++i];
  let mant = 0, sig = 0, exp = 0, digits = 0;
  while (i < b && c >= 48 && c <= 57) {
    if (sig > 0 || c !== 48) { mant = mant * 10 + (c - 48); sig++; }
    digits++;
    c = buf[++i];
  }
  if (i < b && c === 46) {
    c = buf[++i];
    while (i < b && c >= 48 && c <= 57) {
      if (sig > 0 || c !== 48) { mant = mant * 10 + (c - 48); sig++; }
      exp--; digits++;
      c = buf[++i];
    }
  }
  if (i === b && digits > 0 && sig <= 15) {
    const v = exp === 0 ? mant : exp >= -22 ? mant / POW10[-exp] : NaN;
    if (!Number.isNaN(v)) return neg ? -v : v;
  }
  const t = latin1(buf, a, b);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  const m = /^([+-]?)(inf|Inf|INF|infinity|Infinity)$/.exec(t);
  if (m) return m[1] === "-" ? -Infinity : Infinity;
  return NaN;
}

/** The weight inside networkx's attribute dict `{'weight': 0.5}`; 1 when the dict has no weight. */
function dictWeight(text: string): number {
  const m = /['"]weight['"]\s*:\s*([^,}\s]+)/.exec(text);
  if (!m) return 1;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(m[1]) ? Number(m[1]) : NaN;
}

/**
 * Splits the line starting at `pos` (up to the next line break or `end`) into up to three fields (runs of
 * spaces/tabs and at most one comma separate them; # or % ends the line; a third field starting "{" runs to
 * "}"): their bounds go to s[0..5], s[6] = 1 for a dict field, s[7] = where the line ends. Returns the
 * number of fields (4 = more than three). One scan finds both the fields and the line's end.
 */
function tokenize(buf: Uint8Array, pos: number, end: number, s: number[]): number {
  let p = pos;
  let nf = 0;
  s[6] = 0;
  for (;;) {
    let c = buf[p];
    while (p < end && (c === SP || c === TAB || c === CR || (c === COMMA && nf > 0))) c = buf[++p];
    if (p >= end || c === NL) break;
    if (c === HASH || c === PCT || nf === 3) {
      if (nf === 3 && c !== HASH && c !== PCT) nf = 4;
      const q = buf.indexOf(NL, p);
      p = q < 0 || q > end ? end : q;
      break;
    }
    const a = p;
    if (c === LBRACE && nf === 2) {
      while (p < end && (c = buf[p]) !== RBRACE && c !== NL) p++;
      if (p < end && c === RBRACE) p++;
      s[6] = 1;
    } else {
      while (p < end && (c = buf[p]) !== SP && c !== TAB && c !== COMMA && c !== CR && c !== NL) p++;
    }
    s[2 * nf] = a;
    s[2 * nf + 1] = p;
    nf++;
  }
  s[7] = p;
  return nf;
}

/** The field-count rules: 2 or 3 fields, the same on every line; `check` says whether the line is weighted. */
class FieldCheck {
  private weighted: boolean | undefined;
  private expect = -1;
  constructor(opts: EdgeListOptions, private readonly source: string) {
    this.weighted = opts.weighted === "auto" || opts.weighted === undefined ? undefined : opts.weighted;
  }
  check(nf: number, line: number): boolean {
    const { source } = this;
    if (this.weighted === false) {
      if (nf < 2) throw new EigenlabError("parse", message.edgeFields(source, line, nf));
      return false;
    }
    if (nf < 2 || nf > 3) throw new EigenlabError("parse", message.edgeFields(source, line, nf));
    if (this.weighted === undefined) this.weighted = nf === 3;
    if (this.expect < 0) this.expect = this.weighted ? 3 : 2;
    if (nf !== this.expect) {
      if (nf === 3 && !this.weighted) throw new EigenlabError("parse", message.edgeFields(source, line, nf));
      throw new EigenlabError("parse", message.edgeMixedWeights(source, line, nf, this.expect));
    }
    return this.weighted;
  }
}

function readWeight(buf: Uint8Array, s: number[], line: number, source: string): number {
  const w = s[6] ? dictWeight(latin1(buf, s[4], s[5])) : parseWeight(buf, s[4], s[5]);
  if (Number.isNaN(w)) throw new EigenlabError("bad-weight", message.edgeBadWeight(source, line, decoder.decode(buf.subarray(s[4], s[5]))));
  return w;
}

interface Parsed {
  /** Source ids (raw integer ids in integer mode, indices in string mode), target ids, weights, count. */
  row: Int32Array;
  col: Int32Array;
  val: Float64Array;
  m: number;
  nodes: string[];
  n: number;
  /** Line number of each edge (kept for duplicates "last" and "error"). */
  lineOf?: Int32Array;
}

/**
 * The parse: `chunks()` yields the input in pieces that end at line breaks (it is called up to three
 * times: count lines, parse with integer ids, and again with string ids if a non-integer id appears).
 */
function parseChunks(chunks: () => Iterable<Uint8Array>, opts: EdgeListOptions, source: string, progress: ByteProgress): Parsed {
  progress.report(0);
  let lines = 1;
  let counted = 0;
  for (const c of chunks()) {
    progress.report(COUNT_SHARE * counted);
    counted += c.length;
    for (let p = c.indexOf(NL); p >= 0; p = c.indexOf(NL, p + 1)) lines++;
  }
  const cap = opts.directed ? lines : 2 * lines;
  try {
    return parsePass(chunks, opts, source, cap, true, progress);
  } catch (e) {
    if (!(e instanceof StringIds)) throw e;
    return parsePass(chunks, opts, source, cap, false, progress);
  }
}

/**
 * The read's three passes as shares of its progress, in bytes of the file: counting lines, parsing, and
 * building the CSR (measured on 4·10^6 to 10^7 edges, each pass takes a comparable part of the time, so a
 * progress line that counted only the parse would stall for seconds before and after it).
 */
const COUNT_SHARE = 0.2, PARSE_SHARE = 0.4;

/**
 * Progress in byte-equivalents of work done, reported before each chunk and every 2^16 rows of the CSR
 * build (so the last in-loop report is below the total and the final one comes once the CSR is built);
 * monotone, also over the restart in string-id mode.
 */
class ByteProgress {
  private high = 0;
  constructor(private readonly task: string, readonly total: number) {}
  /** Reports `done` bytes' worth of work (a fraction of the total when `fraction` is set). */
  report(done: number, fraction = false): void {
    if (this.total <= 0) return;
    if (fraction) done *= this.total;
    done = Math.floor(done);
    if (done > this.high) this.high = Math.min(done, this.total - 1);
    reportProgress({ task: this.task, done: this.high, total: this.total, unit: "bytes" });
  }
}

function parsePass(
  chunks: () => Iterable<Uint8Array>, opts: EdgeListOptions, source: string, cap: number, intMode: boolean, progress: ByteProgress,
): Parsed {
  const row = new Int32Array(cap);
  const col = new Int32Array(cap);
  const val = new Float64Array(cap);
  const keepLines = opts.duplicates === "error" || opts.duplicates === "last";
  const lineOf = keepLines ? new Int32Array(cap) : undefined;
  const index = new Map<string, number>();
  const nodes: string[] = [];
  let maxId = -1;
  let m = 0;
  let line = 0;
  const fields = new FieldCheck(opts, source);
  let skipHeader = !!opts.header;
  const s = [0, 0, 0, 0, 0, 0, 0, 0];

  const stringId = (buf: Uint8Array, a: number, b: number): number => {
    let ascii = true;
    for (let k = a; k < b; k++) if (buf[k] >= 128) { ascii = false; break; }
    const key = ascii ? latin1(buf, a, b) : decoder.decode(buf.subarray(a, b));
    let id = index.get(key);
    if (id === undefined) {
      id = nodes.length;
      if (id >= 0x7fffffff) throw new EigenlabError("too-many", message.edgeTooMany(source, 0x7fffffff));
      index.set(key, id);
      nodes.push(key);
    }
    return id;
  };
  const intId = (buf: Uint8Array, a: number, b: number): number => {
    const len = b - a;
    if (len > 9 || (len > 1 && buf[a] === 48)) throw new StringIds();
    let v = 0;
    for (let k = a; k < b; k++) {
      const c = buf[k];
      if (c < 48 || c > 57) throw new StringIds();
      v = v * 10 + (c - 48);
    }
    if (v > maxId) maxId = v;
    return v;
  };

  let parsed = 0;
  for (const buf of chunks()) {
    progress.report(COUNT_SHARE * progress.total + PARSE_SHARE * parsed);
    parsed += buf.length;
    const end = buf.length;
    let pos = 0;
    while (pos < end) {
      line++;
      const nf = tokenize(buf, pos, end, s);
      pos = s[7] + 1;
      if (nf === 0) continue;
      if (skipHeader) { skipHeader = false; continue; }
      const weighted = fields.check(nf, line);
      const w = weighted ? readWeight(buf, s, line, source) : 1;
      const u = intMode ? intId(buf, s[0], s[1]) : stringId(buf, s[0], s[1]);
      const v = intMode ? intId(buf, s[2], s[3]) : stringId(buf, s[2], s[3]);
      row[m] = u;
      col[m] = v;
      val[m] = w;
      if (lineOf) lineOf[m] = line;
      m++;
    }
  }
  let n: number;
  let names: string[];
  if (intMode) {
    ({ n, names } = compactIntIds(row, col, m, maxId));
  } else {
    n = nodes.length;
    names = nodes;
  }
  return { row, col, val, m, nodes: names, n, lineOf };
}

/** Renumbers raw integer ids to 0..n−1 in increasing id order (bitmap when ids are dense, else sort). */
function compactIntIds(row: Int32Array, col: Int32Array, m: number, maxId: number): { n: number; names: string[] } {
  if (maxId < 0) return { n: 0, names: [] };
  if (maxId <= 8 * m + 1024) {
    const rank = new Int32Array(maxId + 1).fill(-1);
    for (let k = 0; k < m; k++) { rank[row[k]] = 0; rank[col[k]] = 0; }
    let n = 0;
    const names: string[] = [];
    let identity = true;
    for (let id = 0; id <= maxId; id++) {
      if (rank[id] === 0) {
        if (n !== id) identity = false;
        rank[id] = n++;
        names.push(String(id));
      }
    }
    if (!identity) for (let k = 0; k < m; k++) { row[k] = rank[row[k]]; col[k] = rank[col[k]]; }
    return { n, names };
  }
  const ids = new Int32Array(2 * m);
  ids.set(row.subarray(0, m));
  ids.set(col.subarray(0, m), m);
  ids.sort();
  let n = 0;
  for (let k = 0; k < ids.length; k++) if (k === 0 || ids[k] !== ids[k - 1]) ids[n++] = ids[k];
  const uniq = ids.subarray(0, n);
  const find = (x: number) => {
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (uniq[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  for (let k = 0; k < m; k++) { row[k] = find(row[k]); col[k] = find(col[k]); }
  return { n, names: Array.from(uniq, String) };
}

/**
 * Builds the CSR from parsed edges. Counting sort by row, out of place but one array at a time: the column
 * indices are scattered and their source array dropped before the values are, so at most 24 bytes per entry
 * are alive (2× the CSR's 12) — scipy's coo → csr keeps both whole (28). A scatter with sequential reads is
 * used rather than an in-place cycle permutation: the latter's dependent random reads made it 3× slower.
 */
function buildCsr(p: Parsed, opts: EdgeListOptions, source: string, progress: ByteProgress): CsrMatrix {
  progress.report(COUNT_SHARE + PARSE_SHARE, true);
  const policy = opts.duplicates ?? "sum";
  const { n } = p;
  let m = p.m;
  const row = p.row;
  if (!opts.directed) {
    // Mirror every non-loop edge: W symmetric, a self-loop stored once.
    const { col, val, lineOf } = p;
    const m0 = m;
    for (let k = 0; k < m0; k++) {
      if (row[k] === col[k]) continue;
      row[m] = col[k];
      col[m] = row[k];
      val[m] = val[k];
      if (lineOf) lineOf[m] = lineOf[k];
      m++;
    }
  }
  const indptr = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) indptr[row[k] + 1]++;
  for (let r = 0; r < n; r++) indptr[r + 1] += indptr[r];
  const next = indptr.slice(0, n);
  const col = new Int32Array(m);
  { const src = p.col; for (let k = 0; k < m; k++) col[next[row[k]]++] = src[k]; }
  p.col = new Int32Array(0);
  next.set(indptr.subarray(0, n));
  const val = new Float64Array(m);
  { const src = p.val; for (let k = 0; k < m; k++) val[next[row[k]]++] = src[k]; }
  p.val = new Float64Array(0);
  let order: Int32Array | undefined;
  if (p.lineOf) {
    next.set(indptr.subarray(0, n));
    order = new Int32Array(m);
    const src = p.lineOf;
    for (let k = 0; k < m; k++) order[next[row[k]]++] = src[k];
    p.lineOf = undefined;
  }
  p.row = new Int32Array(0);
  progress.report(COUNT_SHARE + PARSE_SHARE + 0.5 * (1 - COUNT_SHARE - PARSE_SHARE), true);
  return finishCsr(n, indptr, col, val, order, policy, p.nodes, source, progress);
}

/** Sorts each row by column (then by line, for "last" and "error") and combines duplicates, compacting in place. */
function finishCsr(
  n: number, indptr: Int32Array, col: Int32Array, val: Float64Array, order: Int32Array | undefined,
  policy: "sum" | "max" | "last" | "error", nodes: string[], source: string, progress: ByteProgress,
): CsrMatrix {
  let out = 0;
  let start = 0;
  const half = 0.5 * (1 - COUNT_SHARE - PARSE_SHARE);
  for (let r = 0; r < n; r++) {
    if ((r & 0xffff) === 0) progress.report(1 - half + (half * r) / n, true);
    const stop = indptr[r + 1];
    sortRow(col, val, order, start, stop);
    for (let q = start; q < stop; q++) {
      if (q > start && col[q] === col[q - 1]) {
        if (policy === "error") throw new EigenlabError("duplicate", message.edgeDuplicate(source, order![q], nodes[r], nodes[col[q]]));
        const prev = val[out - 1];
        val[out - 1] = policy === "sum" ? prev + val[q] : policy === "max" ? Math.max(prev, val[q]) : val[q];
      } else {
        col[out] = col[q];
        val[out] = val[q];
        out++;
      }
    }
    start = stop;
    indptr[r + 1] = out;
  }
  const indices = out === col.length ? col : col.subarray(0, out);
  const values = out === val.length ? val : val.subarray(0, out);
  return new CsrMatrix(n, n, indptr, indices, values);
}

/** Sorts col[a, b) ascending with val (and order) alongside; equal columns by `order` when given, else stably. */
function sortRow(col: Int32Array, val: Float64Array, order: Int32Array | undefined, a: number, b: number): void {
  const len = b - a;
  if (len < 2) return;
  let sorted = true;
  for (let q = a + 1; q < b; q++) {
    if (col[q] < col[q - 1] || (order !== undefined && col[q] === col[q - 1] && order[q] < order[q - 1])) { sorted = false; break; }
  }
  if (sorted) return;
  if (len <= 32) {
    for (let q = a + 1; q < b; q++) {
      const c = col[q], v = val[q], o = order ? order[q] : 0;
      let t = q - 1;
      while (t >= a && (col[t] > c || (order !== undefined && col[t] === c && order[t] > o))) { col[t + 1] = col[t]; val[t + 1] = val[t]; if (order) order[t + 1] = order[t]; t--; }
      col[t + 1] = c; val[t + 1] = v; if (order) order[t + 1] = o;
    }
    return;
  }
  const perm = Array.from({ length: len }, (_, t) => a + t);
  perm.sort((x, y) => col[x] - col[y] || (order ? order[x] - order[y] : x - y));
  const c2 = perm.map((q) => col[q]);
  const v2 = perm.map((q) => val[q]);
  const o2 = order ? perm.map((q) => order[q]) : undefined;
  for (let t = 0; t < len; t++) { col[a + t] = c2[t]; val[a + t] = v2[t]; if (o2) order![a + t] = o2[t]; }
}

function checkEdgeOptions(opts: EdgeListOptions): void {
  const fn = "io.readEdgeList";
  checkOptions(fn, opts, { directed: opt.boolean, weighted: opt.any, duplicates: opt.oneOf("error", "max", "sum", "last"), header: opt.boolean });
  checkChoice(fn, "duplicates", opts.duplicates ?? "sum", ["sum", "max", "last", "error"] as const);
  if (opts.weighted !== undefined && opts.weighted !== "auto") checkChoice(fn, "weighted", opts.weighted, [true, false] as never);
}

/**
 * The parse from line-aligned chunks (Node's path reader streams them); `source` names the input in messages.
 * `size` (the input's byte count) enables progress reports, task "io.readEdgeList <source>", in bytes.
 */
export function parseEdgeListChunks(chunks: () => Iterable<Uint8Array>, opts: EdgeListOptions, source: string, size = 0): GraphRead {
  checkEdgeOptions(opts);
  const progress = new ByteProgress(`io.readEdgeList ${source}`, size);
  const p = parseChunks(chunks, opts, source, progress);
  const W = buildCsr(p, opts, source, progress);
  if (size > 0) reportProgress({ task: `io.readEdgeList ${source}`, done: size, total: size, unit: "bytes" });
  return { W, nodes: p.nodes };
}

/**
 * Parses an edge list (text or bytes): one edge per line, `source target [weight]`, separated by spaces,
 * tabs or a comma; `#` and `%` start comments. Node ids are integers or any other token.
 *
 * @example
 * ```ts
 * const g = io.parseEdgeList("0 1 2.5\n1 2 1\n% comment\n2 0 4\n");
 * g.nodes; // => ["0", "1", "2"]
 * g.W.toDense().toArray(); // => [[0, 2.5, 4], [2.5, 0, 1], [4, 1, 0]]
 * io.parseEdgeList("0 1 2\n0 1 3\n", { duplicates: "max" }).W.get(0, 1); // => 3
 * io.parseEdgeList("x,y\ny,z\n", { directed: true }).W.toDense().toArray(); // => [[0, 1, 0], [0, 0, 1], [0, 0, 0]]
 * ```
 */
export function parseEdgeList(input: string | Uint8Array, opts: EdgeListOptions = {}): GraphRead {
  const text = textOrBytesInput("io.parseEdgeList", input);
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return parseEdgeListChunks(() => [bytes], opts, "<edge list>");
}

/** Options of `io.formatEdgeList` / `io.writeEdgeList`. */
export interface EdgeListWriteOptions {
  /** Node names, one per row (default "0", "1", ...). */
  nodes?: readonly string[];
  /** Write every stored entry (u v w). Default false: W must be symmetric; each edge is written once (u ≤ v). */
  directed?: boolean;
  /** Write the weight column (default true). */
  weights?: boolean;
  /** Field separator (default " ", as networkx writes). */
  delimiter?: " " | "\t" | ",";
}

/**
 * An adjacency matrix as an edge list, one `u v w` line per edge (weights in shortest round-trip form, read
 * back bit-exact by networkx `read_edgelist(..., data=[("weight", float)])`, pandas and us).
 *
 * @example
 * ```ts
 * const W = CsrMatrix.fromTriplets(3, 3, [0, 1, 1, 2], [1, 0, 2, 1], [0.5, 0.5, 2, 2]);
 * io.formatEdgeList(W, { nodes: ["a", "b", "c"] }); // => "a b 0.5\nb c 2\n"
 * ```
 */
export function formatEdgeList(W: CsrMatrix, opts: EdgeListWriteOptions = {}): string {
  const fn = "io.writeEdgeList";
  W = graphInput(fn, W);
  checkOptions(fn, opts, { nodes: opt.any, directed: opt.boolean, weights: opt.boolean, delimiter: opt.oneOf(",", "\t", " ") });
  const delim = checkChoice(fn, "delimiter", opts.delimiter ?? " ", [" ", "\t", ","] as const);
  if (W.rows !== W.cols) throw new EigenlabError("shape", message.notSquare("W", W.rows, W.cols));
  const names = opts.nodes ?? Array.from({ length: W.rows }, (_, i) => String(i));
  if (names.length !== W.rows) throw new EigenlabError("shape", message.vectorLength("nodes", names.length, W.rows));
  if (!opts.directed && W.asymmetry().value !== 0) throw new EigenlabError("not-symmetric", message.edgeWriteDirected(fn));
  const weights = opts.weights ?? true;
  const parts: string[] = [];
  for (let r = 0; r < W.rows; r++) {
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      const c = W.indices[p];
      if (!opts.directed && c < r) continue;
      parts.push(weights ? `${names[r]}${delim}${names[c]}${delim}${W.values[p]}\n` : `${names[r]}${delim}${names[c]}\n`);
    }
  }
  return parts.join("");
}
