import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedDir } from "@mobilenetv1/test-support/shared-dir";

/** Committed fixtures written by test/fixtures/make_goldens.py (packages/image-processor/test/fixtures). */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures");
/** Read-only shared data: $MOBILENET_SHARED_DIR, or ../shared beside the repository. */
export const SHARED_DIR = sharedDir();
/** HF's MobileNetV1 test image. */
export const COCO_IMAGE = join(SHARED_DIR, "images/000000039769.png");
/** HF's real `pixel_values` for COCO_IMAGE (float32 LE, 1×3×224×224). */
export const HF_REFERENCE_PIXEL_VALUES = join(
  SHARED_DIR,
  "hf/keras_mobilenet_v1_0.75_224/reference_pixel_values.bin",
);
/** An HF checkpoint folder with google/mobilenet_v1_1.0_224's preprocessor_config.json. */
export const HF_CHECKPOINT_DIR = join(SHARED_DIR, "hf/keras_mobilenet_v1_0.75_224");

/**
 * Whether shared files are there. In CI (`CI=true`) a missing file fails the test instead of skipping
 * it, so a broken shared/ cannot turn the reference checks green.
 */
export function sharedAvailable(...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length && process.env["CI"] === "true") {
    throw new Error(`shared files missing in CI: ${missing.join(", ")} (set MOBILENET_SHARED_DIR)`);
  }
  return missing.length === 0;
}

/** A golden file's cases. */
export function readGoldens<T>(name: "resize" | "preprocess" | "decode"): T[] {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, "goldens", `${name}.json`), "utf8")).cases as T[];
}

export function inputPath(name: string): string {
  return join(FIXTURES_DIR, "inputs", name);
}

export function sha256(bytes: Uint8Array | Float32Array): string {
  return createHash("sha256")
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest("hex");
}
