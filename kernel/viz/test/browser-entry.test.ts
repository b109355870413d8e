import { strict as assert } from "assert";
import * as fs from "fs";
import { builtinModules, createRequire } from "module";
import * as path from "path";

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Every module `entry` loads at run time, following the `require("...")` calls of the compiled JavaScript
 * (type-only imports are erased by tsc, so they do not appear). Returns each reached module with the chain
 * of files that led to it; Node built-ins are recorded by name and not followed.
 */
function requireGraph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const chain = reached.get(file)!;
    const source = fs.readFileSync(file, "utf8");
    const req = createRequire(file);
    for (const m of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      const spec = m[1];
      const target = BUILTINS.has(spec) ? spec : req.resolve(spec);
      if (reached.has(target)) continue;
      reached.set(target, [...chain, target]);
      if (!BUILTINS.has(target) && target.endsWith(".js")) queue.push(target);
    }
  }
  return reached;
}

describe("browser-safe named entry points", () => {
  const root = path.join(__dirname, "..", "..", "..");
  const rel = (chain: string[]) => chain.map((f) => (path.isAbsolute(f) ? path.relative(root, f) : f)).join(" -> ");

  it("require graph of @eigenlab/viz/browser reaches no Node built-in and not @eigenlab/core's barrel", () => {
    const entry = require.resolve("@eigenlab/viz/browser");
    assert.equal(entry, path.join(__dirname, "..", "dist", "browser.js"), "the named entry must resolve to viz's dist/browser.js");
    const coreIndex = require.resolve("@eigenlab/core");
    const graph = requireGraph(entry);
    const bad = [...graph].filter(([m]) => BUILTINS.has(m) || m === coreIndex).map(([, chain]) => rel(chain));
    assert.deepEqual(bad, [], `the browser entry must load only DOM-free leaf modules:\n${bad.join("\n")}`);
    // The walk did follow the entry's own modules and core's leaf modules (a regex that matched nothing would pass vacuously).
    const files = [...graph.keys()].map((f) => path.basename(f));
    for (const f of ["vegalite.js", "reduce.js", "codec.js", "random.js", "messages.js", "base.js"]) assert.ok(files.includes(f), `${f} not reached: ${files.join(", ")}`);
  });

  it("require graph of @eigenlab/core/base reaches no Node built-in, no Matrix, no WASM runtime and no thread pool", () => {
    const entry = require.resolve("@eigenlab/core/base");
    const graph = requireGraph(entry);
    const forbidden = new Set(["matrix.js", "csr.js", "gemm.js"]);
    // the WASM runtime and the worker-thread pool (Node's worker_threads): named by their path in core's build,
    // since a basename such as runtime.js or pool.js could as well be some dependency's
    const coreDist = path.dirname(require.resolve("@eigenlab/core"));
    // ... and core's barrel (index.js, which loads everything; validate/index.js re-exports leaf modules only)
    const forbiddenPaths = new Set(["kernels/runtime.js", "kernels/pool.js", "index.js"].map((f) => path.join(coreDist, f)));
    for (const f of forbiddenPaths) assert.ok(fs.existsSync(f), `${f} does not exist: the guard would check nothing`);
    const bad = [...graph]
      .filter(([m]) => BUILTINS.has(m) || forbidden.has(path.basename(m)) || forbiddenPaths.has(m))
      .map(([, chain]) => rel(chain));
    assert.deepEqual(bad, [], `@eigenlab/core/base must load only leaf modules:\n${bad.join("\n")}`);
    const files = [...graph.keys()].map((f) => path.basename(f));
    for (const f of ["errors.js", "messages.js", "options.js", "random.js", "bbp.js"]) assert.ok(files.includes(f), `${f} not reached: ${files.join(", ")}`);
  });

  it("@eigenlab/core/base exports the very objects of the main barrel", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built entries (dist/) as a user loads them, not the sources
    const base = require("@eigenlab/core/base");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- (same)
    const core = require("@eigenlab/core");
    for (const name of ["EigenlabError", "ConvergenceError", "Rng", "VERSION"]) assert.equal(base[name], core[name], name);
  });
});
