import { registerBackend } from "@mobilenetv1/core";
import { createWebBackend } from "./web-backend.js";

export { RUNTIME_WASM_FILES } from "./load-ort.js";
export { defaultWasmPaths } from "./runtime-defaults-node.js";
export { defaultNumThreads, MAX_DEFAULT_THREADS, type WasmPaths } from "./wasm-runtime-settings.js";
export { createWebBackend, type WebBackend, type WebBackendOptions } from "./web-backend.js";
export {
  DEFAULT_WEB_DEVICES,
  devicesToTry,
  WEB_DEVICES,
  type WebDevice,
  type WebDeviceOption,
} from "./web-device.js";
export type { WebExecutable } from "./web-executable.js";
export type { LoadWasmBinary } from "./web-runtime.js";

/**
 * The default instance (`device: "auto"`), registered as `"web"` when this package is imported. Its
 * priority is below backend-node's (100), so a Node program that imports both runs on onnxruntime-node
 * unless it names `"web"`; in browsers it is the only one.
 */
export const webBackend = createWebBackend();

/** The registry priority of {@link webBackend}. */
export const WEB_BACKEND_PRIORITY = 50;

registerBackend({ backend: webBackend, priority: WEB_BACKEND_PRIORITY });
