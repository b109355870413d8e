/**
 * @eigenlab/kernel's browser-safe parts: what the browser kernel's Web Worker (app/lite/kernel/worker.js)
 * runs for cells, the same code as the Node kernel's: display and display handles, comms, widgets,
 * `interact`, selections coming back from the lab, progress lines and `input()`. Nothing here imports Node
 * modules beyond `crypto.randomUUID` and `util.inspect`, which the worker's bundle maps to browser stand-ins.
 */
export { display, clearOutput, DisplayHandle, toMimeBundle, setDisplaySink, input, inputSync } from "./runtime";
export type { DisplayOptions, DisplaySink } from "./runtime";
export { comm, commManager, Comm, CommManager } from "./comm";
export type { CommMessage, CommHandler, SendOptions } from "./comm";
export { widgets, Widget, IntSlider, FloatSlider, FloatLogSlider, Dropdown, Checkbox, Button, Text, Play, HBox, VBox, Output, Layout, installWidgetTargets } from "./widgets";
export type { Change } from "./widgets";
export { interact, controlFor } from "./interact";
export type { Interaction, InteractOptions, ControlSpec } from "./interact";
export { installSelectionTarget, SELECTION_TARGET } from "./selection";
export type { Selection } from "./selection";
export { ProgressLines } from "./progress";
export { errorContent } from "./error-content";
