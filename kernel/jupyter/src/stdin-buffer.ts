/**
 * Shared memory for `inputSync()` (no imports: both threads load it). Int32 [0] state (0 waiting,
 * 1 answered), [1] byte length, then the UTF-8 value. The main thread blocks in Atomics.wait on it while the
 * transport worker, which owns the stdin socket, writes the input_reply there.
 */
export const INPUT_HEADER_BYTES = 8;
/** Longest answer kept (longer ones are cut): a megabyte of typed text. */
export const INPUT_BUFFER_BYTES = 1 << 20;
