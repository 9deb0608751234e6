import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";

/**
 * The image processor transformers' conversion script saves beside a google/mobilenet_v1_* checkpoint
 * trained at `imageSize`: shortest edge `imageSize + 32`, center crop `imageSize`, every other setting
 * MobileNetV1ImageProcessor's own default (bilinear, rescale 1/255, mean = std = 0.5). The defaults and the
 * `preprocessor_config.json` writer are image-processor's, so a converted folder and a processor saved by
 * the SDK write the same text.
 *
 * @example
 * conversionImageProcessor({ imageSize: 192 }).toConfigText()
 * // '{\n  "crop_size": {\n    "height": 192,\n    "width": 192\n  },\n  ...\n  "size": {\n    "shortest_edge": 224\n  }\n}\n'
 */
export function conversionImageProcessor(params: { imageSize: number }): MobileNetV1ImageProcessor {
  const { imageSize } = params;
  return new MobileNetV1ImageProcessor({
    size: { shortestEdge: imageSize + 32 },
    cropSize: { height: imageSize, width: imageSize },
  });
}
