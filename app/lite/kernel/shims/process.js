// `process` for the browser kernel's worker: enough for TypeScript (it must NOT look like Node: `browser`),
// tslab's converter (it reads the Node version to pick the ES target: ES2022, as the Node 20 kernel) and core.
const process = {
  browser: true,
  env: {},
  argv: [],
  version: 'v20.11.0',
  versions: {},
  platform: 'browser',
  cwd: () => '/',
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  hrtime: Object.assign(() => [0, 0], { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  // a warning (e.g. GPU.js fell back to another mode) shows on the cell's stderr, as Node prints it
  emitWarning: (warning) => console.warn(`Warning: ${warning instanceof Error ? warning.message : warning}`),
  on: () => process,
  exit: () => undefined
};
module.exports = process;
