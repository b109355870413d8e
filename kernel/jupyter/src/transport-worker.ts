/**
 * The ZeroMQ transport, run in a worker thread. It owns every socket (shell, control, iopub, stdin,
 * heartbeat), so the heartbeat, the control channel and streamed output keep working while the main thread
 * is busy in a long synchronous cell. The main thread (kernel.ts + handler.ts) never touches ZeroMQ.
 *
 * Control-channel `interrupt_request` is served here: the worker sends SIGINT to its own process, which
 * stops a synchronous cell (tslab runs cells with `vm` `breakOnSigint`) and cancels an awaiting one.
 */
import { parentPort, workerData } from "worker_threads";
import * as zmq from "zeromq";
import { childMessage, Channel, Message } from "./protocol";
import { decodeMessage, encodeMessage } from "./wire";
import { INPUT_HEADER_BYTES } from "./stdin-buffer";

export interface WorkerData {
  conn: ConnectionInfo;
  input: SharedArrayBuffer;
}

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
}

/** Main -> worker. */
export type ToWorker =
  | { type: "send"; channel: Channel; msg: Message<unknown> }
  | { type: "close" }
  /** The main thread served the request `msgId` (its reply and idle status are sent). */
  | { type: "ack"; msgId: string }
  /** The main thread finished starting: its cells now run under `vm` breakOnSigint. */
  | { type: "ready" }
  /** The running cell was stopped by the interrupt: stop signalling. */
  | { type: "interrupted" }
  /** Send this input_request; its input_reply goes to the shared input buffer (the main thread waits). */
  | { type: "inputSync"; msg: Message<unknown> };
/** Worker -> main. */
export type FromWorker =
  | { type: "ready" }
  | { type: "request"; channel: Channel; msg: Message }
  | { type: "shutdown"; restart: boolean }
  | { type: "closed" }
  | { type: "log"; text: string };

const INTERRUPT_REPEAT_MS = 100;
/** A minute of repeats: a cell type-checks in well under that even on a loaded machine. */
const INTERRUPT_MAX_REPEATS = 600;
const PARENT_POLL_MS = 3000;
/** How long an interrupt that found the kernel idle waits for the request it was probably sent after. */
const IDLE_INTERRUPT_MS = 1000;

