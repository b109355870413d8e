// Globals and modules of the Eigenlab (browser) kernel's cells, in place of @types/node (which the Node
// kernel's cells see): the console, timers, a Web Worker's fetch, the modules a cell may import, and the
// few Node names @eigenlab/core's declarations mention.
declare var console: {
  log(...data: any[]): void;
  info(...data: any[]): void;
  debug(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  table(data: any): void;
};
declare function setTimeout(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare var performance: { now(): number };
declare function fetch(input: string, init?: any): Promise<{ ok: boolean; status: number; text(): Promise<string>; json(): Promise<any>; arrayBuffer(): Promise<ArrayBuffer> }>;
declare class TextEncoder { encode(input?: string): Uint8Array; }
declare class TextDecoder { constructor(label?: string); decode(input?: ArrayBufferView | ArrayBuffer): string; }
declare function structuredClone<T>(value: T): T;
declare function require(id: string): any;
declare var process: { env: Record<string, string | undefined>; version: string; platform: string };
declare var crossOriginIsolated: boolean;
/** A Web Worker's AbortController (interact's `signal`). */
declare class AbortSignal {
  readonly aborted: boolean;
  readonly reason: any;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
  throwIfAborted(): void;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: any): void;
}
declare type Buffer = Uint8Array;
declare namespace NodeJS {
  interface ErrnoException extends Error { code?: string; errno?: number; path?: string; syscall?: string }
  interface Require { (id: string): any }
}

declare module "assert" {
  function assert(value: unknown, message?: string | Error): asserts value;
  namespace assert {
    class AssertionError extends Error { code: "ERR_ASSERTION" }
    function ok(value: unknown, message?: string | Error): asserts value;
    function equal(actual: unknown, expected: unknown, message?: string | Error): void;
    function notEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function throws(block: () => unknown, error?: RegExp | Function | string, message?: string | Error): void;
    function fail(message?: string | Error): never;
    const strict: typeof assert;
  }
  export = assert;
}
declare module "node:assert" {
  import assert = require("assert");
  export = assert;
}
declare module "fs" {
  /** The browser kernel's in-memory files: the site's, the lab's (uploads, edits) and what cells wrote. */
  export function readFileSync(path: string): Uint8Array;
  export function readFileSync(path: string, encoding: string | { encoding: string }): string;
  export function writeFileSync(path: string, data: string | Uint8Array): void;
  export function existsSync(path: string): boolean;
  export function readdirSync(path: string): string[];
  export function mkdirSync(path: string, options?: { recursive?: boolean }): void;
  export function unlinkSync(path: string): void;
  export function renameSync(from: string, to: string): void;
  export function statSync(path: string): { size: number; isDirectory(): boolean; isFile(): boolean };
}
