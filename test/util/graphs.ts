/** Helpers for graph/cluster/embedding suites: dense views of CSR matrices and label comparisons. */
import { writeFileSync } from "fs";
import { CsrMatrix } from "../../kernel/core/src";

/** Row i of a CSR matrix as a Map column -> value. */
export function csrRow(A: CsrMatrix, i: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let p = A.indptr[i]; p < A.indptr[i + 1]; p++) m.set(A.indices[p], A.values[p]);
  return m;
}

/** max |A − B| over all entries of two same-shape matrices given as dense row arrays. */
export function maxAbsDiffDense(A: ArrayLike<number>, B: number[][], cols: number): number {
  let worst = 0;
  for (let i = 0; i < B.length; i++) for (let j = 0; j < cols; j++) worst = Math.max(worst, Math.abs(A[i * cols + j] - B[i][j]));
  return worst;
}

/** Adjusted Rand index (Hubert & Arabie 1985) of two labelings. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(a[i], (ra.get(a[i]) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  }
  const c2 = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += c2(v);
  let sa = 0, sb = 0;
  for (const v of ra.values()) sa += c2(v);
  for (const v of rb.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = 0.5 * (sa + sb);
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/**
 * Writes an unweighted edge list of n distinct edges `q  (7919 q + 1) mod n` (about 16 bytes a line: 6 million
 * edges are about 95 MB), large enough that reading it takes over a second, for the progress and interrupt tests.
 * Returns the file's size in bytes.
 */
export function writeBigEdgeList(path: string, n: number): number {
  const parts: string[] = [];
  for (let k = 0; k < n; k += 100_000) {
    let s = "";
    for (let q = k; q < Math.min(n, k + 100_000); q++) s += `${q} ${(q * 7919 + 1) % n}\n`;
    parts.push(s);
  }
  const text = parts.join("");
  writeFileSync(path, text);
  return text.length; // bytes: the text is ASCII
}
