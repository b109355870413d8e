// The Eigenlab (browser) kernel's Web Worker: the same cells as the Node kernel (kernel/jupyter), run here.
// - TypeScript: tslab's converter (the same code the Node kernel uses) on an in-memory ts.System holding
//   TypeScript's libs and @eigenlab/core's and @eigenlab/viz's declarations, so a cell is type-checked and a
//   type error is the same "TypeScriptError" output; declarations persist across cells as in tslab.
// - The DSL prelude: every runtime and type export of @eigenlab/core, plus the Node kernel's display,
//   comm, widgets, interact and input (@eigenlab/kernel's browser-safe entry, the same code).
// - Rich display: @eigenlab/viz's formatters (MIME bundles of the display contract) and display handles;
//   widgets (ipywidgets 8 protocol, drawn by the lab's widget manager), lasso/eigenvalue selections back to
//   the kernel, and progress lines for long DSL calls.
// - %%math cells: the Node kernel's MathCells (mathjs), loaded on the first math cell.
// - io: Node's fs is replaced by shims/fs.js (files of the site and files the reader uploaded).
// Messages: the main thread (kernel.js) sends {type: "init" | "execute" | "complete" | "inspect" |
// "is_complete" | "files" | "comm" | "comm_info"} requests and {type: "input_reply"}; this worker answers
// {type: "reply", id, content}, streams {type: "iopub", msgType, content, cause} (outputs and comm
// messages) and asks {type: "input_request", content} for input().
import * as ts from '@tslab/typescript-for-tslab';
import * as fsShim from './shims/fs';
import { createMemorySystem, CWD } from './memsys';
import { inspect } from './inspect';
import * as assertShim from './shims/assert';
import { errorContent } from '@eigenlab/kernel/dist/error-content';

const DIAGNOSTIC_LINE = (d) =>
  `${d.fileName ? d.fileName + ' ' : ''}${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`;

let converter = null;
let core = null;
let viz = null;
let mathCells = null;
let prevDecl = '';
let interruptFlag = null;
/** The cell's variables (tslab's `exports`): a proxy that turns defineProperty into plain writes. */
const locals = {};
const exportsProxy = new Proxy(locals, {
  defineProperty(_target, prop, attrs) {
    if (prop === '__esModule') return true;
    locals[prop] = attrs.get ? attrs.get() : attrs.value;
    return true;
  }
});

const post = (msg) => self.postMessage(msg);
// `cause`: the request whose output this is (its msg_id), so the main thread publishes under that parent.
const iopub = (msgType, content) => post({ type: 'iopub', msgType, content, cause });

// console.* of a cell goes to the cell's output as streams, formatted like Node's console.
const format = (args) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ') + '\n';
for (const [name, stream] of [['log', 'stdout'], ['info', 'stdout'], ['debug', 'stdout'], ['warn', 'stderr'], ['error', 'stderr']]) {
  console[name] = (...args) => iopub('stream', { name: stream, text: format(args) });
}
// console.table: the Node kernel's HTML table (kernel/jupyter console-table-html.ts), the text as Node's inspect.
console.table = (data, columns) => {
  const { consoleTableHtml } = require('@eigenlab/kernel/dist/console-table-html');
  const html = consoleTableHtml(data, columns);
  if (html === undefined) iopub('stream', { name: 'stdout', text: format([data]) });
  else iopub('display_data', { data: { 'text/html': html, 'text/plain': inspect(data) }, metadata: {}, transient: {} });
};

// ---- display, comms, widgets, selections, progress, input ---------------------------------------------
// The Node kernel's own runtime (@eigenlab/kernel's browser-safe entry, kernel/jupyter/src/browser.ts):
// display handles, the comm manager, ipywidgets-protocol widgets, interact, the lab's selections and the
// progress lines; this worker plugs in the sinks that post to the main thread (kernel.js), which publishes.
// Loaded in init, after @eigenlab/core.
let kernel = null;
let progress = null;
/** The running request: cell outputs and comm messages are caused by it (main thread's parent header). */
let cause = null;
let allowStdin = false;
let pendingInput = null;

