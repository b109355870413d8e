/** Shared numerical assertions for every suite: invariants with one relative tolerance convention. */
import { strict as assert } from "assert";

export interface DenseLike {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function frobenius(A: DenseLike): number {
  let s = 0;
  for (const v of A.data) s += v * v;
  return Math.sqrt(s);
}

/** max_j ‖A v_j − λ_j v_j‖ / ‖A‖_F for the columns of V. `apply` computes A·v. */
export function maxRelativeResidual(
  apply: (v: Float64Array) => Float64Array,
  values: ArrayLike<number>,
  V: DenseLike,
  normA: number,
): number {
  let worst = 0;
  for (let j = 0; j < V.cols; j++) {
    const v = column(V, j);
    const Av = apply(v);
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (Av[i] - values[j] * v[i]) ** 2;
    worst = Math.max(worst, Math.sqrt(s) / normA);
  }
  return worst;
}

/** max |VᵀV − I| over all entries. */
export function orthogonalityError(V: DenseLike): number {
  let worst = 0;
  for (let a = 0; a < V.cols; a++) {
    for (let b = a; b < V.cols; b++) {
      let s = 0;
      for (let i = 0; i < V.rows; i++) s += V.data[i * V.cols + a] * V.data[i * V.cols + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

export function column(V: DenseLike, j: number): Float64Array {
  const out = new Float64Array(V.rows);
  for (let i = 0; i < V.rows; i++) out[i] = V.data[i * V.cols + j];
  return out;
}

/** max_i |a_i − b_i| / max(|b|_∞, tiny) */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, "length mismatch");
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / Math.max(scale, 1e-300);
}

export function assertBelow(value: number, bound: number, what: string): void {
  assert.ok(value <= bound, `${what}: ${value.toExponential(3)} exceeds ${bound.toExponential(1)}`);
}
