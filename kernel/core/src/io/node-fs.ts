/**
 * The only Node-only module of `io`: reading a path, and atomic writes. Every other io module works on bytes
 * and reaches the disk through the `FileSystem` hook this module fills (installed by `io/index.ts`).
 *
 * Atomic write (the classic POSIX recipe, e.g. LWN "ensuring data reaches disk", 2009): write a temporary file
 * in the same folder (same file system, so rename is atomic), fsync it, rename it over the target, fsync the
 * folder. A crash or an error at any step leaves the previous file at `path` intact and removes the temporary.
 */
import * as fs from "fs";
import * as nodePath from "path";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import type { FileSystem } from "./bytes";
import { reportProgress } from "../progress";

/**
 * Bytes per read or write call when progress is reported: 64 MiB is about 30-60 ms of disk or page-cache
 * time, fine-grained enough for a 10-a-second progress line at no measurable cost in system calls.
 */
const PROGRESS_CHUNK = 1 << 26;

function fsError(path: string, action: "read" | "write", e: unknown): EigenlabError {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return action === "read"
        ? new EigenlabError("io-not-found", message.ioNotFound(path))
        : new EigenlabError("io-not-found", message.ioFsError(path, action, `its folder ${nodePath.dirname(path)} does not exist`));
    case "EISDIR":
      return new EigenlabError("io-is-directory", message.ioIsDirectory(path));
    case "EACCES":
    case "EPERM":
      return new EigenlabError("io-permission", message.ioPermission(path, action));
    default:
      return new EigenlabError("io-fs", message.ioFsError(path, action, err?.message ?? String(e)));
  }
}

function readFile(path: string): Uint8Array {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw fsError(path, "read", e);
  }
}

function size(path: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch (e) {
    throw fsError(path, "read", e);
  }
  if (st.isDirectory()) throw new EigenlabError("io-is-directory", message.ioIsDirectory(path));
  return st.size;
}

function readInto(path: string, into: Uint8Array, position: number, task?: string): number {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, "r");
    let done = 0;
    const total = into.length;
    if (task) reportProgress({ task, done: 0, total, unit: "bytes" });
    while (done < total) {
      // Loop until the buffer is full or the file ends (readSync moves at most 2 GiB per call anyway).
      const n = fs.readSync(fd, into, done, Math.min(total - done, PROGRESS_CHUNK), position + done);
      if (n === 0) break;
      done += n;
      if (task && done < total) reportProgress({ task, done, total, unit: "bytes" });
    }
    if (task && done === total) reportProgress({ task, done, total, unit: "bytes" });
    return done;
  } catch (e) {
    throw fsError(path, "read", e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[], task = `io.write ${path}`): void {
  const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
  let total = 0;
  for (const p of parts) total += p.length;
  let written = 0;
  const dir = nodePath.dirname(nodePath.resolve(path));
  let mode = 0o666;
  try {
    const st = fs.statSync(path);
    if (st.isDirectory()) throw new EigenlabError("io-is-directory", message.ioIsDirectory(path));
    mode = st.mode & 0o7777; // keep the permissions of the file we replace
  } catch (e) {
    if (e instanceof EigenlabError) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw fsError(path, "write", e);
  }
  const tmp = nodePath.join(dir, `.${nodePath.basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx", mode);
    // The final report (done === total) comes after fsync and rename: until then the write is not done.
    reportProgress({ task, done: 0, total, unit: "bytes" });
    for (const p of parts) {
      let off = 0;
      while (off < p.length) {
        const n = fs.writeSync(fd, p, off, Math.min(p.length - off, PROGRESS_CHUNK));
        off += n;
        written += n;
        if (written < total) reportProgress({ task, done: written, total, unit: "bytes" });
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* the temporary was never created */
    }
    throw fsError(path, "write", e);
  }
  // Persist the rename itself (the folder entry); not possible on every platform, so best effort.
  try {
    const dfd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* Windows and some file systems cannot open or fsync a folder */
  }
  reportProgress({ task, done: total, total, unit: "bytes" });
}

/**
 * Unzeroed memory of its own (not Node's shared pool, so the offset is 0 and any typed array can view it):
 * the reader overwrites every byte, and skipping calloc's zero pages saves about 15 % of a large .npy read.
 */
function allocate(n: number): Uint8Array {
  return Buffer.allocUnsafeSlow(n);
}

/**
 * Streams a file in chunks of about `size` bytes that each end at a line break (the last may not), so a
 * line parser never sees half a line. The yielded view is reused: consume it before asking for the next.
 */
function* readLineChunks(path: string, size = 1 << 22): Generator<Uint8Array> {
  let fd: number;
  try {
    if (fs.statSync(path).isDirectory()) throw new EigenlabError("io-is-directory", message.ioIsDirectory(path));
    fd = fs.openSync(path, "r");
  } catch (e) {
    if (e instanceof EigenlabError) throw e;
    throw fsError(path, "read", e);
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
      const got = fs.readSync(fd, buf, filled, buf.length - filled, null);
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
    fs.closeSync(fd);
  }
}

/** The Node file system for `io` (installed by `io/index.ts`). */
export const nodeFileSystem: FileSystem = { readFile, writeFileAtomic, readInto, size, allocate, readLineChunks };
