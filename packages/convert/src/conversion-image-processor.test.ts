import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";
import { conversionImageProcessor } from "./conversion-image-processor.js";

// The text converted folders and transformers.js exports have always held for a 192 model (the one
// core's mobileNetV1PreprocessorConfig wrote before the defaults moved to image-processor): byte for byte.
const TEXT_192 = `{
  "crop_size": {
    "height": 192,
    "width": 192
  },
  "do_center_crop": true,
  "do_normalize": true,
  "do_rescale": true,
  "do_resize": true,
  "image_mean": [
    0.5,
    0.5,
    0.5
  ],
  "image_processor_type": "MobileNetV1ImageProcessor",
  "image_std": [
    0.5,
    0.5,
    0.5
  ],
  "resample": 2,
  "rescale_factor": 0.00392156862745098,
  "size": {
    "shortest_edge": 224
  }
}
`;

describe("conversionImageProcessor", () => {
  it("writes the preprocessor_config.json converted folders have always held", () => {
    expect(conversionImageProcessor({ imageSize: 192 }).toConfigText()).toBe(TEXT_192);
  });

  it("at 224 is MobileNetV1ImageProcessor's defaults (HF's google/mobilenet_v1_1.0_224 settings)", () => {
    expect(conversionImageProcessor({ imageSize: 224 }).toConfigText()).toBe(
      new MobileNetV1ImageProcessor().toConfigText(),
    );
  });
});
