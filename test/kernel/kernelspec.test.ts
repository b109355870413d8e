/** `eigenlab install / uninstall / doctor`, the logos, and the wire protocol's signing. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { inflateSync } from "zlib";
import { jupyterEnv, REPO } from "../util/jupyter";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package (dist/), loaded at run time as the kernelspec does
const K = require("../../kernel/jupyter/dist") as typeof import("../../kernel/jupyter/src");
const CLI = join(REPO, "kernel", "jupyter", "dist", "cli.js");

describe("eigenlab CLI and kernelspec", function () {
  this.timeout(30_000);

  it("eigenlab install --prefix P writes kernel.json (absolute node + kernel entry) and both logos; uninstall removes them", () => {
    const prefix = mkdtempSync(join(tmpdir(), "eigenlab-prefix-"));
    try {
      const r = spawnSync(process.execPath, [CLI, "install", "--prefix", prefix], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const dir = join(prefix, "share", "jupyter", "kernels", "eigenlab");
      const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
      assert.equal(spec.display_name, "Eigenlab (TypeScript)");
      assert.equal(spec.language, "typescript");
      assert.equal(spec.interrupt_mode, "message");
      // Through the launcher that starts node from the start-up snapshot when asked (EIGENLAB_SNAPSHOT=1) and usable.
      assert.deepEqual(spec.argv, [
        "/bin/sh",
        join(REPO, "kernel", "jupyter", "bin", "kernel-launch.sh"),
        process.execPath,
        K.snapshotPaths().blob,
        join(REPO, "kernel", "jupyter", "dist", "kernel.js"),
        "{connection_file}",
      ]);
      for (const [file, size] of [["logo-32x32.png", 32], ["logo-64x64.png", 64]] as const) {
        const png = readFileSync(join(dir, file));
        assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        assert.equal(png.readUInt32BE(16), size);
        assert.equal(png.readUInt32BE(20), size);
      }
      const u = spawnSync(process.execPath, [CLI, "uninstall", "--prefix", prefix], { encoding: "utf8" });
      assert.equal(u.status, 0, u.stderr);
      assert.equal(existsSync(dir), false);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("logoPng(n) decodes to n rows of n RGBA pixels", () => {
    const png = K.logoPng(32);
    const idat = png.indexOf("IDAT");
    const len = png.readUInt32BE(idat - 4);
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + len));
    assert.equal(raw.length, 32 * (32 * 4 + 1));
  });

  it("eigenlab install rejects two targets and unknown options with a usage message", () => {
    const r = spawnSync(process.execPath, [CLI, "install", "--user", "--sys-prefix"], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /choose one of --user, --prefix PATH, --sys-prefix/);
    const u = spawnSync(process.execPath, [CLI, "install", "--global"], { encoding: "utf8" });
    assert.match(u.stderr, /unknown option --global/);
  });

  it("eigenlab doctor lists Jupyter's data folders, finds the installed spec and checks node and kernel exist", () => {
    const env = jupyterEnv();
    try {
      const r = spawnSync(process.execPath, [CLI, "doctor"], { env: env.env, encoding: "utf8" });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /python3 -m jupyter --paths --json/);
      assert.ok(r.stdout.includes(`* ${env.jupyterPath}  <- eigenlab kernelspec`), r.stdout);
      assert.match(r.stdout, /node: +\S+ \(exists\)/);
      assert.match(r.stdout, /kernel: +\S+kernel\.js \(exists\)/);
      assert.match(r.stdout, /zeromq: native binary loads/);
      // Without the spec, doctor says what is missing and how to fix it.
      spawnSync(process.execPath, [CLI, "uninstall", "--prefix", join(env.root, "prefix")]);
      const missing = spawnSync(process.execPath, [CLI, "doctor"], { env: env.env, encoding: "utf8" });
      assert.equal(missing.status, 1);
      assert.match(missing.stdout, /not installed .*npx eigenlab install --user/);
    } finally {
      env.dispose();
    }
  });
});

describe("Jupyter wire protocol", () => {
  const msg = K.childMessage(null, "status", { execution_state: "idle" });

  it("decodeMessage(encodeMessage(m, key), key) round-trips header, parent, metadata, content and identities", () => {
    const withId = { ...msg, identities: [Buffer.from("peer-1")] };
    const back = K.decodeMessage(K.encodeMessage(withId, "secret"), "secret");
    assert.deepEqual(back.header, msg.header);
    assert.deepEqual(back.content, msg.content);
    assert.deepEqual(back.identities.map((b) => Buffer.from(b).toString()), ["peer-1"]);
  });

  it("decodeMessage rejects a message signed with another key", () => {
    assert.throws(() => K.decodeMessage(K.encodeMessage(msg, "secret"), "other"), /invalid signature/);
  });
});
