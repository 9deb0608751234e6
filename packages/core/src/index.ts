export * from "./errors/errors.js";
export { Tensor, type DataType } from "./tensor.js";
export type { StateDict } from "./weights/state-dict.js";
export type { Backend, Executable, GraphDescription } from "./backend/backend.js";
export { registerBackend, listBackends, resetBackendRegistry, resolveBackend, type BackendHint } from "./backend/registry.js";
export {
  registerModelSource,
  listModelSources,
  type ModelFiles,
  type ModelSource,
  type SourceOptions,
} from "./io/model-source.js";
export { openModelFiles } from "./io/open-model.js";
