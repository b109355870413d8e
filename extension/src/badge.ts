/** The provenance badge: the payload's meta as short label/value pairs, most useful first. */
import type { PayloadMeta } from "@eigenlab/viz/browser";

export interface BadgeItem {
  label: string;
  value: string;
}

function num(x: unknown): string {
  const v = Number(x);
  return Number.isFinite(v) ? (Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? v.toExponential(2) : Number(v.toPrecision(6)).toString()) : String(x);
}

export function provenanceItems(meta: PayloadMeta): BadgeItem[] {
  const items: BadgeItem[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== "") items.push({ label, value });
  };
  add("solver", meta.solver);
  if (meta.backend) add("backend", `${meta.backend}${meta.precision ? ` (${meta.precision})` : ""}`);
  if (meta.seed !== undefined) add("seed", String(meta.seed));
  if (meta.residualNorms && meta.residualNorms.length) add("max residual", num(Math.max(...meta.residualNorms.map(Number))));
  if (meta.tol !== undefined) add("tol", num(meta.tol));
  if (meta.iterations !== undefined) add("iterations", String(meta.iterations));
  if (meta.converged !== undefined) add("converged", String(meta.converged));
  if (meta.timeMs !== undefined) add("time", `${num(meta.timeMs)} ms`);
  if (meta.inputShape) add("input", `${meta.inputShape.join("×")}${meta.inputHash ? ` #${meta.inputHash}` : ""}`);
  if (meta.version) add("eigenlab", meta.version);
  if (meta.reduced) add("display", `${meta.reduced.method} ${meta.reduced.from.join("×")} → ${meta.reduced.to.join("×")}`);
  if (meta.displayPrecision && meta.displayPrecision !== "float64") add("drawn in", meta.displayPrecision);
  for (const note of meta.notes ?? []) add("note", note);
  return items;
}
