/**
 * @mobilenetv1/image-processor: HF's MobileNetV1ImageProcessor in TypeScript, pixel-exact with Python
 * (Pillow's resampling reproduced bit for bit, HF's float32 arithmetic), decoding with sharp in Node and
 * the browser's decoders in browsers.
 */

export { MAX_CONFIG_JSON_DEPTH } from "./config/preprocessor-config-json.js";
export {
  IMAGENET_STANDARD_MEAN,
  IMAGENET_STANDARD_STD,
  type ImageProcessorOptions,
  MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
  type ResolvedImageProcessorOptions,
  resolveProcessorOptions,
} from "./config/processor-options.js";
export { type CropSize, MAX_SIZE_EDGE, type SizeDict } from "./config/size-dict.js";
export { DEFAULT_MAX_IMAGE_PIXELS, type DecodeOptions, type ImageInput } from "./decode/image-input.js";
export {
  DEFAULT_IMAGE_TIMEOUT_MS,
  DEFAULT_MAX_IMAGE_BYTES,
  IMAGE_TIMEOUT_ENV,
  type ImageReadLimits,
  MAX_IMAGE_BYTES_ENV,
  resolveImageReadLimits,
} from "./decode/image-read-limits.js";
export { loadImage } from "./decode/load-image-node.js";
export {
  ImageDecodeError,
  ImageDimensionsError,
  ImageEnvVarError,
  ImageSourceError,
  type ImageSourceFailure,
  MissingPeerDependencyError,
  PreprocessorConfigError,
} from "./errors/image-errors.js";
export { toRgb } from "./image/convert-rgb.js";
export type { RawImage, RawImageInput } from "./image/raw-image.js";
export { MobileNetV1FeatureExtractor } from "./processor/mobilenet-v1-feature-extractor.js";
export {
  DEFAULT_MAX_CONCURRENT_DECODES,
  DEFAULT_MAX_DECODING_PIXELS,
  type ImageProcessorFromPretrainedOptions,
  MobileNetV1ImageProcessor,
  type PreprocessOptions,
  type PreprocessOutput,
} from "./processor/mobilenet-v1-image-processor.js";
export { MAX_RESIZED_PIXELS } from "./processor/preprocess-image.js";
export { PilResample, type PilResampleCode } from "./resample/filters.js";
export type { PixelWindow } from "./resample/pixel-window.js";
export { resizeImage } from "./resample/resize-image.js";
export { type CropPlacement, placeCenterCrop } from "./transforms/center-crop.js";
export { pixelValueTable } from "./transforms/pixel-values-writer.js";
export { resizeOutputSize } from "./transforms/resize-output-size.js";
