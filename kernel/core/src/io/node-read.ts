/**
 * Node-only file access for the table, graph and image readers (the lead unifies it with io/node-fs.ts):
 * a path or bytes in, bytes and a name for messages out; and an atomic write (temporary file in the same
 * folder, then rename, so an interrupted write never leaves a truncated file where a good one was).
 */
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from "fs";
import { basename, dirname, join } from "path";
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** What a reader was given: the bytes and the name its messages use (the path, or "<bytes>"). */
export interface Input {
  bytes: Uint8Array;
  source: string;
}

/** The bytes of a path (with the file-system errors turned into messages that say what to do) or of a buffer. */
export function readInput(input: string | Uint8Array | ArrayBuffer, fn: string): Input {
  if (input instanceof Uint8Array) return { bytes: input, source: "<bytes>" };
  if (input instanceof ArrayBuffer) return { bytes: new Uint8Array(input), source: "<bytes>" };
  if (typeof input !== "string") throw new EigenlabError("bad-input", message.ioBadInput(fn, input === null ? "null" : typeof input));
  return { bytes: readPath(input), source: input };
}

/** readFileSync with EigenlabErrors for a missing file, a directory and no permission. */
export function readPath(path: string): Buffer {
  try {
    if (statSync(path).isDirectory()) throw new EigenlabError("is-directory", message.ioIsDirectory(path));
    return readFileSync(path);
  } catch (err) {
    if (err instanceof EigenlabError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new EigenlabError("not-found", message.ioNotFound(path));
    if (code === "EISDIR") throw new EigenlabError("is-directory", message.ioIsDirectory(path));
    if (code === "EACCES" || code === "EPERM") throw new EigenlabError("permission", message.ioNoPermission(path));
    throw new EigenlabError("io", message.ioReadFailed(path, (err as Error).message));
  }
}

/** Writes `data` to `path` atomically: a temporary sibling file, fsync, then rename over the target. */
export function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd = -1;
  try {
    fd = openSync(tmp, "w");
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new EigenlabError("io", message.ioWriteFailed(path, (err as Error).message));
  }
}

/**
 * Streams a file in chunks of about `size` bytes that each end at a line break (the last may not), so a
 * line parser never sees half a line. The yielded view is reused: consume it before asking for the next.
 */
export function* readLineChunks(path: string, size = 1 << 22): Generator<Uint8Array> {
  // Opening errors (missing file, directory, permission) get the same messages as readPath.
  let fd: number;
  try {
    if (statSync(path).isDirectory()) throw new EigenlabError("is-directory", message.ioIsDirectory(path));
    fd = openSync(path, "r");
  } catch (err) {
    if (err instanceof EigenlabError) throw err;
    readPath(path);
    throw err;
  }
  try {
    let buf = new Uint8Array(size);
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        // A single line longer than the buffer: grow it.
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      const got = readSync(fd, buf, filled, buf.length - filled, null);
      filled += got;
      if (got === 0) {
        if (filled > 0) yield buf.subarray(0, filled);
        return;
      }
      const nl = buf.lastIndexOf(10, filled - 1);
      if (nl < 0) continue;
      yield buf.subarray(0, nl + 1);
      buf.copyWithin(0, nl + 1, filled);
      filled -= nl + 1;
    }
  } finally {
    closeSync(fd);
  }
}
