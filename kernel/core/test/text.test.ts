import { strict as assert } from "assert";
import { data, EigenlabError, text } from "../src";
import { peerCsr, runPython } from "../../../test/util/peer";

/** Tests of the `text` namespace: tokens and TF-IDF as scikit-learn's TfidfVectorizer computes them. */
describe("text", () => {
  it("tokenize(doc) finds the tokens of scikit-learn's default analyzer (lowercase + r'(?u)\\b\\w\\w+\\b'), Unicode included", () => {
    const docs = [
      "Free MONEY!!! Click: www.e-mail.com, a 2nd time_now",
      "naïve café ÆON x2 9_9 Ω-3 ½price ²nd",
      "Ελληνικά κείμενα, русский текст, 中文文本 和 日本語",
      "de\u0301ja\u0300 vu (combining accents are no word characters in Python's re)",
      "tab\tnew\nline\r\nCRLF — em—dash … ellipsis 1,000.50 $9.99 3x4",
      "a I o 1 2 _ __ x_",
    ];
    const peer = runPython(
      `from sklearn.feature_extraction.text import CountVectorizer
a = CountVectorizer().build_analyzer()
b = CountVectorizer(lowercase=False).build_analyzer()
out = {"lower": [a(d) for d in json.loads(docs)], "asis": [b(d) for d in json.loads(docs)]}`,
      { docs: JSON.stringify(docs) },
    );
    assert.deepEqual(docs.map((d) => text.tokenize(d)), peer.lower);
    assert.deepEqual(docs.map((d) => text.tokenize(d, { lowercase: false })), peer.asis);
  });

  it("tfidf(docs, opts) equals scikit-learn's TfidfVectorizer on 750 real messages (stop words, df bounds, max_features, sublinear tf, l1; 1e-12)", () => {
    const texts = data.spamAssassin({ groups: ["hard-ham-1", "spam-1"], texts: true }).texts!;
    const a = text.tfidf(texts, { stopWords: "english", minDf: 3, maxDf: 0.7 });
    const b = text.tfidf(texts, { minDf: 0.01, maxDf: 0.5, maxFeatures: 1000, sublinearTf: true, norm: "l1" });
    const c = text.tfidf(texts, { stopWords: ["the", "and", "you"], lowercase: false, smoothIdf: false, norm: null, minDf: 2 });
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
    return {"vocab": same, "shape": list(X.shape),
            "x": float(abs(A - X).max()) if same else None,
            "idf": float(np.abs(v.idf_ - idf).max()) if same else None}
C = CountVectorizer(min_df=0.01, max_df=0.5).fit_transform(docs)
tfs = np.sort(np.asarray(C.sum(axis=0)).ravel())[::-1]
out = {"a": check("A", vocabA, idfA, stop_words="english", min_df=3, max_df=0.7),
       "b": check("B", vocabB, idfB, min_df=0.01, max_df=0.5, max_features=1000, sublinear_tf=True, norm="l1"),
       "c": check("C", vocabC, idfC, stop_words=["the", "and", "you"], lowercase=False, smooth_idf=False, norm=None, min_df=2),
       "tieFreeCut": bool(tfs[999] != tfs[1000])}`,
      {
        texts: JSON.stringify(texts),
        vocabA: JSON.stringify(a.vocabulary), vocabB: JSON.stringify(b.vocabulary), vocabC: JSON.stringify(c.vocabulary),
        idfA: { shape: [a.idf.length], data: a.idf }, idfB: { shape: [b.idf.length], data: b.idf }, idfC: { shape: [c.idf.length], data: c.idf },
        ...peerCsr("A", a.X), ...peerCsr("B", b.X), ...peerCsr("C", c.X),
      },
    );
    assert.equal(peer.tieFreeCut, true); // else scikit-learn's unstable argsort may keep another term at the cut
    for (const [name, mine] of [["a", a], ["b", b], ["c", c]] as const) {
      const r = peer[name];
      assert.equal(r.vocab, true, `${name}: vocabulary differs from get_feature_names_out()`);
      assert.deepEqual(r.shape, [mine.X.rows, mine.X.cols]);
      assert.ok(r.x <= 1e-12, `${name}: max |X - sklearn| = ${r.x}`);
      assert.ok(r.idf <= 1e-12, `${name}: max |idf - sklearn idf_| = ${r.idf}`);
    }
    assert.equal(b.X.cols, 1000);
    assert.ok(!a.vocabulary.includes("the") && !a.vocabulary.includes("would"));
  }).timeout(120000); // a Python peer on real mail: 20–35 s on a loaded machine

  it("tfidf(tokenLists) equals TfidfVectorizer(analyzer=<the same token lists>) (1e-12), and useIdf: false gives normalized counts", () => {
    // Token lists pass through as given: case kept, one-letter tokens kept (no token pattern).
    const docs = [["Spam", "spam", "a", "eggs"], ["eggs", "ham", "ham", "a"], ["Spam", "ham", "Ω", "Ω", "Ω"], ["b"]];
    const t = text.tfidf(docs);
    const u = text.tfidf(docs, { useIdf: false });
    const peer = runPython(
      `from sklearn.feature_extraction.text import TfidfVectorizer
docs = json.loads(docs)
tok = {" ".join(d): d for d in docs}
v = TfidfVectorizer(analyzer=lambda s: tok[s])
X = v.fit_transform([" ".join(d) for d in docs])
w = TfidfVectorizer(analyzer=lambda s: tok[s], use_idf=False)
Y = w.fit_transform([" ".join(d) for d in docs])
out = {"vocab": v.get_feature_names_out().tolist(), "X": X.toarray(), "idf": v.idf_, "Y": Y.toarray()}`,
      { docs: JSON.stringify(docs) },
    );
    assert.deepEqual(t.vocabulary, peer.vocab);
    const close = (x: number[][], y: number[][]) => x.forEach((r, i) => r.forEach((v, j) => assert.ok(Math.abs(v - y[i][j]) <= 1e-12, `(${i}, ${j}) ${v} vs ${y[i][j]}`)));
    close(t.X.toDense().toArray(), peer.X);
    close(u.X.toDense().toArray(), peer.Y);
    Array.from(t.idf).forEach((v, j) => assert.ok(Math.abs(v - peer.idf[j]) <= 1e-12));
    assert.deepEqual(Array.from(u.idf), new Array(7).fill(1));
    assert.equal(t.vocabulary.length, 7);
  });

  it("tfidf(docs) rows have unit l2 norm, df counts the documents holding each term, idf = ln((1+n)/(1+df)) + 1", () => {
    const docs = ["alpha beta beta", "beta gamma", "gamma gamma gamma delta", "", "alpha"];
    const t = text.tfidf(docs);
    assert.deepEqual(t.vocabulary, ["alpha", "beta", "delta", "gamma"]);
    assert.deepEqual(Array.from(t.df), [2, 2, 1, 2]);
    const n = docs.length;
    t.df.forEach((f, j) => assert.ok(Math.abs(t.idf[j] - (Math.log((1 + n) / (1 + f)) + 1)) < 1e-15));
    const X = t.X.toDense().toArray();
    X.forEach((row, d) => {
      const s = row.reduce((a, v) => a + v * v, 0);
      assert.ok(docs[d] === "" ? s === 0 : Math.abs(s - 1) < 1e-15, `row ${d}: ${s}`);
    });
    // Document 2: gamma counted 3 times, delta once; their ratio is 3·idf(gamma) / idf(delta).
    assert.ok(Math.abs(X[2][3] / X[2][2] - (3 * t.idf[3]) / t.idf[2]) < 1e-14);
  });

  it("tfidf() rejects empty corpora, bad documents, stop words, df bounds and norms, saying what to pass", () => {
    const bad = (f: () => unknown, code: string, re: RegExp) =>
      assert.throws(f, (e: unknown) => e instanceof EigenlabError && e.code === code && re.test(e.message));
    bad(() => text.tfidf([]), "bad-input", /non-empty array/);
    bad(() => text.tfidf(["ok", 3 as never]), "bad-input", /document 1 is number/);
    bad(() => text.tfidf([["a", 1 as never]]), "bad-input", /array of string tokens/);
    bad(() => text.tfidf(["a b"], { stopWords: "french" as never }), "bad-option", /"english"/);
    bad(() => text.tfidf(["aa bb"], { minDf: 1.5 }), "bad-option", /integer document count/);
    bad(() => text.tfidf(["aa bb", "cc"], { minDf: 2, maxDf: 1.5 }), "bad-option", /integer document count/);
    bad(() => text.tfidf(["aa bb", "cc", "dd"], { minDf: 3 }), "bad-option", /no term appears/);
    bad(() => text.tfidf(["aa", "aa bb", "cc"], { minDf: 3, maxDf: 2 }), "bad-option", /raise maxDf/);
    bad(() => text.tfidf(["aa"], { norm: "max" as never }), "bad-option", /"l2", "l1" or null/);
    bad(() => text.tfidf(["aa"], { ngram: 2 } as never), "unknown-option", /ngram/);
    bad(() => text.tokenize(5 as never), "bad-input", /string/);
  });
});
