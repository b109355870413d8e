/**
 * The kernelspec: where Jupyter looks for kernels, what `eigenlab install` writes, and the checks
 * `eigenlab doctor` runs. https://jupyter-client.readthedocs.io/en/latest/kernels.html#kernel-specs
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { logoPng } from "./logo";
import { ensureSnapshot, launcherPath, snapshotPaths, snapshotState } from "./snapshot";

export const KERNEL_NAME = "eigenlab";
export const DISPLAY_NAME = "Eigenlab (TypeScript)";
export const JUPYTER_PYTHON = process.env.EIGENLAB_PYTHON ?? "/usr/bin/python3";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "message" | "signal";
  metadata: Record<string, unknown>;
}

/** The kernel entry this package runs (dist/kernel.js). */
export function kernelEntry(): string {
  return path.join(__dirname, "kernel.js");
}

/**
 * The command Jupyter runs. On POSIX systems a shell launcher (bin/kernel-launch.sh) that starts node from the
 * start-up snapshot when there is a usable one (snapshot.ts) and plainly otherwise; on Windows node itself.
 */
export function kernelArgv(): string[] {
  // Absolute paths: the kernel starts the same whatever PATH or folder Jupyter runs it from.
  const plain = [process.execPath, kernelEntry(), "{connection_file}"];
  if (process.platform === "win32") return plain;
  return ["/bin/sh", launcherPath(), process.execPath, snapshotPaths().blob, kernelEntry(), "{connection_file}"];
}

/** The node binary and kernel entry an argv of kernelArgv()'s forms runs. */
export function argvTargets(argv: string[]): { node: string; entry: string; blob: string | null } {
  if (argv[0] === "/bin/sh" && argv.length === 6) return { node: argv[2], entry: argv[4], blob: argv[3] };
  return { node: argv[0], entry: argv[1], blob: null };
}

export function kernelSpec(): KernelSpec {
  return {
    argv: kernelArgv(),
    display_name: DISPLAY_NAME,
    language: "typescript",
    // Interrupts arrive on the control channel; the kernel's transport thread turns them into SIGINT, which
    // also works while a synchronous cell holds the main thread.
    interrupt_mode: "message",
    metadata: { eigenlab: { node: process.version } },
  };
}

export type InstallTarget = { kind: "user" } | { kind: "prefix"; prefix: string } | { kind: "sys-prefix" };

/** The user's Jupyter data folder (JUPYTER_DATA_DIR, else the platform default jupyter_core uses). */
export function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? os.homedir(), "jupyter");
  const xdg = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share");
  return path.join(xdg, "jupyter");
}

