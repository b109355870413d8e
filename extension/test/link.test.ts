import { strict as assert } from "assert";
import { compile } from "vega-lite";
import { CsrMatrix, linalg, Matrix } from "@eigenlab/core";
import { graphPayload, spectrumPayload } from "@eigenlab/viz";
import { LinkRegistry, linkKeyOf } from "../src/link";
import type { EigenvectorPick } from "../src/link";
import { eigenpairOf, linkTargetSize, planView, withLinkedColor, DEFAULT_STATE } from "../src/plan";

/** Path graph on n nodes and its combinatorial Laplacian's eigenpairs. */
function pathGraph(n: number) {
  const ii: number[] = [];
  const jj: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    ii.push(i, i + 1);
    jj.push(i + 1, i);
  }
  const W = CsrMatrix.fromTriplets(n, n, ii, jj, ii.map(() => 1));
  const L = new Float64Array(n * n);
  for (let i = 0; i + 1 < n; i++) L[i * n + i + 1] = L[(i + 1) * n + i] = -1;
  for (let i = 0; i < n; i++) L[i * n + i] = i === 0 || i === n - 1 ? 1 : 2;
  return { W, S: linalg.eigh(new Matrix(n, n, L)) };
}

describe("extension cross-output linking (link.ts)", function () {
  this.timeout(30_000);

  it("linkKeyOf(outputMetadata, payloadMeta) prefers the output metadata's link, then meta.link, else undefined", () => {
    assert.equal(linkKeyOf({ link: "a" }, { link: "b" }), "a");
    assert.equal(linkKeyOf({}, { link: "b" }), "b");
    assert.equal(linkKeyOf(undefined, {}), undefined);
    assert.equal(linkKeyOf({ link: "" }, { link: 3 }), undefined);
  });

  it("LinkRegistry.publish(key, pick, from) reaches every other subscriber of key, none of another key; unsubscribe stops it", () => {
    const reg = new LinkRegistry();
    const got: string[] = [];
    const a = (p: EigenvectorPick) => got.push(`a${p.index}`);
    const b = (p: EigenvectorPick) => got.push(`b${p.index}`);
    const c = (p: EigenvectorPick) => got.push(`c${p.index}`);
    reg.subscribe("k", a);
    const offB = reg.subscribe("k", b);
    reg.subscribe("other", c);
    const pick = { index: 2, eigenvalue: 0.5, vector: new Float64Array(3) };
    assert.equal(reg.publish("k", pick, a), 1);
    assert.deepEqual(got, ["b2"]);
    offB();
    assert.equal(reg.size("k"), 1);
    assert.equal(reg.publish("k", pick), 1);
    assert.deepEqual(got, ["b2", "a2"]);
  });

  it("eigenpairOf(spectrumPayload(S), j) returns λ_j and column j of the eigenvectors (float32 in the payload)", () => {
    const { S } = pathGraph(12);
    const p = spectrumPayload(S);
    const pair = eigenpairOf(p, 3)!;
    assert.equal(pair.eigenvalue, S.values[3]);
    const v = S.vectors.col(3);
    for (let i = 0; i < 12; i++) assert.ok(Math.abs(pair.vector[i] - v[i]) < 1e-6);
    assert.equal(eigenpairOf(p, 99), undefined);
  });

  it("planView(graphPayload(W), { linkedColor }) colors the n nodes by the linked vector on a diverging scale centred at 0", () => {
    const { W, S } = pathGraph(12);
    const g = graphPayload(W);
    assert.equal(linkTargetSize(g), 12);
    const values = S.vectors.col(1);
    const plan = planView(g, { ...DEFAULT_STATE, linkedColor: { values, name: "eigenvector 2 (linked)" } });
    const json = JSON.stringify(plan.panels[0].spec);
    assert.match(json, /"scheme":"blueorange","domainMid":0/);
    assert.match(json, /eigenvector 2 \(linked\)/);
    // Node colors follow the vector: every node datum's c is its entry (rounded by the spec).
    const nodes = JSON.parse(json).layer.map((l: { data?: { values?: { i?: number; c?: number }[] } }) => l.data?.values ?? []).flat().filter((d: { c?: number }) => d.c !== undefined);
    assert.equal(nodes.length, 12);
    for (const d of nodes) assert.ok(Math.abs(d.c - values[d.i]) < 1e-4);
    compile(plan.panels[0].spec as never);
    // A vector of another length leaves the graph as it was.
    const other = planView(g, { ...DEFAULT_STATE, linkedColor: { values: new Float64Array(5), name: "x" } });
    assert.doesNotMatch(JSON.stringify(other.panels[0].spec), /blueorange/);
  });

  it("withLinkedColor(points, linked) replaces labels by the vector only when the counts agree", () => {
    const pts = { x: [0, 1, 2], y: [0, 1, 2], labels: [0, 1, 1] };
    const v = Float64Array.from([-1, 0, 1]);
    const out = withLinkedColor(pts, { values: v, name: "eigenvector 1" });
    assert.equal(out.color, v);
    assert.equal(out.labels, undefined);
    assert.equal(out.diverging, true);
    assert.equal(withLinkedColor(pts, { values: new Float64Array(2), name: "x" }), pts);
  });
});
