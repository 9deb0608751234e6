import { runBackendConformance } from "@mobilenetv1/core/conformance";
import { createNodeBackend } from "./node-backend.js";

runBackendConformance({ name: "node", createBackend: () => createNodeBackend() });
