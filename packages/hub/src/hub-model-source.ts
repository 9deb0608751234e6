import type { ModelSource } from "@mobilenetv1/core";
import { openRepo } from "./open-repo.js";
import { looksLikeRepoId } from "./options/validate-hub-args.js";

/**
 * Core's {@link ModelSource} for Hugging Face repo ids (`org/name`): registered by this package's
 * entry point, asked by `openModelFiles` (and so by every `fromPretrained`) after local folders. It
 * takes whatever is not a local folder and does not look like a path (`./x`, `/x`, `~/x`, `C:\x`,
 * `a/b/c`), so a mistyped id (`"bad id!!"`) is told apart as HubRepoIdError naming the broken rule,
 * while a missing folder stays core's ModelFileNotFoundError.
 *
 * @example
 * await hubModelSource.accepts("google/mobilenet_v1_1.0_224") // true
 * await hubModelSource.accepts("./my-model")                  // false
 * await hubModelSource.accepts("bad id!!")                    // true, then open() throws HubRepoIdError
 */
export const hubModelSource: ModelSource = {
  name: "huggingface-hub",
  async accepts(pathOrId) {
    return looksLikeRepoId(pathOrId);
  },
  async open({ pathOrId, files, options }) {
    return openRepo({ repoId: pathOrId, files, options });
  },
};
