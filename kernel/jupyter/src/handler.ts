/**
 * The kernel's protocol logic, apart from the transport (the habit of tslab's JupyterHandler vs ZmqServer):
 * it receives decoded requests and sends replies and iopub messages through an injected `KernelIO`, so it is
 * tested without ZeroMQ. Where stock tslab is wrong we do it per the spec: execute_input + execution_count,
 * execute_result for the last value, error messages with ename/evalue/traceback, is_complete "invalid",
 * kernel_info with status and real versions, comm_info_reply, history_reply.
 */
import * as vm from "vm";
import { onProgress } from "@eigenlab/core";
import type { Engine, ExecOutcome } from "./tslab-adapter";
import { connectTslabDisplay, errorContent } from "./tslab-adapter";
import { childMessage, Channel, ErrorContent, Message, MimeBundle, PROTOCOL_VERSION } from "./protocol";
import * as path from "path";
import { EigenlabError } from "@eigenlab/core";
import { DisplayHandle, setDisplaySink, toMimeBundle } from "./runtime";
import { hasUnmatchedCloser, Magic, optionsDoc, parseMagic, runShell, shellLines, timeit, timeReport } from "./magics";
import { isMathCell, mathBody } from "./math-magic";
import type { MathCells } from "./math-cell";
import { message } from "./messages";
import { ProgressLines } from "./progress";
import { commManager, CommMessage } from "./comm";
import { installWidgetTargets } from "./widgets";
import { trimMemory } from "./memory";
import { installSelectionTarget } from "./selection";

export interface KernelIO {
  send(channel: Channel, msg: Message<unknown>): void;
}

export interface HandlerOptions {
  engine: Engine;
  io: KernelIO;
  /** Extra text for kernel_info's banner and language_info (versions). */
  info: { kernelVersion: string; coreVersion: string };
  /** Called after a shutdown_request was answered. */
  onShutdown?: (restart: boolean) => void;
  /** Absolute module path of @eigenlab/core's entry, for the types of variables a math cell defines. */
  coreEntry?: string;
  /** Classes whose instances get a named type when a math cell defines them (name -> constructor). */
  namedClasses?: Record<string, unknown>;
  /** Sends an input_request and blocks until its input_reply's value is there (kernel.ts: shared memory). */
  inputSync?: (request: Message<unknown>) => string;
}

interface HistoryEntry {
  line: number;
  input: string;
  output: string | null;
}

/** The session number history replies use (one kernel process = one session). */
const HISTORY_SESSION = 1;

export class KernelHandler {
  private executionCount = 0;
  private readonly history: HistoryEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** The request whose cell receives streams and displays (kept after it ends, for late async output). */
  private outputParent: Message | null = null;
  private mathCells: MathCells | null = null;
  /** Bumped when a cell fails with stop_on_error; requests queued before that are aborted. */
  private errorEpoch = 0;
  /** In-place progress lines of long io operations (core's progress hook). */
  private readonly progress: ProgressLines;
  /** The prelude's names (the DSL), left out of %who. */
  private readonly baseline: Set<string>;
  /** Whether the running cell's front end answers input_request (its execute_request's allow_stdin). */
  private allowStdin = false;
  private pendingInput: ((value: string) => void) | null = null;

