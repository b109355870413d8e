/**
 * Executed documentation: every `@example` of every public function, class and method of `@eigenlab/core` runs
 * here (the rules of `// =>` are in ./run.ts). One test fails listing every public function that has no example,
 * with no exceptions but protocol hooks (see DESIGN: the docs shown on hover in the notebook are the ones known to
 * work).
 */
import { strict as assert } from "assert";
import { collectCoreDocs, DocItem } from "./collect";
import { runExample } from "./run";
import * as core from "../../kernel/core/src";

/** Protocol hooks called by Node / Jupyter rather than by the user: they need no example of their own. */
function isProtocolHook(item: DocItem): boolean {
  return /#(toString|\[JUPYTER_DISPLAY\])$/.test(item.name);
}

describe("executed documentation: the @example blocks of @eigenlab/core", function () {
  this.timeout(120000);
  const items = collectCoreDocs();

  for (const item of items) {
    item.examples.forEach((code, k) => {
      const suffix = item.examples.length > 1 ? ` (example ${k + 1})` : "";
      it(`${item.name}${suffix} — ${item.file}:${item.line}`, async () => {
        await runExample(code);
      });
    });
  }

  it("every public function, class and method of @eigenlab/core has an @example", () => {
    const missing = items.filter((i) => i.examples.length === 0 && !isProtocolHook(i));
    assert.deepEqual(
      missing.map((i) => `${i.name} (${i.file}:${i.line})`),
      [],
      `${missing.length} public functions have no @example`,
    );
  });

  it("instrument turns `// =>` lines into checks (the runner itself can fail)", async () => {
    await assert.rejects(runExample("Matrix.eye(2).get(0, 0); // => 2"), /1 ≠ 2/);
    await assert.rejects(runExample("const n = 1 + 1; // => 3"), /2 ≠ 3/);
    await assert.rejects(runExample("const n = 1;"), /asserts nothing/);
    await runExample("Matrix.eye(2); // => [[1, 0], [0, 1]]\nnew Float64Array([0.1 + 0.2]); // => [0.3]");
    await runExample('Matrix.from([[1], [2, 3]]); // => throws shape');
  });

  it("an example that registers a display formatter leaves the registry as it found it", async () => {
    const probe = "docs-test-probe-kind";
    await runExample(`registerDisplayFormatter(${JSON.stringify(probe)}, () => ({ "text/html": "x" })); 1; // => 1`);
    assert.deepEqual(Object.keys(core.displayBundle(probe, 0, "t")), ["text/plain"]);
  });

  it("an example that registers a backend or changes the default backend or thread count, then fails, leaves them as it found them", async () => {
    const backends = core.backend.registeredBackends();
    const choice = core.backend.defaultBackend();
    const threads = core.linalg.blasThreads();
    const probe = "docs-test-probe-backend";
    await assert.rejects(
      runExample(
        `backend.registerBackend({ ...backend.cpuBackend, id: ${JSON.stringify(probe)} });\n` +
          `backend.setDefaultBackend(${JSON.stringify(choice === "cpu" ? "auto" : "cpu")});\n` +
          `linalg.setBlasThreads(${threads + 1});\n` +
          "1; // => 2",
      ),
      /1 ≠ 2/,
    );
    assert.deepEqual(core.backend.registeredBackends(), backends);
    assert.equal(core.backend.defaultBackend(), choice);
    assert.equal(core.linalg.blasThreads(), threads);
  });
});
