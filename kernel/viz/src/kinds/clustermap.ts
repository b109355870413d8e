/**
 * The `clustermap` display kind: an affinity with rows and columns ordered by cluster, a box per cluster (a
 * good clustering shows as bright diagonal blocks), or the cluster sizes when no affinity was given. Results
 * mapped onto it: a Clustering with an affinity or with labels only (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import { LIMITS } from "../limits";
import type { ClustermapPayload } from "../payload";
import { heatmapLayer, labelName, round, toSpecGrid, top } from "../spec";
import type { Json, SpecOptions } from "../spec";
import { chartView, panelWidth } from "./kind";
import type { DisplayKind } from "./kind";

/** Cluster map: reordered affinity with a box per cluster; or cluster sizes when no affinity was given. */
export function clustermapLayers(p: ClustermapPayload, opts: SpecOptions = {}): Json {
  const names = p.data.labelNames;
  const clusterName = (l: number) => (names ? labelName(names, l) : String(l));
  if (!p.data.matrix) {
    const domain = p.data.sizes.map((_, l) => clusterName(l));
    return {
      width: opts.width ?? 320,
      height: opts.height ?? 200,
      data: { values: p.data.sizes.map((s, l) => ({ cluster: clusterName(l), size: s })) },
      mark: { type: "bar" },
      encoding: {
        x: { field: "cluster", type: "ordinal", title: "cluster", sort: domain },
        y: { field: "size", type: "quantitative", title: "points" },
        color: { field: "cluster", type: "nominal", title: "cluster", scale: { domain } },
        tooltip: [{ field: "cluster" }, { field: "size", title: "points" }],
      },
    };
  }
  const m = p.data.matrix.shape[0];
  const grid = toSpecGrid(decodeArray(p.data.matrix), m, m, opts.maxMatrixSide);
  const n = p.data.n;
  const bands = (p.data.bands ?? []).map((b) => ({ cluster: clusterName(b.cluster), lo: round((b.start * n) / m), hi: round((b.end * n) / m), size: p.data.sizes[b.cluster] }));
  const side = opts.width ?? 340;
  // Where the colours are read, say when a cell is a block mean rather than one affinity entry.
  const block = n / grid.r;
  const colorTitle = grid.r < n ? `affinity: mean of ${blockSide(block)} × ${blockSide(block)} point blocks` : "affinity";
  const axes = { row: "point (ordered by cluster)", col: "point (ordered by cluster)" };
  return {
    width: side,
    height: side,
    layer: [
      heatmapLayer(grid.values, grid.r, grid.c, n, n, false, colorTitle, axes),
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
      // Named clusters are labelled on their diagonal block, where the blocks are read.
      ...(names
        ? [
            {
              data: { values: bands.map((b) => ({ ...b, mid: round((b.lo + b.hi) / 2) })) },
              mark: { type: "text", color: "#ffffff", fontWeight: "bold", fontSize: 12, stroke: "#333333", strokeWidth: 0.4 },
              encoding: { x: { field: "mid", type: "quantitative" }, y: { field: "mid", type: "quantitative" }, text: { field: "cluster" } },
            },
          ]
        : []),
    ],
  };
}

/** "2.3" or "4": the side of a block of points averaged into one cell. */
function blockSide(b: number): string {
  return Number.isInteger(b) ? String(b) : b.toFixed(1);
}

export const clustermap: DisplayKind<ClustermapPayload> = {
  kind: "clustermap",
  arrays: ["labels"],
  spec: (p, opts) => top(clustermapLayers(p, opts), p.meta, p.data.matrix && p.data.n > (opts.maxMatrixSide ?? LIMITS.specMatrixSide) ? `block means of the ${p.data.n} × ${p.data.n} affinity, rows ordered by cluster` : undefined),
  missing: (data) => {
    const names = data.labelNames;
    return names !== undefined && (!Array.isArray(names) || !names.every((x) => typeof x === "string") || names.length < Number(data.k)) ? "labelNames" : undefined;
  },
  text: (p) =>
    `Clustering of ${p.data.n} points into ${p.data.k} clusters (sizes ${p.data.sizes.map((s, l) => (p.data.labelNames ? `${labelName(p.data.labelNames, l)} ${s}` : String(s))).join(", ")})${p.data.matrix ? "; cluster map of the affinity ordered by cluster" : ""}`,
  view: (p, state) => chartView(clustermapLayers(p, { width: Math.min(panelWidth(state), 420) })),
  linkTarget: () => 0,
  eigenpairs: () => undefined,
};
