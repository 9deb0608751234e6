import { HubRepoIdError, repoIdProblem } from "@mobilenetv1/hub";
import { LOCAL_MODEL_PREFIX } from "./local-folder-model-source.js";

/**
 * Checks a model id from the form before anything loads: a folder picked from disk (`local:<folder>`)
 * or a hub repo id `org/name` by huggingface_hub's `validate_repo_id` rules (the hub package's
 * `repoIdProblem`). The hub also takes a bare `name` (legacy repos such as `gpt2`), but every
 * MobileNetV1 checkpoint lives under an org, and a bare word here is far more often a typo.
 * Throws {@link HubRepoIdError} naming the rule broken.
 *
 * @example
 * checkModelId({ modelId: "google/mobilenet_v1_1.0_224" }) // returns
 * checkModelId({ modelId: "mobilenet" }) // throws HubRepoIdError: repoId = "mobilenet" is invalid (no "/" …
 */
export function checkModelId(params: { modelId: string }): void {
  const { modelId } = params;
  if (modelId.startsWith(LOCAL_MODEL_PREFIX) && modelId.length > LOCAL_MODEL_PREFIX.length) return;
  const reason = !modelId.includes("/")
    ? 'no "/": expected "org/name", e.g. google/mobilenet_v1_1.0_224'
    : repoIdProblem(modelId);
  if (reason) throw new HubRepoIdError({ repoId: modelId.slice(0, 200), reason });
}
