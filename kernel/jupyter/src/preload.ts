/**
 * Imported first by kernel.ts, before anything that loads tslab: the TypeScript compiler tslab uses comes
 * from the start-up snapshot when the kernel was started from one (snapshot.ts), else from V8's code cache
 * (code-cache.ts), so tslab's `require` of it finds that instance; the modules loaded after it use a code
 * cache of their own.
 */
import { installModuleCodeCache, loadWithCodeCache } from "./code-cache";
import { useSnapshot } from "./snapshot";

try {
  if (!useSnapshot()) loadWithCodeCache("@tslab/typescript-for-tslab", "tslab");
} catch {
  // tslab's own require loads it as usual.
}
// The other modules of a start (tslab, the DSL, viz and vega) from V8's code cache too.
try {
  installModuleCodeCache();
} catch {
  // Compiled as usual.
}
