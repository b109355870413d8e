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
  /** The main thread is responsive again (a request finished, or it handled SIGINT). */
  | { type: "ack" };
/** Worker -> main. */
export type FromWorker =
  | { type: "ready" }
  | { type: "request"; channel: Channel; msg: Message }
  | { type: "shutdown"; restart: boolean }
  | { type: "closed" }
  | { type: "log"; text: string };

const INTERRUPT_REPEAT_MS = 100;
const INTERRUPT_MAX_REPEATS = 50;
const PARENT_POLL_MS = 3000;

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
  const conn = workerData as ConnectionInfo;
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

  // An interrupt must stop the running cell, but a SIGINT that lands while tslab type-checks the cell (before
  // the `vm` run with breakOnSigint starts) is only queued for the busy event loop. So SIGINT is repeated
  // every INTERRUPT_REPEAT_MS until the main thread answers (request finished, or its SIGINT handler ran).
  let interruptTimer: NodeJS.Timeout | null = null;
  const stopInterrupting = () => {
    if (interruptTimer) clearInterval(interruptTimer);
    interruptTimer = null;
  };
  const interruptMain = () => {
    stopInterrupting();
    let tries = 0;
    process.kill(process.pid, "SIGINT");
    interruptTimer = setInterval(() => {
      if (++tries > INTERRUPT_MAX_REPEATS) return stopInterrupting();
      process.kill(process.pid, "SIGINT");
    }, INTERRUPT_REPEAT_MS);
  };

  port.on("message", (m: ToWorker) => {
    if (m.type === "ack") {
      stopInterrupting();
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
      if (channel === "control" && msg.header.msg_type === "interrupt_request") {
        send("iopub", childMessage(msg, "status", { execution_state: "busy" }));
        interruptMain();
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
      post({ type: "request", channel, msg });
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
