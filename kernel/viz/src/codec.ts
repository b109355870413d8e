/**
 * Compact numeric arrays for the payload: base64 of little-endian typed-array bytes. Works in Node (Buffer)
 * and in the browser (atob/btoa), with no DOM needed at import.
 */
import { EigenlabError } from "@eigenlab/core/base";
import { message } from "./messages";
import type { DType, EncodedArray } from "./payload";

export type TypedArrayOf<D extends DType> = D extends "float64" ? Float64Array : D extends "float32" ? Float32Array : Int32Array;

const CTORS = { float64: Float64Array, float32: Float32Array, int32: Int32Array } as const;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of `a` in little-endian order (a copy only on big-endian hosts). */
function littleEndianBytes(a: Float64Array | Float32Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  return swapBytes(bytes, a.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) for (let b = 0; b < width; b++) out[i + b] = bytes[i + width - 1 - b];
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (B) return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let s = "";
  const CHUNK = 0x8000; // String.fromCharCode's argument count is limited: go in chunks.
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const B = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (B) {
    const buf = B.from(b64, "base64");
    // Copy into a fresh, aligned buffer: typed-array views need byteOffset % BYTES_PER_ELEMENT == 0.
    const out = new Uint8Array(buf.length);
    out.set(buf);
    return out;
  }
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Encodes `values` as `dtype` (converting, e.g. float64 -> float32 for coordinates) with the given shape
 * (default: one axis of the array's length).
 */
export function encodeArray(values: ArrayLike<number>, dtype: DType, shape?: number[]): EncodedArray {
  const s = shape ?? [values.length];
  const count = s.reduce((p, d) => p * d, 1);
  if (count !== values.length) throw new EigenlabError("shape", message.shape(s, values.length));
  const Ctor = CTORS[dtype];
  const typed = values instanceof Ctor ? values : Ctor.from(values as ArrayLike<number>);
  return { dtype, shape: s, b64: bytesToBase64(littleEndianBytes(typed)) };
}

/** The typed array an EncodedArray holds; checks that its byte length matches dtype and shape. */
export function decodeArray<D extends DType>(e: EncodedArray & { dtype: D }): TypedArrayOf<D>;
export function decodeArray(e: EncodedArray): Float64Array | Float32Array | Int32Array;
export function decodeArray(e: EncodedArray): Float64Array | Float32Array | Int32Array {
  const Ctor = CTORS[e.dtype];
  if (!Ctor) throw new EigenlabError("payload", message.badDtype(e.dtype));
  let bytes = base64ToBytes(e.b64);
  const count = e.shape.reduce((p, d) => p * d, 1);
  if (bytes.length !== count * Ctor.BYTES_PER_ELEMENT)
    throw new EigenlabError("payload", message.byteLength(e.dtype, e.shape, bytes.length));
  if (!LITTLE_ENDIAN) bytes = swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
}
