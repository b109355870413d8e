#!/usr/bin/env node
/**
 * `npx eigenlab install [--user | --prefix P | --sys-prefix]`, `npx eigenlab uninstall [same]`,
 * `npx eigenlab doctor`.
 */
import { doctor, installKernelSpec, InstallTarget, kernelSpec, uninstallKernelSpec } from "./kernelspec";
import { ensureSnapshot } from "./snapshot";

const USAGE = `usage: eigenlab <command> [options]
  install   [--user | --prefix PATH | --sys-prefix]   write the "eigenlab" kernelspec (default --user)
  uninstall [--user | --prefix PATH | --sys-prefix]   remove it
  doctor                                             show where Jupyter looks and what is missing
  snapshot  [--force]                                (re)build the kernel's start-up snapshot when stale`;

export function parseTarget(args: string[]): InstallTarget {
  let target: InstallTarget = { kind: "user" };
  let chosen = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--user") {
      target = { kind: "user" };
      chosen++;
    } else if (a === "--sys-prefix") {
      target = { kind: "sys-prefix" };
      chosen++;
    } else if (a === "--prefix" || a.startsWith("--prefix=")) {
      const prefix = a === "--prefix" ? args[++i] : a.slice("--prefix=".length);
      if (!prefix) throw new Error("--prefix needs a folder, e.g. --prefix /opt/jupyter");
      target = { kind: "prefix", prefix };
      chosen++;
    } else {
      throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (chosen > 1) throw new Error("choose one of --user, --prefix PATH, --sys-prefix");
  return target;
}

function reportSnapshot(r: ReturnType<typeof ensureSnapshot>): void {
  if (r.built) console.log(`Built the start-up snapshot ${r.blob} in ${r.seconds.toFixed(1)} s (${r.reason})`);
  else if (r.fresh) console.log(`Start-up snapshot up to date: ${r.blob}`);
  else console.error(`No start-up snapshot (${r.reason}): the kernel starts without it, more slowly.`);
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "install": {
        const target = parseTarget(rest);
        const dir = installKernelSpec(target, reportSnapshot);
        console.log(`Installed kernelspec "eigenlab" (${kernelSpec().display_name}) in ${dir}`);
        return 0;
      }
      case "uninstall": {
        const dir = uninstallKernelSpec(parseTarget(rest));
        console.log(dir ? `Removed ${dir}` : "No eigenlab kernelspec there; nothing to remove.");
        return 0;
      }
      case "snapshot": {
        if (rest.some((a) => a !== "--force")) throw new Error(`unknown option ${rest.find((a) => a !== "--force")}\n${USAGE}`);
        const r = ensureSnapshot({ force: rest.includes("--force") });
        reportSnapshot(r);
        return r.fresh ? 0 : 1;
      }
      case "doctor": {
        const report = doctor();
        console.log(report.lines.join("\n"));
        return report.ok ? 0 : 1;
      }
      default:
        console.error(USAGE);
        return command === undefined || command === "--help" || command === "-h" ? 0 : 2;
    }
  } catch (e) {
    console.error(`eigenlab ${command}: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
