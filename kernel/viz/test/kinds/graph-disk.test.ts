import { strict as assert } from "assert";
import { CsrMatrix, Matrix } from "@eigenlab/core";
import { graphPayload, KINDS, readPayload, toSvg, toText, toVegaLite } from "../../src";

/** A root (0) at the centre and three children (1–3) at radius 0.6: the star as a Poincaré-disk drawing. */
function star(): { W: CsrMatrix; coords: Matrix; names: string[] } {
  const W = CsrMatrix.fromTriplets(4, 4, [1, 2, 3], [0, 0, 0], [1, 1, 1]);
  const coords = Matrix.from([[0, 0], [0.6, 0], [-0.3, 0.5196], [-0.3, -0.5196]]);
  return { W, coords, names: ["mammal.n.01", "dog.n.01", "cat.n.01", "whale.n.02"] };
}

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: Record<string, { scale?: { domain?: number[] }; field?: string }> & { tooltip?: { field: string }[] } };

describe("viz display kind: graph with disk (the Poincaré disk, kinds/graph.ts)", () => {
  it("toVegaLite(graphPayload(W, { layout, disk: true })) draws the unit circle under the edges and nodes, both axes on [−1, 1], square", () => {
    const { W, coords, names } = star();
    const spec = toVegaLite(graphPayload(W, { layout: coords, disk: true, nodeNames: names })) as unknown as { width: number; height: number; layer: Layer[] };
    assert.equal(spec.width, spec.height);
    const [circle, edges, nodes] = spec.layer;
    assert.equal(circle.mark.type, "line");
    // 181 vertices on the unit circle, closed (first = last), in drawing order.
    const pts = circle.data.values as { k: number; x: number; y: number }[];
    assert.equal(pts.length, 181);
    for (const p of pts) assert.ok(Math.abs(Math.hypot(p.x, p.y) - 1) < 1e-6);
    assert.deepEqual([pts[0].x, pts[0].y], [pts[180].x, pts[180].y]);
    assert.equal(circle.encoding.order.field, "k");
    for (const layer of [circle, edges, nodes]) {
      assert.deepEqual(layer.encoding.x.scale?.domain, [-1, 1]);
      assert.deepEqual(layer.encoding.y.scale?.domain, [-1, 1]);
    }
    // The three hierarchy edges, each from the child's position to the root's, named in the tooltip.
    assert.equal(edges.mark.type, "rule");
    assert.equal(edges.data.values.length, 3);
    const dogEdge = edges.data.values.find((e) => e.sourceName === "mammal.n.01" && e.targetName === "dog.n.01");
    assert.ok(dogEdge, JSON.stringify(edges.data.values));
    assert.deepEqual([dogEdge.x, dogEdge.y, dogEdge.x2, dogEdge.y2], [0, 0, 0.6, 0]);
    // Nodes carry their names in the tooltip.
    assert.deepEqual(nodes.data.values.map((r) => r.name), names);
    assert.equal(nodes.encoding.tooltip?.[0].field, "name");
  });

  it("toVegaLite(graphPayload(W)) without disk keeps the fitted axes and no circle", () => {
    const { W, coords } = star();
    const spec = toVegaLite(graphPayload(W, { layout: coords })) as unknown as { layer: Layer[] };
    assert.equal(spec.layer.length, 2);
    assert.equal(spec.layer[0].encoding.x.scale?.domain, undefined);
  });

  it("toText and toSvg of a disk payload: the text says Poincaré disk, the SVG draws the circle's path", () => {
    const { W, coords, names } = star();
    const p = graphPayload(W, { layout: coords, disk: true, nodeNames: names });
    assert.equal(toText(p), "Graph with 4 nodes and 3 edges (Poincaré disk). seed 0.");
    const svg = toSvg(toVegaLite(p));
    assert.ok(svg.startsWith("<svg"));
    assert.equal((svg.match(/<circle|class="mark-symbol/g) ?? []).length > 0, true);
    assert.ok(/class="mark-line/.test(svg), "the boundary circle is a line mark");
  });

  it("graphPayload(W, { disk: true }) needs given positions inside the disk, and nodeNames one per node", () => {
    const { W, coords, names } = star();
    assert.throws(() => graphPayload(W, { disk: true }), /needs the positions/);
    assert.throws(() => graphPayload(W, { layout: Matrix.from([[0, 0], [1, 0], [0, 0.5], [0, -0.5]]), disk: true }), /node 1 lies at norm 1/);
    assert.throws(() => graphPayload(W, { layout: coords, nodeNames: names.slice(1) }), /nodeNames/);
  });

  it("readPayload(disk payload) round-trips through JSON and rejects nodeNames of the wrong length", () => {
    const { W, coords, names } = star();
    const p = JSON.parse(JSON.stringify(graphPayload(W, { layout: coords, disk: true, nodeNames: names })));
    const back = readPayload(p);
    assert.equal(back.kind, "graph");
    assert.deepEqual((back.data as { nodeNames?: string[] }).nodeNames, names);
    p.data.nodeNames = names.slice(0, 2);
    assert.throws(() => readPayload(p), /nodeNames/);
  });

  it("view(disk payload) is one square graph panel with the circle", () => {
    const { W, coords, names } = star();
    const p = graphPayload(W, { layout: coords, disk: true, nodeNames: names });
    const view = KINDS.graph.view(p, { width: 800, threeD: false });
    const panel = view.panels[0] as { role: string; spec: { width: number; height: number; layer: Layer[] } };
    assert.equal(panel.role, "graph");
    assert.equal(panel.spec.width, panel.spec.height);
    assert.equal(panel.spec.layer[0].mark.type, "line");
  });
});
