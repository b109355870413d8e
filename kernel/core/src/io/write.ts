/** `io.write`: one call for any writable format, picked from `opts.format` or the extension; always atomic. */
import { gzipSync } from "fflate";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { concatBytes, getFileSystem } from "./bytes";
import { FORMATS, Options } from "./formats";
import { formatFromPath } from "./read";

/**
 * Writes `value` in the format its path's extension names, atomically (a temporary file in the same folder,
 * fsync, rename: a failed write never leaves a truncated file where a good one was). `.npy`: a Matrix, typed
 * array, number or string; `.npz`: a `Spectrum`, `Embedding`, `Clustering`, `rmt.MarchenkoPasturFit` or
 * `rmt.PowerLawFit` (its arrays plus `kind` and the provenance `meta` as JSON in a 0-d unicode array, read in
 * Python by `json.loads(str(np.load(path)["meta"]))`), or an object of named arrays (`{ compressed: true }`
 * deflates, as `np.savez_compressed`); `.safetensors`: an object of named tensors; `.mtx`: a CsrMatrix or
 * Matrix. A final `.gz` gzips the bytes. `opts.format` overrides the extension; other options go to the writer.
 *
 * Specs: see writeNpy, writeNpz, writeSafetensors, writeMatrixMarket.
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-embedding.npz");
 * io.write(path, new Embedding({ coords: Matrix.from([[0, 1], [2, 3]]), meta: { solver: "demo", backend: "cpu", precision: "float64", version: "0", inputShape: [2, 2] } }));
 * (io.read(path) as Embedding).coords; // => [[0, 1], [2, 3]]
 * ```
 */
export function write(path: string, value: unknown, opts: Options & { format?: string } = {}): void {
  const { format, ...rest } = opts;
  const gz = path.toLowerCase().endsWith(".gz");
  const f = format !== undefined ? FORMATS.find((x) => x.name === format) : formatFromPath(gz ? path.slice(0, -3) : path);
  const writable = FORMATS.filter((x) => x.write).map((x) => `${x.name} (${x.extensions.join(", ")})`);
  if (!f) throw new EigenlabError("io-format", message.ioUnknownFormat(path, writable));
  if (!f.write) throw new EigenlabError("io-format", message.ioNoWriter(path, f.name, writable));
  let bytes = f.write(value, rest);
  if (gz) bytes = gzipSync(bytes instanceof Uint8Array ? bytes : concatBytes(bytes), { level: 6, mtime: 0 });
  getFileSystem(path).writeFileAtomic(path, bytes);
}
