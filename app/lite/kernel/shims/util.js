// `util` for the browser kernel's worker: inspect only (the kernel's text/plain of a displayed value,
// @eigenlab/kernel runtime.ts), from the worker's small version of Node's util.inspect.
import { inspect as inspectValue } from '../inspect';

export function inspect(value) {
  return inspectValue(value);
}
export default { inspect };
