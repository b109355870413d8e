/** `data.digits()`: the 8×8 handwritten digits (UCI test set, 1797 × 64); data/digits.csv.gz. */
import { gunzipSync } from "zlib";
import { Matrix } from "../matrix";
import { checkOptions } from "../validate";
import { readDataFile } from "./files";

export interface Digits {
  /** 1797 × 64 pixel counts in 0..16 (row-major 8×8 images). */
  X: Matrix;
  /** The digit 0..9 of each row. */
  labels: Int32Array;
}

/**
 * The 8 × 8 handwritten digits (UCI test set): 1797 rows of 64 pixel counts in 0..16, and the digit of each row.
 *
 * @example
 * ```ts
 * const { X, labels } = data.digits();
 * X.shape; // => [1797, 64]
 * Math.max(...X.data); // => 16
 * new Set(labels).size; // => 10
 * ```
 */
export function digits(opts: Record<string, never> = {}): Digits {
  checkOptions("data.digits", opts, {});
  const text = gunzipSync(readDataFile("digits.csv.gz")).toString("utf8");
  const lines = text.split("\n").filter((l) => l.length > 0);
  const n = lines.length;
  const X = new Float64Array(n * 64);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i].split(",");
    for (let j = 0; j < 64; j++) X[i * 64 + j] = Number(f[j]);
    labels[i] = Number(f[64]);
  }
  return { X: new Matrix(n, 64, X), labels };
}
