/**
 * The kernel's logo, drawn at install time (no binary committed): a spectrum — vertical bars whose heights
 * follow the semicircle law — on the Eigenlab indigo, encoded as an RGBA PNG with Node's zlib.
 */
import { deflateSync } from "zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG of `size` x `size` pixels. */
export function logoPng(size: number): Buffer {
  const bg = [49, 46, 129, 255];
  const bar = [165, 180, 252, 255];
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const nBars = 7;
  const margin = Math.round(size * 0.15);
  const inner = size - 2 * margin;
  const slot = inner / nBars;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let color = bg;
      const i = Math.floor((x - margin) / slot);
      if (x >= margin && i >= 0 && i < nBars && (x - margin - i * slot) < slot * 0.7) {
        // Wigner semicircle density at the bar's centre, on [-1, 1].
        const t = ((i + 0.5) / nBars) * 2 - 1;
        const h = Math.sqrt(Math.max(0, 1 - t * t)) * inner;
        if (y >= size - margin - h && y < size - margin) color = bar;
      }
      raw.set(color, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
