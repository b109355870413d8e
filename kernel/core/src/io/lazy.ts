/**
 * Loads a format's third-party library on first use. apache-arrow, hyparquet, graphology's XML parsers, xmldom,
 * pngjs, jpeg-js and csv-parse together took about 180 ms of every `require("@eigenlab/core")` — that is, of
 * every kernel start — while a session reads one or two formats, if any.
 */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
