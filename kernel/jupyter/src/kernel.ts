#!/usr/bin/env node
/**
 * The kernel process: `node dist/kernel.js <connection_file>` (what the kernelspec's argv runs).
 * Main thread: the tslab engine, the prelude and the protocol handler. Worker thread: ZeroMQ
 * (transport-worker.ts), so heartbeat, control (interrupt) and live output work during a long cell.
 */
// First: the TypeScript compiler from V8's code cache, before tslab loads it.
import "./preload";
import { readFileSync } from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { Worker } from "worker_threads";
import { createEngine, startFileWatching } from "./tslab-adapter";
import { saveCodeCache, saveModuleCodeCache } from "./code-cache";
import { snapshotStats } from "./snapshot";
import { installConsoleTable } from "./console-table";
import { KernelHandler } from "./handler";
import { coreEntry, installRichDisplay, notebookPackages, preludeSource } from "./prelude";
import { message } from "./messages";
import type { Channel, Message } from "./protocol";
import { INPUT_BUFFER_BYTES, INPUT_HEADER_BYTES } from "./stdin-buffer";
import type { ConnectionInfo, FromWorker, ToWorker, WorkerData } from "./transport-worker";

/** The kernel's own diagnostics go to the real stderr (the Jupyter server's log), never into a cell. */
const realStderrWrite = process.stderr.write.bind(process.stderr);
const log = (text: string) => realStderrWrite(`[eigenlab-kernel] ${text}\n`);

export async function startKernel(connectionFile: string): Promise<void> {
  const t0 = performance.now();
  // SIGINT must never kill the kernel (its default action), also while it is still starting.
  let onInterrupt: () => void = () => undefined;
  process.on("SIGINT", () => onInterrupt());
  const conn = JSON.parse(readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  // Bind the sockets while the TypeScript compiler warms up.
  const input = new SharedArrayBuffer(INPUT_HEADER_BYTES + INPUT_BUFFER_BYTES);
  const workerData: WorkerData = { conn, input };
  const worker = new Worker(path.join(__dirname, "transport-worker.js"), { workerData });
  const toWorker = (m: ToWorker) => worker.postMessage(m);
  const pending: { channel: Channel; msg: Message }[] = [];
  let handler: KernelHandler | null = null;
  let exiting = false;

  const shutdown = () => {
    if (exiting) return;
    exiting = true;
    toWorker({ type: "close" });
    // Exit once the worker flushed its last messages (or after a second, whatever happens).
    setTimeout(() => process.exit(0), 1000).unref();
  };

  // Work that start-up defers until the first cell was answered (or the kernel sat idle a while): the
  // compiler's file watchers, and writing the code cache (with the functions the first cell compiled).
  let deferredDone = false;
  const afterStartup = () => {
    if (deferredDone) return;
    deferredDone = true;
    saveCodeCache();
    saveModuleCodeCache();
    void startFileWatching();
  };

  const serve = (h: KernelHandler, channel: Channel, msg: Message) =>
    void h.handle(channel, msg).finally(() => {
      toWorker({ type: "ack", msgId: msg.header.msg_id });
      if (msg.header.msg_type === "execute_request") setTimeout(afterStartup, 200).unref();
    });

  worker.on("message", (m: FromWorker) => {
    if (m.type === "request") {
      if (handler) serve(handler, m.channel, m.msg);
      else pending.push({ channel: m.channel, msg: m.msg });
    } else if (m.type === "shutdown") {
      shutdown();
    } else if (m.type === "closed") {
      process.exit(0);
    } else if (m.type === "log") {
      log(m.text);
    }
  });
  worker.on("error", (e) => {
    log(`transport error: ${e.stack ?? e.message}`);
    process.exit(1);
  });

  const packages = notebookPackages();
  // A stopped cell ends the worker's repeated signals at once, not only when its reply is out: what the
  // kernel runs after it (keeping the cell's definitions) must not be hit by one more.
  const engine = createEngine({ rootDir: process.cwd(), packages, onInterrupted: () => toWorker({ type: "interrupted" }) });
  // An awaiting cell is cancelled here; a synchronous one is stopped by the signal itself inside its `vm`
  // run. The worker repeats the signal until the interrupted request is answered (transport-worker.ts).
  onInterrupt = () => engine.interrupt();

  try {
    installRichDisplay();
  } catch (e) {
    log(`rich display formatters failed to load: ${(e as Error).message}`);
  }
  const tEngine = performance.now();
  const entry = coreEntry();
  const source = preludeSource();
  let prelude = await engine.execute(source);
  // An interrupt pressed while the kernel starts must not cost the notebook its DSL.
  if (!prelude.ok && prelude.interrupted) prelude = await engine.execute(source);
  if (!prelude.ok) log(message.preludeFailed(prelude.error.evalue));

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- core's entry is a path found at run time
  const core = require(entry) as Record<string, unknown> & { VERSION?: string };
  const namedClasses = Object.fromEntries(
    Object.entries(core).filter(([k, v]) => typeof v === "function" && /^[A-Z]/.test(k) && (v as { prototype?: unknown }).prototype),
  );
  const h = new KernelHandler({
    engine,
    io: { send: (channel, msg) => toWorker({ type: "send", channel, msg }) },
    info: {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- this package's own package.json, next to dist/ at run time
      kernelVersion: (require(path.join(__dirname, "..", "package.json")) as { version: string }).version,
      coreVersion: String(core.VERSION ?? "?"),
    },
    onShutdown: shutdown,
    // inputSync(): the worker answers through shared memory; waits in 100 ms steps so an interrupt (which
    // terminates the cell's `vm` run between them) still stops a cell waiting for input.
    inputSync: (request: Message<unknown>) => {
      const state = new Int32Array(input, 0, 2);
      Atomics.store(state, 0, 0);
      toWorker({ type: "inputSync", msg: request });
      while (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0, 100);
      return Buffer.from(new Uint8Array(input, INPUT_HEADER_BYTES, Atomics.load(state, 1))).toString("utf8");
    },
    coreEntry: entry,
    namedClasses,
  });

  // Cells' stdout/stderr become stream messages of the cell that is running (or ran last).
  process.stdout.write = ((chunk: string | Uint8Array) => {
    h.stream("stdout", typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    h.stream("stderr", typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stderr.write;
  // console.table as an HTML table output, not box art that the output area wraps (issue #18).
  installConsoleTable();
  // An exception thrown later by a cell's callback (a timer, a promise) must not kill the kernel.
  process.on("uncaughtException", (e) => h.stream("stderr", `Uncaught ${e.stack ?? e}\n`));
  process.on("unhandledRejection", (e) => h.stream("stderr", `Unhandled rejection: ${(e as Error)?.stack ?? e}\n`));

  handler = h;
  for (const p of pending.splice(0)) serve(h, p.channel, p.msg);
  toWorker({ type: "ready" });
  setTimeout(afterStartup, 10_000).unref();
  // Start-up phases in the server log (since process start: Node + modules, TypeScript program, prelude).
  const ms = (x: number) => `${Math.round(x)} ms`;
  const snap = snapshotStats();
  log(
    `ready: ${ms(performance.now())} since process start ` +
      `(modules ${ms(t0)}, TypeScript ${ms(tEngine - t0)}, prelude ${ms(performance.now() - tEngine)}; ` +
      (snap ? `start-up snapshot: ${snap.hits} of ${snap.files} prebuilt declaration files used)` : "no start-up snapshot)"),
  );
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    log("usage: kernel.js <connection_file>");
    process.exit(2);
  }
  startKernel(file).catch((e) => {
    log(`failed to start: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
