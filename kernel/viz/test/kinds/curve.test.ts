import { strict as assert } from "assert";
import { curvePayload, KINDS, LIMITS, readPayload, toText, toVegaLite } from "../../src";

/**
 * The pattern for a display kind's own test (see kinds/index.ts): its reader checks, its spec, its text and
 * its lab view, each on numbers whose right answer is known.
 */
describe("viz display kind: curve (kinds/curve.ts)", () => {
  it("toVegaLite(curve with a log y axis) leaves out y ≤ 0 and thins long series to every ⌈n / specCurvePoints⌉-th point", () => {
    const n = 2 * LIMITS.specCurvePoints + 1;
    const p = curvePayload(
      [
        { name: "error", y: [1, 0.1, 0, 1e-3] },
        { name: "long", x: Array.from({ length: n }, (_, i) => i + 1), y: Array.from({ length: n }, () => 1) },
      ],
      { yScale: "log" },
    );
    const spec = toVegaLite(p) as unknown as { data: { values: { series: string; x: number; y: number }[] }; encoding: { y: { scale: { type: string } } } };
    const rows = spec.data.values;
    assert.deepEqual(rows.filter((r) => r.series === "error").map((r) => r.x), [0, 1, 3]);
    const long = rows.filter((r) => r.series === "long").map((r) => r.x);
    // stride 3: x = 1, 4, 7, ...
    assert.equal(long.length, Math.ceil(n / 3));
    assert.deepEqual(long.slice(0, 3), [1, 4, 7]);
    assert.equal(spec.encoding.y.scale.type, "log");
  });

  it("toText(curve) counts the series and their points", () => {
    assert.equal(toText(curvePayload([{ name: "a", y: [1, 2, 3] }, { name: "b", y: [1, 2, 3, 4] }])), "2 curves: a (3 points), b (4 points).");
  });

  it("readPayload(curve whose series lacks an encoded y) names the series field", () => {
    const p = JSON.parse(JSON.stringify(curvePayload({ y: [1, 2] })));
    delete p.data.series[0].y;
    assert.throws(() => readPayload(p), /Eigenlab curve payload lacks "series"/);
  });

  it("view(curve) is one chart with the log toggle, at most 720 wide, and links nothing", () => {
    const p = curvePayload({ y: [1, 2] });
    const view = KINDS.curve.view(p, { logScale: true, width: 2000, threeD: true });
    assert.equal(view.panels.length, 1);
    const spec = (view.panels[0] as { spec: { width: number; encoding: { y: { scale: { type?: string } } } } }).spec;
    assert.equal(spec.width, 720);
    assert.equal(spec.encoding.y.scale.type, "log");
    assert.deepEqual([view.logToggle, view.linked, KINDS.curve.linkTarget(p), KINDS.curve.eigenpairs(p)], [true, false, 0, undefined]);
  });
});
