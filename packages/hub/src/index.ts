import { registerModelSource } from "@mobilenetv1/core";
import { hubModelSource } from "./hub-model-source.js";

// Both keep files in the cache ./node/default-repo-cache.js opens: Node's folder layout, or Cache Storage
// in browser builds (package.json "browser").
export { download } from "./download.js";
export * from "./errors/hub-argument-errors.js";
export * from "./errors/hub-errors.js";
export * from "./errors/hub-file-errors.js";
export { hubModelSource } from "./hub-model-source.js";
export { openRepo } from "./open-repo.js";
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_HUB_URL,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_RESUMES,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_REVISION,
  type HubOptions,
  type HubSourceOptions,
} from "./options/hub-options.js";
export { CONNECT_TIMEOUT_ENV, READ_TIMEOUT_ENV } from "./options/read-timeouts.js";
export { isOfflineEnv } from "./options/resolve-hub-options.js";
export { isValidRepoId, repoIdProblem } from "./options/validate-hub-args.js";
export { type PrefetchedRepo, type PrefetchRepoParams, prefetchRepo } from "./prefetch-repo.js";
export type { RepoFiles } from "./repo-files.js";

// Importing the package makes fromPretrained("org/name") download through the hub (declared in
// package.json "sideEffects").
registerModelSource({ source: hubModelSource });
