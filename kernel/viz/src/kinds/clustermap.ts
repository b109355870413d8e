/**
 * The `clustermap` display kind: an affinity with rows and columns ordered by cluster, a box per cluster (a
 * good clustering shows as bright diagonal blocks), or the cluster sizes when no affinity was given. Results
 * mapped onto it: a Clustering with an affinity or with labels only (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import type { ClustermapPayload } from "../payload";
import { heatmapLayer, round, toSpecGrid, top } from "../spec";
import type { Json, SpecOptions } from "../spec";
import { chartView, panelWidth } from "./kind";
import type { DisplayKind } from "./kind";

/** Cluster map: reordered affinity with a box per cluster; or cluster sizes when no affinity was given. */
export function clustermapLayers(p: ClustermapPayload, opts: SpecOptions = {}): Json {
  if (!p.data.matrix) {
    return {
      width: opts.width ?? 320,
      height: opts.height ?? 200,
      data: { values: p.data.sizes.map((s, l) => ({ cluster: l, size: s })) },
      mark: { type: "bar" },
      encoding: {
        x: { field: "cluster", type: "ordinal" },
        y: { field: "size", type: "quantitative", title: "points" },
        color: { field: "cluster", type: "nominal", legend: null },
        tooltip: [{ field: "cluster" }, { field: "size" }],
      },
    };
  }
  const m = p.data.matrix.shape[0];
  const grid = toSpecGrid(decodeArray(p.data.matrix), m, m);
  const n = p.data.n;
  const bands = (p.data.bands ?? []).map((b) => ({ cluster: b.cluster, lo: round((b.start * n) / m), hi: round((b.end * n) / m), size: p.data.sizes[b.cluster] }));
  const side = opts.width ?? 340;
  return {
    width: side,
    height: side,
    layer: [
      heatmapLayer(grid.values, grid.r, grid.c, n, n, false, "affinity"),
      {
        data: { values: bands },
        mark: { type: "rect", fill: null, fillOpacity: 0, stroke: "#ffffff", strokeWidth: 1.5 },
        encoding: {
          x: { field: "lo", type: "quantitative" },
          x2: { field: "hi" },
          y: { field: "lo", type: "quantitative" },
          y2: { field: "hi" },
          tooltip: [{ field: "cluster" }, { field: "size", title: "points" }],
        },
      },
    ],
  };
}

export const clustermap: DisplayKind<ClustermapPayload> = {
  kind: "clustermap",
  arrays: ["labels"],
  spec: (p, opts) => top(clustermapLayers(p, opts), p.meta, p.meta.reduced ? `block means of the ${p.data.n} × ${p.data.n} affinity, rows ordered by cluster` : undefined),
  text: (p) => `Clustering of ${p.data.n} points into ${p.data.k} clusters (sizes ${p.data.sizes.join(", ")})${p.data.matrix ? "; cluster map of the affinity ordered by cluster" : ""}`,
  view: (p, state) => chartView(clustermapLayers(p, { width: Math.min(panelWidth(state), 420) })),
  linkTarget: () => 0,
  eigenpairs: () => undefined,
};
