import { MODEL_FILES, type SourceOptions } from "@mobilenetv1/core";
import { isValidRepoId, prefetchRepo } from "@mobilenetv1/hub";
import { LOCAL_MODEL_PREFIX } from "./local-folder-model-source.js";

/** Every file a load of a MobileNetV1 checkpoint may read: looked up in one request. */
export const LOAD_FILES = [
  MODEL_FILES.config,
  MODEL_FILES.preprocessorConfig,
  MODEL_FILES.safetensors,
  MODEL_FILES.torchBin,
  MODEL_FILES.int8Weights,
] as const;

/**
 * What to download before the loaders ask: both JSON files, and the float weights core's loader reads
 * (model.safetensors when the revision has it, else pytorch_model.bin). Not for an int8 checkpoint:
 * which file it reads depends on config.json, and a wrong guess costs megabytes.
 *
 * @example
 * filesToPrefetch(new Set(["config.json", "pytorch_model.bin"])) // ["config.json", "pytorch_model.bin"]
 */
export function filesToPrefetch(present: ReadonlySet<string>): string[] {
  const json = [MODEL_FILES.config, MODEL_FILES.preprocessorConfig].filter((f) => present.has(f));
  if (present.has(MODEL_FILES.int8Weights)) return json;
  const weights = [MODEL_FILES.safetensors, MODEL_FILES.torchBin].find((f) => present.has(f));
  return weights ? [...json, weights] : json;
}

/**
 * Starts a hub model's downloads at once (weights included, in parallel with the runtime), and returns
 * the source options the load's loaders should use: pinned to the commit the revision resolved to, so
 * their opens ask the hub nothing more and join the downloads in flight. Local folders, and ids the hub
 * would refuse (it reports those itself), are left as they are.
 *
 * @example
 * const source = await prefetchModel({ modelId: "google/mobilenet_v1_1.0_224", source: { revision: "main" } });
 * source.revision // "e2a7b7d4c0c9d0d7c2a6a0a1f1b1e5d3c1a2b3c4"
 */
export async function prefetchModel(params: {
  modelId: string;
  source: SourceOptions;
}): Promise<SourceOptions> {
  const { modelId, source } = params;
  if (modelId.startsWith(LOCAL_MODEL_PREFIX) || !isValidRepoId(modelId)) return source;
  const pre = await prefetchRepo({
    repoId: modelId,
    files: LOAD_FILES,
    download: filesToPrefetch,
    options: source,
  });
  return { ...source, revision: pre.commit };
}
