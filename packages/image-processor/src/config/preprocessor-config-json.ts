import { FileFormatError, MODEL_FILES } from "@mobilenetv1/core";
import { parseJsonText } from "@mobilenetv1/core/io";
import { PreprocessorConfigError } from "../errors/image-errors.js";
import type { ImageProcessorOptions, ResolvedImageProcessorOptions } from "./processor-options.js";
import { sizeDictToJson } from "./size-dict.js";

/**
 * Deepest nesting accepted in `preprocessor_config.json`: 32. HF's files are 2 levels deep (`size` inside
 * the object); a file nested 100 000 deep parses, but saving it back or describing a value in an error
 * recurses once per level and would end in a stack overflow instead of a typed error. Checked on the text,
 * before parsing, by core's `parseJsonText`.
 */
export const MAX_CONFIG_JSON_DEPTH = 32;

/** JSON keys of the options, HF's names. */
const JSON_KEYS = {
  do_resize: "doResize",
  size: "size",
  resample: "resample",
  do_center_crop: "doCenterCrop",
  crop_size: "cropSize",
  do_rescale: "doRescale",
  rescale_factor: "rescaleFactor",
  do_normalize: "doNormalize",
  image_mean: "imageMean",
  image_std: "imageStd",
} as const satisfies Record<string, keyof ImageProcessorOptions>;

/**
 * Reads a `preprocessor_config.json`: the known fields become options (checked later by
 * `resolveProcessorOptions`), the class name is returned apart, and the other fields (`processor_class`...) are
 * kept in `extra` to be written back.
 *
 * @example
 * parsePreprocessorConfig({ text: '{"size": {"shortest_edge": 256}, "resample": 2, "image_processor_type": "MobileNetV1ImageProcessor"}' })
 * // { options: { size: { shortest_edge: 256 }, resample: 2 }, extra: {}, imageProcessorType: "MobileNetV1ImageProcessor" }
 */
export function parsePreprocessorConfig(params: { text: string; file?: string }): {
  options: ImageProcessorOptions;
  extra: Record<string, unknown>;
  /** `image_processor_type`, or the older `feature_extractor_type`, when present. */
  imageProcessorType: string | undefined;
} {
  const file = params.file ?? MODEL_FILES.preprocessorConfig;
  const json = parseJsonText({ text: params.text, file, maxDepth: MAX_CONFIG_JSON_DEPTH });
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new FileFormatError({ format: "json", file, message: "must hold a JSON object" });
  }
  const options: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (key in JSON_KEYS) {
      // HF writes None as null, meaning "use the default".
      if (value !== null) options[JSON_KEYS[key as keyof typeof JSON_KEYS]] = value;
    } else {
      extra[key] = value;
    }
  }
  const type = extra["image_processor_type"] ?? extra["feature_extractor_type"];
  if (type !== undefined && typeof type !== "string") {
    throw new PreprocessorConfigError({
      field: "image_processor_type",
      value: type,
      expected: "a class name string",
    });
  }
  delete extra["image_processor_type"];
  delete extra["feature_extractor_type"];
  return { options: options as ImageProcessorOptions, extra, imageProcessorType: type };
}

/**
 * The JSON HF's `to_json_string` writes: every option under its HF name, plus `extra`, keys sorted,
 * 2-space indent, trailing newline.
 */
export function preprocessorConfigToJson(params: {
  options: ResolvedImageProcessorOptions;
  extra?: Record<string, unknown>;
  imageProcessorType?: string;
}): string {
  const o = params.options;
  const all: Record<string, unknown> = {
    ...params.extra,
    do_resize: o.doResize,
    size: sizeDictToJson(o.size),
    resample: o.resample,
    do_center_crop: o.doCenterCrop,
    crop_size: sizeDictToJson(o.cropSize),
    do_rescale: o.doRescale,
    rescale_factor: o.rescaleFactor,
    do_normalize: o.doNormalize,
    image_mean: o.imageMean,
    image_std: o.imageStd,
    image_processor_type: params.imageProcessorType ?? "MobileNetV1ImageProcessor",
  };
  const sorted = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
