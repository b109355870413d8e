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
}

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";
const INTERRUPT_CODES = new Set(["ERR_SCRIPT_EXECUTION_INTERRUPTED"]);

/** Frames from the kernel's own machinery, dropped from user tracebacks. */
const INTERNAL_FRAME = /node:vm|node:internal|tslab[\\/]dist|kernel[\\/]jupyter[\\/](dist|src)|processTicksAndRejections/;

export function errorContent(e: unknown): ErrorContent {
  if (e instanceof Error) {
    const ename = e.name || e.constructor?.name || "Error";
    // Node may prefix the stack of an error thrown in a `vm` script with the source line and a caret; keep
    // only the call frames, without the kernel's own.
    const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l) && !INTERNAL_FRAME.test(l));
    return { ename, evalue: e.message, traceback: [`${ename}: ${e.message}`, ...frames] };
  }
  const evalue = typeof e === "string" ? e : JSON.stringify(e) ?? String(e);
  return { ename: "Thrown", evalue, traceback: [`Uncaught ${evalue}`] };
}

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

let sysPatched = false;
function patchTypeScriptSys(forward: (p: string) => string): void {
  if (sysPatched) return;
  sysPatched = true;
  const sys = ts.sys as unknown as Record<string, (...a: unknown[]) => unknown>;
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

export function createEngine(options: EngineOptions): Engine {
  const { rootDir, packages } = options;
  patchTypeScriptSys(forwardPackages(rootDir, packages));

  let node: Converter | null = null;
  const convs = {
    get node(): Converter {
      if (!node) node = createConverter({ isJS: false, isBrowser: false });
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
      const ok = await executor.execute(respellForTslab(src, (name) => name in executor.locals));
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
      const code = (e as { code?: string } | undefined)?.code;
      const interrupted =
        (code !== undefined && INTERRUPT_CODES.has(code)) ||
        (e instanceof Error && e.message === "Interrupted asynchronously");
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
