import {
  InputError,
  MODEL_FILES,
  ModelFileNotFoundError,
  type ModelSource,
  openModelFiles,
  type SourceOptions,
  type Tensor,
} from "@mobilenetv1/core";
import { writeFolder } from "@mobilenetv1/core/io";
import { parsePreprocessorConfig, preprocessorConfigToJson } from "../config/preprocessor-config-json.js";
import {
  type ImageProcessorOptions,
  MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
  type ResolvedImageProcessorOptions,
  resolveProcessorOptions,
} from "../config/processor-options.js";
import { DEFAULT_MAX_IMAGE_PIXELS, type DecodeOptions, type ImageInput } from "../decode/image-input.js";
import { loadImage } from "../decode/load-image-node.js";
import { PreprocessorConfigError } from "../errors/image-errors.js";
import { type RawImage, type RawImageInput, toRawImage } from "../image/raw-image.js";
import { BatchWriter } from "./batch-writer.js";
import { PixelBudget } from "./pixel-budget.js";

/**
 * Images of one `preprocess` call loaded (read and decoded) at the same time, at most: 4. Small images
 * then decode in parallel on libuv's thread pool; large ones are further held back by
 * {@link DEFAULT_MAX_DECODING_PIXELS}.
 */
export const DEFAULT_MAX_CONCURRENT_DECODES = 4;

/**
 * Decoded pixels one `preprocess` call holds at once, at most (each image's declared size is reserved
 * before it is decoded and given back once written into the batch tensor): PIL's pixel limit,
 * `DEFAULT_MAX_IMAGE_PIXELS` (89 478 485, 256 MiB of RGB). Why: a batch then never holds more decoded
 * pixels than the one largest image it accepts, whatever its size (four 8000×6000 photos decode one after
 * the other instead of 4 × 144 MB at once), while 640×480 images still decode 4 at a time. An image
 * larger than the budget decodes alone.
 */
export const DEFAULT_MAX_DECODING_PIXELS = DEFAULT_MAX_IMAGE_PIXELS;

/** `preprocess` options: any processor option for this call only (HF's per-call overrides), plus decoding. */
export interface PreprocessOptions extends ImageProcessorOptions {
  /** How encoded images are decoded. @default PIL's behaviour: no EXIF rotation, no ICC transform */
  decode?: DecodeOptions;
  /** Images loaded at the same time (a positive integer). @default DEFAULT_MAX_CONCURRENT_DECODES (4) */
  maxConcurrentDecodes?: number;
  /** Decoded pixels held at once (a positive number). @default DEFAULT_MAX_DECODING_PIXELS (89 478 485) */
  maxDecodingPixels?: number;
}

/** What `preprocess` returns. */
export interface PreprocessOutput {
  /** float32 [batch, 3, height, width], HF's `pixel_values` (`data_format="channels_first"`). */
  pixelValues: Tensor;
  /** Each input's size as decoded. */
  originalSizes: { height: number; width: number }[];
}

/** `fromPretrained` options: the model source's, plus overrides of the file's values. */
export interface ImageProcessorFromPretrainedOptions extends SourceOptions {
  /** Applied over `preprocessor_config.json` (HF's `from_pretrained(..., **kwargs)`). */
  overrides?: ImageProcessorOptions;
  /** Read through this source instead of looking one up. */
  source?: ModelSource;
}

/**
 * HF's `MobileNetV1ImageProcessor`: converts to RGB, resizes the shortest edge to 256 with PIL's bilinear
 * filter (byte-identical to Pillow), center-crops 224×224, rescales by 1/255 and normalizes with mean and
 * std 0.5, all with HF's float32 arithmetic, so `pixelValues` equal Python's `pixel_values` exactly.
 *
 * @example
 * const processor = await MobileNetV1ImageProcessor.fromPretrained("../shared/hf/keras_mobilenet_v1_0.75_224");
 * const { pixelValues } = await processor.preprocess("../shared/images/000000039769.png");
 * pixelValues.dims // [1, 3, 224, 224]
 * pixelValues.data[0] // 0.12156868 (HF's pixel_values[0, 0, 0, 0], exactly)
 */
