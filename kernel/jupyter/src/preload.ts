/**
 * Imported first by kernel.ts, before anything that loads tslab: the TypeScript compiler tslab uses comes
 * from V8's code cache (code-cache.ts), so tslab's `require` of it finds the cached instance.
 */
import { loadWithCodeCache } from "./code-cache";

try {
  loadWithCodeCache("@tslab/typescript-for-tslab", "tslab");
} catch {
  // tslab's own require loads it as usual.
}
