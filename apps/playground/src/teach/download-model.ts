import type { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import type { ImageProcessorLike } from "@mobilenetv1/pipeline";
import { trainedModelName, trainedModelZip } from "./teach-export.js";

/**
 * Saves the trained model as `<name>.zip` through the browser's download (an object URL: the bytes never
 * leave the page). The processor's own preprocessor_config.json goes in when it has one; a backbone
 * loaded without one ran with HF's defaults, which the default processor writes.
 *
 * @example
 * downloadTrainedModel({ model, processor, classNames: ["Cat", "Dog"] }) // "mobilenet-cat-dog-2026-12-03.zip"
 */
export function downloadTrainedModel(params: {
  model: MobileNetV1ForImageClassification;
  processor: ImageProcessorLike;
  classNames: readonly string[];
}): string {
  const processor =
    params.processor instanceof MobileNetV1ImageProcessor
      ? params.processor
      : new MobileNetV1ImageProcessor();
  const date = new Date();
  const folder = trainedModelName({ classNames: params.classNames, date });
  const zip = trainedModelZip({ model: params.model, processor, folder, date });
  const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: "application/zip" }));
  const name = `${folder}.zip`;
  Object.assign(document.createElement("a"), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has long started by then
  return name;
}
