import { strict as assert } from "assert";
import { linalg, Matrix } from "@eigenlab/core";
import { decodeArray, KINDS, spectrumPayload, toVegaLite } from "../../src";
import type { ScatterPoints, ViewState } from "../../src";

/** The path graph's Laplacian on n nodes: its eigenvectors are cosines, so the linked points are known. */
function pathLaplacian(n: number) {
  const A = new Float64Array(n * n);
  for (let i = 0; i + 1 < n; i++) A[i * n + i + 1] = A[(i + 1) * n + i] = -1;
  for (let i = 0; i < n; i++) A[i * n + i] = i === 0 || i === n - 1 ? 1 : 2;
  return linalg.eigh(new Matrix(n, n, A));
}

const STATE: ViewState = { logScale: false, width: 640, threeD: true };

describe("viz display kind: spectrum (kinds/spectrum.ts)", () => {
  it("toVegaLite(spectrum, {colorBy: 2}) and view(spectrum, {colorBy: 2}) draw the same chart beside the same points colored by eigenvector 3", () => {
    const S = pathLaplacian(20);
    const p = spectrumPayload(S, { view: "scree" });
    const spec = toVegaLite(p, { colorBy: 2 }) as unknown as { hconcat: { layer?: { data: { values: unknown[] } }[]; data?: { values: { i: number; x: number; y: number; c: number }[] } }[] };
    const view = KINDS.spectrum.view(p, { ...STATE, colorBy: 2 });
    assert.deepEqual(view.panels.map((x) => x.role), ["spectrum", "points"]);
    const chart = view.panels[0] as { spec: { layer: { data: { values: unknown[] } }[] } };
    // Same layers (data), only the sizes differ between the notebook and the lab.
    assert.deepEqual(chart.spec.layer.map((l) => l.data.values), spec.hconcat[0].layer!.map((l) => l.data.values));
    const pts = (view.panels[1] as { points: ScatterPoints }).points;
    const rows = spec.hconcat[1].data!.values;
    assert.equal(rows.length, 20);
    const coords = decodeArray(p.data.coords!);
    for (const r of rows) {
      // Default coordinates of a Laplacian (smallest first): eigenvectors 2 and 3; color: eigenvector 3.
      assert.ok(Math.abs(r.x - S.vectors.get(r.i, 1)) < 1e-5 && Math.abs(r.y - S.vectors.get(r.i, 2)) < 1e-5);
      assert.equal(r.x, Number(coords[2 * r.i].toPrecision(6)));
      assert.ok(Math.abs(r.c - S.vectors.get(r.i, 2)) < 1e-5);
      assert.equal(r.c, Number(pts.color![r.i].toPrecision(6)));
    }
    assert.equal(pts.colorName, "eigenvector 3");
  });

  it("a spectrum without coordinates is the chart alone: no hconcat in the spec, one full-width panel and no color menu in the view", () => {
    const p = spectrumPayload([1, 2, 4, 8]);
    const spec = toVegaLite(p) as unknown as { hconcat?: unknown; layer: unknown[]; width: number };
    assert.equal(spec.hconcat, undefined);
    assert.equal(spec.width, 360);
    const view = KINDS.spectrum.view(p, STATE);
    assert.equal(view.panels.length, 1);
    assert.equal((view.panels[0] as { spec: { width: number } }).spec.width, 600);
    assert.deepEqual([view.linked, view.colorChoices.length, view.logToggle], [false, 0, true]);
    assert.equal(KINDS.spectrum.linkTarget(p), 0);
  });

  it("view(spectrum, {linkedColor}) colors the points by the linked vector and keeps the spectrum's own choices", () => {
    const p = spectrumPayload(pathLaplacian(12), { view: "scree" });
    const values = Float64Array.from({ length: 12 }, (_, i) => i - 6);
    const view = KINDS.spectrum.view(p, { ...STATE, linkedColor: { values, name: "eigenvector 4 (linked)" } });
    const pts = (view.panels[1] as { points: ScatterPoints }).points;
    assert.deepEqual(Array.from(pts.color!), Array.from(values));
    assert.equal(pts.diverging, true);
    assert.equal(view.colorChoices.length, 12);
    assert.deepEqual(Array.from(KINDS.spectrum.eigenpairs(p)!.values), Array.from(decodeArray(p.data.values)));
  });
});
