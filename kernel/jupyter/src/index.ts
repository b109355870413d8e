/** @eigenlab/kernel — the Jupyter kernel's parts, for tests and tools. */
export { KernelHandler } from "./handler";
export type { KernelIO, HandlerOptions } from "./handler";
export { createEngine } from "./tslab-adapter";
export type { Engine, ExecOutcome } from "./tslab-adapter";
export { MathCells, isMathCell } from "./math-cell";
export { display, clearOutput, DisplayHandle, toMimeBundle, setDisplaySink } from "./runtime";
export type { DisplayOptions, DisplaySink } from "./runtime";
export { preludeSource, installRichDisplay, notebookPackages, coreEntry } from "./prelude";
export { kernelSpec, installKernelSpec, uninstallKernelSpec, doctor, jupyterDataDirs, KERNEL_NAME, DISPLAY_NAME } from "./kernelspec";
export { encodeMessage, decodeMessage } from "./wire";
export { childMessage, PROTOCOL_VERSION } from "./protocol";
export type { Message, Header, Channel, MimeBundle } from "./protocol";
export { logoPng } from "./logo";
export { comm, commManager, Comm, CommManager } from "./comm";
export type { CommMessage, CommHandler, SendOptions } from "./comm";
