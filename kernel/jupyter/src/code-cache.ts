/**
 * Node-only. A V8 code cache for the TypeScript compiler the kernel loads at every start.
 *
 * `@tslab/typescript-for-tslab` is one 9 MB script: compiling it, and then lazily compiling the functions
 * that build the first program, is a fixed part of each kernel start. V8 can serialize the compiled code
 * (`vm.Script#createCachedData`, taken after start-up so the lazily compiled functions are in it) and take
 * it back on the next start (`cachedData`), as `v8-compile-cache` does for whole applications. We do it for
 * this one module, registered in `require.cache` under its real file name so tslab's own
 * `require("@tslab/typescript-for-tslab")` gets this very instance.
 *
 * The cache is keyed by the file's path, size and mtime and by Node's and V8's versions; V8 itself rejects
 * data that does not match (`cachedDataRejected`), and then the module is compiled as usual. Any failure
 * here (read-only folders, a racing writer) only costs the speed-up.
 */
import { createHash } from "crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "fs";
import Module from "module";
import { tmpdir, userInfo } from "os";
import * as path from "path";
import * as vm from "vm";

interface Cached {
  script: vm.Script;
  cacheFile: string;
  hadCache: boolean;
}

let loaded: Cached | null = null;

function cacheFolder(): string {
  let user = "user";
  try {
    user = String(userInfo().uid);
  } catch {
    // No passwd entry (some containers): one shared name.
  }
  return process.env.EIGENLAB_CODE_CACHE ?? path.join(tmpdir(), `eigenlab-code-cache-${user}`);
}

/**
 * Loads the CommonJS module `id`, resolved as the package `from` resolves it, through a code-cached
 * `vm.Script` and puts it in `require.cache`. Returns false, having loaded nothing, when the module is
 * already loaded or cannot be read.
 */
