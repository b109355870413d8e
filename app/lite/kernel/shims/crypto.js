// `crypto` for the browser kernel's worker: only randomUUID, which the kernel's display ids, comms and widgets
// need (@eigenlab/kernel runtime.ts, comm.ts); the browser's own crypto.randomUUID where the page is a secure
// context, otherwise a version-4 UUID from crypto.getRandomValues.
export function randomUUID() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export default { randomUUID };
