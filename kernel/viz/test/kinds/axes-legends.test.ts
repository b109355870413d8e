import { strict as assert } from "assert";
import { Clustering, CsrMatrix, Embedding, linalg, Matrix } from "@eigenlab/core";
import { clusteringPayload, embeddingPayload, graphPayload, KINDS, matrixPayload, spectrumPayload, toSvg, toVegaLite } from "../../src";
import type { VegaLiteSpec } from "../../src";
import { blockAffinity, blobs, clustering, meta, spectralEmbedding, wishart } from "../fixtures";

/** The texts of one role in a Vega SVG (axis-title, axis-label, legend-label, legend-title). */
function texts(svg: string, role: string): string[] {
  return Array.from(svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^>]*>((?:<text[^>]*>.*?</text>)+)</g>`, "g")), (m) =>
    // A multi-line text is one <text> of <tspan>s: its lines joined by " / ".
    Array.from(m[1].matchAll(/<text[^>]*>(.*?)<\/text>/g), (t) => t[1].replace(/<tspan[^>]*>(.*?)<\/tspan>/g, "$1 / ").replace(/ \/ $/, "")),
  ).flat();
}

function svgOf(spec: VegaLiteSpec): string {
  return toSvg(spec);
}

describe("axis titles, legends and reduction notes of every display kind", function () {
  this.timeout(60_000);

  it("spectrumPayload([0.1, 0.5]) (scree of 2 values) ticks the index axis at 1 and 2 only, titled index and eigenvalue", () => {
    const svg = svgOf(toVegaLite(spectrumPayload([0.1, 0.5])));
    const titles = texts(svg, "axis-title");
    assert.deepEqual(titles, ["index", "eigenvalue"]);
    const labels = texts(svg, "axis-label");
    // x labels come first: exactly "1" and "2", no fractional index.
    assert.deepEqual(labels.slice(0, 2), ["1", "2"]);
    assert.ok(!labels.includes("1.5") && !labels.includes("1.2"), labels.join(" "));
  });

  it("spectrumPayload(30 values) ticks the index axis at integers only (1, 5, 10, …, 30)", () => {
    const svg = svgOf(toVegaLite(spectrumPayload(Array.from({ length: 30 }, (_, i) => i))));
    const x = texts(svg, "axis-label").filter((t) => /^\d+$/.test(t));
    assert.deepEqual(x.slice(0, 7), ["1", "5", "10", "15", "20", "25", "30"]);
  });

  it("a scree's eigengap, Marchenko–Pastur bulk and BBP threshold each get a legend entry", () => {
    const p = spectrumPayload(Array.from({ length: 12 }, (_, i) => i * i), { marchenkoPastur: { ratio: 0.5, sigma2: 10 }, bbpThreshold: 60 });
    const legend = texts(svgOf(toVegaLite(p)), "legend-label");
    assert.deepEqual(legend, ["Marchenko–Pastur bulk", "BBP threshold", "eigengap after #11"]);
  });

  it("a histogram's Marchenko–Pastur density and edges and its clickable rug get legend entries; the rug sits on the x axis", () => {
    const S = linalg.eigh(wishart(400, 100, 3));
    const p = spectrumPayload(S, { view: "histogram", marchenkoPastur: { ratio: 0.25, sigma2: 1 } });
    const spec = toVegaLite(p);
    const svg = svgOf(spec);
    // The spectrum's legend (the linked points' color legend follows it).
    assert.deepEqual(texts(svg, "legend-label").slice(0, 3), ["eigenvalue (click to color by its eigenvector)", "Marchenko–Pastur density", "Marchenko–Pastur edges λ±"]);
    // The rug layer is placed at the bottom of the 240 px plot (it floated ~100 px below it before, issue #18).
    const chart = (spec as unknown as { hconcat: { layer: { mark: { type: string }; encoding: { y?: { value?: number } } }[] }[] }).hconcat[0];
    const rug = chart.layer.find((l) => l.mark.type === "tick")!;
    assert.equal(rug.encoding.y?.value, 235);
    // Each rug tick is a 10 px path "M x,y h2 v10 ...": its top y within the plot's last 15 px.
    const ticks = Array.from(svg.matchAll(/<path aria-label="[^"]*index: \d+[^"]*"[^>]*aria-roledescription="tick" d="M[-\d.]+,([-\d.]+)h/g), (m) => Number(m[1]));
    assert.equal(ticks.length, 100);
    for (const y of ticks) assert.ok(y >= 225 && y + 10 <= 241, `rug tick at y = ${y}`);
  });

  it("the linked points of a Laplacian spectrum name their axes eigenvector 2 and 3 with their eigenvalues", () => {
    // The path graph's Laplacian on 20 nodes.
    const n = 20;
    const A = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) A[i * n + i + 1] = A[(i + 1) * n + i] = -1;
    for (let i = 0; i < n; i++) A[i * n + i] = i === 0 || i === n - 1 ? 1 : 2;
    const L = linalg.eigh(new Matrix(n, n, A));
    const p = spectrumPayload(L);
    const ev = Array.from(L.values, (v) => Number(v.toPrecision(4)));
    assert.deepEqual(p.data.coordNames, [`eigenvector 2 (λ = ${ev[1]})`, `eigenvector 3 (λ = ${ev[2]})`]);
    const titles = texts(svgOf(toVegaLite(p)), "axis-title");
    assert.deepEqual(titles, ["index", "eigenvalue", `eigenvector 2 (λ = ${ev[1]})`, `eigenvector 3 (λ = ${ev[2]})`]);
  });

  it("embeddingPayload(coordinates) titles its axes coordinate 1 and 2; a spectral embedding adds each coordinate's eigenvalue", () => {
    const { X, labels } = blobs(60, 1);
    const plain = texts(svgOf(toVegaLite(embeddingPayload(new Embedding({ coords: X, labels, meta: meta("test", [60, 2]) })))), "axis-title");
    assert.deepEqual(plain, ["coordinate 1", "coordinate 2"]);
    const e = spectralEmbedding(blockAffinity([15, 15], 0.05).W, 2);
    const p = embeddingPayload(e);
    const ev = Array.from(e.eigenvalues!, (v) => Number(v.toPrecision(4)));
    assert.deepEqual(texts(svgOf(toVegaLite(p)), "axis-title"), [`coordinate 1 (λ = ${ev[0]})`, `coordinate 2 (λ = ${ev[1]})`]);
    // The lab's scree side panel of 2 eigenvalues: integer index ticks.
    const side = KINDS.embedding.view(p, { logScale: false, width: 640, threeD: true }).panels[0] as { spec: VegaLiteSpec };
    assert.deepEqual(texts(svgOf(side.spec), "axis-label").slice(0, 2), ["1", "2"]);
  });

  it("graphPayload(W) names its axes by the layout (no units) and says when edges are thinned", () => {
    const { W } = blockAffinity([6, 6], 0);
    const titles = texts(svgOf(toVegaLite(graphPayload(W, { layout: "force" }))), "axis-title");
    assert.deepEqual(titles, ["force layout x (no units)", "force layout y (no units)"]);
    // A complete graph on 120 nodes has 7 140 edges: above the spec's 5 000.
    const n = 120;
    const i: number[] = [], j: number[] = [], v: number[] = [];
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        i.push(a);
        j.push(b);
        v.push(1);
      }
    }
    const K = CsrMatrix.fromTriplets(n, n, i, j, v);
    const legend = texts(svgOf(toVegaLite(graphPayload(K, { layout: "force" }))), "legend-label");
    assert.deepEqual(legend, ["edges: 5,000 of 7,140 drawn (seeded sample)"]);
  });

  it("clusteringPayload(c) of 150 points says in its color legend that each cell is a block mean, and names clusters by labelNames", () => {
    const c = clustering([50, 50, 50], true);
    const named = c.withLabelNames(["alpha", "beta", "gamma"]);
    const p = clusteringPayload(named);
    const svg = svgOf(toVegaLite(p));
    assert.deepEqual(texts(svg, "legend-title"), ["affinity / mean of 2.3 × 2.3 point blocks"]);
    assert.deepEqual(texts(svg, "axis-title"), ["point (ordered by cluster)", "point (ordered by cluster)"]);
    // Band tooltips carry the names (the SVG has no ARIA: read the spec), and each block is labelled by name.
    assert.match(JSON.stringify(toVegaLite(p)), /"cluster":"beta"/);
    const textMarks = Array.from(svg.matchAll(/aria-roledescription="text mark"[^>]*>([^<]*)<\/text>/g), (m) => m[1]);
    assert.deepEqual(textMarks, ["alpha", "beta", "gamma"]);
    const small = clusteringPayload(clustering([10, 10], true).withLabelNames(["a", "b"]));
    assert.deepEqual(texts(svgOf(toVegaLite(small)), "legend-title"), ["affinity"]);
  });

  it("a Clustering of labels only draws cluster sizes by name with a cluster legend", () => {
    const c = new Clustering({ labels: Int32Array.from([0, 1, 1, 2, 2, 2]), k: 3, labelNames: ["setosa", "versicolor", "virginica"], meta: meta("test", [6, 2]) });
    const svg = svgOf(toVegaLite(clusteringPayload(c)));
    assert.deepEqual(texts(svg, "legend-label"), ["setosa", "versicolor", "virginica"]);
    assert.deepEqual(texts(svg, "axis-title"), ["cluster", "points"]);
    assert.throws(() => c.withLabelNames(["one"]), /labelNames has 1 names/);
  });

  it("a Clustering with an embedding and names colors the embedding by the names", () => {
    const e = spectralEmbedding(blockAffinity([15, 15], 0.05).W, 2);
    const labels = Int32Array.from({ length: 30 }, (_, t) => (e.coords.get(t, 0) > 0 ? 1 : 0));
    const c = new Clustering({ labels, k: 2, embedding: e, labelNames: ["west", "east"], meta: meta("test", [30, 30]) });
    const svg = svgOf(toVegaLite(clusteringPayload(c)));
    assert.deepEqual(texts(svg, "legend-title"), ["cluster"]);
    assert.deepEqual(texts(svg, "legend-label").sort(), ["east", "west"]);
  });

  it("matrixPayload(100 × 80) says the spec's cells are block means in the color legend", () => {
    const A = Matrix.random(100, 80, { seed: 4 });
    const svg = svgOf(toVegaLite(matrixPayload(A)));
    assert.deepEqual(texts(svg, "legend-title"), ["value / mean of 1.6 × 1.3 entry blocks"]);
    assert.deepEqual(texts(svg, "axis-title"), ["column", "row"]);
    assert.deepEqual(texts(svgOf(toVegaLite(matrixPayload(Matrix.random(10, 8, { seed: 4 })))), "legend-title"), ["value"]);
  });
});
