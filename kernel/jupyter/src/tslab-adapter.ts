/**
 * The ONE module that touches tslab internals (tslab is pinned to exactly 1.0.22: these files are not its
 * public API). It turns tslab's converter + executor into an `Engine` with structured results:
 * the last expression's value, errors with name/message/traceback, compile diagnostics, completion,
 * inspection and the is_complete check (with "invalid", which tslab lacks).
 *
 * It also lets cells resolve selected packages (`@eigenlab/core`, ...) from any notebook folder: TypeScript
 * sees `<cwd>/node_modules/<pkg>` forwarded to the real package (so types, completion and hover work), and
 * `require` maps the name to the same absolute file the prelude imports (one module instance).
 */
import * as path from "path";
import * as fs from "fs";
import { Converter, createConverter, isCompleteCode } from "tslab/dist/converter";
import { createExecutor, Executor } from "tslab/dist/executor";
import { printQuickInfo } from "tslab/dist/inspect";
// The TypeScript build tslab compiles with (the same module instance its converter uses).
import * as ts from "@tslab/typescript-for-tslab";
import type { ErrorContent } from "./protocol";
import { moduleOverrides } from "./code-cache";
import { prebuiltText } from "./snapshot";
import { setPendingMaps, splitInlineMap, tieCell } from "./cell-lines";
import { message } from "./messages";

export type ExecOutcome =
  | { ok: true; hasValue: boolean; value: unknown }
  | { ok: false; error: ErrorContent; interrupted: boolean };

export interface Engine {
  /** Compiles (type-checks) and runs a cell; declarations persist across cells. */
  execute(src: string): Promise<ExecOutcome>;
  inspect(src: string, cursor: number): { found: boolean; text: string };
  complete(src: string, cursor: number): { start: number; end: number; matches: string[] };
  isComplete(src: string): { status: "complete" | "incomplete" | "invalid"; indent?: string };
  /** Cancels an awaiting cell (a synchronous one is stopped by SIGINT through `vm` `breakOnSigint`). */
  interrupt(): void;
  /** The notebook's variables (tslab keeps each cell's top-level names here). */
  readonly locals: Record<string, unknown>;
  close(): void;
  /** Versions for kernel_info. */
  readonly versions: { tslab: string; typescript: string };
}

export interface EngineOptions {
  /** The notebook's folder: relative imports and node_modules resolve from here. */
  rootDir: string;
  /** Package name -> absolute package folder, importable from any notebook. */
  packages: Record<string, string>;
  /** Called as soon as a running cell was stopped by an interrupt (before the kernel tidies up after it). */
  onInterrupted?: () => void;
}

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";
const INTERRUPT_CODES = new Set(["ERR_SCRIPT_EXECUTION_INTERRUPTED"]);

import { errorContent } from "./error-content";
export { errorContent };

/** Forwards `<cwd>/node_modules/<pkg>/...` to the real package folder when the notebook folder lacks it. */
function forwardPackages(cwd: string, packages: Record<string, string>): (p: string) => string {
  const entries = Object.entries(packages).map(([name, dir]) => [path.join(cwd, "node_modules", name), dir] as const);
  return (p: string) => {
    for (const [virtual, real] of entries) {
      if (p === virtual || p.startsWith(virtual + path.sep) || p.startsWith(virtual + "/")) {
        if (fs.existsSync(virtual)) return p;
        return path.join(real, p.slice(virtual.length));
      }
    }
    return p;
  };
}

/**
 * File and directory watchers of tslab's watch program, set up after the kernel answered its first cells.
 * TypeScript emulates recursive directory watching on Linux by walking the folders of every failed module
 * lookup (a monorepo's node_modules): a third of the converter's creation (profiled: 2.5 of 8.7 s on a loaded
 * machine), none of it needed to run a first cell. The watchers only notice files that change or appear
 * later (an edited local module), so starting them a moment later loses nothing.
 */
type Watcher = { close(): void };
const deferredWatches: (() => void)[] = [];
let watchesLive = false;

function deferWatch(start: () => Watcher): Watcher {
  if (watchesLive) return start();
  let real: Watcher | null = null;
  let closed = false;
  deferredWatches.push(() => {
    if (!closed) real = start();
  });
  return {
    close() {
      closed = true;
      real?.close();
    },
  };
}

/**
 * Starts the watchers deferred during start-up, one per event-loop turn (so requests arriving meanwhile are
 * not held up by the whole batch). Resolves when all are live.
 */
