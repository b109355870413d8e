/**
 * The Jupyter wire protocol: frames <-> `Message`, signed with HMAC (connection file `key`,
 * `signature_scheme` "hmac-sha256"). Pure functions so they are tested without sockets.
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
import { createHmac, timingSafeEqual } from "crypto";
import type { Header, Message } from "./protocol";

const DELIM = Buffer.from("<IDS|MSG>");

function sign(key: string, scheme: string, parts: Buffer[]): string {
  if (!key) return "";
  const algorithm = scheme.replace(/^hmac-/, "");
  const h = createHmac(algorithm, key);
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

/** Frames to send for `msg` (identities, delimiter, signature, header, parent, metadata, content, buffers). */
export function encodeMessage(msg: Message<unknown>, key: string, scheme = "hmac-sha256"): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((x) => Buffer.from(JSON.stringify(x)));
  return [
    ...msg.identities.map((b) => Buffer.from(b)),
    DELIM,
    Buffer.from(sign(key, scheme, parts)),
    ...parts,
    ...msg.buffers.map((b) => Buffer.from(b)),
  ];
}

/** Parses and verifies received frames; throws when the delimiter is missing or the signature is wrong. */
export function decodeMessage(frames: Buffer[], key: string, scheme = "hmac-sha256"): Message {
  const d = frames.findIndex((f) => f.equals(DELIM));
  if (d < 0) throw new Error("Jupyter message without <IDS|MSG> delimiter");
  const signature = frames[d + 1].toString();
  const parts = frames.slice(d + 2, d + 6);
  if (parts.length < 4) throw new Error("Jupyter message with fewer than 4 parts");
  const expected = sign(key, scheme, parts);
  const ok =
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!ok) throw new Error("Jupyter message with an invalid signature (check the connection file key)");
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString()));
  return {
    identities: frames.slice(0, d),
    header: header as Header,
    parent_header: parent,
    metadata,
    content,
    buffers: frames.slice(d + 6),
  };
}
