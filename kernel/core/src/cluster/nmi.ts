/**
 * `cluster.nmi`: normalized mutual information between two labelings of the same points (Strehl & Ghosh 2002;
 * Vinh, Epps & Bailey 2010): NMI = I(A; B) / mean(H(A), H(B)), the arithmetic mean as scikit-learn's
 * normalized_mutual_info_score default. 1 when the labelings agree up to renaming, near 0 when independent.
 */
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";

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

/** Entropy (nats) of a count table with total n. */
function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalized mutual information of two labelings of the same points (arithmetic-mean normalization, scikit-learn's
 * default): 1 when they agree up to renaming, 0 when independent.
 *
 * @example
 * ```ts
 * cluster.nmi([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * cluster.nmi([0, 0, 1, 1], [0, 1, 0, 1]); // => 0
 * ```
 */
export function nmi(a: Clustering | ArrayLike<number>, b: Clustering | ArrayLike<number>): number {
  const fn = "cluster.nmi";
  const la = labelsOf(fn, "a", a);
  const lb = labelsOf(fn, "b", b);
  if (la.length !== lb.length) throw new EigenlabError("shape", message.labelsLengthMismatch(fn, la.length, lb.length));
  const n = la.length;
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    ca.set(la[i], (ca.get(la[i]) ?? 0) + 1);
    cb.set(lb[i], (cb.get(lb[i]) ?? 0) + 1);
    const key = `${la[i]},${lb[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const ha = entropy(ca.values(), n);
  const hb = entropy(cb.values(), n);
  // Both labelings constant (one cluster each): identical up to renaming; scikit-learn returns 1.
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split(",").map(Number);
    mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
  }
  return Math.max(0, mi) / ((ha + hb) / 2);
}
