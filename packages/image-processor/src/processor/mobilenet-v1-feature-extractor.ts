import type { ImageProcessorOptions } from "../config/processor-options.js";
import { MobileNetV1ImageProcessor } from "./mobilenet-v1-image-processor.js";

let warned = false;

/**
 * @deprecated HF keeps `MobileNetV1FeatureExtractor` as an alias of {@link MobileNetV1ImageProcessor}
 * that warns once; so does this package. Use `MobileNetV1ImageProcessor`.
 */
export class MobileNetV1FeatureExtractor extends MobileNetV1ImageProcessor {
  static override readonly hfClassName: string = "MobileNetV1FeatureExtractor";

  constructor(options: ImageProcessorOptions = {}, extraConfig: Record<string, unknown> = {}) {
    super(options, extraConfig);
    if (!warned) {
      warned = true;
      console.warn(
        "MobileNetV1FeatureExtractor is deprecated (as in HF transformers) and will be removed; use MobileNetV1ImageProcessor instead.",
      );
    }
  }
}