export function startFileWatching(): Promise<void> {
  watchesLive = true;
  return new Promise((resolve) => {
    const next = () => {
      const start = deferredWatches.shift();
      if (!start) return resolve();
      try {
        start();
      } catch {
        // A folder that vanished meanwhile: nothing to watch.
      }
      setImmediate(next);
    };
    next();
  });
}

/** Node's typings: 2.2 MB read and parsed at every start, most of it doc comments. */
const NODE_TYPES = /node_modules[\\/]@types[\\/]node[\\/].*\.d\.ts$/;

/**
 * Node's typings with their `/** ... *\/` doc comments blanked (every character but newlines a space, so
 * positions stay). TypeScript 5.0 parses JSDoc of every declaration eagerly: for @types/node that is two
 * thirds of its parse (cold: 0.78 → 0.12 s CPU measured, the blanking itself 0.1 s), the largest single
 * part of the kernel's start. Types, completion and checks of Node's API are unchanged; hovering a Node
 * function shows its signature without Node's prose (the DSL's docs are untouched).
 */
export function blankDocComments(text: string): string {
  return text.replace(/\/\*\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "));
}

let sysPatched = false;
function patchTypeScriptSys(forward: (p: string) => string): void {
  if (sysPatched) return;
  sysPatched = true;
  const sys = ts.sys as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ["watchFile", "watchDirectory"]) {
    const original = sys[name];
    if (typeof original !== "function") continue;
    sys[name] = (...args: unknown[]) => deferWatch(() => original.apply(ts.sys, args) as Watcher);
  }
  for (const name of ["fileExists", "readFile", "directoryExists", "realpath", "getDirectories", "readDirectory"]) {
    const original = sys[name];
    if (typeof original !== "function") continue;
    sys[name] = function (this: unknown, p: unknown, ...rest: unknown[]) {
      const forwarded = typeof p === "string" ? forward(p) : p;
      // realpath of a forwarded path is the real file, so TypeScript sees one declaration per package.
      const out = original.call(ts.sys, forwarded, ...rest);
      // TypeScript type-checks every package under node_modules/@types of the notebook's ancestors on each
      // start (tslab sets no `types`); a monorepo's @types (react, mocha, ...) would slow every kernel start.
      // Cells get Node's globals automatically; other typings load when a cell imports their package.
      if (name === "getDirectories" && typeof p === "string" && /node_modules[\\/]@types[\\/]?$/.test(p)) {
        return (out as string[]).filter((d) => d === "node");
      }
      if (name === "readFile" && typeof out === "string" && typeof p === "string" && NODE_TYPES.test(p)) {
        return prebuiltText(p, out) ?? blankDocComments(out);
      }
      return out;
    };
  }
}

/**
 * tslab rewrites every identifier whose symbol was declared in an earlier cell into `exports.<name>`. Two
 * spots go wrong, and cells are respelled before tslab sees them, with the same meaning:
 * - object-literal shorthand is left alone: `{ sigma }` throws "sigma is not defined". Spelled out as
 *   `{ sigma: sigma }` (and `{ a = 1 } = o` as `{ a: a = 1 } = o`); only for names in `known` (the notebook's
 *   variables), so error columns move only on lines that needed it;
 * - a renamed destructuring key of an earlier cell's object type, `const { sigma: s } = o`, becomes
 *   `{ exports, sigma: s }` (a SyntaxError). A quoted key, `{ "sigma": s }`, is not an identifier, so tslab
 *   leaves it.
 */
