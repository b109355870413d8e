// A small `assert` for notebooks run by the Eigenlab (browser) kernel: the calls the examples make
// (ok, equal, strictEqual, notEqual, deepStrictEqual, throws, fail), with Node's AssertionError name.
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
  }
}
const raise = (message, fallback) => {
  if (message instanceof Error) throw message;
  throw new AssertionError(message === undefined ? fallback : String(message));
};
const show = (v) => {
  try {
    return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};
function deepEq(a, b, strict) {
  if (strict ? Object.is(a, b) : a == b) return true; // loose equality: assert.deepEqual's contract
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map && b instanceof Map) return deepEq([...a], [...b], strict);
  if (a instanceof Set && b instanceof Set) return deepEq([...a], [...b], strict);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEq(a[k], b[k], strict));
}
export function ok(value, message) {
  if (!value) raise(message, `The expression evaluated to a falsy value: ${show(value)}`);
}
export function equal(a, b, message) {
  if (a != b) raise(message, `${show(a)} == ${show(b)}`); // loose: assert.equal's contract
}
export function notEqual(a, b, message) {
  if (a == b) raise(message, `${show(a)} != ${show(b)}`); // loose: assert.notEqual's contract
}
export function strictEqual(a, b, message) {
  if (!Object.is(a, b)) raise(message, `Expected values to be strictly equal: ${show(a)} !== ${show(b)}`);
}
export function notStrictEqual(a, b, message) {
  if (Object.is(a, b)) raise(message, `Expected "actual" to be strictly unequal to: ${show(b)}`);
}
export function deepEqual(a, b, message) {
  if (!deepEq(a, b, false)) raise(message, `Expected values to be loosely deep-equal: ${show(a)} ${show(b)}`);
}
export function deepStrictEqual(a, b, message) {
  if (!deepEq(a, b, true)) raise(message, `Expected values to be strictly deep-equal: ${show(a)} ${show(b)}`);
}
export function throws(fn, expected, message) {
  try {
    fn();
  } catch (e) {
    if (typeof expected === 'function' && expected.prototype !== undefined && !(e instanceof expected)) throw e;
    if (expected instanceof RegExp && !expected.test(String(e && e.message))) raise(message, `The error message does not match ${expected}`);
    return;
  }
  raise(typeof expected === 'string' ? expected : message, 'Missing expected exception.');
}
function assert(value, message) {
  ok(value, message);
}
export { AssertionError };
export function fail(message) {
  raise(message, 'Failed');
}
export const strict = assert;
Object.assign(assert, { ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, deepStrictEqual, throws, AssertionError, strict: assert, fail });
export default assert;
