import { MODEL_FILES } from "../io/model-files.js";
import { writeFolder } from "../io/write-folder-node.js";
import { exportOnnx } from "./export-onnx.js";
import type { MobileNetV1PreTrainedModel } from "./pretrained-model.js";

/**
 * HF's MobileNetV1ImageProcessor settings for a model trained at `imageSize`, as transformers'
 * conversion script writes them for google/mobilenet_v1_*: shortest edge image_size + 32, center crop
 * image_size, bilinear, rescale 1/255, normalize with mean = std = 0.5 (pixels in [-1, 1]).
 *
 * @example
 * mobileNetV1PreprocessorConfig({ imageSize: 224 }).size // { shortest_edge: 256 }
 */
export function mobileNetV1PreprocessorConfig(params: { imageSize: number }): Record<string, unknown> {
  return {
    crop_size: { height: params.imageSize, width: params.imageSize },
    do_center_crop: true,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [0.5, 0.5, 0.5],
    image_processor_type: "MobileNetV1ImageProcessor",
    image_std: [0.5, 0.5, 0.5],
    resample: 2,
    rescale_factor: 1 / 255,
    size: { shortest_edge: params.imageSize + 32 },
  };
}

/**
 * Writes `model` as transformers.js loads it: `onnx/model.onnx` (from {@link exportOnnx}: input
 * `pixel_values`, output `logits` for a classifier or `last_hidden_state` + `pooler_output` for a base
 * model), `config.json` (HF's, with `architectures` set) and `preprocessor_config.json`. Node only.
 *
 * With the `tf-slim-avgpool` head the graph is built for the processor's crop (`config.imageSize`
 * square), so the logits are [B, N] as transformers.js' pipelines expect.
 *
 * @example
 * await exportForTransformersJs({ model, dir: "./web-model" });
 * // then, in transformers.js: await pipeline("image-classification", "./web-model")
 */
export async function exportForTransformersJs(params: {
  model: MobileNetV1PreTrainedModel;
  /** Output folder (created). */
  dir: string;
  /** preprocessor_config.json contents. @default mobileNetV1PreprocessorConfig({ imageSize: config.imageSize }) */
  preprocessorConfig?: Record<string, unknown>;
}): Promise<void> {
  const { model } = params;
  const size = model.config.imageSize;
  const inputSize =
    model.options.poolingHead === "tf-slim-avgpool" ? { height: size, width: size } : undefined;
  const architecture = (model.constructor as { hfClassName?: string }).hfClassName ?? model.constructor.name;
  const config = model.config.with({ architectures: [architecture] });
  const preprocessor = params.preprocessorConfig ?? mobileNetV1PreprocessorConfig({ imageSize: size });
  const text = (value: string) => new TextEncoder().encode(value);
  await writeFolder({ dir: `${params.dir}/onnx`, files: { "model.onnx": exportOnnx({ model, inputSize }) } });
  await writeFolder({
    dir: params.dir,
    files: {
      [MODEL_FILES.config]: text(config.toJSONText()),
      [MODEL_FILES.preprocessorConfig]: text(`${JSON.stringify(preprocessor, null, 2)}\n`),
    },
  });
}
