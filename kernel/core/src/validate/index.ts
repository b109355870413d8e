/**
 * The validation layer of @eigenlab/core (#16), one folder:
 * - `options`  — options objects: schema per function (`opt.*`), unknown keys, types (leaf module);
 * - `numbers`  — numeric option checks with the function and option named (leaf module);
 * - `checks`   — finite data, dimensions, k, indices, label names (leaf module);
 * - `describe` — values quoted with their type in messages (leaf module);
 * - `inputs`   — matrix-like inputs: Matrix / nested arrays / CsrMatrix / LinearOperator / vectors;
 * - `graph`    — the one adjacency-matrix check, and point clouds.
 * Public functions check once, here, at their boundary; internals take validated data and check nothing.
 * This index re-exports the leaf modules only (no Matrix import, so kernels and Matrix itself can use it
 * without an import cycle); `inputs` and `graph` load Matrix/CsrMatrix and are imported by path.
 */
export * from "./options";
export * from "./numbers";
export * from "./checks";
export * from "./describe";
export * from "./vectors";
