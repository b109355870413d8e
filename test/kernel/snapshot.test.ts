/**
 * The kernel's start-up snapshot (kernel/jupyter/src/snapshot.ts): built by `eigenlab snapshot`, taken by the
 * kernel when it is usable, and every way it can be unusable falling back to a plain start.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { REPO } from "../util/jupyter";

const DIST = join(REPO, "kernel", "jupyter", "dist");
const CLI = join(DIST, "cli.js");
const LAUNCHER = join(REPO, "kernel", "jupyter", "bin", "kernel-launch.sh");

/** Starts the engine as the kernel does, runs the prelude and `cells`; prints JSON of what came out. */
const ENGINE_SCRIPT = String.raw`
require(${JSON.stringify(join(DIST, "preload"))});
const { createEngine } = require(${JSON.stringify(join(DIST, "tslab-adapter"))});
const { notebookPackages, preludeSource } = require(${JSON.stringify(join(DIST, "prelude"))});
const { snapshotStats } = require(${JSON.stringify(join(DIST, "snapshot"))});
(async () => {
  const engine = createEngine({ rootDir: process.cwd(), packages: notebookPackages() });
  const prelude = await engine.execute(preludeSource());
  const out = [];
  for (const cell of JSON.parse(process.argv[1])) {
    const r = await engine.execute(cell);
    out.push(r.ok ? { value: r.hasValue ? String(r.value) : null } : { error: r.error.evalue, traceback: r.error.traceback });
  }
  console.log(JSON.stringify({ prelude: prelude.ok, out, stats: snapshotStats() }));
})();
`;

/** Prints whether the process started from an Eigenlab snapshot, and what preload made of it. */
const PROBE_SCRIPT = String.raw`
const had = typeof globalThis[Symbol.for("eigenlab.snapshot")] === "object";
require(${JSON.stringify(join(DIST, "preload"))});
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [${JSON.stringify(join(REPO, "node_modules", "tslab"))}] }));
const { snapshotStats } = require(${JSON.stringify(join(DIST, "snapshot"))});
// What Node's snapshot loses and preload puts back: console.Console, Error.stackTraceLimit.
const intact = typeof require("console").Console === "function" && typeof Error.stackTraceLimit === "number" && typeof new Error("e").stack === "string";
console.log(JSON.stringify({ had, used: snapshotStats() !== null, ts: ts.version, intact }));
`;

