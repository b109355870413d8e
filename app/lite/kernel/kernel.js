// The Eigenlab (browser) kernel, main-thread side: a JupyterLite BaseKernel that forwards requests to its Web
// Worker (worker.js, bundled as build/eigenlab-kernel-worker.js) and publishes what the worker streams.
// Interrupt: when the page is cross-origin isolated, a SharedArrayBuffer flag the worker's progress hook
// checks stops a long DSL call and keeps the notebook's variables; otherwise the worker is terminated and a
// fresh one started, which loses them (the cell shows an error that says so).
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { BaseKernel } from '@jupyterlite/services';

const LANGUAGE_INFO = {
  name: 'typescript',
  version: '5.0',
  mimetype: 'text/typescript',
  file_extension: '.ts',
  pygments_lexer: 'typescript',
  codemirror_mode: { name: 'javascript', typescript: true }
};

/** Quoted paths in a cell (`io.read("data/x.csv")`): files the worker may need from the lab's contents. */
const PATH_LITERAL = /["'`]([^"'`\n]{1,200}\.[A-Za-z0-9]{1,8})["'`]/g;

export class EigenlabBrowserKernel extends BaseKernel {
  constructor(options, drive) {
    super(options);
    this._drive = drive;
    this._pending = new Map();
    this._nextId = 1;
    /** msg_id -> header of the requests being served, so outputs and comm messages get the right parent. */
    this._causes = new Map();
    this._isolated = typeof SharedArrayBuffer !== 'undefined' && self.crossOriginIsolated === true;
    this._ready = this._start();
  }

  get ready() {
    return this._ready;
  }

  _start() {
    const staticUrl = PageConfig.getOption('fullStaticUrl');
    this._worker = new Worker(URLExt.join(staticUrl, 'eigenlab-kernel-worker.js'));
    this._worker.onmessage = (e) => this._onWorker(e.data);
    // A worker that dies (an uncaught error, out of memory) fails the waiting requests instead of hanging them.
    this._worker.onerror = (e) => {
      const died = { ename: 'KernelDied', evalue: String(e.message || 'the kernel\'s Web Worker stopped'), traceback: [`KernelDied: ${e.message || 'the kernel\'s Web Worker stopped'}; restart the kernel.`] };
      for (const p of this._pending.values()) p.reject(Object.assign(new Error(died.evalue), { content: died }));
      this._pending.clear();
    };
    this._flag = this._isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const base = new URL(PageConfig.getBaseUrl(), self.location.href).href;
    return this._call('init', {
      typesUrl: URLExt.join(staticUrl, 'eigenlab-types.json'),
      filesUrl: URLExt.join(base, 'files/'),
      coreDataUrl: URLExt.join(staticUrl, 'eigenlab-data/'),
      location: this.location,
      interruptBuffer: this._flag ? this._flag.buffer : null
    }).then((info) => {
      this._startInfo = info;
    });
  }

  _call(type, content) {
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      this._worker.postMessage({ id, type, content });
    });
  }

  _onWorker(msg) {
    if (msg.type === 'reply') {
      const p = this._pending.get(msg.id);
      this._pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(Object.assign(new Error(msg.error.evalue), { content: msg.error }));
      else p.resolve(msg.content);
      return;
    }
    if (msg.type === 'input_request') {
      // input(): stdin to the front end; its input_reply comes back through inputReply().
      this.inputRequest(msg.content);
      return;
    }
    if (msg.type !== 'iopub') return;
    const c = msg.content;
    const parent = (msg.cause && this._causes.get(msg.cause.msgId)) || undefined;
    switch (msg.msgType) {
      case 'stream':
        this.stream(c, parent);
        break;
      case 'display_data':
        this.displayData(c, parent);
        break;
      case 'update_display_data':
        this.updateDisplayData(c, parent);
        break;
      case 'clear_output':
        this.clearOutput(c, parent);
        break;
      case 'execute_result':
        this.publishExecuteResult(c, parent);
        break;
      case 'comm_open':
      case 'comm_msg':
      case 'comm_close':
        // widgets, interact and the selection comm of the worker's kernel runtime
        this.handleComm(msg.msgType, c, msg.metadata || {}, msg.buffers || [], parent);
        break;
    }
  }

  /** Runs a worker request on behalf of the Jupyter message with `header` (its outputs' parent). */
  async _serve(header, type, content) {
    const msgId = header ? header.msg_id : undefined;
    if (msgId) this._causes.set(msgId, header);
    try {
      return await this._call(type, { ...content, msgId });
    } finally {
      if (msgId) this._causes.delete(msgId);
    }
  }

  /** Stops the running cell (see the header). Called by the kernel client's interrupt (plugin.js). */
  interrupt() {
    if (this._flag) {
      Atomics.store(this._flag, 0, 1);
      return;
    }
    const lost = {
      status: 'error',
      ename: 'KernelRestarted',
      evalue: 'the cell was stopped by restarting the browser kernel',
      traceback: [
        'KernelRestarted: this page is not cross-origin isolated, so the only way to stop a running cell is to ' +
          'stop its Web Worker: the kernel was restarted and the notebook\'s variables are lost. Run the cells above again.'
      ]
    };
    for (const p of this._pending.values()) p.reject(Object.assign(new Error(lost.evalue), { content: lost }));
    this._pending.clear();
    this._worker.terminate();
    this._ready = this._start();
  }

  dispose() {
    if (this.isDisposed) return;
    this._worker.terminate();
    super.dispose();
  }

  async kernelInfoRequest() {
    return {
      status: 'ok',
      protocol_version: '5.3',
      implementation: 'eigenlab-browser',
      implementation_version: '0.1.0',
      language_info: LANGUAGE_INFO,
      banner:
        'Eigenlab (browser): TypeScript cells type-checked by tslab\'s converter in a Web Worker, @eigenlab/core ' +
        'on WebAssembly SIMD (one thread). The DSL (linalg, Matrix, Rng, ...) is preloaded; %%math cells take mathjs.',
      help_links: [{ text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/' }]
    };
  }

  /** Hands the worker the lab's copies of the files a cell names (uploads and edits live in the browser). */
  async _syncFiles(code) {
    if (!this._drive) return;
    const wanted = new Set();
    for (const m of code.matchAll(PATH_LITERAL)) {
      const p = m[1].startsWith('/') ? m[1].slice(1) : URLExt.join(this.location, m[1]);
      wanted.add(p.replace(/^\/+/, ''));
    }
    const out = {};
    for (const path of wanted) {
      try {
        const model = await this._drive.get(path, { content: true, format: 'base64' });
        if (model.type === 'notebook' || model.type === 'directory') continue;
        if (model.format === 'base64') out[path] = Uint8Array.from(atob(model.content.replace(/\s/g, '')), (c) => c.charCodeAt(0));
        else if (typeof model.content === 'string') out[path] = new TextEncoder().encode(model.content);
      } catch {
        // not in the lab's contents: the worker looks for it among the site's files
      }
    }
    if (Object.keys(out).length > 0) await this._call('files', { files: out });
  }

  async executeRequest(content) {
    await this._ready;
    const code = String(content.code ?? '');
    try {
      await this._syncFiles(code);
      const reply = await this._serve(this.parentHeader, 'execute', {
        code,
        silent: Boolean(content.silent),
        executionCount: this.executionCount,
        allowStdin: content.allow_stdin === true
      });
      if (reply.status === 'error') {
        this.publishExecuteError({ ename: reply.ename, evalue: reply.evalue, traceback: reply.traceback });
      }
      return { ...reply, execution_count: this.executionCount };
    } catch (e) {
      const err = e.content || { ename: 'Error', evalue: String(e.message || e), traceback: [String(e.message || e)] };
      this.publishExecuteError(err);
      return { status: 'error', execution_count: this.executionCount, ...err };
    }
  }

  async completeRequest(content) {
    await this._ready;
    return this._call('complete', content).catch(() => ({ status: 'ok', matches: [], cursor_start: content.cursor_pos, cursor_end: content.cursor_pos, metadata: {} }));
  }

  async inspectRequest(content) {
    await this._ready;
    return this._call('inspect', content).catch(() => ({ status: 'ok', found: false, data: {}, metadata: {} }));
  }

  async isCompleteRequest(content) {
    await this._ready;
    return this._call('is_complete', content).catch(() => ({ status: 'unknown' }));
  }

  async commInfoRequest(content) {
    await this._ready;
    return this._call('comm_info', { target_name: (content && content.target_name) || '' });
  }

  /** The front end's answer to input(): straight to the worker (the cell that asked is still running). */
  inputReply(content) {
    this._worker.postMessage({ type: 'input_reply', content });
  }

  // A front end's comm messages (widget state, button clicks, the lab's selections) run the worker's comm
  // handlers; what they publish has the comm message as its parent.
  async commOpen(msg) {
    await this._comm(msg);
  }

  async commMsg(msg) {
    await this._comm(msg);
  }

  async commClose(msg) {
    await this._comm(msg);
  }

  async _comm(msg) {
    await this._ready;
    const buffers = (msg.buffers || []).map((b) => (b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
    await this._serve(msg.header, 'comm', { msgType: msg.header.msg_type, content: msg.content, metadata: msg.metadata, buffers }).catch(() => undefined);
  }
}
