// `fs` for the browser kernel's worker. Files live in memory: the files of the site (fetched on first read,
// synchronously, which a worker may do), the files the reader uploaded or edited in the lab (handed over by
// the main thread before a cell runs; kernel.js), and whatever a cell writes (kept in memory for the session:
// written files are not saved to the lab's file browser). Paths are relative to the notebook's folder.
// Core's own datasets (kernel/core/data) are served under the site's build/eigenlab-data/.
import { Buffer } from 'buffer';

const files = new Map();
let filesUrl = '';
let coreDataUrl = '';
let location = '';

const enoent = (path) => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });

function normalize(path) {
  const parts = [];
  for (const part of String(path).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The site-relative path of `path` (absolute paths are taken from the site's root). */
function key(path) {
  const p = String(path);
  return normalize(p.startsWith('/') ? p : `${location}/${p}`);
}

export function configure(options) {
  filesUrl = options.filesUrl.replace(/\/?$/, '/');
  coreDataUrl = (options.coreDataUrl || '').replace(/\/?$/, '/');
  location = options.location || '';
}

/** Files from the lab's contents (uploads, edits): { path (site-relative): Uint8Array }. */
export function addFiles(map) {
  for (const [path, bytes] of Object.entries(map)) files.set(normalize(path), bytes);
}

function fetchSync(url) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.responseType = 'arraybuffer';
  xhr.send();
  return xhr.status === 200 ? new Uint8Array(xhr.response) : null;
}

function load(path) {
  const k = key(path);
  if (files.has(k)) return files.get(k);
  const core = /^data\/(digits\.csv\.gz|flower\.ppm|karate\.json|miserables\.json)$/.exec(k);
  const bytes = fetchSync(`${filesUrl}${k.split('/').map(encodeURIComponent).join('/')}`) ??
    (core && coreDataUrl ? fetchSync(`${coreDataUrl}${core[1]}`) : null);
  if (bytes) files.set(k, bytes);
  return bytes;
}

// Node returns a Buffer (core calls .toString("utf8") on some reads): a Buffer view of the same bytes.
const decode = (bytes, encoding) => (encoding ? new TextDecoder().decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));

export function readFileSync(path, options) {
  const bytes = load(path);
  if (!bytes) throw enoent(path);
  const encoding = typeof options === 'string' ? options : options && options.encoding;
  return decode(bytes, encoding);
}

export function existsSync(path) {
  return load(path) !== null;
}

export class Stats {
  constructor(size) {
    this.size = size;
  }
  isDirectory() {
    return false;
  }
  isFile() {
    return true;
  }
}

export function statSync(path) {
  const bytes = load(path);
  if (!bytes) throw enoent(path);
  return new Stats(bytes.length);
}

const fds = new Map();
let nextFd = 3;

export function openSync(path, flags = 'r') {
  const k = key(path);
  if (String(flags).startsWith('r')) {
    const bytes = load(path);
    if (!bytes) throw enoent(path);
    fds.set(nextFd, { k, bytes, chunks: null, pos: 0 });
  } else {
    fds.set(nextFd, { k, bytes: null, chunks: [] });
  }
  return nextFd++;
}

/** Node's readSync: at `position`, or (null) at the file's own position, which then moves on. */
export function readSync(fd, buffer, offset, length, position) {
  const f = fds.get(fd);
  const at = position === null || position === undefined ? f.pos : position;
  const n = Math.max(0, Math.min(length, f.bytes.length - at));
  buffer.set(f.bytes.subarray(at, at + n), offset);
  if (position === null || position === undefined) f.pos += n;
  return n;
}

export function writeSync(fd, data, offset = 0, length) {
  const f = fds.get(fd);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data.subarray(offset, offset + (length ?? data.length - offset));
  f.chunks.push(bytes.slice());
  return bytes.length;
}

export function closeSync(fd) {
  const f = fds.get(fd);
  fds.delete(fd);
  if (f && f.chunks) {
    const size = f.chunks.reduce((s, c) => s + c.length, 0);
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of f.chunks) {
      out.set(c, at);
      at += c.length;
    }
    files.set(f.k, out);
  }
}

export function writeFileSync(path, data) {
  files.set(key(path), typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data));
}

export function renameSync(from, to) {
  const k = key(from);
  if (!files.has(k)) throw enoent(from);
  files.set(key(to), files.get(k));
  files.delete(k);
}

export function unlinkSync(path) {
  files.delete(key(path));
}

export function fsyncSync() {}
export function mkdirSync() {}

/** The names of the files in folder `path` that this session has seen (read, written or handed over). */
export function readdirSync(path) {
  const dir = key(path);
  const prefix = dir ? `${dir}/` : '';
  const names = new Set();
  for (const k of files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
  return [...names];
}

export default { readFileSync, existsSync, statSync, openSync, readSync, writeSync, closeSync, writeFileSync, renameSync, unlinkSync, fsyncSync, mkdirSync, readdirSync, Stats };
