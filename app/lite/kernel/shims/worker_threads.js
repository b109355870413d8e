// `worker_threads` for the browser kernel's worker: no thread pool (core's pool stays at one thread).
export const isMainThread = true;
export const workerData = null;
export class Worker {
  constructor() {
    throw new Error('threads are not available in the Eigenlab (browser) kernel: it computes on one thread');
  }
}
export default { isMainThread, workerData, Worker };
