import type { ModelSource } from "@mobilenetv1/core";
// Browser builds map this import to ../browser/open-repo-browser.js (package.json "browser").
import { openRepo } from "./node/open-repo-node.js";
import { isValidRepoId } from "./options/resolve-hub-options.js";

/**
 * Core's {@link ModelSource} for Hugging Face repo ids (`org/name`): registered by this package's
 * entry point, asked by `openModelFiles` (and so by every `fromPretrained`) after local folders.
 *
 * @example
 * await hubModelSource.accepts("google/mobilenet_v1_1.0_224") // true
 * await hubModelSource.accepts("./my-model")                  // false
 */
export const hubModelSource: ModelSource = {
  name: "huggingface-hub",
  async accepts(pathOrId) {
    return isValidRepoId(pathOrId);
  },
  async open({ pathOrId, files, options }) {
    return openRepo({ repoId: pathOrId, files, options });
  },
};
