/** Payload -> `text/plain` one-paragraph summary (for consoles, and for outputs that show no chart). */
import { decodeArray } from "./codec";
import type { Payload, PayloadMeta } from "./payload";

function g(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}

function provenance(meta: PayloadMeta): string {
  const parts: string[] = [];
  if (meta.solver) parts.push(`solver ${meta.solver}${meta.backend ? ` on ${meta.backend}` : ""}${meta.precision ? ` (${meta.precision})` : ""}`);
  if (meta.seed !== undefined) parts.push(`seed ${meta.seed}`);
  if (meta.iterations !== undefined) parts.push(`${meta.iterations} iterations`);
  if (meta.residualNorms && meta.residualNorms.length) parts.push(`max residual ${Math.max(...meta.residualNorms.map(Number)).toExponential(2)}`);
  if (meta.reduced) parts.push(`display reduced by ${meta.reduced.method} from ${meta.reduced.from.join("×")} to ${meta.reduced.to.join("×")}`);
  for (const note of meta.notes ?? []) parts.push(note);
  return parts.length ? ` ${parts.join("; ")}.` : "";
}

export function toText(p: Payload): string {
  const title = p.meta.title ? `${p.meta.title}: ` : "";
  switch (p.kind) {
    case "spectrum": {
      const v = decodeArray(p.data.values);
      const k = v.length;
      const name = p.data.valueName ?? "eigenvalue";
      const head = k <= 8 ? Array.from(v, g).join(", ") : `${Array.from(v.subarray(0, 4), g).join(", ")}, …, ${Array.from(v.subarray(k - 3), g).join(", ")}`;
      const over = p.data.overlays.map((o) =>
        o.type === "marchenko-pastur" ? `Marchenko–Pastur edges [${g(o.lower)}, ${g(o.upper)}]`
        : o.type === "bbp-threshold" ? `${o.label} ${g(o.value)}`
        : o.type === "power-law" ? `power law α = ${g(o.alpha)} for x ≥ ${g(o.xmin)}`
        : o.type === "spikes" ? `${o.values.length} spike${o.values.length === 1 ? "" : "s"}${o.values.length ? ` at ${o.values.map(g).join(", ")}` : ""}`
        : `largest gap ${g(o.gap)} after ${name} ${o.index + 1}`);
      return `${title}Spectrum of ${k} ${name}${k === 1 ? "" : "s"} [${head}]${over.length ? `; ${over.join("; ")}` : ""}.${provenance(p.meta)}`;
    }
    case "embedding": {
      const [n, d] = p.data.coords.shape;
      const colored = p.data.labels ? `, colored by ${p.data.colorName ?? "label"}` : p.data.color ? `, colored by ${p.data.colorName ?? "value"}` : "";
      return `${title}Embedding of ${n} points in ${d} dimensions${colored}.${provenance(p.meta)}`;
    }
    case "clustermap":
      return `${title}Clustering of ${p.data.n} points into ${p.data.k} clusters (sizes ${p.data.sizes.join(", ")})${p.data.matrix ? "; cluster map of the affinity ordered by cluster" : ""}.${provenance(p.meta)}`;
    case "graph":
      return `${title}Graph with ${p.data.n} nodes and ${p.data.source.shape[0]} edges (${p.data.layoutMethod} layout).${provenance(p.meta)}`;
    case "matrix":
      return `${title}${p.data.nnz !== undefined ? "Sparse" : "Dense"} ${p.data.rows}×${p.data.cols} matrix${p.data.nnz !== undefined ? ` with ${p.data.nnz} stored entries` : ""}, values in [${g(p.data.range[0])}, ${g(p.data.range[1])}] (displayed cells)${p.data.history ? `; with ${p.data.history.series.map((s) => `${s.name} (${s.x.shape[0]} points)`).join(", ")}` : ""}.${provenance(p.meta)}`;
    case "curve":
      return `${title}${p.data.series.length} curve${p.data.series.length === 1 ? "" : "s"}: ${p.data.series.map((s) => `${s.name} (${s.x.shape[0]} points)`).join(", ")}.${provenance(p.meta)}`;
  }
}
