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
} as const;
