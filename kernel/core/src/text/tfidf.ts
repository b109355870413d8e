/**
 * `text.tokenize` and `text.tfidf`: documents → a documents × terms TF-IDF `CsrMatrix`, with scikit-learn's
 * `TfidfVectorizer` conventions (default token pattern, lowercase, min_df / max_df / max_features, smooth idf,
 * sublinear tf, l2 rows), so that the same documents give the same matrix (checked to 1e-12 in the tests).
 * Browser-safe: no Node built-in.
 */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { positiveInteger } from "../validate";
import { ENGLISH_STOP_WORDS } from "./stop-words";

/**
 * scikit-learn's default `token_pattern` r"(?u)\b\w\w+\b": Python's Unicode `\w` is a letter (Lu, Ll, Lt, Lm, Lo),
 * a number (Nd, Nl, No) or "_", and \b\w\w+\b matches exactly the maximal runs of two or more such characters,
 * which this pattern finds (JavaScript's `\w` and `\b` are ASCII-only, so they are spelled out).
 */
export const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export interface TokenizeOptions {
  /** Lowercase before matching (scikit-learn's `lowercase`, default true). */
  lowercase?: boolean;
}

/**
 * The tokens of one document as scikit-learn's default analyzer finds them: `doc.lower()`, then every maximal run
 * of two or more Unicode letters, digits or "_" (the token pattern r"(?u)\b\w\w+\b"), in order. One-character
 * words and punctuation are dropped; no stemming.
 *
 * @example
 * ```ts
 * text.tokenize("Free MONEY!!! Click: www.e-mail.com, a 2nd time_now"); // => ["free", "money", "click", "www", "mail", "com", "2nd", "time_now"]
 * text.tokenize("Ünïcode Wörter", { lowercase: false }); // => ["Ünïcode", "Wörter"]
 * ```
 */
export function tokenize(doc: string, opts: TokenizeOptions = {}): string[] {
  checkOptions("text.tokenize", opts, ["lowercase"]);
  if (typeof doc !== "string") throw new EigenlabError("bad-input", message.textBadDocument("text.tokenize", 0, doc));
  return (opts.lowercase === false ? doc : doc.toLowerCase()).match(TOKEN) ?? [];
}

/** The weighting and vocabulary options shared by `text.tfidf` and `data.spamAssassin`. */
export interface TfidfWeighting {
  /**
   * Keep terms occurring in at least this many documents: an integer count ≥ 1, or a proportion of the documents
   * in (0, 1) (scikit-learn's `min_df`). Default 1 (every term), as scikit-learn.
   */
  minDf?: number;
  /**
   * Drop terms occurring in more documents than this: a proportion in (0, 1] or an integer count ≥ 2. Default 1
   * (= 100 %). Unlike scikit-learn, 1 means the proportion 1.0 (JavaScript has no separate integer 1).
   */
  maxDf?: number;
  /**
   * Keep only the `maxFeatures` terms with the largest total count over the documents (after the
   * document-frequency filter), as scikit-learn's `max_features`; ties at the cut are broken alphabetically
   * (scikit-learn's unstable argsort may choose otherwise there). Default: no limit.
   */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of the raw count tf (scikit-learn's `sublinear_tf`). Default false. */
  sublinearTf?: boolean;
  /** Multiply by the inverse document frequency (scikit-learn's `use_idf`). Default true; false gives normalized counts. */
  useIdf?: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1 (true, default, scikit-learn's `smooth_idf`) or ln(n / df) + 1 (false). */
  smoothIdf?: boolean;
  /** Row normalisation: "l2" (default), "l1" or null (none). */
  norm?: "l2" | "l1" | null;
}

export interface TfidfOptions extends TfidfWeighting {
  /** Lowercase string documents before tokenizing (default true). Token lists are taken as given. */
  lowercase?: boolean;
  /**
   * Tokens to drop: "english" (scikit-learn's 318-word `ENGLISH_STOP_WORDS`), or your own list. Applied after
   * tokenizing (and lowercasing) string documents, and to token lists as given. Default: none.
   */
  stopWords?: "english" | readonly string[];
}

/**
 * A TF-IDF document–term matrix with its vocabulary.
 */
export interface Tfidf {
  /** documents × terms (rows in input order, columns in `vocabulary` order); each row unit length under `norm`. */
  X: CsrMatrix;
  /** The term of each column, sorted by code point (as scikit-learn sorts its vocabulary). */
  vocabulary: string[];
  /** Inverse document frequency of each column (all ones with `useIdf: false`). */
  idf: Float64Array;
  /** Number of documents containing each column's term. */
  df: Int32Array;
}

/** Documents counted in one term-id space: per document, sorted unique term ids and their counts. */
export interface CountedDocuments {
  termIds: Int32Array[];
  counts: Int32Array[];
  /** Term of each id (ids may be shared with documents not in this set). */
  terms: readonly string[];
}

/** Resolved weighting options. */
export interface Weighting {
  minDf: number;
  maxDf: number;
  maxFeatures: number | undefined;
  sublinearTf: boolean;
  useIdf: boolean;
  smoothIdf: boolean;
  norm: "l2" | "l1" | null;
}

export const WEIGHTING_OPTIONS = ["minDf", "maxDf", "maxFeatures", "sublinearTf", "useIdf", "smoothIdf", "norm"] as const;

/** Checks the weighting options (defaults: scikit-learn's, except `minDf`'s default is the caller's). */
export function checkWeighting(fn: string, opts: TfidfWeighting, minDfDefault: number): Weighting {
  const norm = opts.norm === undefined ? "l2" : opts.norm;
  if (norm !== null && norm !== "l2" && norm !== "l1") throw new EigenlabError("bad-option", message.textBadNorm(fn, norm));
  const minDf = opts.minDf ?? minDfDefault;
  const maxDf = opts.maxDf ?? 1;
  for (const [name, v] of [["minDf", minDf], ["maxDf", maxDf]] as const) {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v) || (v > 1 && !Number.isInteger(v))) {
      throw new EigenlabError("bad-option", message.textBadDf(fn, name, v));
    }
  }
  const maxFeatures = opts.maxFeatures === undefined ? undefined : positiveInteger(fn, "maxFeatures", opts.maxFeatures);
  return { minDf, maxDf, maxFeatures, sublinearTf: opts.sublinearTf === true, useIdf: opts.useIdf !== false, smoothIdf: opts.smoothIdf !== false, norm };
}

