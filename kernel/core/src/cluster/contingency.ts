/**
 * The contingency table of two labelings of the same points: the counts shared by cluster.nmi and cluster.ari
 * (scikit-learn's `contingency_matrix`, kept sparse as maps since labels may be large integers).
 */
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";

export interface Contingency {
  n: number;
  /** Points per label of the first labeling. */
  rows: Map<number, number>;
  /** Points per label of the second labeling. */
  cols: Map<number, number>;
  /** Points per (label of a, label of b) pair that occurs. */
  joint: { a: number; b: number; count: number }[];
}

function labelsOf(fn: string, which: string, x: Clustering | ArrayLike<number>): ArrayLike<number> {
  const labels = x instanceof Clustering ? x.labels : x;
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") {
    throw new EigenlabError("bad-input", message.labelsNotIntegers(fn, which, 0, labels));
  }
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0) throw new EigenlabError("bad-input", message.labelsNotIntegers(fn, which, i, v));
  }
  return labels;
}

export function contingency(fn: string, a: Clustering | ArrayLike<number>, b: Clustering | ArrayLike<number>): Contingency {
  const la = labelsOf(fn, "a", a);
  const lb = labelsOf(fn, "b", b);
  if (la.length !== lb.length) throw new EigenlabError("shape", message.labelsLengthMismatch(fn, la.length, lb.length));
  const n = la.length;
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  const cells = new Map<string, { a: number; b: number; count: number }>();
  for (let i = 0; i < n; i++) {
    rows.set(la[i], (rows.get(la[i]) ?? 0) + 1);
    cols.set(lb[i], (cols.get(lb[i]) ?? 0) + 1);
    const key = `${la[i]},${lb[i]}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { a: la[i], b: lb[i], count: 1 });
  }
  return { n, rows, cols, joint: [...cells.values()] };
}
