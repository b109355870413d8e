// An in-memory TypeScript `System` for the browser kernel's worker: TypeScript's own `ts.sys` exists only
// in Node. It serves the declaration files the site ships (build/lite/build/eigenlab-types.json: TypeScript's
// lib.*.d.ts, @eigenlab/core's and @eigenlab/viz's .d.ts, the browser globals of globals.d.ts) from a Map, so
// tslab's converter type-checks cells against the same declarations as the Node kernel.
// Paths are POSIX, absolute; the notebook's folder is CWD and the libraries sit in CWD/node_modules.

export const CWD = '/notebook';
export const TS_DIR = '/typescript/lib';

/** Builds a ts.System over `files` (absolute path -> text). */
export function createMemorySystem(files) {
  const dirs = new Set(['/']);
  for (const file of files.keys()) {
    let d = file;
    while ((d = d.slice(0, d.lastIndexOf('/')) || '/') !== '/') dirs.add(d);
  }
  dirs.add(CWD);
  const norm = p => {
    const parts = [];
    for (const part of p.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return '/' + parts.join('/');
  };
  const abs = p => norm(p.startsWith('/') ? p : `${CWD}/${p}`);
  const list = (dir, wantDirs) => {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const out = new Set();
    for (const p of wantDirs ? dirs : files.keys()) {
      if (p.startsWith(prefix) && p !== dir && !p.slice(prefix.length).includes('/')) out.add(p.slice(prefix.length));
    }
    return [...out];
  };
  return {
    args: [],
    newLine: '\n',
    useCaseSensitiveFileNames: true,
    write: () => undefined,
    writeOutputIsTTY: () => false,
    readFile: p => files.get(abs(p)),
    writeFile: (p, data) => {
      files.set(abs(p), data);
    },
    resolvePath: p => abs(p),
    fileExists: p => files.has(abs(p)),
    directoryExists: p => dirs.has(abs(p)),
    createDirectory: p => {
      dirs.add(abs(p));
    },
    getExecutingFilePath: () => `${TS_DIR}/typescript.js`,
    getCurrentDirectory: () => CWD,
    getDirectories: p => list(abs(p), true),
    readDirectory: (p, extensions) => {
      const root = abs(p);
      return [...files.keys()].filter(
        f => f.startsWith(`${root}/`) && (!extensions || extensions.some(e => f.endsWith(e)))
      );
    },
    realpath: p => abs(p),
    getModifiedTime: () => new Date(0),
    exit: () => undefined,
    // The converter replaces these for its own two files; other files never change here.
    watchFile: () => ({ close: () => undefined }),
    watchDirectory: () => ({ close: () => undefined }),
    setTimeout: (cb, ms, ...args) => setTimeout(cb, ms, ...args),
    clearTimeout: id => clearTimeout(id),
    createHash: s => String(s.length) + ':' + s.slice(0, 16),
    now: () => new Date()
  };
}