/** A document-frequency bound: integer count, or a proportion of n (scikit-learn's int / float `min_df`, `max_df`). */
function dfBound(value: number, n: number, isMax: boolean): number {
  return value < 1 || (isMax && value === 1) ? value * n : value;
}

/** Code-point order (Python's str order), which differs from UTF-16 order only around astral characters. */
export function compareCodePoints(a: string, b: string): number {
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

/**
 * The TF-IDF matrix of counted documents: vocabulary filter (scikit-learn's `_limit_features`: document
 * frequency first, then `max_features` by total count), columns in code-point order, then tf · idf and row
 * normalisation as `TfidfTransformer`.
 */
export function weighCounts(fn: string, docs: CountedDocuments, w: Weighting): Tfidf {
  const n = docs.termIds.length;
  const terms = docs.terms;
  // Document frequencies and total counts over these documents, in the shared term-id space.
  const dfAll = new Int32Array(terms.length);
  const tfAll = new Float64Array(terms.length);
  for (let d = 0; d < n; d++) {
    const t = docs.termIds[d];
    const c = docs.counts[d];
    for (let k = 0; k < t.length; k++) {
      dfAll[t[k]]++;
      tfAll[t[k]] += c[k];
    }
  }
  const low = dfBound(w.minDf, n, false);
  const high = dfBound(w.maxDf, n, true);
  if (high < low) throw new EigenlabError("bad-option", message.textDfOrder(fn, low, high));
  let kept: number[] = [];
  for (let id = 0; id < terms.length; id++) if (dfAll[id] > 0 && dfAll[id] >= low && dfAll[id] <= high) kept.push(id);
  if (kept.length === 0) throw new EigenlabError("bad-option", message.textEmptyVocabulary(fn, low, high, n));
  kept.sort((a, b) => compareCodePoints(terms[a], terms[b]));
  if (w.maxFeatures !== undefined && kept.length > w.maxFeatures) {
    // Largest total count first, alphabetical among equals (a stable sort of the sorted vocabulary).
    const byCount = kept.map((id, rank) => ({ id, rank })).sort((a, b) => tfAll[b.id] - tfAll[a.id] || a.rank - b.rank);
    const chosen = new Set(byCount.slice(0, w.maxFeatures).map((x) => x.id));
    kept = kept.filter((id) => chosen.has(id));
  }
  const column = new Int32Array(terms.length).fill(-1);
  kept.forEach((id, j) => (column[id] = j));
  const m = kept.length;
  const df = Int32Array.from(kept, (id) => dfAll[id]);
  // TfidfTransformer(smooth_idf=True): as if one extra document contained every term once.
  const idf = Float64Array.from(df, (f) => (!w.useIdf ? 1 : w.smoothIdf ? Math.log((n + 1) / (f + 1)) + 1 : Math.log(n / f) + 1));

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const row: { j: number; v: number }[] = [];
  for (let d = 0; d < n; d++) {
    row.length = 0;
    const t = docs.termIds[d];
    const c = docs.counts[d];
    for (let k = 0; k < t.length; k++) {
      const j = column[t[k]];
      if (j >= 0) row.push({ j, v: (w.sublinearTf ? Math.log(c[k]) + 1 : c[k]) * idf[j] });
    }
    row.sort((a, b) => a.j - b.j);
    // scikit-learn's inplace_csr_row_normalize_l2 / _l1: the norm summed in column order, then each entry divided.
    let s = 0;
    if (w.norm === "l2") for (const e of row) s += e.v * e.v;
    else if (w.norm === "l1") for (const e of row) s += Math.abs(e.v);
    const scale = w.norm === "l2" ? Math.sqrt(s) : s;
    for (const e of row) {
      indices.push(e.j);
      values.push(w.norm !== null && scale > 0 ? e.v / scale : e.v);
    }
    indptr[d + 1] = indices.length;
  }
  return {
    X: new CsrMatrix(n, m, indptr, Int32Array.from(indices), Float64Array.from(values)),
    vocabulary: kept.map((id) => terms[id]),
    idf,
    df,
  };
}

/**
 * Term frequency–inverse document frequency of a corpus (Salton & Buckley, "Term-weighting approaches in automatic
 * text retrieval", 1988), with scikit-learn's `TfidfVectorizer` conventions, so the same documents give the same
 * matrix: string documents are lowercased and split by the default token pattern (see `text.tokenize`), stop words
 * dropped; terms kept by document frequency (`minDf`, `maxDf`) and total count (`maxFeatures`); weight
 * tf · idf with idf = ln((1 + n) / (1 + df)) + 1 (smooth) and tf the raw count (or 1 + ln tf, `sublinearTf`);
 * each row scaled to unit l2 norm. A document may also be a token list (a custom analyzer's output), used as given.
 *
 * @example
 * ```ts
 * const t = text.tfidf(["the cat sat", "the dog sat", "a dog barked"], { stopWords: "english" });
 * t.vocabulary; // => ["barked", "cat", "dog", "sat"]
 * t.df; // => [1, 1, 2, 2]
 * t.idf[0]; // => 1.6931471805599454
 * // "the" is a stop word; row 0 holds cat and sat, weighted by their idf, at unit length
 * const row = t.X.toDense().toArray()[0];
 * row[1] / row[3]; // => 1.3148798269250952
 * row[1] ** 2 + row[3] ** 2; // => 1
 * text.tfidf([["spam", "spam", "eggs"]], { norm: null }).X.toDense().toArray(); // => [[1, 2]]
 * ```
 */
export function tfidf(docs: readonly (string | readonly string[])[], opts: TfidfOptions = {}): Tfidf {
  const fn = "text.tfidf";
  checkOptions(fn, opts, ["lowercase", "stopWords", ...WEIGHTING_OPTIONS]);
  const w = checkWeighting(fn, opts, 1);
  if (!Array.isArray(docs) || docs.length === 0) throw new EigenlabError("bad-input", message.textNoDocuments(fn));
  let stop: Set<string> | undefined;
  if (opts.stopWords !== undefined) {
    if (opts.stopWords === "english") stop = new Set(ENGLISH_STOP_WORDS);
    else if (Array.isArray(opts.stopWords) && opts.stopWords.every((s) => typeof s === "string")) stop = new Set(opts.stopWords);
    else throw new EigenlabError("bad-option", message.textBadStopWords(fn, opts.stopWords));
  }
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const termIds: Int32Array[] = [];
  const counts: Int32Array[] = [];
  const tally = new Map<number, number>();
  docs.forEach((doc, d) => {
    let tokens: readonly string[];
    if (typeof doc === "string") tokens = (opts.lowercase === false ? doc : doc.toLowerCase()).match(TOKEN) ?? [];
    else if (Array.isArray(doc) && doc.every((t) => typeof t === "string")) tokens = doc;
    else throw new EigenlabError("bad-input", message.textBadDocument(fn, d, doc));
    tally.clear();
    for (const tok of tokens) {
      if (stop?.has(tok)) continue;
      let id = ids.get(tok);
      if (id === undefined) {
        id = terms.length;
        ids.set(tok, id);
        terms.push(tok);
      }
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    const t = Int32Array.from(tally.keys()).sort();
    termIds.push(t);
    counts.push(Int32Array.from(t, (id) => tally.get(id)!));
  });
  return weighCounts(fn, { termIds, counts, terms }, w);
}
