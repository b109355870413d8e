/**
 * Node-only. The entry of `node --snapshot-blob <blob> --build-snapshot snapshot-build.js` (snapshot.ts runs
 * it): a V8 start-up snapshot holding the TypeScript compiler tslab uses, and the declaration files every
 * kernel start type-checks against (TypeScript's lib, `@types/node`, the DSL's own .d.ts) already parsed and
 * bound. Most of a kernel start was TypeScript doing exactly this (1.6 of 2.4 s CPU, `node --cpu-prof`); a
 * snapshot is deserialized instead (https://nodejs.org/api/cli.html#--build-snapshot-entry).
 *
 * A snapshot builder may only `require` Node's built-in modules and has no `exports`: this file is a script
 * (no import/export) that loads TypeScript by evaluating its source. Two hooks are spliced into that source
 * (the version is pinned by tslab 1.0.22; a build whose hooks do not apply fails, and the kernel then starts
 * the usual way):
 * - `createSourceFile` first asks `globalThis[Symbol.for("eigenlab.prebuiltSourceFile")]` for a prebuilt
 *   file of that name, text and language version (so the watch program tslab creates takes it, bound);
 * - the watch program does not re-hash a prebuilt file's text for its version (it carries the same hash);
 * - `ts.sys.getCurrentDirectory()` is not memoized (it would keep the builder's folder).
 * A SourceFile is shared between programs once bound: TypeScript's language service does the same with its
 * DocumentRegistry, and the checker clones (never mutates) bound symbols when it merges globals.
 *
 * Configuration comes as JSON in EIGENLAB_SNAPSHOT_CONFIG (see SnapshotConfig in snapshot.ts); the list of
 * files and their content hashes is written to `config.manifest`.
 */
{
  /* eslint-disable @typescript-eslint/no-require-imports -- a snapshot builder gets only Node's own modules, through require */
  const fs = require("fs") as typeof import("fs");
  const path = require("path") as typeof import("path");
  const vm = require("vm") as typeof import("vm");
  const crypto = require("crypto") as typeof import("crypto");
  /* eslint-enable @typescript-eslint/no-require-imports */
  type TS = typeof import("typescript");
  type SourceFile = import("typescript").SourceFile & { version?: string; eigenlabPrebuilt?: boolean };

  const config = JSON.parse(process.env.EIGENLAB_SNAPSHOT_CONFIG ?? "null") as {
    typescript: string;
    roots: string[];
    typeRoots: string[];
    manifest: string;
  } | null;
  if (!config) throw new Error("EIGENLAB_SNAPSHOT_CONFIG is not set");

  const HOOK_PARSE = "  function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {\n";
  const HOOK_VERSION = "      if (result) {\n        result.version = getSourceFileVersionAsHashFromText(compilerHost, result.text);";
  // ts.sys memoizes the working folder on first use: the builder's would stay in the snapshot (a notebook's
  // own node_modules would then not resolve). Node's process.cwd() is cached by Node itself.
  const CWD = "const getCurrentDirectory = memoize(() => process.cwd());";
  let source = fs.readFileSync(config.typescript, "utf8");
  if (!source.includes(HOOK_PARSE) || !source.includes(HOOK_VERSION) || !source.includes(CWD)) {
    throw new Error(`${config.typescript}: not the TypeScript build the snapshot hooks were written for`);
  }
  source = source
    .replace(
      HOOK_PARSE,
      HOOK_PARSE +
        '    { const pre = globalThis[Symbol.for("eigenlab.prebuiltSourceFile")]; ' +
        "const f = pre && pre(fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind); if (f) return f; }\n",
    )
    .replace(HOOK_VERSION, HOOK_VERSION.replace("if (result) {", "if (result && !result.eigenlabPrebuilt) {"))
    .replace(CWD, "const getCurrentDirectory = () => process.cwd();");
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: config.typescript,
  }) as (...a: unknown[]) => void;
  const tsModule = { exports: {} as TS };
  wrapper.call(tsModule.exports, tsModule.exports, require, tsModule, config.typescript, path.dirname(config.typescript));
  const ts = tsModule.exports;
  // What tslab's converter sets when it loads (and would set again on the snapshot's instance).
  ts.sys.useCaseSensitiveFileNames = true;

  // tslab 1.0.22's compiler options (converter.js, createConverter) on Node >= 18; binding depends on them.
  const options: import("typescript").CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
  };

  const NODE_TYPES = /node_modules[\\/]@types[\\/]node[\\/].*\.d\.ts$/;
  /** The kernel reads @types/node with its doc comments blanked (tslab-adapter.ts, blankDocComments). */
  const kernelText = (file: string, raw: string) =>
    NODE_TYPES.test(file) ? raw.replace(/\/\*\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")) : raw;
  const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

  // 1. Which files a kernel start loads: the lib, the roots' closure, and @types/node from each type root.
  const names = new Set<string>();
  for (const typeRoot of config.typeRoots) {
    const host = ts.createCompilerHost({ ...options, typeRoots: [typeRoot], types: ["node"] });
    const program = ts.createProgram(config.roots, { ...options, typeRoots: [typeRoot], types: ["node"], noEmit: true }, host);
    for (const f of program.getSourceFiles()) if (f.fileName.endsWith(".d.ts")) names.add(f.fileName);
  }

  // 2. Warm up the compiler on a throw-away watch program as tslab builds one (check + emit + transpile of a
  // small cell), so the functions a start runs are compiled in the snapshot.
  {
    const dir = path.join(path.dirname(config.manifest), "__eigenlab_warm__");
    const root = path.join(dir, "__tslab__.ts");
    const cell = "export {};\nconst xs: number[] = [1, 2].map((v) => v * 2);\nclass A { constructor(readonly n: number) {} }\nexport const y = new A(xs[0]).n;\nconst bad: string = 1;\n";
    const sys = Object.create(ts.sys) as import("typescript").System;
    sys.getCurrentDirectory = () => dir;
    sys.readFile = (p, e) => (p === root ? cell : ts.sys.readFile(p, e));
    sys.fileExists = (p) => p === root || ts.sys.fileExists(p);
    sys.directoryExists = (p) => p === dir || ts.sys.directoryExists(p);
    sys.watchFile = () => ({ close: () => undefined });
    sys.watchDirectory = () => ({ close: () => undefined });
    sys.setTimeout = () => 0;
    sys.clearTimeout = () => undefined;
    sys.writeFile = () => undefined;
    let builder: import("typescript").BuilderProgram | null = null;
    const host = ts.createWatchCompilerHost([root], { ...options, typeRoots: [], rootDir: dir, outDir: "outDir" }, sys, undefined, () => undefined, () => undefined);
    host.afterProgramCreate = (b) => {
      builder = b;
    };
    const watch = ts.createWatchProgram(host);
    const b = builder as import("typescript").BuilderProgram | null;
    if (b) {
      const file = b.getSourceFile(root);
      if (file) {
        ts.getPreEmitDiagnostics(b.getProgram(), file);
        b.emit(file, () => undefined);
      }
    }
    ts.transpileModule("import { b } from './b';\nexport const a = b + 1;\n", {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true },
    });
    watch.close();
  }

  // 3. Each file parsed and bound afresh (not the listing programs' copies, which carry their resolutions),
  // exactly as the watch program would create it: same options, same text, same version hash.
  const prebuilt = new Map<string, SourceFile>();
  const rawHashes: Record<string, string> = {};
  const setExternalModuleIndicator = (ts as unknown as { getSetExternalModuleIndicator(o: unknown): (f: SourceFile) => void }).getSetExternalModuleIndicator(options);
  for (const file of [...names].sort()) {
    const raw = fs.readFileSync(file, "utf8");
    const text = kernelText(file, raw);
    const sf = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.ES2022, impliedNodeFormat: undefined, setExternalModuleIndicator }) as SourceFile;
    (ts as unknown as { bindSourceFile(f: SourceFile, o: unknown): void }).bindSourceFile(sf, options);
    sf.version = (ts as unknown as { getSourceFileVersionAsHashFromText(h: unknown, t: string): string }).getSourceFileVersionAsHashFromText(ts.sys, text);
    sf.eigenlabPrebuilt = true;
    prebuilt.set(file, sf);
    rawHashes[file] = sha1(raw);
  }

  let hits = 0;
  const lookup = (fileName: string, text: string, lvo: unknown, setParentNodes: unknown, scriptKind: unknown) => {
    const f = prebuilt.get(fileName);
    if (!f || f.text !== text || setParentNodes || scriptKind !== undefined) return undefined;
    const o = (typeof lvo === "object" && lvo !== null ? lvo : { languageVersion: lvo }) as { languageVersion?: unknown; impliedNodeFormat?: unknown };
    if (o.languageVersion !== f.languageVersion || o.impliedNodeFormat !== f.impliedNodeFormat) return undefined;
    hits++;
    return f;
  };
  (globalThis as Record<symbol, unknown>)[Symbol.for("eigenlab.snapshot")] = {
    // Node's snapshot loses `console.Console` (require("console").Console, which console.table's HTML
    // rendering constructs); the kernel puts this one back.
    Console: console.Console,
    typescript: { file: config.typescript, version: ts.version, size: fs.statSync(config.typescript).size, mtimeMs: fs.statSync(config.typescript).mtimeMs },
    ts,
    lookup,
    /** The kernel's text of a blanked file when its raw text is the one parsed here (no second blanking). */
    textFor(file: string, raw: string): string | undefined {
      const f = prebuilt.get(file);
      return f && rawHashes[file] === sha1(raw) ? f.text : undefined;
    },
    stats: () => ({ files: prebuilt.size, hits }),
  };

  fs.writeFileSync(
    config.manifest,
    JSON.stringify({ node: process.version, typescript: ts.version, files: rawHashes }, null, 1) + "\n",
  );
  // Nothing to run when the snapshot is loaded: the kernel's own entry script runs after deserialization.
}
