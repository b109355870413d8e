/**
 * The "extension" entry of @eigenlab/jupyterlab (beside the MIME renderer, its "mimeExtension" entry): the
 * front-end plugins, one module so JupyterLab loads them together.
 */
import reference from "./help";
import selections from "./selection";

export default [reference, selections];