  constructor(private readonly options: HandlerOptions) {
    const show = (data: MimeBundle, metadata: Record<string, unknown>, id: string, update: boolean) =>
      this.publish(update ? "update_display_data" : "display_data", { data, metadata, transient: { display_id: id } });
    setDisplaySink({ display: show, clear: (wait) => this.publish("clear_output", { wait }) });
    this.progress = new ProgressLines((data, id, update) => show(data, {}, id, update));
    // tslab.display.html(...) / png / markdown ... from a cell: the running cell's display_data.
    connectTslabDisplay((content, update) => {
      const transient = content.transient?.display_id ? { display_id: content.transient.display_id } : {};
      const msg = { data: content.data, metadata: content.metadata ?? {}, transient };
      this.publish(update && "display_id" in transient ? "update_display_data" : "display_data", msg);
    });
    // Comm messages the kernel sends go on iopub, caused by the request being served (a cell, or the
    // front end's comm_msg whose handler runs).
    commManager().setSink((msgType, content, opts) => {
      const m = childMessage(this.outputParent, msgType, content);
      m.metadata = opts.metadata ?? {};
      m.buffers = opts.buffers ?? [];
      this.options.io.send("iopub", m);
    });
    installWidgetTargets();
    installSelectionTarget();
    this.baseline = new Set(Object.keys(options.engine.locals));
    const g = globalThis as unknown as Record<symbol, unknown>;
    g[Symbol.for("eigenlab.kernel.input")] = (prompt: string, password: boolean) => this.input(prompt, password);
    g[Symbol.for("eigenlab.kernel.inputSync")] = (prompt: string, password: boolean) => this.inputSync(prompt, password);
    g[Symbol.for("eigenlab.sh")] = async (cmd: string): Promise<void> => {
      await runShell(cmd);
    };
    // Output widgets capture what is published under the request being served (widgets.ts).
    (globalThis as unknown as Record<symbol, () => string>)[Symbol.for("eigenlab.kernel.parentMsgId")] = () =>
      this.outputParent?.header.msg_id ?? "";
    // Reports come from the running cell's synchronous code; outside a cell there is nowhere to show them.
    onProgress((p) => {
      if (this.outputParent) this.progress.report(p);
    });
  }