function installRuntime() {
  kernel = require('@eigenlab/kernel/dist/browser');
  const { message } = require('@eigenlab/kernel/dist/messages');
  const show = (data, metadata, id, update) =>
    iopub(update ? 'update_display_data' : 'display_data', { data, metadata, transient: { display_id: id } });
  kernel.setDisplaySink({ display: show, clear: (wait) => iopub('clear_output', { wait }) });
  kernel.commManager().setSink((msgType, content, opts) =>
    post({ type: 'iopub', msgType, content, metadata: opts.metadata || {}, buffers: opts.buffers || [], cause })
  );
  kernel.installSelectionTarget();
  // A reloaded page asks for every widget's state on the control comm.
  kernel.installWidgetTargets();
  progress = new kernel.ProgressLines((data, id, update) => show(data, {}, id, update));
  // Output widgets capture what is published under the request being served (widgets.ts).
  globalThis[Symbol.for('eigenlab.kernel.parentMsgId')] = () => (cause && cause.msgId) || '';
  // `await input(prompt)`: the main thread sends input_request on stdin and posts the answer back.
  globalThis[Symbol.for('eigenlab.kernel.input')] = (prompt, password) => {
    if (!cause || cause.kind !== 'execute') return Promise.reject(new core.EigenlabError('stdin', message.stdinOutsideCell));
    if (!allowStdin) return Promise.reject(new core.EigenlabError('stdin-not-allowed', message.stdinNotAllowed));
    return new Promise((resolve) => {
      pendingInput = resolve;
      post({ type: 'input_request', content: { prompt, password } });
    });
  };
  globalThis[Symbol.for('eigenlab.kernel.inputSync')] = () => {
    throw new core.EigenlabError('stdin', message.stdinSyncBrowser);
  };
}

// ---- modules a cell may import ---------------------------------------------------------------------------
function cellRequire(id) {
  switch (id) {
    case '@eigenlab/core':
    case '@eigenlab/core/base':
      return core;
    case '@eigenlab/viz':
    case '@eigenlab/viz/browser':
      return viz;
    case '@eigenlab/kernel':
    case '@eigenlab/browser-kernel':
      return kernel;
    case 'assert':
    case 'node:assert':
    case 'assert/strict':
      return assertShim;
    case '@eigenlab/gpu':
      // GPU.js (its browser build) on an OffscreenCanvas: WebGL2 on the reader's GPU where the browser has
      // one; importing it registers backend "gpu", and meta.backend names the GPU.js kernel that ran.
      return require('@eigenlab/gpu');
    case 'fs':
    case 'node:fs':
      // The kernel's in-memory files (shims/fs.js): the site's, the lab's, and what cells wrote.
      return fsShim;
    default:
      throw new Error(
        `Cannot find module '${id}': the Eigenlab (browser) kernel runs in your browser, where only @eigenlab/core, ` +
          '@eigenlab/viz, assert and an in-memory fs can be imported (no other Node packages). Run this notebook in the Node kernel (npm start) to use it.'
      );
  }
}

const INTERRUPTED = { ename: 'Interrupted', evalue: 'the cell was interrupted', traceback: ['Interrupted: the cell was stopped; the notebook\'s variables are kept.'] };

