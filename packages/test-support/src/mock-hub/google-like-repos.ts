import { join } from "node:path";
import type { MockRepoSpec } from "./mock-hub-server.js";

/** The repo id the issue names; served from the shared 0.75 weights. */
export const GOOGLE_REPO = "google/mobilenet_v1_1.0_224";
export const SHARED_REPO = "shared/keras_mobilenet_v1_0.75_224";

/**
 * A repo shaped like the real google/ MobileNetV1 repos: config.json, preprocessor_config.json and only
 * pytorch_model.bin on main; model.safetensors only under refs/pr/1 (a conversion PR).
 */
export function googleLikeRepos(sharedDir: string): Record<string, MockRepoSpec> {
  const folder = join(sharedDir, "hf", "keras_mobilenet_v1_0.75_224");
  return {
    [GOOGLE_REPO]: {
      folder,
      include: ["config.json", "preprocessor_config.json", "pytorch_model.bin"],
      revisions: { "refs/pr/1": { add: { "model.safetensors": join(folder, "model.safetensors") } } },
    },
  };
}

/** The float checkpoint files fromPretrained asks for (core's weightFileCandidates adds the int8 weights file). */
export const MODEL_FILES = ["config.json", "model.safetensors", "pytorch_model.bin"] as const;
