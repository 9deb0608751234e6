import { runBackendConformance } from "@mobilenetv1/core/conformance";
import { createWebBackend } from "./web-backend.js";

// Core's suite, unchanged, on onnxruntime-web's wasm device in Node.
runBackendConformance({
  name: "web (wasm, Node)",
  createBackend: () => createWebBackend({ device: "wasm" }),
});
