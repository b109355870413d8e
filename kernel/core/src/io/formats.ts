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
import { describe, Source, sourceBytes, startsWith } from "./bytes";
import { decodeNpy, encodeNpyParts, NPY_MAGIC, npyValue, NpyWritable, readNpy, ReadNpyOptions } from "./npy";
import { decodeNpz, encodeZipParts, npzMembers, WriteNpzOptions, ZIP_MAGIC } from "./npz";
import { encodeSafetensors, readSafetensors, SafetensorsWritable, WriteSafetensorsOptions } from "./safetensors";
import { decodeMatrixMarket, encodeMatrixMarket, MTX_MAGIC, WriteMatrixMarketOptions } from "./matrix-market";
import { isSavedResult, looksLikeResult, resultArrays, resultFromArrays } from "./result";

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
    checkOptions("io.read (.npy)", opts, ["int64", "ndarray"]);
    return npyValue(decodeNpy(src, file), file, opts as ReadNpyOptions);
  },
  write(value, opts) {
    checkOptions("io.write (.npy)", opts, []);
    return encodeNpyParts(value as NpyWritable);
  },
};

const npz: Format = {
  name: "npz",
  extensions: [".npz"],
  magic: (b) => startsWith(b, ZIP_MAGIC),
  read(src, file, opts) {
    checkOptions("io.read (.npz)", opts, ["int64", "ndarray"]);
    const z = decodeNpz(sourceBytes(src), file, opts as ReadNpyOptions);
    // An archive written from a result (members "kind" and "meta") comes back as that result.
    return looksLikeResult(z) && !opts.ndarray ? resultFromArrays(file, z) : z;
  },
  write(value, opts) {
    checkOptions("io.write (.npz)", opts, ["compressed", "level"]);
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
    checkOptions("io.read (.mtx)", opts, []);
    return decodeMatrixMarket(sourceBytes(src), file);
  },
  write(value, opts) {
    if (!(value instanceof CsrMatrix) && !(value instanceof Matrix)) {
      throw new EigenlabError("io-write-type", message.ioCannotWrite("Matrix Market", describe(value), "a CsrMatrix or a Matrix"));
    }
    return encodeMatrixMarket(value, opts as WriteMatrixMarketOptions);
  },
};

/** Every format io.read / io.write know, in magic-test order. Other readers add their entry here. */
export const FORMATS: Format[] = [npy, npz, safetensors, matrixMarket];
