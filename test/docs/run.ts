/**
 * Executed documentation, part 2: run one `@example` block. Every name of the `@eigenlab/core` barrel is in scope,
 * and `require`. A line ending in `// => <literal>` asserts the value of that line's expression (or, for
 * `const x = ...`, of x): numbers agree to 1e-9 relative (or 1e-12 absolute, for round-off around 0), typed arrays
 * and Matrix/CsrMatrix are compared as (nested) arrays, strings/booleans exactly, and an object literal checks each
 * key it names. `// => throws <code>` asserts that the line throws an EigenlabError with that code.
 */
import { strict as assert } from "assert";
import * as vm from "vm";
import * as ts from "typescript";
import * as core from "../../kernel/core/src";

const NAMES = Object.keys(core);
/** The key of core's display-formatter registry on globalThis (display.ts). */
const DISPLAY_REGISTRY = Symbol.for("eigenlab.display.registry");
/** The key of core's backend registry on globalThis (backend/registry.ts). */
const BACKEND_REGISTRY = Symbol.for("eigenlab.backend.registry");
interface BackendRegistryState {
  backends: Map<string, unknown>;
  defaultChoice: string;
}

function normalize(v: unknown): unknown {
  if (v instanceof core.Matrix) return v.toArray();
  if (v instanceof core.CsrMatrix) return v.toDense().toArray();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(normalize);
  return v;
}

export function show(v: unknown): string {
  try {
    const s = JSON.stringify(normalize(v));
    if (s !== undefined) return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    // fall through: cyclic or BigInt values are shown by String()
  }
  return String(v);
}

/** Why `actual` differs from `expected`, or null when they agree (see the header for the rules). */
export function differs(actual: unknown, expected: unknown, at: string): string | null {
  const a = normalize(actual);
  if (typeof expected === "number") {
    if (typeof a !== "number") return `${at}: expected a number, got ${show(a)}`;
    if (Number.isNaN(expected) && Number.isNaN(a)) return null;
    if (a === expected) return null;
    const diff = Math.abs(a - expected);
    if (diff <= 1e-9 * Math.max(Math.abs(a), Math.abs(expected)) || diff <= 1e-12) return null;
    return `${at}: ${a} ≠ ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(a)) return `${at}: expected an array, got ${show(a)}`;
    if (a.length !== expected.length) return `${at}: length ${a.length} ≠ ${expected.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = differs(a[i], expected[i], `${at}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (a === null || typeof a !== "object") return `${at}: expected an object, got ${show(a)}`;
    for (const key of Object.keys(expected)) {
      const d = differs((a as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${at}.${key}`);
      if (d !== null) return d;
    }
    return null;
  }
  return a === expected ? null : `${at}: ${show(a)} ≠ ${show(expected)}`;
}

function assertAgrees(actual: unknown, expected: unknown, line: number, src: string): void {
  const why = differs(actual, expected, "value");
  if (why !== null) assert.fail(`line ${line}: ${src}\n  ${why}\n  got ${show(actual)}`);
}

/** The example with each `// =>` line turned into a call of `__check` / `__throws`. */
export function instrument(code: string): { source: string; checks: number } {
  let checks = 0;
  const lines = code.split("\n").map((line, index) => {
    const at = line.lastIndexOf("// =>");
    if (at < 0) return line;
    checks++;
    const lineNo = index + 1;
    const expr = line.slice(0, at).trim().replace(/;$/, "");
    const literal = line.slice(at + 5).trim();
    const src = JSON.stringify(expr);
    const thrown = /^throws\s+(\S+)$/.exec(literal);
    if (thrown !== null) {
      return `__throws(() => { ${expr}; }, ${JSON.stringify(thrown[1])}, ${lineNo}, ${src});`;
    }
    const decl = /^(const|let|var)\s+([A-Za-z_$][\w$]*)(\s*:[^=]+)?\s*=\s*([\s\S]+)$/.exec(expr);
    if (decl !== null) {
      return `${expr}; __check(${decl[2]}, (${literal}), ${lineNo}, ${src});`;
    }
    return `__check((${expr}), (${literal}), ${lineNo}, ${src});`;
  });
  return { source: lines.join("\n"), checks };
}

/**
 * Runs one example; `check` (by default: assert that the value agrees with the literal) may be replaced, e.g. by a
 * tool that prints the values while an example is being written.
 */
export async function runExample(
  code: string,
  check: (actual: unknown, expected: unknown, line: number, src: string) => void = assertAgrees,
): Promise<void> {
  const { source, checks } = instrument(code);
  assert.ok(checks > 0, "the example asserts nothing: end at least one line with `// => <literal>`");
  const wrapped = `(async (__check, __throws, require, ${NAMES.join(", ")}) => {\n${source}\n})`;
  const js = ts.transpileModule(wrapped, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
  const fn = vm.runInThisContext(js, { filename: "example.ts" }) as (...args: unknown[]) => Promise<void>;
  const throws = (f: () => void, code: string, line: number, src: string): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof core.EigenlabError && e.code === code) return;
      assert.fail(`line ${line}: ${src}\n  threw ${String(e)}, expected EigenlabError ${code}`);
    }
    assert.fail(`line ${line}: ${src}\n  did not throw (expected EigenlabError ${code})`);
  };
  // an example may register a display formatter or a backend, or change the default backend or the thread
  // count: the registries (shared on globalThis) and the settings are restored afterwards, also when the example
  // fails halfway, so examples leave no trace in the other suites of the same mocha run
  const globals = globalThis as unknown as Record<symbol, unknown>;
  const registry = globals[DISPLAY_REGISTRY] as Map<string, unknown> | undefined;
  const saved = registry === undefined ? undefined : new Map(registry);
  const backends = globals[BACKEND_REGISTRY] as BackendRegistryState | undefined;
  const savedBackends = backends === undefined ? undefined : { ...backends, backends: new Map(backends.backends) };
  const savedThreads = core.linalg.blasThreads();
  try {
    await fn(check, throws, require, ...NAMES.map((n) => (core as Record<string, unknown>)[n]));
  } finally {
    const now = globals[DISPLAY_REGISTRY] as Map<string, unknown> | undefined;
    if (now !== undefined) {
      now.clear();
      for (const [k, v] of saved ?? []) now.set(k, v);
    }
    const nowBackends = globals[BACKEND_REGISTRY] as BackendRegistryState | undefined;
    if (nowBackends !== undefined && savedBackends !== undefined) {
      nowBackends.backends.clear();
      for (const [k, v] of savedBackends.backends) nowBackends.backends.set(k, v);
      nowBackends.defaultChoice = savedBackends.defaultChoice;
    }
    core.linalg.setBlasThreads(savedThreads);
  }
}
