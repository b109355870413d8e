/**
 * Node-only. The kernel's start-up snapshot: a V8 heap with the TypeScript compiler loaded and the
 * declaration files of every start (TypeScript's lib, `@types/node`, the DSL's .d.ts) parsed and bound,
 * built by `snapshot-build.ts` and loaded with `node --snapshot-blob` (bin/kernel-launch.sh).
 *
 * - Built by `eigenlab install` (what scripts and tests run to get a kernelspec) and `eigenlab snapshot`,
 *   into one blob per kernel folder and node binary (EIGENLAB_SNAPSHOT_DIR, default ~/.cache/eigenlab);
 *   rebuilt when it is stale: another node, TypeScript file, builder, or any listed file's content (sha1).
 * - Checked again at every start, cheaply: the launcher uses the blob only when it was built by this very
 *   node binary (a mismatching blob is a fatal error in node), the kernel uses the snapshot's TypeScript
 *   only when the installed typescript.js is the same file, and each prebuilt file only when its text is
 *   byte for byte the one read now. Anything else falls back to parsing, as without a snapshot.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { registerModule, resolveFrom } from "./code-cache";
import { coreEntry } from "./prelude";

/** What snapshot-build.ts leaves on globalThis in the snapshot. */
interface SnapshotGlobal {
  Console: typeof console.Console;
  typescript: { file: string; version: string; size: number; mtimeMs: number };
  ts: unknown;
  lookup: (...a: unknown[]) => unknown;
  textFor(file: string, raw: string): string | undefined;
  stats(): { files: number; hits: number };
}

export interface SnapshotConfig {
  /** typescript.js of `@tslab/typescript-for-tslab`, as tslab resolves it. */
  typescript: string;
  /** Declaration files the prelude imports (their closure is prebuilt). */
  roots: string[];
  /** `node_modules/@types` folders whose `node` a kernel start may load (tslab's own, the kernel's ancestors'). */
  typeRoots: string[];
  /** Where the builder writes its list of files. */
  manifest: string;
}

interface Manifest {
  node: string;
  typescript: string;
  files: Record<string, string>;
  /** Added after the build: what the blob depends on besides the files. */
  key?: string;
}

const SNAPSHOT = Symbol.for("eigenlab.snapshot");
const HOOK = Symbol.for("eigenlab.prebuiltSourceFile");
const TYPESCRIPT = ["@tslab/typescript-for-tslab", "tslab"] as const;

export function snapshotDir(): string {
  if (process.env.EIGENLAB_SNAPSHOT_DIR) return process.env.EIGENLAB_SNAPSHOT_DIR;
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  return path.join(cache, "eigenlab");
}

/** The launcher the kernelspec runs (a POSIX shell script). */
export function launcherPath(): string {
  return path.join(__dirname, "..", "bin", "kernel-launch.sh");
}

/** The blob, its node stamp (read by the launcher) and manifest, for this kernel folder and node binary. */
export function snapshotPaths(): { blob: string; stamp: string; manifest: string } {
  const id = createHash("sha1").update(`${path.resolve(__dirname)}\0${process.execPath}`).digest("hex").slice(0, 16);
  const blob = path.join(snapshotDir(), `kernel-${id}.blob`);
  return { blob, stamp: `${blob}.node`, manifest: `${blob}.json` };
}

/** The node binary's size and mtime in seconds, as `stat -c '%s %Y'` prints them (the launcher compares). */
export function nodeStamp(): string {
  const st = fs.statSync(process.execPath);
  return `${st.size} ${Math.floor(st.mtimeMs / 1000)}`;
}

function hasNodeTypes(dir: string): boolean {
  return fs.existsSync(path.join(dir, "node", "package.json"));
}

export function snapshotConfig(manifest: string): SnapshotConfig {
  const typescript = resolveFrom(...TYPESCRIPT);
  const dist = __dirname;
  const roots = [`${coreEntry()}.d.ts`, ...["runtime", "comm", "widgets", "interact"].map((m) => path.join(dist, `${m}.d.ts`))].filter((f) =>
    fs.existsSync(f),
  );
  const typeRoots: string[] = [];
  const add = (dir: string) => {
    if (!hasNodeTypes(dir)) return;
    const real = fs.realpathSync(dir);
    if (!typeRoots.includes(real)) typeRoots.push(real);
  };
  // Notebooks inside this installation (the repository's examples) see its hoisted @types; notebooks
  // elsewhere get tslab's own (tslab's converter, getTypeRoots).
  for (let dir = path.resolve(dist, ".."); ; dir = path.dirname(dir)) {
    add(path.join(dir, "node_modules", "@types"));
    if (path.dirname(dir) === dir) break;
  }
  add(path.join(path.dirname(resolveFrom("tslab/package.json", "tslab")), "node_modules", "@types"));
  return { typescript, roots, typeRoots, manifest };
}

function sha1File(file: string): string | null {
  try {
    return createHash("sha1").update(fs.readFileSync(file, "utf8")).digest("hex");
  } catch {
    return null;
  }
}

/** What the blob depends on besides its files' contents. */
function snapshotKey(config: SnapshotConfig): string {
  const st = fs.statSync(config.typescript);
  return JSON.stringify({
    node: process.version,
    execPath: process.execPath,
    stamp: nodeStamp(),
    typescript: [config.typescript, st.size, st.mtimeMs],
    builder: sha1File(path.join(__dirname, "snapshot-build.js")),
    roots: config.roots,
    typeRoots: config.typeRoots,
  });
}

