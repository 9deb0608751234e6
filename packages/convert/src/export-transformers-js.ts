import type { MobileNetV1PreTrainedModel } from "@mobilenetv1/core";
import { exportOnnx } from "@mobilenetv1/core/graph";
import { writeFolder } from "@mobilenetv1/core/io";
import type { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { conversionImageProcessor } from "./conversion-image-processor.js";

/**
 * Writes `model` as transformers.js loads it: `onnx/model.onnx` (from core's `exportOnnx`: input
 * `pixel_values`, output `logits` for a classifier or `last_hidden_state` + `pooler_output` for a base
 * model), `config.json` (HF's, with `architectures` set) and `preprocessor_config.json` (written by
 * image-processor). Each folder is written atomically (core's `writeFolder`). Node only.
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
  /**
   * The processor whose `preprocessor_config.json` is written.
   * @default conversionImageProcessor({ imageSize: model.config.imageSize })
   */
  imageProcessor?: MobileNetV1ImageProcessor;
}): Promise<void> {
  const { model } = params;
  const size = model.config.imageSize;
  const inputSize =
    model.options.poolingHead === "tf-slim-avgpool" ? { height: size, width: size } : undefined;
  // The class's declared HF name, never constructor.name (minifiers rename classes).
  const config = model.config.with({ architectures: [model.hfClassName] });
  const processor = params.imageProcessor ?? conversionImageProcessor({ imageSize: size });
  const text = (value: string) => new TextEncoder().encode(value);
  await writeFolder({ dir: `${params.dir}/onnx`, files: { "model.onnx": exportOnnx({ model, inputSize }) } });
  await writeFolder({
    dir: params.dir,
    files: {
      "config.json": text(config.toJSONText()),
      ...processor.toFiles(),
    },
  });
}
