import { InputError, type MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import { classifierFromHead } from "./classifier-from-head.js";
import { EmptyClassError } from "./errors.js";
import { extractEmbeddings, type SkippedImage } from "./extract-embeddings.js";
import { labelIndices } from "./fit/class-names.js";
import { fitClassifierHead } from "./fit/fit-classifier-head.js";
import type { ClassifierHead, FitOptions, FitProgress } from "./types.js";

/** One labelled example: an image (anything the extractor reads) and its class name. */
export interface LabelledImage {
  image: unknown;
  label: string;
}

/** Progress of {@link trainClassifier}: extraction (by batch), then the fit (by iteration). */
export type TrainProgress =
  | { stage: "extract"; done: number; total: number }
  | ({ stage: "fit" } & FitProgress);

/** What {@link trainClassifier} returns. */
export interface TrainedClassifier {
  /** The backbone with the new head: `savePretrained` writes an HF folder. */
  model: MobileNetV1ForImageClassification;
  /** The fitted head; its report's `trainIndices` / `valIndices` are indices into `examples`. */
  head: ClassifierHead;
  /** Images that could not be read and were left out (indices into `examples`). */
  skipped: SkippedImage[];
}

/**
 * Teaches a backbone new classes, end to end: pooled embeddings of every example (once, in batches:
 * the costly part), a logistic-regression head fitted on them ({@link fitClassifierHead}: sklearn's
 * objective, validation split, early stopping), and the backbone with that head
 * ({@link classifierFromHead}). Labels are checked before any image is read. Unreadable images are
 * skipped with a warning (`onSkip`) and listed in `skipped`.
 *
 * @throws TooFewClassesError, EmptyClassError (a class with no example, or whose every image was
 *   unreadable: reason `"all-skipped"`), LabelCollisionError, NoUsableImagesError, InputError for bad
 *   options; the signal's reason when aborted.
 * @example
 * const extractor = await pipeline("image-feature-extraction", "../shared/hf/keras_mobilenet_v1_0.75_224");
 * const { model, head, skipped } = await trainClassifier({
 *   extractor,
 *   examples: [{ image: "cat1.png", label: "cat" }, { image: "dog1.png", label: "dog" }, …],
 * });
 * model.config.id2label // { 0: "cat", 1: "dog" }
 * head.report.valAccuracy // 0.95
 */
export async function trainClassifier(
  params: {
    extractor: ImageFeatureExtractionPipeline;
    examples: readonly LabelledImage[];
    /** Images per extractor call. @default 16 */
    batchSize?: number;
    /** Each skipped image. @default one `console.warn` line per image */
    onSkip?: (skip: SkippedImage & { image: unknown }) => void;
    /** Extraction progress after each batch, then fit progress after each iteration. @default undefined */
    onProgress?: (progress: TrainProgress) => void;
  } & Omit<FitOptions, "onProgress">,
): Promise<TrainedClassifier> {
  const { extractor, examples, onProgress, signal } = params;
  if (!Array.isArray(examples)) {
    throw new InputError({
      argument: "examples",
      value: typeof examples,
      expected: "an array of { image, label }",
    });
  }
  const labels = examples.map((example, i) => {
    if (typeof example !== "object" || example === null) {
      throw new InputError({ argument: `examples[${i}]`, value: example, expected: "{ image, label }" });
    }
    return example.label;
  });
  // Names, collisions, empty classes and the class count fail here, before the costly extraction.
  const { classNames } = labelIndices({ labels, classNames: params.classNames });
  const extracted = await extractEmbeddings({
    extractor,
    images: examples.map((e) => e.image),
    batchSize: params.batchSize,
    onProgress: onProgress && ((p) => onProgress({ stage: "extract", ...p })),
    onSkip: params.onSkip,
    signal,
  });
  const keptLabels = extracted.kept.map((i) => labels[i]!);
  const present = new Set(keptLabels);
  const emptied = classNames.find((name) => !present.has(name));
  if (emptied !== undefined) throw new EmptyClassError({ className: emptied, reason: "all-skipped" });
  const head = await fitClassifierHead({
    ...params,
    embeddings: extracted.embeddings,
    numFeatures: extracted.numFeatures,
    labels: keptLabels,
    classNames,
    onProgress: onProgress && ((p) => onProgress({ stage: "fit", ...p })),
  });
  // The fit's row indices are rows of the kept embeddings; the caller knows examples, so report those.
  const toExample = (rows: number[]) => rows.map((row) => extracted.kept[row]!);
  head.report.trainIndices = toExample(head.report.trainIndices);
  head.report.valIndices = toExample(head.report.valIndices);
  const model = await classifierFromHead({ backbone: extractor.model, head });
  return { model, head, skipped: extracted.skipped };
}
