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
