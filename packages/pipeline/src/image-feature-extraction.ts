import { InputError, MobileNetV1Model, Tensor } from "@mobilenetv1/core";
import type { AutoLoadOptions, ImageProcessorLike } from "./architecture-registry.js";
import { UnsupportedModelTypeError } from "./architecture-registry.js";
import { AutoImageProcessor, AutoModel } from "./auto.js";
import { prefetchBatches } from "./prefetch-batches.js";

/** Per-call options of an image-feature-extraction pipeline (transformers.js' `ImageFeatureExtractionPipelineOptions`). */
export interface ImageFeatureExtractionCallOptions {
  /**
   * `true`: the pooled features, `poolerOutput` [B, C] (the global average of the last layer: one
   * embedding per image). `false`: the last layer itself, `lastHiddenState` [B, C, h, w].
   * @default false (as transformers.js, whose `pool` defaults to null)
   */
  pool?: boolean | null;
  /**
   * Images per model run for a list; the next batches are decoded while one runs.
   * @default the whole list in one batch
   */
  batchSize?: number;
}

/** A loaded image-feature-extraction pipeline: call it with one image or a list; the batch dimension is always there. */
export interface ImageFeatureExtractionPipeline {
  (images: unknown | readonly unknown[], options?: ImageFeatureExtractionCallOptions): Promise<Tensor>;
  /** The backbone (HF's `MobileNetV1Model`): a classification checkpoint loads without its head. */
  readonly model: MobileNetV1Model;
  readonly processor: ImageProcessorLike;
  /** Releases the model's backend resources. */
  dispose(): Promise<void>;
}

/** The default checkpoint of the feature-extraction task (the image-classification one's backbone). */
export const DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL = "google/mobilenet_v1_1.0_224";

/**
 * Loads the backbone and image processor of any MobileNetV1 checkpoint and prepares its session; see
 * `pipeline("image-feature-extraction")`, which calls it.
 */
export async function imageFeatureExtractionPipeline(params: {
  modelId: string;
  options: AutoLoadOptions;
}): Promise<ImageFeatureExtractionPipeline> {
  const { modelId, options } = params;
  const [model, processor] = await Promise.all([
    AutoModel.fromPretrained(modelId, options),
    AutoImageProcessor.fromPretrained(modelId, options),
  ]);
  // The pipeline promises a MobileNetV1Model (what a trained head is attached to); another registered
  // architecture's backbone runs through its own code, not this one.
  if (!(model instanceof MobileNetV1Model)) {
    await model.dispose();
    throw new UnsupportedModelTypeError({
      modelType: (model as { config?: { modelType?: unknown } }).config?.modelType,
      supported: ["mobilenet_v1"],
      location: modelId,
    });
  }
  // As the classification pipeline: the session is created now, so a backend that cannot run fails here.
  await model.prepare();
  const run = async (input: unknown, call: ImageFeatureExtractionCallOptions = {}): Promise<Tensor> => {
    const pool = call.pool ?? false;
    if (typeof pool !== "boolean") {
      throw new InputError({ argument: "pool", value: call.pool, expected: "true, false or undefined" });
    }
    const images: readonly unknown[] = Array.isArray(input) ? input : [input];
    if (images.length === 0) {
      throw new InputError({ argument: "images", value: [], expected: "at least one image" });
    }
    const size = call.batchSize ?? images.length;
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new InputError({ argument: "batchSize", value: call.batchSize, expected: "a positive integer" });
    }
    const parts: Tensor[] = [];
    const batches = prefetchBatches({ items: images, batchSize: size, load: (b) => processor.preprocess(b) });
    for await (const { value } of batches) {
      const out = await model.forward({ pixelValues: value.pixelValues });
      parts.push(pool ? out.poolerOutput : out.lastHiddenState);
    }
    return concatBatches(parts);
  };
  return Object.assign(run, {
    model,
    processor,
    dispose: () => model.dispose(),
  }) as ImageFeatureExtractionPipeline;
}

/** Stacks batch outputs along dimension 0 (all share the other dimensions: same model, same input size). */
function concatBatches(parts: readonly Tensor[]): Tensor {
  if (parts.length === 1) return parts[0]!;
  const rest = parts[0]!.dims.slice(1);
  const data = new Float32Array(parts.reduce((n, t) => n + t.size, 0));
  let offset = 0;
  for (const t of parts) {
    data.set(t.data, offset);
    offset += t.size;
  }
  const rows = parts.reduce((n, t) => n + t.dims[0]!, 0);
  return new Tensor({ dims: [rows, ...rest], data });
}
