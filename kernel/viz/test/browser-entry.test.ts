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

describe("viz browser entry (dist/browser.js)", () => {
  it("require graph of @eigenlab/viz/dist/browser reaches no Node built-in and not @eigenlab/core's barrel", () => {
    const entry = path.join(__dirname, "..", "dist", "browser.js");
    assert.ok(fs.existsSync(entry), "kernel/viz/dist/browser.js is missing: run npx tsc -b tsconfig.json first");
    const coreIndex = require.resolve("@eigenlab/core");
    const graph = requireGraph(entry);
    const rel = (chain: string[]) => chain.map((f) => (path.isAbsolute(f) ? path.relative(path.join(__dirname, "..", "..", ".."), f) : f)).join(" -> ");
    const bad = [...graph].filter(([m]) => BUILTINS.has(m) || m === coreIndex).map(([, chain]) => rel(chain));
    assert.deepEqual(bad, [], `the browser entry must load only DOM-free leaf modules:\n${bad.join("\n")}`);
    // The walk did follow the entry's own modules and core's leaf modules (a regex that matched nothing would pass vacuously).
    const files = [...graph.keys()].map((f) => path.basename(f));
    for (const f of ["vegalite.js", "reduce.js", "codec.js", "random.js", "messages.js"]) assert.ok(files.includes(f), `${f} not reached: ${files.join(", ")}`);
  });
});