  /**
   * The %%math engine, created on first use: mathjs takes longer to load than the whole rest of the kernel,
   * so it stays off the start-up path (kernel start to first result).
   */
  get math(): MathCells {
    if (!this.mathCells) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: mathjs loads only when a math cell first runs
      const { MathCells: Cells } = require("./math-cell") as typeof import("./math-cell");
      this.mathCells = new Cells(this.options.engine.locals);
    }
    return this.mathCells;
  }

  /** Queues a request; requests are served one at a time, in order. Resolves when this one is done. */
  handle(channel: Channel, msg: Message): Promise<void> {
    // An input_reply answers the running cell, which waits for it: it must not queue behind that cell.
    if (channel === "stdin") {
      if (msg.header.msg_type === "input_reply" && this.pendingInput) {
        const resolve = this.pendingInput;
        this.pendingInput = null;
        resolve(String((msg.content as { value?: unknown }).value ?? ""));
      }
      return Promise.resolve();
    }
    const epoch = this.errorEpoch;
    const run = this.queue.then(() =>
      // Like IPython: after a failed cell with stop_on_error, execute requests that were already queued
      // (e.g. "Run All") are answered "aborted" instead of running on a broken state.
      msg.header.msg_type === "execute_request" && epoch !== this.errorEpoch ? this.abort(channel, msg) : this.dispatch(channel, msg),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Output written to process.stdout / stderr while the kernel runs. */
  stream(name: "stdout" | "stderr", text: string): void {
    if (this.outputParent) this.publish("stream", { name, text });
  }

  private publish(msgType: string, content: unknown, parent: Message | null = this.outputParent): void {
    this.options.io.send("iopub", childMessage(parent, msgType, content));
  }

  private reply(channel: Channel, req: Message, msgType: string, content: unknown): void {
    this.options.io.send(channel, childMessage(req, msgType, content));
  }

  private abort(channel: Channel, msg: Message): void {
    this.publish("status", { execution_state: "busy" }, msg);
    this.reply(channel, msg, "execute_reply", { status: "aborted", execution_count: this.executionCount });
    this.publish("status", { execution_state: "idle" }, msg);
  }

  private async dispatch(channel: Channel, msg: Message): Promise<void> {
    const type = msg.header.msg_type;
    this.publish("status", { execution_state: "busy" }, msg);
    try {
      switch (type) {
        case "kernel_info_request":
          this.reply(channel, msg, "kernel_info_reply", this.kernelInfo());
          break;
        case "execute_request":
          await this.execute(channel, msg);
          break;
        case "is_complete_request":
          this.reply(channel, msg, "is_complete_reply", this.isComplete(String(msg.content.code ?? "")));
          break;
        case "complete_request":
          this.reply(channel, msg, "complete_reply", this.complete(msg.content as { code: string; cursor_pos: number }));
          break;
        case "inspect_request":
          this.reply(channel, msg, "inspect_reply", this.inspect(msg.content as { code: string; cursor_pos: number }));
          break;
        case "history_request":
          this.reply(channel, msg, "history_reply", { status: "ok", history: this.historyQuery(msg.content) });
          break;
        case "comm_info_request": {
          const target = typeof msg.content.target_name === "string" ? msg.content.target_name : undefined;
          this.reply(channel, msg, "comm_info_reply", { status: "ok", comms: commManager().info(target) });
          break;
        }
        case "comm_open":
        case "comm_msg":
        case "comm_close":
          await this.commMessage(msg);
          break;
        case "shutdown_request": {
          const restart = Boolean(msg.content.restart);
          this.reply(channel, msg, "shutdown_reply", { status: "ok", restart });
          this.options.onShutdown?.(restart);
          break;
        }
        case "interrupt_request":
          // Normally answered by the transport (it must work while a cell runs); here when called directly.
          this.options.engine.interrupt();
          this.reply(channel, msg, "interrupt_reply", { status: "ok" });
          break;
        default:
          break;
      }
    } finally {
      this.publish("status", { execution_state: "idle" }, msg);
      if (type === "execute_request") trimMemory();
    }
  }

  /**
   * A front end's comm message. What its handlers publish (stream, display, comm_msg) is caused by it, as
   * in ipykernel; afterwards late output goes to the last cell again. A handler's exception is shown on
   * stderr and never breaks the kernel.
   */
  private async commMessage(msg: Message): Promise<void> {
    const previous = this.outputParent;
    this.outputParent = msg;
    const m: CommMessage = {
      data: (msg.content.data as Record<string, unknown>) ?? {},
      metadata: msg.metadata ?? {},
      buffers: msg.buffers,
      msgId: msg.header.msg_id,
    };
    const comms = commManager();
    try {
      if (msg.header.msg_type === "comm_open") await comms.handleOpen(msg.content, m);
      else if (msg.header.msg_type === "comm_msg") await comms.handleMsg(msg.content, m);
      else comms.handleClose(msg.content, m);
    } catch (e) {
      const err = errorContent(e);
      this.publish("stream", { name: "stderr", text: `${err.traceback.join("\n")}\n` });
    } finally {
      this.outputParent = previous;
    }
  }

  /** `await input(prompt)`: an input_request on stdin to the running cell's front end (allow_stdin honoured). */
  private input(prompt: string, password: boolean): Promise<string> {
    const parent = this.outputParent;
    if (!parent || parent.header.msg_type !== "execute_request") {
      return Promise.reject(new EigenlabError("stdin", message.stdinOutsideCell));
    }
    if (!this.allowStdin) return Promise.reject(new EigenlabError("stdin-not-allowed", message.stdinNotAllowed));
    return new Promise((resolve) => {
      this.pendingInput = resolve;
      this.options.io.send("stdin", childMessage(parent, "input_request", { prompt, password }));
    });
  }

  /** `inputSync(prompt)`: the same input_request, answered while the cell keeps the main thread. */
  private inputSync(prompt: string, password: boolean): string {
    const parent = this.outputParent;
    if (!parent || parent.header.msg_type !== "execute_request") throw new EigenlabError("stdin", message.stdinOutsideCell);
    if (!this.allowStdin) throw new EigenlabError("stdin-not-allowed", message.stdinNotAllowed);
    if (!this.options.inputSync) throw new EigenlabError("stdin", message.stdinSyncUnavailable);
    return this.options.inputSync(childMessage(parent, "input_request", { prompt, password }));
  }

  /** The IPython habits (magics.ts): %time, %timeit, %%bash, %who, x? / help(x). */
  private async runMagic(magic: Magic): Promise<ExecOutcome> {
    const engine = this.options.engine;
    const none: ExecOutcome = { ok: true, hasValue: false, value: undefined };
    switch (magic.kind) {
      case "time": {
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const out = await engine.execute(magic.body);
        const wall = Number(process.hrtime.bigint() - t0) / 1e9;
        const cpu = process.cpuUsage(cpu0);
        this.stream("stdout", timeReport(cpu.user / 1e6, cpu.system / 1e6, wall));
        return out;
      }
      case "timeit": {
        if (magic.body.trim() === "") return { ok: false, interrupted: false, error: errorContent(new EigenlabError("timeit", message.timeitUsage)) };
        const key = 'Symbol.for("eigenlab.timeit")';
        const asyncKw = /\bawait\b/.test(magic.body) ? "async " : "";
        const def = await engine.execute(`(globalThis as any)[${key}] = ${asyncKw}() => {\n${magic.body}\n};\nundefined;`);
        if (!def.ok) return def;
        const fn = (globalThis as unknown as Record<symbol, () => unknown>)[Symbol.for("eigenlab.timeit")];
        try {
          this.stream("stdout", await timeit(fn, { number: magic.number, repeat: magic.repeat }));
        } catch (e) {
          return { ok: false, interrupted: false, error: errorContent(e) };
        }
        return none;
      }
      case "bash":
        await runShell(magic.body);
        return none;
      case "who": {
        const names = Object.keys(engine.locals).filter((n) => !this.baseline.has(n) && n !== "tsLastExpr").sort();
        this.stream("stdout", names.length > 0 ? `${names.join("\t")}\n` : "Interactive namespace is empty.\n");
        return none;
      }
      case "help": {
        const info = engine.inspect(magic.expr, magic.expr.length);
        // An unknown name is typed `any` by the inspector.
        if (!info.found || info.text.trim() === "any") return { ok: false, interrupted: false, error: errorContent(new EigenlabError("help", message.helpNotFound(magic.expr))) };
        const text = this.withOptionsDoc(info.text);
        this.publish("display_data", { data: { "text/plain": text }, metadata: {}, transient: {} });
        return none;
      }
    }
  }

  /** user_expressions of an execute_request, evaluated after the cell (IPython's shape per expression). */
  private async userExpressions(exprs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(exprs)) {
      const r = await this.options.engine.execute(String(expr));
      if (r.ok) {
        try {
          out[name] = { status: "ok", data: toMimeBundle(r.value), metadata: {} };
        } catch (e) {
          out[name] = { status: "error", ...errorContent(e) };
        }
      } else {
        out[name] = { status: "error", ...r.error };
      }
    }
    return out;
  }

  kernelInfo(): Record<string, unknown> {
    const { tslab, typescript } = this.options.engine.versions;
    const { kernelVersion, coreVersion } = this.options.info;
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "eigenlab",
      implementation_version: kernelVersion,
      language_info: {
        name: "typescript",
        version: typescript,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        // `name: "javascript", typescript: true` selects TypeScript highlighting in Notebook and JupyterLab.
        codemirror_mode: { name: "javascript", typescript: true },
      },
      banner:
        `Eigenlab ${kernelVersion}: TypeScript ${typescript} on tslab ${tslab}, Node ${process.version}, ` +
        `@eigenlab/core ${coreVersion}. The DSL (linalg, Matrix, Rng, ...) is preloaded; %%math cells take mathjs.`,
      debugger: false,
      help_links: [{ text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/" }],
    };
  }

  private async execute(channel: Channel, msg: Message): Promise<void> {
    const content = msg.content as {
      code?: string;
      silent?: boolean;
      store_history?: boolean;
      allow_stdin?: boolean;
      user_expressions?: Record<string, unknown>;
    };
    this.allowStdin = content.allow_stdin === true;
    const code = String(content.code ?? "");
    const silent = Boolean(content.silent);
    const store = !silent && content.store_history !== false;
    if (store) this.executionCount++;
    const count = this.executionCount;
    this.outputParent = msg;
    if (!silent) this.publish("execute_input", { code, execution_count: count });

    let outcome: ExecOutcome;
    try {
      const magic = isMathCell(code) ? null : parseMagic(code);
      if (isMathCell(code)) {
        outcome = await this.runMath(code, silent);
      } else if (magic) {
        outcome = await this.runMagic(magic);
      } else {
        outcome = await this.options.engine.execute(shellLines(code) ?? code);
      }
    } finally {
      this.progress.endCell();
    }

    let output: string | null = null;
    // `display(x);` ends in a semicolon: as in IPython, the handle it returns is not echoed as the result.
    const quiet = outcome.ok && outcome.value instanceof DisplayHandle && /;\s*$/.test(code);
    if (outcome.ok && outcome.hasValue && !silent && !quiet) {
      let data: MimeBundle;
      try {
        data = toMimeBundle(outcome.value);
      } catch (e) {
        outcome = { ok: false, interrupted: false, error: errorContent(e) };
        data = {};
      }
      if (outcome.ok) {
        output = typeof data["text/plain"] === "string" ? (data["text/plain"] as string) : null;
        this.publish("execute_result", { execution_count: count, data, metadata: {} });
      }
    }
    if (store) this.history.push({ line: count, input: code, output });

    if (outcome.ok) {
      const user_expressions = await this.userExpressions(content.user_expressions ?? {});
      this.reply(channel, msg, "execute_reply", { status: "ok", execution_count: count, payload: [], user_expressions });
    } else {
      const err: ErrorContent = outcome.error;
      if (!silent) this.publish("error", err);
      if ((msg.content as { stop_on_error?: boolean }).stop_on_error !== false) this.errorEpoch++;
      this.reply(channel, msg, "execute_reply", { status: "error", execution_count: count, ...err });
    }
  }

  /** A `%%math` cell: echo it as LaTeX, evaluate (interruptible), then declare what it assigned in TypeScript. */
  private async runMath(code: string, silent: boolean): Promise<ExecOutcome> {
    let result;
    try {
      result = runInterruptible(() => this.math.run(code));
    } catch (e) {
      const interrupted = (e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
      return interrupted
        ? { ok: false, interrupted, error: { ename: "Interrupted", evalue: "the cell was interrupted", traceback: [message.interrupted] } }
        : { ok: false, interrupted, error: errorContent(e) };
    }
    if (!silent && result.latex) {
      this.publish("display_data", {
        data: { "text/latex": `$$\n\\begin{array}{l}\n${result.latex}\n\\end{array}\n$$`, "text/plain": mathBody(code).trim() },
        metadata: {},
        transient: {},
      });
    }
    await this.declareMathVariables(result.assigned);
    return { ok: true, hasValue: result.hasValue, value: result.value };
  }

  /** Makes a math cell's assignments TypeScript variables with their types (`let A: Matrix = ...`). */
  private async declareMathVariables(names: string[]): Promise<void> {
    const locals = this.options.engine.locals;
    const valid = names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    if (valid.length === 0) return;
    const carrier = Symbol.for("eigenlab.math.carrier");
    const g = globalThis as unknown as Record<symbol, Record<string, unknown>>;
    g[carrier] = Object.fromEntries(valid.map((n) => [n, locals[n]]));
    const lines = valid.map(
      (n) => `let ${n}: ${this.typeOf(locals[n])} = (globalThis as any)[Symbol.for("eigenlab.math.carrier")][${JSON.stringify(n)}];`,
    );
    const out = await this.options.engine.execute(lines.join("\n"));
    delete g[carrier];
    if (!out.ok) {
      // The values are in the notebook's variables already; only their static types are missing.
      this.stream("stderr", `(math variables ${valid.join(", ")} are untyped in TypeScript cells: ${out.error.evalue})\n`);
    }
  }

  private typeOf(v: unknown): string {
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return typeof v;
    if (v === null || v === undefined) return "any";
    if (typeof v === "object") {
      const { coreEntry, namedClasses } = this.options;
      if (coreEntry && namedClasses) {
        for (const [name, ctor] of Object.entries(namedClasses)) {
          if (typeof ctor === "function" && v instanceof (ctor as new () => unknown)) {
            return `import(${JSON.stringify(coreEntry)}).${name}`;
          }
        }
      }
      const ctorName = (v as object).constructor?.name;
      if (ctorName && /^(Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8|Uint8Clamped)Array$/.test(ctorName)) return ctorName;
    }
    return "any";
  }

  isComplete(code: string): { status: string; indent?: string } {
    if (isMathCell(code)) return { status: this.math.isComplete(code) };
    // A closing bracket nothing opened (`}}} (((`) can never be completed by more lines.
    if (hasUnmatchedCloser(code)) return { status: "invalid" };
    return this.options.engine.isComplete(code);
  }

  private complete(req: { code: string; cursor_pos: number }): Record<string, unknown> {
    const code = req.code;
    const cursor = codePointsToUtf16(code, req.cursor_pos);
    if (isMathCell(code)) {
      const m = /[A-Za-z_$][\w$]*$/.exec(code.slice(0, cursor));
      const prefix = m ? m[0] : "";
      const names = new Set([...Object.keys(this.math.math), ...Object.keys(this.options.engine.locals)]);
      const matches = [...names].filter((n) => n.startsWith(prefix) && /^[A-Za-z]/.test(n)).sort();
      const start = cursor - prefix.length;
      return { status: "ok", matches, cursor_start: utf16ToCodePoints(code, start), cursor_end: req.cursor_pos, metadata: {} };
    }
    const info = this.options.engine.complete(code, cursor);
    return {
      status: "ok",
      matches: info.matches,
      cursor_start: utf16ToCodePoints(code, info.start),
      cursor_end: utf16ToCodePoints(code, info.end),
      metadata: {},
    };
  }

  private inspect(req: { code: string; cursor_pos: number }): Record<string, unknown> {
    const cursor = codePointsToUtf16(req.code, req.cursor_pos);
    // Hover wants the name under or just before the cursor.
    const at = cursor > 0 && !/[\w$]/.test(req.code[cursor] ?? "") ? cursor - 1 : cursor;
    const info = this.options.engine.inspect(req.code, at);
    if (!info.found) return { status: "ok", found: false, data: {}, metadata: {} };
    // Shift+Tab shows what help(x) shows: the signature, and the fields of the options object it takes.
    return { status: "ok", found: true, data: { "text/plain": this.withOptionsDoc(info.text) }, metadata: {} };
  }

  /** An inspector's signature text followed by the fields (and docs) of the `...Options` types it names. */
  private withOptionsDoc(signature: string): string {
    const dist = this.options.coreEntry ? path.dirname(this.options.coreEntry) : "";
    return signature + (dist ? optionsDoc(signature, dist) : "");
  }

  /** history_request: "tail" (last n), "range" (session, start <= line < stop), "search" (glob pattern). */
  private historyQuery(req: Record<string, unknown>): unknown[] {
    const output = Boolean(req.output);
    const entry = (h: HistoryEntry) => [HISTORY_SESSION, h.line, output ? [h.input, h.output] : h.input];
    const n = typeof req.n === "number" ? req.n : undefined;
    switch (req.hist_access_type) {
      case "tail":
        return (n === undefined ? this.history : this.history.slice(-n)).map(entry);
      case "range": {
        const session = typeof req.session === "number" ? req.session : 0;
        // Session 0 (or a negative offset to 0) is the current session, as in IPython.
        if (session !== 0 && session !== HISTORY_SESSION) return [];
        const start = typeof req.start === "number" ? req.start : 1;
        const stop = typeof req.stop === "number" ? req.stop : Infinity;
        return this.history.filter((h) => h.line >= start && h.line < stop).map(entry);
      }
      case "search": {
        const re = globToRegExp(String(req.pattern ?? "*"));
        let hits = this.history.filter((h) => re.test(h.input));
        if (req.unique) {
          const seen = new Set<string>();
          hits = hits.reverse().filter((h) => !seen.has(h.input) && seen.add(h.input)).reverse();
        }
        return (n === undefined ? hits : hits.slice(-n)).map(entry);
      }
      default:
        return [];
    }
  }
}

/** Runs `fn` so that SIGINT stops it (as tslab does for TypeScript cells): math cells are interruptible too. */
const interruptibleCall = new vm.Script("globalThis[Symbol.for('eigenlab.interruptible')]()");
export function runInterruptible<T>(fn: () => T): T {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const key = Symbol.for("eigenlab.interruptible");
  g[key] = fn;
  try {
    return interruptibleCall.runInThisContext({ breakOnSigint: true }) as T;
  } finally {
    delete g[key];
  }
}

/** sqlite GLOB semantics as IPython's history search uses them: `*`, `?`, whole-string match. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

/** Jupyter cursor positions count Unicode code points; JavaScript strings index UTF-16 units. */
export function codePointsToUtf16(s: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp && i < s.length; k++) i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

export function utf16ToCodePoints(s: string, u: number): number {
  return [...s.slice(0, u)].length;
}
