/**
 * `data.flower()`: a 96 × 64 RGB photograph of one dahlia on a dark green background, with a ground-truth
 * foreground mask (an ellipse drawn by hand around the flower); data/flower.ppm, see data/SOURCES.md.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { readDataFile } from "./files";

export interface Flower {
  width: number;
  height: number;
  /** Row-major pixels, 3 bytes (R, G, B in 0..255) each: pixel (x, y) starts at 3·(y·width + x). */
  rgb: Uint8Array;
  /** 1 where the pixel centre (x + ½, y + ½) lies inside `ellipse`, else 0; row-major, width·height. */
  mask: Uint8Array;
  /** The ground-truth ellipse in pixel coordinates (x right, y down), drawn by hand around the flower. */
  ellipse: { cx: number; cy: number; rx: number; ry: number };
}

/** Hand-drawn outline of the flower on the 96 × 64 image (checked by overlaying it; see data/SOURCES.md). */
const ELLIPSE = { cx: 48, cy: 33.9, rx: 27.6, ry: 27.3 } as const;

/** Binary PPM (P6, maxval 255): the format needs no decoder dependency. */
function readPpm(buf: Buffer, file: string): { width: number; height: number; rgb: Uint8Array } {
  // Header: "P6", width, height, maxval, separated by whitespace, then one whitespace byte and the pixels.
  const fields: string[] = [];
  let p = 0;
  while (fields.length < 4 && p < buf.length) {
    while (p < buf.length && /\s/.test(String.fromCharCode(buf[p]))) p++;
    const s = p;
    while (p < buf.length && !/\s/.test(String.fromCharCode(buf[p]))) p++;
    fields.push(buf.toString("latin1", s, p));
  }
  const [magic, w, h, maxval] = fields;
  const width = Number(w);
  const height = Number(h);
  const size = width * height * 3;
  if (magic !== "P6" || maxval !== "255" || !(width > 0) || !(height > 0) || buf.length - (p + 1) !== size) {
    throw new EigenlabError("missing-data", message.dataFileCorrupt(file, "a binary PPM (P6, maxval 255) whose pixel bytes match its header"));
  }
  return { width, height, rgb: new Uint8Array(buf.subarray(p + 1, p + 1 + size)) };
}

/**
 * A 96 × 64 RGB photograph of a dahlia (row-major `rgb` bytes) with a hand-drawn foreground mask and its ellipse, for
 * image segmentation.
 *
 * @example
 * ```ts
 * const f = data.flower();
 * [f.width, f.height]; // => [96, 64]
 * f.rgb.length; // => 96 * 64 * 3
 * f.mask.length; // => 96 * 64
 * ```
 */
export function flower(opts: Record<string, never> = {}): Flower {
  checkOptions("data.flower", opts, {});
  const { width, height, rgb } = readPpm(readDataFile("flower.ppm"), "flower.ppm");
  const mask = new Uint8Array(width * height);
  const { cx, cy, rx, ry } = ELLIPSE;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5 - cx) / rx;
      const v = (y + 0.5 - cy) / ry;
      mask[y * width + x] = u * u + v * v <= 1 ? 1 : 0;
    }
  }
  return { width, height, rgb, mask, ellipse: { ...ELLIPSE } };
}