/** zeromq 6 sockets reject a send while the previous one is pending: one queue per socket. */
class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly sock: zmq.Writable) {}
  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.sock.send(frames),
      () => this.sock.send(frames),
    );
    return this.tail;
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("transport-worker must run in a worker thread");
  const { conn, input } = workerData as WorkerData;
  const inputState = new Int32Array(input, 0, 2);
  const inputBytes = new Uint8Array(input, INPUT_HEADER_BYTES);
  let syncInputId: string | null = null;
  const key = conn.key ?? "";
  const scheme = conn.signature_scheme || "hmac-sha256";
  const addr = (p: number) => `${conn.transport}://${conn.ip}:${p}`;
  const post = (m: FromWorker) => port.postMessage(m);

  const shell = new zmq.Router();
  const control = new zmq.Router();
  const stdin = new zmq.Router();
  const iopub = new zmq.Publisher();
  const hb = new zmq.Reply();
  const senders: Record<Channel, SerialSender> = {
    shell: new SerialSender(shell),
    control: new SerialSender(control),
    stdin: new SerialSender(stdin),
    iopub: new SerialSender(iopub),
  };
  const send = (channel: Channel, msg: Message<unknown>) => {
    const frames = encodeMessage(msg, key, scheme);
    // iopub has no routing identity; its first frame is a topic.
    if (channel === "iopub") frames.unshift(Buffer.from(`kernel.${msg.header.msg_type}`));
    return senders[channel].send(frames).catch((e: Error) => post({ type: "log", text: `send failed: ${e.message}` }));
  };

  await Promise.all([
    shell.bind(addr(conn.shell_port)),
    control.bind(addr(conn.control_port)),
    stdin.bind(addr(conn.stdin_port)),
    iopub.bind(addr(conn.iopub_port)),
    hb.bind(addr(conn.hb_port)),
  ]);

  // An interrupt must stop the cell it was meant for, and only that one. A SIGINT that lands while tslab
  // type-checks the cell (before the `vm` run with breakOnSigint starts), or before the cell's request even
  // reached the main thread, is only queued for the main thread's SIGINT listener, which cannot stop a
  // synchronous loop. So SIGINT is repeated every INTERRUPT_REPEAT_MS until the targeted request is acked
  // (answered) by the main thread: the first signal that lands inside the `vm` run stops it. The target is the
  // oldest request the main thread holds, preferring execute requests (a completion request in front of it
  // does not absorb the interrupt). Before the main thread is ready (the prelude runs) nothing is signalled:
  // the repeats start when it is, so the prelude is never interrupted and the pending cell still is.
  const inFlight: { id: string; type: string }[] = [];
  let mainReady = false;
  let interruptTarget: string | null = null;
  let interruptTimer: NodeJS.Timeout | null = null;
  const stopInterrupting = () => {
    if (interruptTimer) clearInterval(interruptTimer);
    interruptTimer = null;
    interruptTarget = null;
  };
  const signal = () => process.kill(process.pid, "SIGINT");
  const startSignalling = () => {
    if (!interruptTarget || !mainReady || interruptTimer) return;
    let tries = 0;
    signal();
    interruptTimer = setInterval(() => {
      if (++tries > INTERRUPT_MAX_REPEATS) return stopInterrupting();
      signal();
    }, INTERRUPT_REPEAT_MS);
  };
  // Shell and control are separate sockets: an interrupt sent right after an execute_request may be read
  // before it. An interrupt that finds nothing to stop therefore waits IDLE_INTERRUPT_MS for a request;
  // later than that, the kernel was idle and the interrupt does nothing (as in ipykernel).
  // That grace is wall time, and on a saturated machine (load 13-16 on 2 cores) this thread can be off the CPU
  // longer than it between reading the interrupt and reading the request sent before it: the interrupt was then
  // dropped and the loop it was meant for ran on (the interrupt test waited 90 s for its reply). So an idle
  // interrupt also remembers when the client sent it (header.date): the next execute_request stops if the
  // client sent it before the interrupt, however late it is read; a later one (shell is read in order) ends
  // the wait.
  let waitingInterrupt: NodeJS.Timeout | null = null;
  let idleInterruptSentAt: number | null = null;
  const sentAt = (msg: Message) => {
    const t = Date.parse(String(msg.header.date ?? ""));
    return Number.isFinite(t) ? t : null;
  };
  const interruptMain = (interrupt?: Message) => {
    const target = inFlight.find((r) => r.type === "execute_request") ?? inFlight[0];
    if (!target) {
      if (waitingInterrupt) clearTimeout(waitingInterrupt);
      waitingInterrupt = setTimeout(() => (waitingInterrupt = null), IDLE_INTERRUPT_MS);
      idleInterruptSentAt = interrupt ? sentAt(interrupt) : null;
      return;
    }
    idleInterruptSentAt = null;
    if (waitingInterrupt) clearTimeout(waitingInterrupt);
    waitingInterrupt = null;
    if (interruptTarget !== target.id) stopInterrupting();
    interruptTarget = target.id;
    startSignalling();
  };

  port.on("message", (m: ToWorker) => {
    if (m.type === "ack") {
      const i = inFlight.findIndex((r) => r.id === m.msgId);
      if (i >= 0) inFlight.splice(i, 1);
      if (m.msgId === interruptTarget) stopInterrupting();
    } else if (m.type === "inputSync") {
      syncInputId = m.msg.header.msg_id;
      send("stdin", m.msg);
    } else if (m.type === "interrupted") {
      stopInterrupting();
      syncInputId = null; // a cell stopped while waiting in inputSync() no longer takes the answer
    } else if (m.type === "ready") {
      mainReady = true;
      startSignalling();
    } else if (m.type === "send") {
      send(m.channel, m.msg);
    } else if (m.type === "close") {
      void Promise.all(Object.values(senders).map((s) => s.send([]).catch(() => undefined))).finally(() => {
        for (const s of [shell, control, stdin, iopub, hb]) s.close();
        post({ type: "closed" });
      });
    }
  });

  const receive = async (sock: zmq.Router, channel: Channel) => {
    for await (const frames of sock) {
      let msg: Message;
      try {
        msg = decodeMessage(frames as Buffer[], key, scheme);
      } catch (e) {
        post({ type: "log", text: (e as Error).message });
        continue;
      }
      if (channel === "stdin" && syncInputId !== null && msg.header.msg_type === "input_reply") {
        // The answer to inputSync(): the main thread is blocked waiting for it, not reading messages. (Front
        // ends need not set its parent: jupyter_client's input() does not; one request waits at a time.)
        syncInputId = null;
        const bytes = Buffer.from(String((msg.content as { value?: unknown }).value ?? ""), "utf8");
        const n = Math.min(bytes.length, inputBytes.length);
        inputBytes.set(bytes.subarray(0, n));
        Atomics.store(inputState, 1, n);
        Atomics.store(inputState, 0, 1);
        Atomics.notify(inputState, 0);
        continue;
      }
      if (channel === "control" && msg.header.msg_type === "interrupt_request") {
        send("iopub", childMessage(msg, "status", { execution_state: "busy" }));
        interruptMain(msg);
        send("control", childMessage(msg, "interrupt_reply", { status: "ok" }));
        send("iopub", childMessage(msg, "status", { execution_state: "idle" }));
        continue;
      }
      if (channel === "control" && msg.header.msg_type === "shutdown_request") {
        const restart = Boolean((msg.content as { restart?: boolean }).restart);
        send("iopub", childMessage(msg, "status", { execution_state: "busy" }));
        await send("control", childMessage(msg, "shutdown_reply", { status: "ok", restart }));
        send("iopub", childMessage(msg, "status", { execution_state: "idle" }));
        post({ type: "shutdown", restart });
        // Stop a running cell so the main thread can act on the shutdown.
        interruptMain();
        continue;
      }
      inFlight.push({ id: msg.header.msg_id, type: msg.header.msg_type });
      post({ type: "request", channel, msg });
      if (msg.header.msg_type === "execute_request") {
        const sent = sentAt(msg);
        const sentBefore = idleInterruptSentAt !== null && sent !== null && sent <= idleInterruptSentAt;
        if (waitingInterrupt || sentBefore) interruptMain();
        idleInterruptSentAt = null;
      }
    }
  };
  void receive(shell, "shell").catch(() => undefined);
  void receive(control, "control").catch(() => undefined);
  void receive(stdin, "stdin").catch(() => undefined);
  void (async () => {
    for await (const frames of hb) await hb.send(frames);
  })().catch(() => undefined);
  // Like ipykernel's parent poller: when the Jupyter server that started us is gone (JPY_PARENT_PID is set by
  // jupyter_client), end the kernel instead of lingering; SIGTERM works even while a cell holds the main thread.
  const parentPid = Number(process.env.JPY_PARENT_PID);
  if (Number.isInteger(parentPid) && parentPid > 1) {
    setInterval(() => {
      try {
        process.kill(parentPid, 0);
      } catch {
        process.kill(process.pid, "SIGTERM");
      }
    }, PARENT_POLL_MS).unref();
  }
  post({ type: "ready" });
}

main().catch((e) => {
  parentPort?.postMessage({ type: "log", text: `transport failed: ${(e as Error).stack}` });
  process.exit(1);
});
