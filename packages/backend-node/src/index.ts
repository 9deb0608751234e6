import { registerBackend } from "@mobilenetv1/core";
import { createNodeBackend } from "./node-backend.js";

export { createNodeBackend, type NodeBackendOptions } from "./node-backend.js";

/** The default instance, registered as `"node"` when this package is imported. */
export const nodeBackend = createNodeBackend();

// Importing the package makes `backend: "node"` (and the default choice, in Node) work.
registerBackend({ backend: nodeBackend, priority: 100 });