function pythonSysPrefix(): string {
  const r = spawnSync(JUPYTER_PYTHON, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`--sys-prefix needs ${JUPYTER_PYTHON}: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/** The folder `kernels/eigenlab` goes into for a target. */
export function kernelsDir(target: InstallTarget): string {
  switch (target.kind) {
    case "user":
      return path.join(userDataDir(), "kernels");
    case "prefix":
      return path.join(path.resolve(target.prefix), "share", "jupyter", "kernels");
    case "sys-prefix":
      return path.join(pythonSysPrefix(), "share", "jupyter", "kernels");
  }
}

/**
 * Writes kernel.json and the logos, after building the start-up snapshot when it is missing or stale
 * (`snapshot` says how that went; the kernel starts without one just slower). Returns the spec folder.
 */
export function installKernelSpec(target: InstallTarget, snapshot?: (r: ReturnType<typeof ensureSnapshot>) => void): string {
  const built = ensureSnapshot();
  snapshot?.(built);
  const dir = path.join(kernelsDir(target), KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "logo-32x32.png"), logoPng(32));
  fs.writeFileSync(path.join(dir, "logo-64x64.png"), logoPng(64));
  return dir;
}

/** Removes the spec folder; returns it, or null when nothing was installed there. */
export function uninstallKernelSpec(target: InstallTarget): string | null {
  const dir = path.join(kernelsDir(target), KERNEL_NAME);
  if (!fs.existsSync(dir)) return null;
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** Jupyter's data folders in search order, from `python3 -m jupyter --paths --json` when Jupyter is there. */
export function jupyterDataDirs(): { dirs: string[]; source: string } {
  const r = spawnSync(JUPYTER_PYTHON, ["-m", "jupyter", "--paths", "--json"], { encoding: "utf8" });
  if (r.status === 0) {
    try {
      const paths = JSON.parse(r.stdout) as { data: string[] };
      return { dirs: paths.data, source: `${JUPYTER_PYTHON} -m jupyter --paths --json` };
    } catch {
      // fall through
    }
  }
  // Without Jupyter: JUPYTER_PATH, the user folder, then the system ones (jupyter_core's order).
  const dirs = [
    ...(process.env.JUPYTER_PATH ?? "").split(path.delimiter).filter(Boolean),
    userDataDir(),
    "/usr/local/share/jupyter",
    "/usr/share/jupyter",
  ];
  return { dirs, source: "defaults (Jupyter not found)" };
}

export interface DoctorReport {
  ok: boolean;
  lines: string[];
}

/** Where Jupyter looks, whether our spec is found, and whether it points at an existing node and kernel. */
export function doctor(): DoctorReport {
  const lines: string[] = [];
  const problems: string[] = [];
  const { dirs, source } = jupyterDataDirs();
  lines.push(`Jupyter data folders (${source}):`);
  let found: string | null = null;
  for (const d of dirs) {
    const spec = path.join(d, "kernels", KERNEL_NAME, "kernel.json");
    const here = fs.existsSync(spec);
    lines.push(`  ${here ? "*" : " "} ${d}${here ? `  <- ${KERNEL_NAME} kernelspec` : ""}`);
    if (here && !found) found = spec;
  }
  if (!found) {
    problems.push(`the "${KERNEL_NAME}" kernelspec is not installed in any of these folders: run \`npx eigenlab install --user\``);
  } else {
    lines.push(`kernelspec: ${found}`);
    try {
      const spec = JSON.parse(fs.readFileSync(found, "utf8")) as KernelSpec;
      const { node, entry, blob } = argvTargets(spec.argv);
      lines.push(`  display_name: ${spec.display_name}; interrupt_mode: ${spec.interrupt_mode}`);
      lines.push(`  node:   ${node} ${fs.existsSync(node) ? "(exists)" : "(MISSING)"}`);
      lines.push(`  kernel: ${entry} ${fs.existsSync(entry) ? "(exists)" : "(MISSING)"}`);
      if (blob) {
        // Not a problem when missing or stale: the kernel starts without it, only slower.
        const state = snapshotState();
        const usable = state.fresh && state.blob === blob;
        lines.push(`  start-up snapshot: ${blob} (${usable ? state.reason : `not used: ${state.blob === blob ? state.reason : "built for another kernel or node"}; \`npx eigenlab snapshot\` rebuilds it`})`);
      }
      if (!fs.existsSync(node)) problems.push(`node ${node} does not exist: reinstall with \`npx eigenlab install\``);
      if (!fs.existsSync(entry)) problems.push(`kernel file ${entry} does not exist: run \`npx tsc -b\`, then \`npx eigenlab install\``);
      for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
        if (!fs.existsSync(path.join(path.dirname(found), logo))) problems.push(`${logo} is missing: reinstall`);
      }
    } catch (e) {
      problems.push(`${found} is not valid JSON: ${(e as Error).message}`);
    }
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a probe: does the native binary load here?
    require("zeromq");
    lines.push("zeromq: native binary loads");
  } catch (e) {
    problems.push(`zeromq's prebuilt binary does not load (${(e as Error).message})`);
  }
  lines.push(problems.length === 0 ? "OK: Jupyter will find and start the Eigenlab kernel." : "Missing:");
  for (const p of problems) lines.push(`  - ${p}`);
  return { ok: problems.length === 0, lines };
}
