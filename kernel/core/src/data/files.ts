/** Locates the dataset files shipped in @eigenlab/core's `data/` folder (from `src/data` and `dist/data` alike). */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { EigenlabError } from "../errors";
import { message } from "../messages";

export function readDataFile(file: string): Buffer {
  const path = join(__dirname, "..", "..", "data", file);
  if (!existsSync(path)) throw new EigenlabError("missing-data", message.dataFileMissing(path));
  return readFileSync(path);
}
