/** `io.read`: one call for any known format, picked from `opts.format`, the extension, or the magic bytes. */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Source, sourceBytes, sourceName } from "./bytes";
import { FORMATS, Format, Options } from "./formats";
import { gunzip, GZIP_MAGIC } from "./matrix-market";

/** The format an extension names (longest match wins, so ".mtx.gz" would beat ".gz"), or undefined. */
export function formatFromPath(path: string): Format | undefined {
  const p = path.toLowerCase();
  let best: Format | undefined;
  let bestLen = 0;
  for (const f of FORMATS) for (const e of f.extensions) if (p.endsWith(e) && e.length > bestLen) [best, bestLen] = [f, e.length];
  return best;
}

function formatByName(file: string, name: unknown): Format {
  const f = FORMATS.find((x) => x.name === name);
  if (!f) throw new EigenlabError("io-format", message.ioUnknownFormat(file, FORMATS.map((x) => x.name)));
  return f;
}

/**
 * Reads a file in any format Eigenlab knows and returns the DSL's own types: `.npy` → number / typed array /
 * `Matrix` / NdArray (see `readNpy`); `.npz` → an object of named arrays, or the `Spectrum` / `Embedding` /
 * `Clustering` / rmt fit that `io.write` saved in it; `.safetensors` → name → `{ dtype, shape, value }`;
 * `.mtx` / `.mtx.gz` → `CsrMatrix` (coordinate) or `Matrix` (array); `.csv` / `.tsv` → `Table`; `.edgelist` /
 * `.edges` → `{ W, nodes }`; `.graphml` / `.gexf` → `{ W, nodes, attributes }`; `.arrow` / `.feather` →
 * `Table`; `.parquet` → `Promise<Table>` (await it); `.png` / `.jpg` → `{ height, width, channels, data }`.
 * The format comes from `opts.format` (a name: "npy", "npz", "safetensors", "mtx", "csv", "edgelist",
 * "graphml", "gexf", "arrow", "parquet", "image"), else the extension, else the file's first bytes (its
 * magic; text formats have none). A gzip layer (`.gz`) is removed first. Other options go to that format's reader (e.g. `int64`).
 *
 * Specs: see readNpy, readNpz, readSafetensors, readMatrixMarket.
 * @param src a path (Node) or the file's bytes.
 * @example
 * ```ts
 * const dir = require("os").tmpdir();
 * io.write(require("path").join(dir, "eigenlab-doc-r.npy"), Matrix.eye(2));
 * io.read(require("path").join(dir, "eigenlab-doc-r.npy")); // => [[1, 0], [0, 1]]
 * io.read(io.encodeNpy(new Int32Array([4, 5]))); // => [4, 5]
 * ```
 */
export function read(src: Source, opts: Options & { format?: string } = {}): unknown {
  const file = sourceName(src);
  const { format, ...rest } = opts;
  const path = typeof src === "string" ? src : "";
  const gz = path.toLowerCase().endsWith(".gz");
  let chosen = format !== undefined ? formatByName(file, format) : formatFromPath(gz ? path.slice(0, -3) : path);
  if (chosen && !gz) return chosen.read(src, file, rest);
  let bytes = sourceBytes(src);
  if (bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) bytes = gunzip(file, bytes);
  chosen ??= FORMATS.find((f) => f.magic(bytes));
  if (!chosen) throw new EigenlabError("io-format", message.ioUnknownFormat(file, FORMATS.map((f) => `${f.name} (${f.extensions.join(", ")})`)));
  return chosen.read(bytes, file, rest);
}
