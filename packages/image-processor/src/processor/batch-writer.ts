import { InputError, Tensor } from "@mobilenetv1/core";
import type { ResolvedImageProcessorOptions } from "../config/processor-options.js";
import { toRgb } from "../image/convert-rgb.js";
import type { RawImage } from "../image/raw-image.js";
import { pixelValueTable } from "../transforms/pixel-values-writer.js";
import { planPreprocess, preprocessImage } from "./preprocess-image.js";

/**
 * Builds one batch's `pixel_values` an image at a time, in any order: `add` preprocesses image `index`
 * straight into the batch tensor and keeps nothing of it but its size, so the caller can let each decoded
 * image go as soon as it is added. The tensor is allocated on the first image added, whose size after
 * preprocessing every other image must match.
 *
 * @example
 * const writer = new BatchWriter({ count: 2, options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS });
 * writer.add({ index: 1, image: await loadImage({ input: "b.png" }) });
 * writer.add({ index: 0, image: await loadImage({ input: "a.jpg" }) });
 * writer.finish().pixelValues.dims // [2, 3, 224, 224]
 */
export class BatchWriter {
  private readonly count: number;
  private readonly options: ResolvedImageProcessorOptions;
  private readonly table: Float32Array;
  private readonly sizes: ({ height: number; width: number } | undefined)[];
  private added = 0;
  private first = 0;
  private output: { height: number; width: number } | undefined;
  private data: Float32Array | undefined;

  constructor(params: { count: number; options: ResolvedImageProcessorOptions }) {
    this.count = params.count;
    this.options = params.options;
    this.table = pixelValueTable(params.options);
    this.sizes = new Array(params.count).fill(undefined);
  }

  /** Preprocesses image `index` of the batch into its place. */
  add(params: { index: number; image: RawImage }): void {
    const { index: i, image } = params;
    if (!Number.isInteger(i) || i < 0 || i >= this.count || this.sizes[i]) {
      throw new InputError({ argument: "index", value: i, expected: `a new index below ${this.count}` });
    }
    if (!this.output) this.first = i;
    const rgb = toRgb(image);
    const plan = planPreprocess({ height: rgb.height, width: rgb.width, options: this.options });
    this.output ??= plan.output;
    const output = this.output;
    if (plan.output.height !== output.height || plan.output.width !== output.width) {
      throw new InputError({
        argument: `images[${i}]`,
        value: plan.output,
        expected: `the size of images[${this.first}] after preprocessing (${output.height}×${output.width}) to form one batch: enable doCenterCrop or an exact size, or call preprocess per image`,
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
    this.sizes[i] = { height: image.height, width: image.width };
    this.added++;
  }

  /** The batch, once every image was added. */
  finish(): { pixelValues: Tensor; originalSizes: { height: number; width: number }[] } {
    if (this.added !== this.count || !this.data || !this.output) {
      throw new InputError({
        argument: "images",
        value: this.added,
        expected: `${this.count} images`,
      });
    }
    const { height, width } = this.output;
    return {
      pixelValues: new Tensor({ dims: [this.count, 3, height, width], data: this.data }),
      originalSizes: this.sizes as { height: number; width: number }[],
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
