/**
 * Imported first by kernel.ts, before anything that loads tslab: the TypeScript compiler tslab uses comes
 * from the start-up snapshot when the kernel was started from one (snapshot.ts), else from V8's code cache
 * (code-cache.ts), so tslab's `require` of it finds that instance.
 */
import { loadWithCodeCache } from "./code-cache";
import { useSnapshot } from "./snapshot";

try {
  if (!useSnapshot()) loadWithCodeCache("@tslab/typescript-for-tslab", "tslab");
} catch {
  // tslab's own require loads it as usual.
}
