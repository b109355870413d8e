/** Every text a notebook user can read from the Eigenlab kernel, in one place. Each says what to do. */
export const message = {
  interrupted: "Interrupted: the cell was stopped; variables defined before it are kept.",
  mathExpectsMatrix: (fn: string, got: string) =>
    `${fn} expects a matrix, got ${got}. Pass a matrix such as randn(n, n, seed) or [1, 2; 3, 4].`,
  displayOutsideKernel: "display() is only available inside the Eigenlab kernel (run the cell in a notebook).",
  preludeFailed: (reason: string) =>
    `The Eigenlab prelude failed to load (${reason}); the DSL names are missing. ` +
    "Rebuild with `npx tsc -b` and run `npx eigenlab doctor`.",
  kernelNotBuilt: (file: string) =>
    `The kernel entry ${file} does not exist: build it with \`npx tsc -b\` in the Eigenlab checkout.`,

  // ---- comms, widgets, stdin, magics (issue #13) ----
  commOutsideKernel: "Comms and widgets need the Eigenlab kernel: run the cell in a notebook.",
  commClosed: (target: string, id: string) =>
    `The comm ${id} (target "${target}") is closed: open a new one with comm.open("${target}", data).`,
  kernelOptionsNotObject: (fn: string, allowed: readonly string[]) =>
    `${fn} takes its options as an object, e.g. { ${allowed[0]}: ... }; known options: ${allowed.join(", ")}.`,
  kernelUnknownOption: (fn: string, key: string, allowed: readonly string[]) =>
    `${fn} has no option "${key}": use one of ${allowed.join(", ")}.`,
  stdinNotAllowed:
    "input() needs a front end that accepts input (allow_stdin is false here, e.g. nbclient or a non-interactive run): " +
    "set the value in the cell instead, or run the notebook in JupyterLab.",
  stdinSyncUnavailable:
    "inputSync() needs the Eigenlab kernel's own process (its stdin answers through shared memory): use `await input(prompt)` here.",
  stdinSyncBrowser:
    "inputSync() is not available in the browser kernel (its Web Worker cannot wait for the answer): use `await input(prompt)`, or run the notebook in the Node kernel (npm start).",
  stdinOutsideCell: "input() can only be awaited inside a running cell: call it at a cell's top level or in a function the cell awaits.",
  interactRange: (name: string, got: string) =>
    `interact: the control "${name}" got ${got}. Give [min, max], [min, max, step], a boolean, a string, an array of options, or a widget.`,
  timeitUsage: "%timeit takes a statement: `%timeit linalg.eigh(A)` or a `%%timeit` cell (options: -n <loops> -r <repeats>).",
  helpNotFound: (expr: string) => `help: nothing is known about \`${expr}\`; check the name (completion with Tab lists them).`,
} as const;