/** Whether the blob is there and up to date, and if not why. */
export function snapshotState(): { fresh: boolean; reason: string; blob: string } {
  const { blob, stamp, manifest } = snapshotPaths();
  try {
    if (!fs.existsSync(blob)) return { fresh: false, reason: "not built", blob };
    const m = JSON.parse(fs.readFileSync(manifest, "utf8")) as Manifest;
    if (fs.readFileSync(stamp, "utf8").trim() !== nodeStamp()) return { fresh: false, reason: "built by another node binary", blob };
    if (m.key !== snapshotKey(snapshotConfig(manifest))) return { fresh: false, reason: "TypeScript, node or the kernel changed", blob };
    for (const [file, hash] of Object.entries(m.files)) {
      if (sha1File(file) !== hash) return { fresh: false, reason: `${file} changed`, blob };
    }
    return { fresh: true, reason: `${Object.keys(m.files).length} declaration files prebuilt`, blob };
  } catch (e) {
    return { fresh: false, reason: (e as Error).message, blob };
  }
}

/**
 * Builds the snapshot when it is missing or stale (always with `force`). Never throws: a kernel without a
 * snapshot starts the usual way. EIGENLAB_NO_SNAPSHOT=1 skips it.
 */
export function ensureSnapshot(options: { force?: boolean } = {}): { built: boolean; fresh: boolean; reason: string; blob: string; seconds: number } {
  const t0 = Date.now();
  const seconds = () => (Date.now() - t0) / 1000;
  const { blob, stamp, manifest } = snapshotPaths();
  if (process.env.EIGENLAB_NO_SNAPSHOT) return { built: false, fresh: false, reason: "EIGENLAB_NO_SNAPSHOT is set", blob, seconds: 0 };
  const state = snapshotState();
  if (state.fresh && !options.force) return { built: false, ...state, seconds: seconds() };
  const tmp = `${blob}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(blob), { recursive: true });
    const config = snapshotConfig(`${tmp}.json`);
    const r = spawnSync(process.execPath, ["--snapshot-blob", tmp, "--build-snapshot", path.join(__dirname, "snapshot-build.js")], {
      // Without NODE_OPTIONS: the launcher uses the blob only when there are none (V8 flags must match).
      env: { ...process.env, NODE_OPTIONS: "", EIGENLAB_SNAPSHOT_CONFIG: JSON.stringify(config) },
      encoding: "utf8",
      timeout: 600_000,
    });
    if (r.status !== 0 || !fs.existsSync(tmp)) {
      const why = (r.stderr || r.error?.message || `exit ${r.status}`).split("\n").filter((l) => /Error|error/.test(l))[0] ?? r.stderr;
      return { built: false, fresh: false, reason: `build failed: ${why}`, blob, seconds: seconds() };
    }
    const m = JSON.parse(fs.readFileSync(config.manifest, "utf8")) as Manifest;
    m.key = snapshotKey({ ...config, manifest });
    fs.writeFileSync(config.manifest, JSON.stringify(m, null, 1) + "\n");
    fs.writeFileSync(`${tmp}.node`, nodeStamp() + "\n");
    // The blob first: the launcher pairs it with the stamp, and the kernel checks everything else itself.
    fs.renameSync(tmp, blob);
    fs.renameSync(config.manifest, manifest);
    fs.renameSync(`${tmp}.node`, stamp);
    return { built: true, fresh: true, reason: `${Object.keys(m.files).length} declaration files prebuilt`, blob, seconds: seconds() };
  } catch (e) {
    return { built: false, fresh: false, reason: (e as Error).message, blob, seconds: seconds() };
  } finally {
    for (const f of [tmp, `${tmp}.json`, `${tmp}.node`]) fs.rmSync(f, { force: true });
  }
}

let active: SnapshotGlobal | null = null;

/**
 * At kernel start (preload.ts), before anything loads TypeScript: when the process was started from a
 * snapshot whose TypeScript is the installed file, that instance becomes the `@tslab/typescript-for-tslab`
 * module and its prebuilt files are offered to the compiler. Otherwise the snapshot's heap is dropped.
 */
export function useSnapshot(): boolean {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const snap = g[SNAPSHOT] as SnapshotGlobal | undefined;
  if (!snap) return false;
  delete g[SNAPSHOT];
  // Node takes Error.stackTraceLimit out of a snapshot and is meant to put it back; after TypeScript raised
  // it to 100 in the builder it comes back undefined, and then no error has a stack (no traceback in any
  // cell). 100 is what loading TypeScript sets without a snapshot.
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 100;
  // And `console.Console` (also `require("console").Console`) comes back undefined: the builder's class.
  if (typeof console.Console !== "function" && typeof snap.Console === "function") {
    Object.defineProperty(console, "Console", { value: snap.Console, writable: true, configurable: true, enumerable: false });
  }
  try {
    const file = resolveFrom(...TYPESCRIPT);
    const st = fs.statSync(file);
    const t = snap.typescript;
    if (file !== t.file || st.size !== t.size || st.mtimeMs !== t.mtimeMs) return false;
    if (!registerModule(file, snap.ts)) return false;
    g[HOOK] = snap.lookup;
    active = snap;
    return true;
  } catch {
    return false;
  }
}

/**
 * The text the compiler is given for `file` when the snapshot prebuilt it from this very `raw` content (a
 * file read with its doc comments blanked: the blanking need not run again), else undefined.
 */
export function prebuiltText(file: string, raw: string): string | undefined {
  return active?.textFor(file, raw);
}

/** For the kernel's start-up log: how many files the snapshot holds and how many the compiler took. */
export function snapshotStats(): { files: number; hits: number } | null {
  return active ? active.stats() : null;
}
