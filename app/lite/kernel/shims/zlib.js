// `zlib` for the browser kernel's worker: the one call core makes (gunzipSync), by fflate (a core dependency).
import { gunzipSync as gunzip, gzipSync as gzip } from 'fflate';
export const gunzipSync = (bytes) => gunzip(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
export const gzipSync = (bytes) => gzip(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
export default { gunzipSync, gzipSync };
