import { join } from "node:path";
import { loadImage, type RawImage } from "../../src/index.js";
import { inputPath, SHARED_DIR } from "./fixtures.js";
import { randomImage } from "./random-image.js";

/** How a golden names its input image. */
export type GoldenInput =
  | { kind: "random"; seed: number; width: number; height: number; channels: 1 | 3 | 4 }
  | { kind: "input"; path: string }
  | { kind: "shared"; path: string };

/** The file path of a file input. */
export function goldenInputPath(spec: Exclude<GoldenInput, { kind: "random" }>): string {
  return spec.kind === "shared" ? join(SHARED_DIR, spec.path) : inputPath(spec.path);
}

/** The image a golden input names, as PIL holds it before `convert("RGB")` (4 channels = CMYK). */
export async function goldenImage(spec: GoldenInput): Promise<RawImage> {
  if (spec.kind === "random") {
    return {
      data: randomImage(spec),
      width: spec.width,
      height: spec.height,
      channels: spec.channels,
      ...(spec.channels === 4 ? { colorSpace: "cmyk" as const } : {}),
    };
  }
  return loadImage({ input: goldenInputPath(spec) });
}