describe("kernel start-up snapshot", function () {
  this.timeout(300_000);
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  let blob = "";

  const node = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = dir) => {
    const r = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, encoding: "utf8", cwd });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "eigenlab-snapshot-"));
    env = { ...process.env, EIGENLAB_SNAPSHOT_DIR: dir, NODE_OPTIONS: "", EIGENLAB_SNAPSHOT: "1" };
    delete env.EIGENLAB_NO_SNAPSHOT;
    const out = node([CLI, "snapshot"]);
    const m = /Built the start-up snapshot (\S+) in [\d.]+ s \((\d+) declaration files prebuilt\)/.exec(out);
    assert.ok(m, out);
    blob = m[1];
    assert.ok(Number(m[2]) > 250, out);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("eigenlab snapshot lists TypeScript's lib, @types/node and the DSL's .d.ts with their content hashes, and is a no-op when fresh", () => {
    const manifest = JSON.parse(readFileSync(`${blob}.json`, "utf8")) as { node: string; files: Record<string, string> };
    assert.equal(manifest.node, process.version);
    const files = Object.keys(manifest.files);
    assert.ok(files.some((f) => f.endsWith("/lib.es5.d.ts")));
    assert.ok(files.some((f) => /@types\/node\/(ts[\d.]+\/)?index\.d\.ts$/.test(f)));
    assert.ok(files.includes(join(REPO, "kernel", "core", "dist", "index.d.ts")));
    for (const hash of Object.values(manifest.files)) assert.match(hash, /^[0-9a-f]{40}$/);
    assert.match(node([CLI, "snapshot"]), /^Start-up snapshot up to date: /);
  });

  it("a file whose content changed makes the snapshot stale (its hash is compared)", () => {
    const file = `${blob}.json`;
    const original = readFileSync(file, "utf8");
    try {
      const m = JSON.parse(original) as { files: Record<string, string> };
      const first = Object.keys(m.files)[0];
      m.files[first] = "0".repeat(40);
      writeFileSync(file, JSON.stringify(m));
      const state = JSON.parse(node(["-e", `console.log(JSON.stringify(require(${JSON.stringify(join(DIST, "snapshot"))}).snapshotState()))`])) as {
        fresh: boolean;
        reason: string;
      };
      assert.deepEqual(state, { fresh: false, reason: `${first} changed`, blob });
    } finally {
      writeFileSync(file, original);
    }
  });

  it("a kernel engine started from the snapshot takes the prebuilt files and answers as one started without it", () => {
    // In a notebook folder other than the one the snapshot was built in, with a package of its own.
    const notebook = join(dir, "notebook");
    mkdirSync(join(notebook, "node_modules", "greet"), { recursive: true });
    writeFileSync(join(notebook, "node_modules", "greet", "package.json"), JSON.stringify({ name: "greet", main: "index.js", types: "index.d.ts" }));
    writeFileSync(join(notebook, "node_modules", "greet", "index.js"), 'exports.greet = (who) => "hello, " + who;\n');
    writeFileSync(join(notebook, "node_modules", "greet", "index.d.ts"), "export declare function greet(who: string): string;\n");
    const cells = JSON.stringify([
      'import { greet } from "greet"; greet("spectra")',
      "linalg.eigh(Matrix.eye(2)).values.length",
      "const s: string = 1;",
      "[1, 2].map((x) => x * 2).join()",
      "function f(): number {\n  throw new RangeError('r');\n}\nf();",
    ]);
    const withSnapshot = JSON.parse(node(["--snapshot-blob", blob, "-e", ENGINE_SCRIPT, "--", cells], {}, notebook));
    const without = JSON.parse(node(["-e", ENGINE_SCRIPT, "--", cells], {}, notebook));
    assert.equal(withSnapshot.prelude, true);
    assert.deepEqual(withSnapshot.out.slice(0, 4), [
      { value: "hello, spectra" },
      { value: "2" },
      { error: "1:7 - Type 'number' is not assignable to type 'string'.", traceback: ["1:7 - Type 'number' is not assignable to type 'string'."] },
      { value: "2,4" },
    ]);
    // Errors keep their stacks (Node restores Error.stackTraceLimit from a snapshot as undefined otherwise).
    assert.deepEqual(withSnapshot.out[4].traceback.slice(0, 3), ["RangeError: r", "    at f (<cell>:2:9)", "    at <cell>:4:1"]);
    assert.deepEqual(without.out, withSnapshot.out);
    assert.equal(without.stats, null);
    assert.ok(withSnapshot.stats.hits > 250, JSON.stringify(withSnapshot.stats));
  });

  it("a prebuilt file is taken only for the very text it was parsed from", () => {
    const script = String.raw`
      require(${JSON.stringify(join(DIST, "preload"))});
      const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [${JSON.stringify(join(REPO, "node_modules", "tslab"))}] }));
      const lib = require("path").join(require("path").dirname(require.resolve("@tslab/typescript-for-tslab", { paths: [${JSON.stringify(join(REPO, "node_modules", "tslab"))}] })), "lib.es5.d.ts");
      const text = require("fs").readFileSync(lib, "utf8");
      const same = ts.createSourceFile(lib, text, { languageVersion: ts.ScriptTarget.ES2022 });
      const edited = ts.createSourceFile(lib, text + "\ndeclare const extra: number;\n", { languageVersion: ts.ScriptTarget.ES2022 });
      const otherTarget = ts.createSourceFile(lib, text, { languageVersion: ts.ScriptTarget.ES2015 });
      console.log(JSON.stringify([same.eigenlabPrebuilt === true, edited.eigenlabPrebuilt === true, otherTarget.eigenlabPrebuilt === true, edited.statements.length - same.statements.length]));
    `;
    assert.deepEqual(JSON.parse(node(["--snapshot-blob", blob, "-e", script])), [true, false, false, 1]);
  });

  it("the launcher starts from the snapshot only when asked (EIGENLAB_SNAPSHOT=1), the blob was built by this node binary and NODE_OPTIONS is empty", () => {
    const probe = join(dir, "probe.js");
    writeFileSync(probe, PROBE_SCRIPT);
    const launch = (b: string, extraEnv: NodeJS.ProcessEnv = {}) => {
      const r = spawnSync("/bin/sh", [LAUNCHER, process.execPath, b, probe], { env: { ...env, ...extraEnv }, encoding: "utf8", cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { had: boolean; used: boolean; ts: string; intact: boolean };
    };
    const ts = launch(blob).ts;
    assert.deepEqual(launch(blob), { had: true, used: true, ts, intact: true });
    assert.deepEqual(launch(join(dir, "missing.blob")), { had: false, used: false, ts, intact: true });
    assert.deepEqual(launch(blob, { NODE_OPTIONS: "--max-old-space-size=4096" }), { had: false, used: false, ts, intact: true });
    assert.deepEqual(launch(blob, { EIGENLAB_NO_SNAPSHOT: "1" }), { had: false, used: false, ts, intact: true });
    // Opt-in: without EIGENLAB_SNAPSHOT=1 the kernel starts the usual way.
    assert.deepEqual(launch(blob, { EIGENLAB_SNAPSHOT: "" }), { had: false, used: false, ts, intact: true });
    // A blob from another node build (here: a stamp that does not match this binary) is never handed to node,
    // which would stop with a fatal error.
    const stamp = readFileSync(`${blob}.node`, "utf8");
    try {
      writeFileSync(`${blob}.node`, "1 1\n");
      assert.deepEqual(launch(blob), { had: false, used: false, ts, intact: true });
    } finally {
      writeFileSync(`${blob}.node`, stamp);
    }
  });

  it("a snapshot whose TypeScript is not the installed file is dropped and TypeScript loads as usual", () => {
    const script = `globalThis[Symbol.for("eigenlab.snapshot")].typescript.mtimeMs += 1;\n${PROBE_SCRIPT}`;
    const out = JSON.parse(node(["--snapshot-blob", blob, "-e", script])) as { had: boolean; used: boolean; ts: string; intact: boolean };
    assert.deepEqual(out, { had: true, used: false, ts: out.ts, intact: true });
    assert.match(out.ts, /^\d+\.\d+\.\d+$/);
  });
});
