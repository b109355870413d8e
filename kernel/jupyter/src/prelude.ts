/**
 * The prelude: TypeScript run as the kernel's first cell, so every cell can use the DSL (`linalg`, `Matrix`,
 * `Rng`, `Spectrum`, and whatever else the @eigenlab/core barrel exports: `graph`, `embed`, `cluster`, `rmt`,
 * `data` as they land) without imports, with types, completion and hover. It imports core BY ABSOLUTE PATH
 * (its CommonJS dist + .d.ts), so it works from any notebook folder.
 */
import * as fs from "fs";
import * as path from "path";

/** Real folder of an installed package (symlinks resolved), or null when it cannot be resolved. */
export function packageDir(name: string): string | null {
  try {
    return fs.realpathSync(path.dirname(require.resolve(`${name}/package.json`)));
  } catch {
    return null;
  }
}

/** Absolute path (no extension) of @eigenlab/core's CommonJS entry. */
export function coreEntry(): string {
  const dir = packageDir("@eigenlab/core");
  if (!dir) throw new Error("@eigenlab/core is not installed next to @eigenlab/kernel; run `npm ci && npx tsc -b`.");
  return path.join(dir, "dist", "index");
}

/** Packages a cell may import by name from any notebook folder (name -> absolute package folder). */
export function notebookPackages(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["@eigenlab/core", "@eigenlab/viz", "@eigenlab/kernel"]) {
    const dir = name === "@eigenlab/kernel" ? path.dirname(__dirname) : packageDir(name);
    if (dir) out[name] = dir;
  }
  return out;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** Names the kernel's display runtime provides; a core export of the same name would be shadowed. */
const RUNTIME_NAMES = ["display", "clearOutput", "DisplayHandle", "comm", "widgets", "interact", "input", "inputSync"];

/** Type-only exports of a barrel's .d.ts (`export type { A, B } from`, `export interface X`, `export type X =`). */
export function typeOnlyExports(dts: string): string[] {
  const names = new Set<string>();
  for (const m of dts.matchAll(/export\s+type\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && IDENT.test(name)) names.add(name);
    }
  }
  for (const m of dts.matchAll(/export\s+(?:declare\s+)?(?:interface|type)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return [...names];
}

/** The prelude's TypeScript source. */
export function preludeSource(): string {
  const entry = coreEntry();
  // Every runtime export of the barrel, whatever it holds today.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- core's entry is a path found at run time
  const runtime = Object.keys(require(entry) as object).filter(
    (k) => IDENT.test(k) && k !== "default" && !RUNTIME_NAMES.includes(k),
  );
  let types: string[] = [];
  try {
    types = typeOnlyExports(fs.readFileSync(`${entry}.d.ts`, "utf8")).filter((t) => !runtime.includes(t));
  } catch {
    // No declarations: the names still work, untyped.
  }
  const runtimeModule = path.join(__dirname, "runtime");
  const lines = [
    `import { ${runtime.join(", ")} } from ${JSON.stringify(entry)};`,
    types.length > 0 ? `import type { ${types.join(", ")} } from ${JSON.stringify(entry)};` : "",
    `import { display, clearOutput, DisplayHandle, input, inputSync } from ${JSON.stringify(runtimeModule)};`,
    `import type { DisplayOptions } from ${JSON.stringify(runtimeModule)};`,
    `import { comm } from ${JSON.stringify(path.join(__dirname, "comm"))};`,
    `import { widgets } from ${JSON.stringify(path.join(__dirname, "widgets"))};`,
    `import { interact } from ${JSON.stringify(path.join(__dirname, "interact"))};`,
  ];
  return lines.filter(Boolean).join("\n");
}

/**
 * RICH DISPLAY HOOK — where @eigenlab/viz's formatters are installed. viz exports `registerFormatters()`,
 * which registers the Vega-Lite / SVG / Eigenlab-payload formatters with core's display registry (shared on
 * globalThis, so the prelude's core and a cell's `import "@eigenlab/core"` see them). Until viz is present,
 * results display as core's `text/plain`. Returns whether rich formatters were installed.
 */
export function installRichDisplay(): boolean {
  const dir = packageDir("@eigenlab/viz");
  if (!dir) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- viz is optional and found at run time
  const viz = require(dir) as { registerFormatters?: () => void };
  if (typeof viz.registerFormatters !== "function") return false;
  viz.registerFormatters();
  return true;
}
