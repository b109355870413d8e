/**
 * PNG (pngjs) and JPEG (jpeg-js) → pixels, for image-graph work such as normalized-cut segmentation
 * (Shi & Malik 2000). Node-only: pngjs inflates with Node's zlib.
 */
import type * as Pngjs from "pngjs";
import type * as JpegJs from "jpeg-js";
import { lazy } from "./lazy";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { bytesInput } from "../validate/inputs";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const pngjs = lazy(() => require("pngjs") as typeof Pngjs);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const jpegJs = lazy(() => require("jpeg-js") as typeof JpegJs);

/** Options of `io.readImage` / `io.parseImage`. */
export interface ImageOptions {
  /**
   * "float" (default): `data` is a `Float64Array` of values in [0, 1] (byte / 255); "uint8": the bytes as
   * decoded (`Uint8Array`, 0..255).
   */
  as?: "float" | "uint8";
  /** One gray channel, luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's convert("L")); alpha dropped. */
  gray?: boolean;
}

/** A decoded image: pixel (y, x) channel c is `data[(y * width + x) * channels + c]` (row-major, interleaved). */
export interface ImageRead {
  height: number;
  width: number;
  /** 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA), as the file stores it (a palette PNG gives 3, or 4 with transparency). */
  channels: number;
  data: Float64Array | Uint8Array;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `parseImage` with the file name used in messages. */
export function parseImageFrom(bytes: Uint8Array, opts: ImageOptions, source: string): ImageRead {
  const fn = "io.readImage";
  checkOptions(fn, opts, { as: opt.oneOf("float", "uint8"), gray: opt.boolean });
  const as = checkChoice(fn, "as", opts.as ?? "float", ["float", "uint8"] as const);
  let width: number, height: number, channels: number;
  let pixels: Uint8Array;
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) {
    let png: ReturnType<typeof Pngjs.PNG.sync.read>;
    try {
      png = pngjs().PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (err) {
      throw new EigenlabError("parse", message.imageDecode(source, "PNG", (err as Error).message));
    }
    ({ width, height } = png);
    // pngjs always expands to 8-bit RGBA; keep the channels the file has.
    const meta = png as unknown as { colorType: number; alpha: boolean };
    const ct = meta.colorType;
    channels = ct === 0 ? 1 : ct === 4 ? 2 : ct === 2 ? 3 : ct === 6 ? 4 : meta.alpha ? 4 : 3;
    const rgba = png.data;
    const np = width * height;
    pixels = new Uint8Array(np * channels);
    for (let p = 0; p < np; p++) {
      const s = 4 * p, d = channels * p;
      if (channels === 4) { pixels[d] = rgba[s]; pixels[d + 1] = rgba[s + 1]; pixels[d + 2] = rgba[s + 2]; pixels[d + 3] = rgba[s + 3]; }
      else if (channels === 3) { pixels[d] = rgba[s]; pixels[d + 1] = rgba[s + 1]; pixels[d + 2] = rgba[s + 2]; }
      else if (channels === 2) { pixels[d] = rgba[s]; pixels[d + 1] = rgba[s + 3]; }
      else pixels[d] = rgba[s];
    }
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    let jpg: { width: number; height: number; data: Uint8Array };
    try {
      jpg = jpegJs().decode(bytes, { useTArray: true, formatAsRGBA: false }) as never;
    } catch (err) {
      throw new EigenlabError("parse", message.imageDecode(source, "JPEG", (err as Error).message));
    }
    ({ width, height } = jpg);
    channels = Math.round(jpg.data.length / Math.max(1, width * height));
    pixels = jpg.data;
  } else {
    const got = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new EigenlabError("bad-magic", message.badMagic(source, "PNG or JPEG", "89 50 4e 47 0d 0a 1a 0a (PNG) or ff d8 ff (JPEG)", got || "nothing (empty file)"));
  }
  if (opts.gray && channels >= 3) {
    const np = width * height;
    const g = new Uint8Array(np);
    for (let p = 0; p < np; p++) {
      const s = channels * p;
      g[p] = Math.round(0.299 * pixels[s] + 0.587 * pixels[s + 1] + 0.114 * pixels[s + 2]);
    }
    pixels = g;
    channels = 1;
  } else if (opts.gray && channels === 2) {
    const np = width * height;
    const g = new Uint8Array(np);
    for (let p = 0; p < np; p++) g[p] = pixels[2 * p];
    pixels = g;
    channels = 1;
  }
  const data = as === "uint8" ? pixels : Float64Array.from(pixels, (b) => b / 255);
  return { height, width, channels, data };
}

/**
 * Decodes PNG or JPEG bytes (the format is told by its magic bytes) into pixels.
 *
 * @example
 * ```ts
 * const { PNG } = require("pngjs");
 * const png = new PNG({ width: 2, height: 1 });
 * png.data.set([255, 0, 0, 255, 0, 0, 255, 255]);
 * const img = io.parseImage(PNG.sync.write(png), { as: "uint8" });
 * [img.height, img.width, img.channels]; // => [1, 2, 4]
 * img.data; // => [255, 0, 0, 255, 0, 0, 255, 255]
 * io.parseImage(PNG.sync.write(png), { gray: true }).data; // => [0.2980392156862745, 0.11372549019607843]
 * ```
 */
export function parseImage(bytes: Uint8Array, opts: ImageOptions = {}): ImageRead {
  return parseImageFrom(bytesInput("io.parseImage", bytes), opts, "<image bytes>");
}