export class MobileNetV1ImageProcessor {
  /** The class name written to `image_processor_type`. */
  static readonly hfClassName: string = "MobileNetV1ImageProcessor";
  /** Input names of the model, as HF's `model_input_names`. */
  static readonly modelInputNames: readonly string[] = Object.freeze(["pixel_values"]);

  /** Every option, resolved against HF's defaults. */
  readonly options: ResolvedImageProcessorOptions;
  /** Fields of `preprocessor_config.json` this class does not use, kept to be saved back. */
  readonly extraConfig: Readonly<Record<string, unknown>>;
  private readonly budgets = new Map<number, PixelBudget>();

  /** @param options HF's constructor arguments in camelCase; missing ones take HF's defaults. */
  constructor(options: ImageProcessorOptions = {}, extraConfig: Record<string, unknown> = {}) {
    this.options = Object.freeze(
      resolveProcessorOptions({ base: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS, options }),
    );
    this.extraConfig = Object.freeze({ ...extraConfig });
  }

  /**
   * Loads `preprocessor_config.json` from a local folder, or a hub repo id once `@mobilenetv1/hub` is
   * imported (the same sources as the models' `fromPretrained`).
   */
  static async fromPretrained<T extends typeof MobileNetV1ImageProcessor>(
    this: T,
    pathOrId: string,
    options: ImageProcessorFromPretrainedOptions = {},
  ): Promise<InstanceType<T>> {
    const { overrides, source, ...sourceOptions } = options;
    const files = await openModelFiles({
      pathOrId,
      files: [MODEL_FILES.preprocessorConfig],
      options: sourceOptions,
      ...(source ? { source } : {}),
    });
    const bytes = await files.read(MODEL_FILES.preprocessorConfig);
    if (!bytes)
      throw new ModelFileNotFoundError({ location: files.location, files: [MODEL_FILES.preprocessorConfig] });
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass (MobileNetV1FeatureExtractor.fromPretrained)
    return this.fromConfigText(new TextDecoder().decode(bytes), {
      file: `${files.location}/${MODEL_FILES.preprocessorConfig}`,
      overrides,
    });
  }

  /** A processor from the text of a `preprocessor_config.json`. */
  static fromConfigText<T extends typeof MobileNetV1ImageProcessor>(
    this: T,
    text: string,
    params: { file?: string; overrides?: ImageProcessorOptions } = {},
  ): InstanceType<T> {
    const parsed = parsePreprocessorConfig({ text, ...(params.file ? { file: params.file } : {}) });
    const base = resolveProcessorOptions({
      base: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
      options: parsed.options,
    });
    const options = resolveProcessorOptions({ base, options: params.overrides });
    return new this(options as ImageProcessorOptions, parsed.extra) as InstanceType<T>;
  }

