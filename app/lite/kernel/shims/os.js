// `os` for the browser kernel's worker: one thread (WASM SIMD runs single-threaded without cross-origin
// isolation), the browser's platform, and memory figures the guards treat as unknown-but-ample.
export const cpus = () => [{ model: (typeof navigator !== 'undefined' && navigator.userAgent) || 'browser', speed: 0, times: {} }];
export const platform = () => 'browser';
export const freemem = () => 4 * 2 ** 30;
export const totalmem = () => 8 * 2 ** 30;
export const tmpdir = () => '/tmp';
export const homedir = () => '/home';
export const EOL = '\n';
export default { cpus, platform, freemem, totalmem, tmpdir, homedir, EOL };
