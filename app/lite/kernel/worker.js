// The Eigenlab (browser) kernel's Web Worker: the same cells as the Node kernel (kernel/jupyter), run here.
// - TypeScript: tslab's converter (the same code the Node kernel uses) on an in-memory ts.System holding
//   TypeScript's libs and @eigenlab/core's and @eigenlab/viz's declarations, so a cell is type-checked and a
//   type error is the same "TypeScriptError" output; declarations persist across cells as in tslab.
// - The DSL prelude: every runtime and type export of @eigenlab/core, plus display/clearOutput/DisplayHandle.
// - Rich display: @eigenlab/viz's formatters (MIME bundles of the display contract) and display handles.
// - %%math cells: the Node kernel's MathCells (mathjs), loaded on the first math cell.
// - io: Node's fs is replaced by shims/fs.js (files of the site and files the reader uploaded).
// Messages: the main thread (kernel.js) sends {type: "init" | "execute" | "complete" | "inspect" |
// "is_complete" | "files"}; this worker answers {type: "reply", id, content} and streams {type: "iopub",
// msgType, content} while a cell runs.
import * as ts from '@tslab/typescript-for-tslab';
import * as fsShim from './shims/fs';
import { createMemorySystem, CWD } from './memsys';
import { inspect } from './inspect';
import * as assertShim from './shims/assert';

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
const iopub = (msgType, content) => post({ type: 'iopub', msgType, content });

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

// ---- display -------------------------------------------------------------------------------------------
const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');
const EIGENLAB_MIME = 'application/vnd.eigenlab.v1+json';

function toMimeBundle(value) {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    const hook = value[JUPYTER_DISPLAY];
    if (typeof hook === 'function') {
      const bundle = hook.call(value);
      if (bundle && typeof bundle === 'object') {
        return 'text/plain' in bundle ? { ...bundle } : { ...bundle, 'text/plain': inspect(value) };
      }
    }
  }
  return { 'text/plain': inspect(value) };
}

function withView(bundle, metadata, id) {
  if (!(EIGENLAB_MIME in bundle)) return metadata;
  return { ...metadata, [EIGENLAB_MIME]: { ...(metadata[EIGENLAB_MIME] || {}), view: id } };
}

class DisplayHandle {
  constructor(id) {
    this.id = id;
  }
  update(value, metadata = {}) {
    const data = toMimeBundle(value);
    iopub('update_display_data', { data, metadata: withView(data, metadata, this.id), transient: { display_id: this.id } });
  }
  selection() {
    return [];
  }
  clicked() {
    return null;
  }
  onSelect() {
    return this;
  }
}

function display(value, options = {}) {
  const id = options.id || crypto.randomUUID();
  const data = toMimeBundle(value);
  iopub('display_data', { data, metadata: withView(data, options.metadata || {}, id), transient: { display_id: id } });
  return new DisplayHandle(id);
}

function clearOutput(wait = false) {
  iopub('clear_output', { wait });
}

const kernelModule = { display, clearOutput, DisplayHandle, toMimeBundle };

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
      return kernelModule;
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

// ---- errors ----------------------------------------------------------------------------------------------
function errorContent(e) {
  if (e instanceof Error) {
    const ename = e.name || (e.constructor && e.constructor.name) || 'Error';
    const frames = String(e.stack || '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l) && !/eigenlab-kernel-worker/.test(l));
    return { ename, evalue: e.message, traceback: [`${ename}: ${e.message}`, ...frames] };
  }
  const evalue = typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
  return { ename: 'Thrown', evalue, traceback: [`Uncaught ${evalue}`] };
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

async function execute({ code, silent, executionCount }) {
  if (interruptFlag) Atomics.store(interruptFlag, 0, 0);
  const outcome = /^\s*%%math[^\S\n]*(\n|$)/.test(code) ? await runMath(code, silent) : await runTs(code);
  const quiet = outcome.ok && outcome.value instanceof DisplayHandle && /;\s*$/.test(code);
  if (outcome.ok && outcome.hasValue && !silent && !quiet) {
    try {
      iopub('execute_result', { execution_count: executionCount, data: toMimeBundle(outcome.value), metadata: {} });
    } catch (e) {
      return { status: 'error', ...errorContent(e) };
    }
  }
  return outcome.ok ? { status: 'ok', user_expressions: {} } : { status: 'error', ...outcome.error };
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
  core.onProgress(() => {
    if (interruptFlag && Atomics.load(interruptFlag, 0) === 1) {
      Atomics.store(interruptFlag, 0, 0);
      const e = new Error('interrupted');
      e.eigenlabInterrupt = true;
      throw e;
    }
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
