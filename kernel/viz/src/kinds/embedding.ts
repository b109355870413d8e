/**
 * The `embedding` display kind: points in 2-D (a scatter) or 3-D (a rotatable scatter in the lab; the first
 * two coordinates with the third as color elsewhere), colored by labels, a value, or — for spectral
 * embeddings that carry their eigenpairs — the eigenvector of a clicked eigenvalue. Results mapped onto it:
 * Embedding, and a Clustering without an affinity (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import type { EmbeddingPayload } from "../payload";
import { colorPoints, column, labelDomain, scatterSpec, shownNote, top } from "../spec";
import type { ScatterPoints } from "../spec";
import { isEncoded, labelNamesMissing, linkedView, ownColoring, panelWidth, withLinkedColor } from "./kind";
import type { DisplayKind, ViewPanel } from "./kind";
import { spectrumLayers } from "./spectrum";

/** The points of an embedding payload, colored by an eigenvector, labels, a continuous color or dim 3. */
export function embeddingPoints(p: EmbeddingPayload, colorBy?: number): ScatterPoints {
  const d = p.data.coords.shape[1];
  const n = p.data.coords.shape[0];
  const c = decodeArray(p.data.coords);
  const names = p.data.coordNames;
  const pts: ScatterPoints = { x: column(c, n, d, 0), y: column(c, n, d, 1), xName: names?.[0] ?? "coordinate 1", yName: names?.[1] ?? "coordinate 2" };
  if (d >= 3) pts.zName = names?.[2] ?? "coordinate 3";
  if (!colorPoints(pts, p.data, colorBy) && d >= 3) {
    pts.color = column(c, n, d, 2);
    pts.colorName = names?.[2] ?? "coordinate 3";
  }
  return pts;
}

/** `data.sample`, when present: { total ≥ 1, indices: an encoded array } (issue #15). */
function sampleMissing(data: Record<string, unknown>): string | undefined {
  const s = data.sample as { total?: unknown; indices?: unknown } | undefined;
  if (s === undefined) return undefined;
  return s !== null && typeof s === "object" && typeof s.total === "number" && s.total >= 1 && isEncoded(s.indices) ? undefined : "sample";
}

/** " (setosa, versicolor, virginica)": the names of the labels present, the first 12 and a count beyond. */
export function namesNote(labels: ArrayLike<number>, names: readonly string[] | undefined): string {
  if (!names) return "";
  const shown = labelDomain(labels, names);
  const more = shown.length > 12 ? `, … ${shown.length - 12} more` : "";
  return ` (${shown.slice(0, 12).join(", ")}${more})`;
}

export const embedding: DisplayKind<EmbeddingPayload> = {
  kind: "embedding",
  arrays: ["coords"],
  missing: (data) => labelNamesMissing(data) ?? sampleMissing(data),

  spec(p, opts) {
    const sc = scatterSpec(embeddingPoints(p, opts.colorBy), opts);
    return top(sc.spec, p.meta, shownNote(sc.shown, sc.total));
  },

  text(p) {
    const [n, d] = p.data.coords.shape;
    const colored = p.data.labels
      ? `, colored by ${p.data.colorName ?? "label"}${namesNote(decodeArray(p.data.labels), p.data.labelNames)}`
      : p.data.color
        ? `, colored by ${p.data.colorName ?? "value"}`
        : "";
    const sample = p.data.sample ? ` (${n} of ${p.data.sample.total} points saved with the output; the full set is in the kernel)` : "";
    return `Embedding of ${p.data.sample?.total ?? n} points in ${d} dimensions${colored}${sample}`;
  },

  view(p, state) {
    const points = withLinkedColor(embeddingPoints(p, state.colorBy), state.linkedColor);
    const threeD = p.data.dims >= 3 && p.data.coords.shape[1] >= 3;
    const main: ViewPanel =
      threeD && state.threeD
        ? { role: "points", points, width: panelWidth(state), threeD: { coords: decodeArray(p.data.coords), dims: p.data.coords.shape[1] } }
        : { role: "points", points, width: Math.min(panelWidth(state), 520) };
    return linkedView(main, p.data, ownColoring(p.data, p.data.dims >= 3 ? (p.data.coordNames?.[2] ?? "coordinate 3") : "none"), spectrumLayers, threeD);
  },

  linkTarget: (p) => p.data.coords.shape[0],
  eigenpairs: (p) => (p.data.eigenvalues ? { values: p.data.eigenvalues, vectors: p.data.vectors } : undefined),
};
