// The check's own check: one bare `Buffer`, as a Node-minded line of code would
// write it, next to the real app. Its build must show the polyfill.
import "./app.mjs";

export const bytes = Buffer.from("sciclients").length;
globalThis.sciclientsBytes = bytes;
