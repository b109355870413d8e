/** `npm run bench [filter...]`: runs every bench/*.bench.ts (or those whose file name contains a filter). */
import { readdirSync } from "fs";
import { cpus } from "os";
import { join } from "path";
import type { BenchModule } from "./harness";

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    // A filter that names a bench exactly ("io" → io.bench.ts) selects only it; otherwise it matches substrings.
    .filter((f, _, all) => filters.length === 0 || filters.some((x) => (all.includes(`${x}.bench.ts`) ? f === `${x}.bench.ts` : f.includes(x))))
    .sort();
  console.log(`Eigenlab benchmarks — ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`);
  console.log("Medians over repeated runs; ratio = ours / peer, same input, same run.\n");
  for (const f of files) {
    const mod: BenchModule = await import(join(__dirname, f));
    console.log(`## ${mod.title}`);
    await mod.run();
    console.log("");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
