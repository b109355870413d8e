// A small version of Node's util.inspect for the browser kernel's text/plain outputs and console.log, close
// to what the Node kernel prints (inspect with depth 3, 20 array items, 100-column lines) for the values
// notebooks show: numbers, strings, arrays, typed arrays, plain objects, Maps, Sets, errors.
const MAX_ITEMS = 20;
const BREAK = 100;

function key(k) {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`;
}

function join(open, items, close, indent) {
  if (items.length === 0) return `${open.trim()}${close.trim()}`;
  const flat = `${open}${items.join(', ')}${close}`;
  if (flat.length + indent <= BREAK && !flat.includes('\n')) return flat;
  const pad = ' '.repeat(indent + 2);
  return `${open.trim()}\n${items.map((i) => pad + i).join(',\n')}\n${' '.repeat(indent)}${close.trim()}`;
}

function fmt(v, depth, indent, seen) {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'string':
      return depth === 0 ? v : `'${v.replace(/'/g, "\\'")}'`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `[Function: ${v.name || '(anonymous)'}]`;
  }
  if (seen.has(v)) return '[Circular *1]';
  if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
  if (depth > 3) return Array.isArray(v) ? '[Array]' : '[Object]';
  seen.add(v);
  try {
    const inner = (x) => fmt(x, depth + 1, indent + 2, seen);
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = Array.from({ length: Math.min(v.length, MAX_ITEMS) }, (_, i) => inner(v[i]));
      if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more item${v.length - MAX_ITEMS > 1 ? 's' : ''}`);
      const prefix = Array.isArray(v) ? '' : `${v.constructor.name}(${v.length}) `;
      return prefix + join('[ ', items, ' ]', indent);
    }
    if (v instanceof Map) {
      return `Map(${v.size}) ` + join('{ ', [...v].slice(0, MAX_ITEMS).map(([k, x]) => `${inner(k)} => ${inner(x)}`), ' }', indent);
    }
    if (v instanceof Set) return `Set(${v.size}) ` + join('{ ', [...v].slice(0, MAX_ITEMS).map(inner), ' }', indent);
    if (v instanceof Date) return v.toISOString();
    const name = v.constructor && v.constructor.name && v.constructor.name !== 'Object' ? `${v.constructor.name} ` : '';
    const items = Object.keys(v).map((k) => `${key(k)}: ${inner(v[k])}`);
    return name + join('{ ', items, ' }', indent);
  } finally {
    seen.delete(v);
  }
}

/** `value` as Node's console.log shows it (a string is shown as is at the top level, quoted inside). */
export function inspect(value) {
  return typeof value === 'string' ? `'${value}'` : fmt(value, 0, 0, new Set());
}
export function format(value) {
  return fmt(value, 0, 0, new Set());
}