// ---- the engine ------------------------------------------------------------------------------------------
/** Object-literal shorthand of earlier cells' names, spelled out (as tslab-adapter.ts's respellForTslab). */
function respell(src) {
  if (!src.includes('{')) return src;
  const sf = ts.createSourceFile('cell.ts', src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isShorthandPropertyAssignment(node) && node.name.text in locals) {
      edits.push({ start: node.name.getStart(sf), end: node.name.end, text: `${node.name.text}: ${node.name.text}` });
    } else if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName)) {
      edits.push({ start: node.propertyName.getStart(sf), end: node.propertyName.end, text: JSON.stringify(node.propertyName.text) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Compiles (type-checks) and runs one TypeScript cell: {ok, hasValue, value} or {ok: false, error}. */
async function runTs(src) {
  const converted = converter.convert(prevDecl, respell(src));
  if (converted.diagnostics.length > 0) {
    const lines = converted.diagnostics.map(DIAGNOSTIC_LINE);
    return { ok: false, error: { ename: 'TypeScriptError', evalue: lines.join('\n'), traceback: lines } };
  }
  if (!converted.output) {
    prevDecl = converted.declOutput || '';
    return { ok: true, hasValue: false };
  }
  try {
    const prefix = converted.hasToplevelAwait ? '(async function(exports, require) { ' : '(function(exports, require) { ';
    // Indirect eval: the cell runs in the worker's global scope, as tslab's vm.runInThisContext does in Node.
    const fn = (0, eval)(`${prefix}${converted.output}\n})`);
    const ret = fn(exportsProxy, cellRequire);
    if (converted.hasToplevelAwait) await ret;
  } catch (e) {
    return e && e.eigenlabInterrupt ? { ok: false, error: INTERRUPTED } : { ok: false, error: errorContent(e) };
  }
  prevDecl = converted.declOutput || '';
  const key = converted.lastExpressionVar;
  if (key && locals[key] != null) {
    const value = locals[key];
    delete locals[key];
    return { ok: true, hasValue: true, value };
  }
  return { ok: true, hasValue: false };
}

function typeOf(v) {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return typeof v;
  if (v && typeof v === 'object') {
    for (const name of ['Matrix', 'CsrMatrix', 'Spectrum', 'Embedding', 'Clustering']) {
      if (typeof core[name] === 'function' && v instanceof core[name]) return `import("@eigenlab/core").${name}`;
    }
    const c = v.constructor && v.constructor.name;
    if (c && /^(Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8|Uint8Clamped)Array$/.test(c)) return c;
  }
  return 'any';
}

async function runMath(code, silent) {
  if (!mathCells) {
    const { MathCells } = require('@eigenlab/kernel/dist/math-cell');
    mathCells = new MathCells(locals);
  }
  let result;
  try {
    result = mathCells.run(code);
  } catch (e) {
    return { ok: false, error: errorContent(e) };
  }
  if (!silent && result.latex) {
    const body = code.replace(/^\s*%%math[^\S\n]*(\n|$)/, '').trim();
    iopub('display_data', {
      data: { 'text/latex': `$$\n\\begin{array}{l}\n${result.latex}\n\\end{array}\n$$`, 'text/plain': body },
      metadata: {},
      transient: {}
    });
  }
  const valid = result.assigned.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  if (valid.length > 0) {
    const carrier = Symbol.for('eigenlab.math.carrier');
    globalThis[carrier] = Object.fromEntries(valid.map((n) => [n, locals[n]]));
    const lines = valid.map(
      (n) => `let ${n}: ${typeOf(locals[n])} = (globalThis as any)[Symbol.for("eigenlab.math.carrier")][${JSON.stringify(n)}];`
    );
    const out = await runTs(lines.join('\n'));
    delete globalThis[carrier];
    if (!out.ok) iopub('stream', { name: 'stderr', text: `(math variables ${valid.join(', ')} are untyped: ${out.error.evalue})\n` });
  }
  return { ok: true, hasValue: result.hasValue, value: result.value };
}

async function execute({ code, silent, executionCount, allowStdin: stdin, msgId }) {
  if (interruptFlag) Atomics.store(interruptFlag, 0, 0);
  cause = { kind: 'execute', msgId };
  allowStdin = stdin === true;
  let outcome;
  try {
    outcome = /^\s*%%math[^\S\n]*(\n|$)/.test(code) ? await runMath(code, silent) : await runTs(code);
  } finally {
    // Operations the cell left unfinished say where they stopped; later reports start afresh.
    progress.endCell();
    cause = null;
    pendingInput = null;
  }
  const quiet = outcome.ok && outcome.value instanceof kernel.DisplayHandle && /;\s*$/.test(code);
  if (outcome.ok && outcome.hasValue && !silent && !quiet) {
    try {
      iopub('execute_result', { execution_count: executionCount, data: kernel.toMimeBundle(outcome.value), metadata: {} });
    } catch (e) {
      return { status: 'error', ...errorContent(e) };
    }
  }
  return outcome.ok ? { status: 'ok', user_expressions: {} } : { status: 'error', ...outcome.error };
}

/** A front end's comm_open / comm_msg / comm_close: what its handlers publish is caused by it. */
async function commMessage({ msgType, content, metadata, buffers, msgId }) {
  const m = { data: (content && content.data) || {}, metadata: metadata || {}, buffers: buffers || [], msgId };
  const comms = kernel.commManager();
  cause = { kind: 'comm', msgId };
  try {
    if (msgType === 'comm_open') await comms.handleOpen(content, m);
    else if (msgType === 'comm_msg') await comms.handleMsg(content, m);
    else comms.handleClose(content, m);
  } catch (e) {
    // A handler's error (an observe callback that throws) goes to the log, as ipykernel does.
    const err = errorContent(e);
    iopub('stream', { name: 'stderr', text: err.traceback.join('\n') + '\n' });
  } finally {
    cause = null;
  }
  return {};
}

/** init: loads the declarations, installs the ts.System, starts the converter and runs the prelude. */
async function init({ typesUrl, filesUrl, coreDataUrl, location, interruptBuffer }) {
  const t0 = performance.now();
  const files = new Map(Object.entries(await (await fetch(typesUrl)).json()));
  const prelude = files.get('/prelude.ts');
  ts.setSys(createMemorySystem(files));
  fsShim.configure({ filesUrl, coreDataUrl, location });
  if (interruptBuffer) interruptFlag = new Int32Array(interruptBuffer);
  core = require('@eigenlab/core');
  viz = require('@eigenlab/viz');
  viz.registerFormatters();
  // A long DSL call reports progress through core's hook; when the page is cross-origin isolated the main
  // thread can set this shared flag, and the next report stops the cell (state kept).
  installRuntime();
  core.onProgress((p) => {
    if (interruptFlag && Atomics.load(interruptFlag, 0) === 1) {
      Atomics.store(interruptFlag, 0, 0);
      const e = new Error('interrupted');
      e.eigenlabInterrupt = true;
      throw e;
    }
    // Reports come from the running cell's synchronous code; outside a cell there is nowhere to show them.
    if (cause && cause.kind === 'execute') progress.report(p);
  });
  globalThis.process = globalThis.process || { env: {}, version: 'v20.0.0', platform: 'browser' };
  const { createConverter } = require('tslab/dist/converter');
  converter = createConverter({ isJS: false, isBrowser: false });
  const out = await runTs(prelude);
  if (!out.ok) throw new Error(`the prelude failed: ${out.error.evalue}`);
  return { ms: Math.round(performance.now() - t0), cwd: CWD, wasm: Boolean(core.kernelsInfo?.().wasm) };
}

function complete({ code, cursor_pos }) {
  const info = converter.complete(prevDecl, code, cursor_pos);
  return { status: 'ok', matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} };
}

function inspectRequest({ code, cursor_pos }) {
  const info = converter.inspect(prevDecl, code, cursor_pos);
  if (!info) return { status: 'ok', found: false, data: {}, metadata: {} };
  const { printQuickInfo } = require('tslab/dist/inspect');
  return { status: 'ok', found: true, data: { 'text/plain': printQuickInfo(info) }, metadata: {} };
}

function isComplete({ code }) {
  const { isCompleteCode } = require('tslab/dist/converter');
  const r = isCompleteCode(code);
  return r.completed ? { status: 'complete' } : { status: 'incomplete', indent: r.indent || '' };
}

self.onmessage = async (e) => {
  const { id, type, content } = e.data;
  if (type === 'input_reply') {
    // The answer to input(): not a request (the cell that asked is still running).
    const resolve = pendingInput;
    pendingInput = null;
    if (resolve) resolve(String(content.value ?? ''));
    return;
  }
  let reply;
  try {
    switch (type) {
      case 'init':
        reply = await init(content);
        break;
      case 'execute':
        reply = await execute(content);
        break;
      case 'complete':
        reply = complete(content);
        break;
      case 'inspect':
        reply = inspectRequest(content);
        break;
      case 'is_complete':
        reply = isComplete(content);
        break;
      case 'comm':
        reply = await commMessage(content);
        break;
      case 'comm_info':
        reply = { status: 'ok', comms: kernel.commManager().info(content.target_name) };
        break;
      case 'files':
        fsShim.addFiles(content.files);
        reply = {};
        break;
      default:
        reply = {};
    }
    post({ type: 'reply', id, content: reply });
  } catch (err) {
    post({ type: 'reply', id, error: errorContent(err) });
  }
};
