/**
 * `@mobilenetv1/core/io`: files — atomic folder writes (`writeFolder`: temp files, then rename), the
 * local-folder model source, the byte caps on model files, and depth-checked JSON parsing. Browser builds
 * get the browser variants of the folder files through package.json's `browser` map.
 */
export {
  fileByteLimit,
  MAX_JSON_FILE_BYTES,
  MAX_JSON_FILE_BYTES_ENV,
  MAX_MODEL_FILE_BYTES,
  MAX_MODEL_FILE_BYTES_ENV,
} from "./file-limits.js";
export { JSON_MAX_DEPTH, parseJsonText } from "./json-text.js";
export { localFolderSource } from "./local-folder-node.js";
export { writeFolder } from "./write-folder-node.js";