export function respellForTslab(src: string, known: (name: string) => boolean): string {
  if (!src.includes("{")) return src;
  const sf = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node) && known(node.name.text)) {
      edits.push({ start: node.name.getStart(sf), end: node.name.end, text: `${node.name.text}: ${node.name.text}` });
    } else if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName)) {
      const key = node.propertyName;
      edits.push({ start: key.getStart(sf), end: key.end, text: JSON.stringify(key.text) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** What tslab's public display API (`tslab.display.html(...)`, `tslab.newDisplay()`) hands its kernel. */
export interface TslabDisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/**
 * Makes a cell's `import * as tslab from "tslab"; tslab.display.html(...)` work in this kernel: tslab's
 * display functions write through a module variable that only tslab's own kernel sets ("Not ready"
 * otherwise). `sink` publishes display_data (or update_display_data for a `newDisplay()` shown again).
 */
export function connectTslabDisplay(sink: (content: TslabDisplayContent, update: boolean) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's module state, set at run time
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = sink;
}

const SYNC_PREFIX_COLS = "(function(exports, require) { ".length;
const ASYNC_PREFIX_COLS = "(async function(exports, require) { ".length;

let sourceMapsInstalled = false;
/**
 * Source maps for cell line numbers (cell-lines.ts): TypeScript's emit gets an inline map, and tslab's second
 * step (`transpileModule` to CommonJS) a map of its own, recorded with the code it produced. Only possible when
 * the compiler was loaded through the code cache (its exports cannot be replaced otherwise); without it,
 * tracebacks keep the converted code's positions.
 */
function installSourceMaps(): void {
  if (sourceMapsInstalled) return;
  sourceMapsInstalled = true;
  const overrides = moduleOverrides();
  const realHost = ts.createWatchCompilerHost as (...a: unknown[]) => unknown;
  const realTranspile = ts.transpileModule;
  overrides.set("createWatchCompilerHost", (root: unknown, options: ts.CompilerOptions, ...rest: unknown[]) =>
    realHost(root, { ...options, inlineSourceMap: true }, ...rest),
  );
  overrides.set("transpileModule", (input: string, opts: ts.TranspileOptions) => {
    const { code, map } = splitInlineMap(input);
    if (!map) return realTranspile(input, opts);
    const out = realTranspile(code, { ...opts, compilerOptions: { ...opts.compilerOptions, sourceMap: true } });
    const text = out.outputText.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
    setPendingMaps(text, map, out.sourceMapText);
    return { ...out, outputText: text };
  });
}

/** Whether tslab reported `e` for a cell stopped by an interrupt (SIGINT in `vm`, or the async cancel). */
function isInterrupt(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return (code !== undefined && INTERRUPT_CODES.has(code)) || (e instanceof Error && e.message === "Interrupted asynchronously");
}

/** Names a statement declares at top level, and whether each is a value (else only a type). */
function declaredNames(st: ts.Statement): { name: string; isValue: boolean }[] {
  if (ts.isVariableStatement(st)) {
    const out: { name: string; isValue: boolean }[] = [];
    const bind = (b: ts.BindingName): void => {
      if (ts.isIdentifier(b)) out.push({ name: b.text, isValue: true });
      else for (const el of b.elements) if (!ts.isOmittedExpression(el)) bind(el.name);
    };
    for (const d of st.declarationList.declarations) bind(d.name);
    return out;
  }
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
    return [{ name: st.name.text, isValue: true }];
  }
  if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name) return [{ name: st.name.text, isValue: false }];
  return [];
}

/** The top-level names a cell's source declares (values: const/let/var/function/class/enum; types). */
export function topLevelNames(src: string): { values: Set<string>; types: Set<string> } {
  const sf = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const values = new Set<string>();
  const types = new Set<string>();
  for (const st of sf.statements) for (const n of declaredNames(st)) (n.isValue ? values : types).add(n.name);
  return { values, types };
}

export function createEngine(options: EngineOptions): Engine {
  const { rootDir, packages } = options;
  patchTypeScriptSys(forwardPackages(rootDir, packages));

  let node: Converter | null = null;
  /** The declarations tslab's last conversion produced (the notebook's, as they would be after the cell). */
  let lastDecls: string | null = null;
  const convs = {
    get node(): Converter {
      if (!node) {
        installSourceMaps();
        const real = createConverter({ isJS: false, isBrowser: false });
        node = {
          ...real,
          convert(prevDecl: string, src: string) {
            const out = real.convert(prevDecl, src);
            lastDecls = out.declOutput ?? null;
            // tslab runs `(function(exports, require) { ` + output (async for a top-level await).
            if (out.output) out.output = tieCell(out.output, out.hasToplevelAwait ? ASYNC_PREFIX_COLS : SYNC_PREFIX_COLS);
            return out;
          },
        };
      }
      return node;
    },
    get browser(): Converter {
      throw new Error("browser mode cells are not supported by the Eigenlab kernel");
    },
    close(): void {
      node?.close();
    },
  };

  // tslab reports through this console: `log(value)` for the last expression, `error(...)` for diagnostics
  // and exceptions. We capture them as structured results instead of printing.
  let value: { v: unknown } | null = null;
  let diagnostics: string[] = [];
  let thrown: { e: unknown } | null = null;
  const captureConsole = {
    log(v?: unknown): void {
      value = { v };
    },
    error(first?: unknown, ...rest: unknown[]): void {
      if (first === DIAGNOSTIC_FORMAT) {
        const [file, line, col, text] = rest as [string, number, number, string];
        diagnostics.push(`${file}${line}:${col} - ${text}`);
      } else {
        thrown = { e: first };
      }
    },
  };

  void convs.node; // Warm the compiler now (about a second), not on the first cell.
  const executor: Executor = createExecutor(rootDir, convs, captureConsole);

  // Map package names to absolute files in the cells' `require` (tslab's `__tslab__.require`).
  const g = globalThis as unknown as { __tslab__: { require: NodeJS.Require } };
  const tslabRequire = g.__tslab__.require;
  const aliased = new Proxy(tslabRequire, {
    apply(target, thisArg, args: unknown[]) {
      const id = args[0];
      if (args.length === 1 && typeof id === "string") {
        for (const [name, dir] of Object.entries(packages)) {
          if (id === name || id.startsWith(name + "/")) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- a cell's require of a workspace package, mapped at run time
            return require(path.join(dir, id.slice(name.length)));
          }
        }
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
  g.__tslab__.require = aliased;

  /**
   * After a cell failed at run time (an exception, an interrupt), the names it had assigned stay usable in
   * later cells, as in IPython: tslab keeps their values but not their declarations (it updates the
   * notebook's declarations only when a cell succeeds), so a later cell would not type-check against them.
   * The declarations of the names the cell declared and completed (a value that is not undefined; types
   * and interfaces always) are re-run as a declaration-only cell; the assignments tslab emits for it
   * (`exports.x = void 0`) are undone from the saved values.
   */
  async function keepCompleted(src: string, decls: string): Promise<void> {
    const locals = executor.locals;
    const declared = topLevelNames(src);
    if (declared.values.size === 0 && declared.types.size === 0) return;
    const keep = (name: string, isValue: boolean) =>
      isValue ? declared.values.has(name) && locals[name] !== undefined : declared.types.has(name);
    const file = ts.createSourceFile("decls.d.ts", decls, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const kept: string[] = [];
    const saved: Record<string, unknown> = {};
    for (const st of file.statements) {
      const names = declaredNames(st);
      if (names.length === 0 || !names.every((n) => keep(n.name, n.isValue))) continue;
      kept.push(st.getText(file));
      for (const n of names) if (n.isValue) saved[n.name] = locals[n.name];
    }
    if (kept.length === 0) return;
    await executor.execute(kept.join("\n"));
    Object.assign(locals, saved);
  }

  return {
    locals: executor.locals,
    versions: {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab exports no version; its package.json is the source
      tslab: (require("tslab/package.json") as { version: string }).version,
      typescript: ts.version,
    },
    async execute(src: string): Promise<ExecOutcome> {
      value = null;
      diagnostics = [];
      thrown = null;
      lastDecls = null;
      const ok = await executor.execute(respellForTslab(src, (name) => name in executor.locals));
      if (!ok && diagnostics.length === 0 && isInterrupt((thrown as { e: unknown } | null)?.e)) options.onInterrupted?.();
      if (!ok && diagnostics.length === 0 && lastDecls !== null) {
        // The cell type-checked and ran, then threw or was interrupted: keep what it defined so far.
        const outcome = { value, thrown, diagnostics };
        await keepCompleted(src, lastDecls);
        ({ value, thrown, diagnostics } = outcome);
      }
      // (assigned by the capture console during `execute`; TypeScript cannot see that.)
      const last = value as { v: unknown } | null;
      if (ok) return { ok: true, hasValue: last !== null, value: last?.v };
      if (diagnostics.length > 0) {
        return {
          ok: false,
          interrupted: false,
          error: { ename: "TypeScriptError", evalue: diagnostics.join("\n"), traceback: diagnostics },
        };
      }
      const e = (thrown as { e: unknown } | null)?.e;
      const interrupted = isInterrupt(e);
      if (interrupted) {
        return {
          ok: false,
          interrupted,
          error: { ename: "Interrupted", evalue: "the cell was interrupted", traceback: [message.interrupted] },
        };
      }
      return { ok: false, interrupted: false, error: errorContent(e) };
    },
    inspect(src: string, cursor: number) {
      const info = executor.inspect(src, cursor);
      return info ? { found: true, text: printQuickInfo(info) } : { found: false, text: "" };
    },
    complete(src: string, cursor: number) {
      const info = executor.complete(src, cursor);
      return { start: info.start, end: info.end, matches: info.candidates };
    },
    isComplete(src: string) {
      const r = isCompleteCode(src);
      if (!r.completed) return { status: "incomplete", indent: r.indent ?? "" };
      const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const parseErrors = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
      return { status: parseErrors.length > 0 ? "invalid" : "complete" };
    },
    interrupt: () => executor.interrupt(),
    close: () => executor.close(),
  };
}