export function loadWithCodeCache(id: string, from: string): boolean {
  let file: string;
  let source: string;
  let key: string;
  try {
    file = resolveFrom(id, from);
    if (require.cache[file]) return false;
    const st = statSync(file);
    source = readFileSync(file, "utf8");
    key = createHash("sha1")
      .update(`${file}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${process.versions.v8}`)
      .digest("hex");
  } catch {
    return false;
  }
  const cacheFile = path.join(cacheFolder(), `${path.basename(file)}.${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = newModule(file);
  const fn = script.runInThisContext() as (...a: unknown[]) => void;
  require.cache[file] = mod;
  try {
    fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  exposeWithOverrides(mod);
  loaded = { script, cacheFile, hadCache: cachedData !== undefined && !script.cachedDataRejected };
  return true;
}

/** The file `id` resolves to, resolved as the package `from` resolves it. */
export function resolveFrom(id: string, from: string): string {
  return require.resolve(id, { paths: [path.dirname(require.resolve(`${from}/package.json`))] });
}

function newModule(file: string): Module {
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  return mod;
}

/** Marks `mod` loaded; its exports become a view through `moduleOverrides()`. */
function exposeWithOverrides(mod: Module): void {
  mod.loaded = true;
  // Its exports are getters that cannot be redefined; the kernel wraps two of TypeScript's functions (the
  // source maps behind cell line numbers in tracebacks, tslab-adapter.ts) through this registry.
  const overrides = moduleOverrides();
  const real = mod.exports as Record<string | symbol, unknown>;
  mod.exports = new Proxy(real, { get: (t, k) => (typeof k === "string" && overrides.has(k) ? overrides.get(k) : Reflect.get(t, k)) });
}

/**
 * Registers `exports`, a module instance made elsewhere (the start-up snapshot's TypeScript, snapshot.ts),
 * as the loaded module `file`, so `require` of it returns that instance. False when `file` is loaded already.
 */
export function registerModule(file: string, exports: unknown): boolean {
  if (require.cache[file]) return false;
  const mod = newModule(file);
  mod.exports = exports;
  require.cache[file] = mod;
  exposeWithOverrides(mod);
  return true;
}

/**
 * Writes the code cache when the loaded module had none (or V8 rejected it): called once the kernel has
 * served its first cell, so the functions compiled lazily for start-up are in it.
 */
export function saveCodeCache(): void {
  if (!loaded || loaded.hadCache) return;
  const { script, cacheFile } = loaded;
  loaded.hadCache = true;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // Read-only or full disk: the next start compiles as usual.
  }
}

/** Replacements for exports of the module loaded here, by name (empty when it was loaded the usual way). */
export function moduleOverrides(): Map<string, unknown> {
  const g = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
  const key = Symbol.for("eigenlab.kernel.tsOverrides");
  return (g[key] ??= new Map());
}

/**
 * A code cache for every CommonJS module the kernel loads while it starts (tslab, the DSL, @eigenlab/viz with
 * vega and vega-lite: about 270 files): Node 20 compiles each from source at every start, about a fifth of
 * a start's CPU once TypeScript comes from the start-up snapshot (Node 22's `module.enableCompileCache()`
 * does what this does). Modules are compiled as `vm.Script`s with V8's cached data from one file, keyed per
 * module by path, size and mtime; V8 rejects data that does not fit and the module compiles as usual.
 * A module using `import()` is left to Node (a `vm.Script` would need a dynamic-import callback).
 */
interface ModuleEntry {
  size: number;
  mtimeMs: number;
  data: Buffer;
}
interface CompiledModule {
  script: vm.Script;
  size: number;
  mtimeMs: number;
  cached: boolean;
}
let moduleCache: { file: string; entries: Map<string, ModuleEntry>; compiled: Map<string, CompiledModule> } | null = null;

function readModuleCache(file: string): Map<string, ModuleEntry> {
  const entries = new Map<string, ModuleEntry>();
  try {
    const buf = readFileSync(file);
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString("utf8")) as [string, number, number, number, number][];
    let offset = 4 + headerLength;
    for (const [name, size, mtimeMs, , length] of header) {
      entries.set(name, { size, mtimeMs, data: buf.subarray(offset, offset + length) });
      offset += length;
    }
  } catch {
    // No cache yet (or a broken one): every module compiles as usual.
  }
  return entries;
}

/** Installs the module code cache (once, before the modules to cache are required). */
export function installModuleCodeCache(): void {
  if (moduleCache) return;
  const key = createHash("sha1").update(`${__dirname}\0${process.version}\0${process.versions.v8}`).digest("hex");
  const file = path.join(cacheFolder(), `modules.${key}.v8`);
  const cache = { file, entries: readModuleCache(file), compiled: new Map<string, CompiledModule>() };
  moduleCache = cache;
  type Internal = {
    _compile(content: string, filename: string): unknown;
  };
  const M = Module as unknown as {
    prototype: Internal;
    _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
    _extensions: unknown;
    _cache: unknown;
    wrap(src: string): string;
  };
  const realCompile = M.prototype._compile;
  const compile = (mod: Module, content: string, filename: string): unknown => {
    if (!filename.endsWith(".js") || content.includes("import(") || cache.compiled.has(filename)) {
      return realCompile.call(mod, content, filename);
    }
    let st;
    try {
      st = statSync(filename);
    } catch {
      return realCompile.call(mod, content, filename);
    }
    const entry = cache.entries.get(filename);
    const usable = entry && entry.size === st.size && entry.mtimeMs === st.mtimeMs ? entry.data : undefined;
    const script = new vm.Script(M.wrap(content), { filename, cachedData: usable });
    cache.compiled.set(filename, { script, size: st.size, mtimeMs: st.mtimeMs, cached: usable !== undefined && !script.cachedDataRejected });
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    const req = ((id: string) => mod.require(id)) as NodeJS.Require;
    req.resolve = ((request: string, options?: unknown) => M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
    req.main = require.main;
    req.extensions = M._extensions as NodeJS.RequireExtensions;
    req.cache = M._cache as NodeJS.Dict<NodeJS.Module>;
    return fn.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };
  M.prototype._compile = function (this: Module, content: string, filename: string) {
    return compile(this, content, filename);
  };
}

/**
 * Writes the module code cache when some module compiled without usable data (called after the first cell,
 * so the functions a start compiles lazily are in it). Entries of modules not loaded this time are kept.
 */
export function saveModuleCodeCache(): void {
  const cache = moduleCache;
  if (!cache || [...cache.compiled.values()].every((c) => c.cached)) return;
  try {
    const out = new Map<string, ModuleEntry>(cache.entries);
    for (const [name, c] of cache.compiled) out.set(name, { size: c.size, mtimeMs: c.mtimeMs, data: c.cached ? cache.entries.get(name)!.data : c.script.createCachedData() });
    const header: [string, number, number, number, number][] = [];
    const parts: Buffer[] = [];
    for (const [name, e] of out) {
      header.push([name, e.size, e.mtimeMs, 0, e.data.length]);
      parts.push(e.data);
    }
    const head = Buffer.from(JSON.stringify(header), "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length, 0);
    mkdirSync(path.dirname(cache.file), { recursive: true });
    const tmp = `${cache.file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([len, head, ...parts]));
    renameSync(tmp, cache.file);
    for (const c of cache.compiled.values()) c.cached = true;
  } catch {
    // Read-only or full disk: the next start compiles as usual.
  }
}
