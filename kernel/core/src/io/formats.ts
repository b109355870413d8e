/**
 * The format table behind `io.read` and `io.write`: one entry per file format, with its name, extensions, a
 * magic-bytes test, a reader and (optionally) a writer. A new reader adds one entry to `FORMATS`.
 *
 * Dispatch (read.ts): `opts.format` if given; else the longest extension that matches the path; else the
 * first entry whose magic test accepts the bytes. A gzip layer (`.gz`, magic 1f 8b) is removed first and the
 * rest dispatched the same way. Browser-safe: readers get a path only to pass back to the file-system hook.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { describe, Source, sourceBytes, startsWith } from "./bytes";
import { decodeNpy, encodeNpyParts, NPY_MAGIC, npyValue, NpyWritable, readNpy, ReadNpyOptions } from "./npy";
import { decodeNpz, encodeZipParts, npzMembers, WriteNpzOptions, ZIP_MAGIC } from "./npz";
import { encodeSafetensors, readSafetensors, SafetensorsWritable, WriteSafetensorsOptions } from "./safetensors";
import { decodeMatrixMarket, encodeMatrixMarket, MTX_MAGIC, WriteMatrixMarketOptions } from "./matrix-market";
import { isSavedResult, looksLikeResult, resultArrays, resultFromArrays } from "./result";
import { readArrow, readCsv, readEdgeList, readGexf, readGraphml, readImage, readParquet } from "./tabular";
import { formatCsv } from "./csv";
import type { CsvOptions, CsvWriteOptions } from "./csv";
import { formatEdgeList } from "./edgelist";
import type { EdgeListOptions, EdgeListWriteOptions } from "./edgelist";
import { formatGraphml } from "./graphml";
import type { GraphFileOptions, GraphWriteOptions } from "./graphml";
import { formatGexf } from "./gexf";
import type { ArrowOptions } from "./arrow";
import { formatParquet } from "./parquet";
import type { ParquetOptions, ParquetWriteOptions } from "./parquet";
import type { ImageOptions } from "./image";
import { Table } from "./table";
import { decodePetscBinary, encodePetscBinaryParts, isPetscBinary } from "./petsc";
import { utf8 } from "./bytes";

export type Options = Record<string, unknown>;

export interface Format {
  /** Short name, also accepted as `{ format: name }`. */
  name: string;
  /** Lower-case extensions with the dot, e.g. [".npy"]. */
  extensions: readonly string[];
  /** True when the first bytes are this format's signature. */
  magic(bytes: Uint8Array): boolean;
  /** Reads a path or bytes; `file` names the source in errors. */
  read(src: Source, file: string, opts: Options): unknown;
  /** Encodes a value as the file's bytes (chunks written in order); absent for read-only formats. */
  write?(value: unknown, opts: Options): Uint8Array | Uint8Array[];
}

const npy: Format = {
  name: "npy",
  extensions: [".npy"],
  magic: (b) => startsWith(b, NPY_MAGIC),
  read(src, file, opts) {
    if (typeof src === "string") return readNpy(src, opts as ReadNpyOptions);
    checkOptions("io.read (.npy)", opts, { int64: opt.any, ndarray: opt.any });
    return npyValue(decodeNpy(src, file), file, opts as ReadNpyOptions);
  },
  write(value, opts) {
    checkOptions("io.write (.npy)", opts, {});
    return encodeNpyParts(value as NpyWritable);
  },
};

const npz: Format = {
  name: "npz",
  extensions: [".npz"],
  magic: (b) => startsWith(b, ZIP_MAGIC),
  read(src, file, opts) {
    checkOptions("io.read (.npz)", opts, { int64: opt.any, ndarray: opt.any });
    const z = decodeNpz(sourceBytes(src), file, opts as ReadNpyOptions);
    // An archive written from a result (members "kind" and "meta") comes back as that result.
    return looksLikeResult(z) && !opts.ndarray ? resultFromArrays(file, z) : z;
  },
  write(value, opts) {
    checkOptions("io.write (.npz)", opts, { compressed: opt.any, level: opt.any });
    let arrays: Record<string, NpyWritable>;
    if (isSavedResult(value)) arrays = resultArrays(value);
    else if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) arrays = value as Record<string, NpyWritable>;
    else {
      throw new EigenlabError(
        "io-write-type",
        message.ioCannotWrite(".npz", describe(value), "a Spectrum, Embedding, Clustering, rmt fit, or an object of named arrays"),
      );
    }
    return encodeZipParts(npzMembers(arrays), opts as WriteNpzOptions);
  },
};

const safetensors: Format = {
  name: "safetensors",
  extensions: [".safetensors"],
  // An 8-byte little-endian header length, then the JSON header's "{".
  magic: (b) => b.length >= 9 && b[8] === 0x7b && b[6] === 0 && b[7] === 0,
  read: (src, _file, opts) => readSafetensors(src, opts),
  write(value, opts) {
    if (typeof value !== "object" || value === null || value instanceof Matrix || ArrayBuffer.isView(value)) {
      throw new EigenlabError("io-write-type", message.ioCannotWrite("safetensors", describe(value), "an object of named tensors, e.g. { weight: M }"));
    }
    return encodeSafetensors(value as Record<string, SafetensorsWritable>, opts as WriteSafetensorsOptions);
  },
};

