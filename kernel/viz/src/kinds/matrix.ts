/**
 * The `matrix` display kind: a dense or sparse matrix as a heatmap (block means when large), with an optional
 * convergence history beside it. Results mapped onto it: Matrix, a CsrMatrix that is not drawn as a graph,
 * ot.TransportPlan (the plan beside Sinkhorn's marginal error) (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import { LIMITS } from "../limits";
import type { CurvePayload, MatrixPayload } from "../payload";
import { heatmapLayer, toSpecGrid, top } from "../spec";
import type { Json, SpecOptions } from "../spec";
import { curveLayers, seriesList } from "./curve";
import { chartView, g, panelWidth } from "./kind";
import type { DisplayKind } from "./kind";

/** Matrix heatmap; with a history, the history's curve beside it. */
export function matrixLayers(p: MatrixPayload, opts: SpecOptions = {}): Json {
  const [r0, c0] = p.data.values.shape;
  const grid = toSpecGrid(decodeArray(p.data.values), r0, c0, opts.maxMatrixSide);
  const side = opts.width ?? 320;
  const aspect = p.data.rows / p.data.cols;
  const axes = { row: p.data.rowName ?? "row", col: p.data.colName ?? "column" };
  const heatmap = {
    width: aspect <= 1 ? side : side / aspect,
    height: aspect <= 1 ? side * aspect : side,
    layer: [heatmapLayer(grid.values, grid.r, grid.c, p.data.rows, p.data.cols, p.data.diverging, valueTitle(p.data.valueName ?? "value", p.data.rows / grid.r, p.data.cols / grid.c), axes)],
  };
  if (!p.data.history) return heatmap;
  const history: CurvePayload = { kind: "curve", version: 1, data: p.data.history, meta: {} };
  const curve = curveLayers(history, { width: Math.round(side * 0.8), height: Math.min(heatmap.height, 240) });
  return { hconcat: [heatmap, curve], resolve: { scale: { color: "independent" } } };
}

/** The color legend's title: the value's name, and when a cell averages a block of entries, how many. */
function valueTitle(name: string, rowsPerCell: number, colsPerCell: number): string {
  if (rowsPerCell <= 1 && colsPerCell <= 1) return name;
  const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  return `${name}: mean of ${f(rowsPerCell)} × ${f(colsPerCell)} entry blocks`;
}

export const matrix: DisplayKind<MatrixPayload> = {
  kind: "matrix",
  arrays: ["values"],
  spec: (p, opts) => top(matrixLayers(p, opts), p.meta, `${p.data.rows} × ${p.data.cols}${Math.max(p.data.rows, p.data.cols) > (opts.maxMatrixSide ?? LIMITS.specMatrixSide) ? " (block means)" : ""}`),
  text: (p) =>
    `${p.data.nnz !== undefined ? "Sparse" : "Dense"} ${p.data.rows}×${p.data.cols} matrix${p.data.nnz !== undefined ? ` with ${p.data.nnz} stored entries` : ""}, values in [${g(p.data.range[0])}, ${g(p.data.range[1])}] (displayed cells)${p.data.history ? `; with ${seriesList(p.data.history.series)}` : ""}`,
  view: (p, state) => chartView(matrixLayers(p, { width: Math.min(panelWidth(state), 420) })),
  linkTarget: () => 0,
  eigenpairs: () => undefined,
};
