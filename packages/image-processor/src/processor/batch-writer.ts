import { InputError, Tensor } from "@mobilenetv1/core";
import type { ResolvedImageProcessorOptions } from "../config/processor-options.js";
import { toRgb } from "../image/convert-rgb.js";
import type { RawImage } from "../image/raw-image.js";
import { pixelValueTable } from "../transforms/pixel-values-writer.js";
import { planPreprocess, preprocessImage } from "./preprocess-image.js";

/**
 * Builds one batch's `pixel_values` an image at a time: `add` preprocesses an image straight into the
 * batch tensor and keeps nothing of it but its size, so the caller can let each decoded image go before
 * decoding the next. The tensor is allocated on the first image, whose size after preprocessing every
 * other image must match.
 *
 * @example
 * const writer = new BatchWriter({ count: 2, options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS });
 * writer.add(await loadImage({ input: "a.jpg" }));
 * writer.add(await loadImage({ input: "b.png" }));
 * writer.finish().pixelValues.dims // [2, 3, 224, 224]
 */
export class BatchWriter {
  private readonly count: number;
  private readonly options: ResolvedImageProcessorOptions;
  private readonly table: Float32Array;
  private readonly sizes: { height: number; width: number }[] = [];
  private output: { height: number; width: number } | undefined;
  private data: Float32Array | undefined;

  constructor(params: { count: number; options: ResolvedImageProcessorOptions }) {
    this.count = params.count;
    this.options = params.options;
    this.table = pixelValueTable(params.options);
  }

  /** Preprocesses the next image into the batch. */
  add(image: RawImage): void {
    const i = this.sizes.length;
    if (i >= this.count) {
      throw new InputError({ argument: "images", value: i + 1, expected: `at most ${this.count} images` });
    }
    const rgb = toRgb(image);
    const plan = planPreprocess({ height: rgb.height, width: rgb.width, options: this.options });
    this.output ??= plan.output;
    const output = this.output;
    if (plan.output.height !== output.height || plan.output.width !== output.width) {
      throw new InputError({
        argument: `images[${i}]`,
        value: plan.output,
        expected: `the size of images[0] after preprocessing (${output.height}×${output.width}) to form one batch: enable doCenterCrop or an exact size, or call preprocess per image`,
      });
    }
    const perImage = 3 * output.height * output.width;
    this.data ??= allocate({ count: this.count, perImage });
    preprocessImage({
      image: rgb,
      plan,
      options: this.options,
      table: this.table,
      out: this.data,
      offset: i * perImage,
    });
    this.sizes.push({ height: image.height, width: image.width });
  }

  /** The batch, once every image was added. */
  finish(): { pixelValues: Tensor; originalSizes: { height: number; width: number }[] } {
    if (this.sizes.length !== this.count || !this.data || !this.output) {
      throw new InputError({
        argument: "images",
        value: this.sizes.length,
        expected: `${this.count} images`,
      });
    }
    const { height, width } = this.output;
    return {
      pixelValues: new Tensor({ dims: [this.count, 3, height, width], data: this.data }),
      originalSizes: this.sizes,
    };
  }
}

/** The batch tensor; too many elements for a typed array is the caller's batch size, named as such. */
function allocate(params: { count: number; perImage: number }): Float32Array {
  try {
    return new Float32Array(params.count * params.perImage);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new InputError({
      argument: "images",
      value: `${params.count} images`,
      expected: `a batch whose pixel_values (${params.count} × ${params.perImage} float32) fit in one typed array: preprocess fewer images at a time`,
    });
  }
}