const matrixMarket: Format = {
  name: "mtx",
  extensions: [".mtx", ".mm"],
  magic: (b) => startsWith(b, MTX_MAGIC),
  read(src, file, opts) {
    checkOptions("io.read (.mtx)", opts, {});
    return decodeMatrixMarket(sourceBytes(src), file);
  },
  write(value, opts) {
    if (!(value instanceof CsrMatrix) && !(value instanceof Matrix)) {
      throw new EigenlabError("io-write-type", message.ioCannotWrite("Matrix Market", describe(value), "a CsrMatrix or a Matrix"));
    }
    return encodeMatrixMarket(value, opts as WriteMatrixMarketOptions);
  },
};

function tableOrMatrix(format: string, value: unknown): Table | Matrix {
  if (value instanceof Table || value instanceof Matrix) return value;
  throw new EigenlabError("io-write-type", message.ioCannotWrite(format, describe(value), "a Table, or a Matrix with { columns }"));
}

function graph(format: string, value: unknown): CsrMatrix {
  if (value instanceof CsrMatrix) return value;
  throw new EigenlabError("io-write-type", message.ioCannotWrite(format, describe(value), "a CsrMatrix (the adjacency matrix)"));
}

/** `<?xml` or the root element, then the root's name within the first KiB (GraphML and GEXF are both XML). */
function xmlRoot(b: Uint8Array, root: string): boolean {
  const head = String.fromCharCode(...b.subarray(0, 1024));
  return new RegExp(`^\\s*(<\\?xml[^>]*>\\s*)?(<!--[\\s\\S]*?-->\\s*)*<${root}[\\s>]`).test(head);
}

// Text formats have no magic: they are picked by extension or { format } only.
const csv: Format = {
  name: "csv",
  extensions: [".csv", ".tsv", ".tab"],
  magic: () => false,
  read: (src, _file, opts) => readCsv(src, opts as CsvOptions),
  write: (value, opts) => utf8.encode(formatCsv(tableOrMatrix("CSV", value), opts as CsvWriteOptions)),
};

const edgeList: Format = {
  name: "edgelist",
  extensions: [".edgelist", ".edges", ".el"],
  magic: () => false,
  read: (src, _file, opts) => readEdgeList(src, opts as EdgeListOptions),
  write: (value, opts) => utf8.encode(formatEdgeList(graph("an edge list", value), opts as EdgeListWriteOptions)),
};

const graphml: Format = {
  name: "graphml",
  extensions: [".graphml"],
  magic: (b) => xmlRoot(b, "graphml"),
  read: (src, _file, opts) => readGraphml(src, opts as GraphFileOptions),
  write: (value, opts) => utf8.encode(formatGraphml(graph("GraphML", value), opts as GraphWriteOptions)),
};

const gexf: Format = {
  name: "gexf",
  extensions: [".gexf"],
  magic: (b) => xmlRoot(b, "gexf"),
  read: (src, _file, opts) => readGexf(src, opts as GraphFileOptions),
  write: (value, opts) => utf8.encode(formatGexf(graph("GEXF", value), opts as GraphWriteOptions)),
};

const arrow: Format = {
  name: "arrow",
  extensions: [".arrow", ".feather", ".ipc"],
  // The IPC file format starts with "ARROW1"; the stream format with a continuation marker FF FF FF FF.
  magic: (b) => startsWith(b, "ARROW1") || startsWith(b, [0xff, 0xff, 0xff, 0xff]),
  read: (src, _file, opts) => readArrow(src, opts as ArrowOptions),
};

const parquet: Format = {
  name: "parquet",
  extensions: [".parquet", ".pq"],
  magic: (b) => startsWith(b, "PAR1"),
  // hyparquet reads asynchronously: io.read returns a Promise<Table> for Parquet (await it in a cell).
  read: (src, _file, opts) => readParquet(src, opts as ParquetOptions),
  write: (value, opts) => formatParquet(tableOrMatrix("Parquet", value), opts as ParquetWriteOptions),
};

const image: Format = {
  name: "image",
  extensions: [".png", ".jpg", ".jpeg"],
  magic: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || startsWith(b, [0xff, 0xd8, 0xff]),
  read: (src, _file, opts) => readImage(src, opts as ImageOptions),
};

const petsc: Format = {
  name: "petsc",
  extensions: [".petsc"],
  magic: isPetscBinary,
  read(src, file, opts) {
    checkOptions("io.read (.petsc)", opts, { all: opt.boolean });
    const objects = decodePetscBinary(sourceBytes(src), file);
    return opts.all ? objects : objects[0];
  },
  write(value, opts) {
    checkOptions("io.write (.petsc)", opts, {});
    return encodePetscBinaryParts(value);
  },
};

/** Every format io.read / io.write know, in magic-test order. A new reader adds its entry here. */
export const FORMATS: Format[] = [npy, npz, safetensors, matrixMarket, graphml, gexf, arrow, parquet, image, petsc, csv, edgeList];
