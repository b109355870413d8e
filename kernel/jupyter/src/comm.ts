/**
 * The Jupyter comm protocol, kernel side (messaging spec "Custom Messages": comm_open / comm_msg / comm_close
 * both ways, comm_info_request with an optional target_name filter):
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html#custom-messages
 *
 * A cell registers a target (`comm.register("my.target", (c, msg) => c.onMsg(...))`) for comms a front end
 * opens, or opens one itself (`comm.open("my.target", data)`); widgets (widgets.ts) are built on this. The
 * manager lives on `globalThis` so a cell's own import of @eigenlab/kernel talks to the same kernel, and the
 * kernel plugs in the sink that publishes on iopub.
 */
import { randomUUID } from "crypto";
import { EigenlabError } from "@eigenlab/core";
import { message } from "./messages";

/** What one comm message carries. */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
  /** The msg_id of the Jupyter message that carried it (a front end's comm_msg), when it came in. */
  msgId?: string;
}

export interface SendOptions {
  metadata?: Record<string, unknown>;
  buffers?: Uint8Array[];
}

/** Where the kernel puts outgoing comm messages (iopub, with the current parent). */
export type CommSink = (msgType: "comm_open" | "comm_msg" | "comm_close", content: Record<string, unknown>, options: SendOptions) => void;

export type CommHandler = (comm: Comm, open: CommMessage) => void | Promise<void>;

/** One end of a comm. */
export class Comm {
  private readonly msgHandlers: ((msg: CommMessage) => void | Promise<void>)[] = [];
  private readonly closeHandlers: ((msg: CommMessage) => void)[] = [];
  private isClosed = false;

  constructor(readonly id: string, readonly target: string, private readonly manager: CommManager) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends `data` to the front end (comm_msg). */
  send(data: Record<string, unknown>, options: SendOptions = {}): void {
    if (this.isClosed) throw new EigenlabError("comm-closed", message.commClosed(this.target, this.id));
    this.manager.emit("comm_msg", { comm_id: this.id, data }, options);
  }

  /** Closes the comm from the kernel side (comm_close); the front end is told. */
  close(data: Record<string, unknown> = {}, options: SendOptions = {}): void {
    if (this.isClosed) return;
    this.manager.emit("comm_close", { comm_id: this.id, data }, options);
    this.closed_({ data, metadata: options.metadata ?? {}, buffers: options.buffers ?? [] });
  }

  /** Runs `cb` on each comm_msg from the front end. */
  onMsg(cb: (msg: CommMessage) => void | Promise<void>): void {
    this.msgHandlers.push(cb);
  }

  /** Runs `cb` when either side closes the comm. */
  onClose(cb: (msg: CommMessage) => void): void {
    this.closeHandlers.push(cb);
  }

  /** @internal a comm_msg arrived */
  async received(msg: CommMessage): Promise<void> {
    for (const h of this.msgHandlers) await h(msg);
  }

  /** @internal the comm is closed (either side) */
  closed_(msg: CommMessage): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.manager.forget(this.id);
    for (const h of this.closeHandlers) h(msg);
  }
}

export class CommManager {
  private readonly targets = new Map<string, CommHandler>();
  private readonly comms = new Map<string, Comm>();
  private sink: CommSink | null = null;

  /** The kernel's outgoing path; null outside a kernel. */
  setSink(sink: CommSink | null): void {
    this.sink = sink;
  }

  /** @internal */
  emit(msgType: "comm_open" | "comm_msg" | "comm_close", content: Record<string, unknown>, options: SendOptions): void {
    if (!this.sink) throw new EigenlabError("no-kernel", message.commOutsideKernel);
    this.sink(msgType, content, options);
  }

  /** @internal */
  forget(id: string): void {
    this.comms.delete(id);
  }

  /** Makes `target` accept comms the front end opens; `handler` gets each new comm and its opening message. */
  register(target: string, handler: CommHandler): void {
    this.targets.set(target, handler);
  }

  unregister(target: string): void {
    this.targets.delete(target);
  }

  /** Opens a comm to the front end's `target` (comm_open with `data`). */
  open(target: string, data: Record<string, unknown> = {}, options: SendOptions & { id?: string } = {}): Comm {
    const c = new Comm(options.id ?? randomUUID().replace(/-/g, ""), target, this);
    this.emit("comm_open", { comm_id: c.id, target_name: target, data }, options);
    this.comms.set(c.id, c);
    return c;
  }

  get(id: string): Comm | undefined {
    return this.comms.get(id);
  }

  /** comm_info_reply's `comms`: every open comm, or only those of `target`. */
  info(target?: string): Record<string, { target_name: string }> {
    const out: Record<string, { target_name: string }> = {};
    for (const c of this.comms.values()) {
      if (target === undefined || target === "" || c.target === target) out[c.id] = { target_name: c.target };
    }
    return out;
  }

  /**
   * A front end's comm_open. An unknown target is answered with comm_close, as the spec asks (the front end
   * then knows nobody listens). Re-opening a comm id the kernel has (a reloaded page reattaching to a
   * widget) keeps the existing comm.
   */
  async handleOpen(content: Record<string, unknown>, msg: CommMessage): Promise<void> {
    const id = String(content.comm_id ?? "");
    const target = String(content.target_name ?? "");
    if (this.comms.has(id)) return;
    const handler = this.targets.get(target);
    if (!handler) {
      this.emit("comm_close", { comm_id: id, data: {} }, {});
      return;
    }
    const c = new Comm(id, target, this);
    this.comms.set(id, c);
    await handler(c, msg);
  }

  async handleMsg(content: Record<string, unknown>, msg: CommMessage): Promise<void> {
    await this.comms.get(String(content.comm_id ?? ""))?.received(msg);
  }

  handleClose(content: Record<string, unknown>, msg: CommMessage): void {
    this.comms.get(String(content.comm_id ?? ""))?.closed_(msg);
  }
}

const KEY = Symbol.for("eigenlab.kernel.comms");

/** The kernel's comm manager (one per process, shared by every copy of this module). */
export function commManager(): CommManager {
  const g = globalThis as unknown as Record<symbol, CommManager | undefined>;
  let m = g[KEY];
  if (!m) {
    m = new CommManager();
    g[KEY] = m;
  }
  return m;
}

/** What cells use: `comm.register(target, handler)`, `comm.open(target, data)`. */
export const comm = {
  register: (target: string, handler: CommHandler): void => commManager().register(target, handler),
  unregister: (target: string): void => commManager().unregister(target),
  open: (target: string, data: Record<string, unknown> = {}, options: SendOptions = {}): Comm => commManager().open(target, data, options),
};