  /**
   * Decodes and preprocesses one image or a batch; images may have different sizes when they end up the
   * same size (the default center crop does that). At most `maxConcurrentDecodes` images are loaded at a
   * time and at most `maxDecodingPixels` decoded pixels are held at once, counted over all the calls of
   * this processor running together: each image is written into the batch tensor and let go as soon as it
   * is decoded, so memory grows neither with the batch size nor with batches prefetched ahead.
   *
   * @example
   * const { pixelValues } = await processor.preprocess(["a.jpg", "b.png"], { resample: PilResample.BICUBIC });
   * pixelValues.dims // [2, 3, 224, 224]
   */
  async preprocess(
    images: ImageInput | readonly ImageInput[],
    options: PreprocessOptions = {},
  ): Promise<PreprocessOutput> {
    const list = Array.isArray(images) ? (images as readonly ImageInput[]) : [images as ImageInput];
    if (typeof options !== "object" || options === null) {
      throw new PreprocessorConfigError({
        field: "options",
        value: options,
        expected: "an object of options",
      });
    }
    const {
      decode,
      maxConcurrentDecodes = DEFAULT_MAX_CONCURRENT_DECODES,
      maxDecodingPixels = DEFAULT_MAX_DECODING_PIXELS,
      ...overrides
    } = options;
    if (!Number.isSafeInteger(maxConcurrentDecodes) || maxConcurrentDecodes < 1) {
      throw new InputError({
        argument: "maxConcurrentDecodes",
        value: maxConcurrentDecodes,
        expected: "a positive integer",
      });
    }
    if (typeof maxDecodingPixels !== "number" || !(maxDecodingPixels > 0)) {
      throw new InputError({
        argument: "maxDecodingPixels",
        value: maxDecodingPixels,
        expected: "a positive number",
      });
    }
    const budget = this.pixelBudget(maxDecodingPixels);
    const writer = new BatchWriter({
      count: list.length,
      options: this.resolveBatch(list.length, overrides, []),
    });
    let next = 0;
    let failed = false;
    // Each worker takes the next image, loads it, writes it into the batch and lets it go.
    const worker = async () => {
      while (next < list.length && !failed) {
        const index = next++;
        let release: (() => void) | undefined;
        try {
          const image = await loadImage({
            input: list[index]!,
            ...(decode ? { options: decode } : {}),
            reservePixels: async (pixels) => {
              release = await budget.reserve(pixels);
            },
          });
          writer.add({ index, image });
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          release?.();
        }
      }
    };
    const workers = Array.from({ length: Math.min(maxConcurrentDecodes, list.length) }, worker);
    await Promise.all(workers);
    return writer.finish();
  }

  /** `preprocess` for pixels already in memory (no decoding, synchronous). */
  preprocessPixels(
    images: RawImageInput | readonly RawImageInput[],
    options: ImageProcessorOptions = {},
  ): PreprocessOutput {
    const list = Array.isArray(images) ? (images as readonly RawImageInput[]) : [images as RawImageInput];
    return this.run(
      list.map((input, i) => toRawImage({ input, source: `images[${i}]` })),
      options,
    );
  }

  /** The `preprocessor_config.json` text HF would write (sorted keys, 2-space indent). */
  toConfigText(): string {
    const type = (this.constructor as typeof MobileNetV1ImageProcessor).hfClassName;
    return preprocessorConfigToJson({
      options: this.options,
      extra: { ...this.extraConfig },
      imageProcessorType: type,
    });
  }

  /** The files `savePretrained` writes, by name (for browsers, or to store them elsewhere). */
  toFiles(): Record<string, Uint8Array> {
    return { [MODEL_FILES.preprocessorConfig]: new TextEncoder().encode(this.toConfigText()) };
  }

  /**
   * Writes `preprocessor_config.json` into `dir` (Node), readable back by `fromPretrained` and by HF.
   * @example
   * await processor.savePretrained({ dir: "./my-model" });
   */
  async savePretrained(params: { dir: string }): Promise<void> {
    await writeFolder({ dir: params.dir, files: this.toFiles() });
  }

  private run(
    images: readonly RawImage[],
    overrides: ImageProcessorOptions,
    otherKeys: readonly string[] = [],
  ): PreprocessOutput {
    const writer = new BatchWriter({
      count: images.length,
      options: this.resolveBatch(images.length, overrides, otherKeys),
    });
    images.forEach((image, index) => writer.add({ index, image }));
    return writer.finish();
  }

  /**
   * The budget for `limit`, shared by every `preprocess` call of this processor with that limit, so
   * calls running together (prefetchBatches keeps several batches loading) hold at most `limit` decoded
   * pixels between them, not `limit` each.
   */
  private pixelBudget(limit: number): PixelBudget {
    let budget = this.budgets.get(limit);
    if (!budget) {
      budget = new PixelBudget({ limit });
      this.budgets.set(limit, budget);
    }
    return budget;
  }

  private resolveBatch(
    count: number,
    overrides: ImageProcessorOptions,
    otherKeys: readonly string[],
  ): ResolvedImageProcessorOptions {
    const options = resolveProcessorOptions({ base: this.options, options: overrides, otherKeys });
    if (count === 0) throw new InputError({ argument: "images", value: [], expected: "at least one image" });
    return options;
  }
}
