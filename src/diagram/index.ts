// The architecture diagram: the model of the stack and its three renderings.
export { renderMermaid } from "./mermaid.js";
export { buildModel, type ModelInput } from "./model.js";
export { renderSvg } from "./svg.js";
export { renderText, type TextOptions } from "./text.js";
export type * from "./types.js";

export const DIAGRAM_FORMATS = ["text", "mermaid", "svg"] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];
