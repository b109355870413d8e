/**
 * Jupyter messaging protocol v5.3 shapes used by the kernel: the message envelope and the helpers that build
 * headers. No transport here: the handler speaks in these objects, the ZeroMQ worker puts them on the wire.
 */
import { randomUUID } from "crypto";

export const PROTOCOL_VERSION = "5.3";

export type Channel = "shell" | "control" | "iopub" | "stdin";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  /** ZeroMQ routing identities of a ROUTER request; a reply must carry the request's identities. */
  identities: Uint8Array[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Uint8Array[];
}

/** The session id this kernel stamps on every message it sends. */
export const KERNEL_SESSION = randomUUID();

/** A new message of `msgType` in reply to (or caused by) `parent`. */
export function childMessage<C>(parent: Message<unknown> | null, msgType: string, content: C): Message<C> {
  return {
    identities: parent ? parent.identities : [],
    header: {
      msg_id: randomUUID(),
      session: KERNEL_SESSION,
      username: parent?.header.username ?? "kernel",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: parent ? parent.header : {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** Error content as published on iopub (`error`) and returned in an `execute_reply` with status "error". */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A MIME bundle: mime type -> data (string for text types, JSON for `+json` types). */
export type MimeBundle = Record<string, unknown>;
