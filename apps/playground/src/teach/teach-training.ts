import type { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import {
  type ClassifierHead,
  classifierFromHead,
  type ExtractedEmbeddings,
  extractEmbeddings,
  type FitProgress,
  fitClassifierHead,
  NoUsableImagesError,
} from "@mobilenetv1/train";
import type { TeachSample, TeachState } from "./teach-state.js";

/** What the progress bar shows: embeddings first (per image), then the fitter (per iteration). */
export type TeachProgress =
  | { stage: "extract"; done: number; total: number }
  | ({ stage: "fit" } & FitProgress);

/** A trained classifier and what it took. */
export interface TeachResult {
  readonly model: MobileNetV1ForImageClassification;
  readonly head: ClassifierHead;
  /** Examples whose image could not be read (also marked on the sample: `sample.error`). */
  readonly skipped: TeachSample[];
  /** Images run through the backbone now (skipped ones included). */
  readonly extracted: number;
  /** Embeddings kept from an earlier training (same backbone), not computed again. */
  readonly reused: number;
  /** The state's revision this model was trained on. */
  readonly revision: number;
}

/** Images per backbone run while extracting: small, so progress moves and the page stays responsive. */
export const EXTRACT_BATCH_SIZE = 4;

/**
 * Trains a classifier on the state's examples: pooled embeddings from the backbone for the examples
 * that have none yet for this backbone (each example's embedding is computed once and kept, so training
 * again after adding examples only runs the new ones), then `fitClassifierHead` (L-BFGS; it yields
 * between iterations, so the page stays responsive), then the head is attached to the backbone.
 * Unreadable images are skipped, marked on their sample and returned.
 *
 * @example
 * const { model, head } = await trainTeachModel({ state, extractor, modelKey, onProgress: console.log });
 * head.classNames // ["Cat", "Dog"]
 */
export async function trainTeachModel(params: {
  state: TeachState;
  extractor: ImageFeatureExtractionPipeline;
  /** Which backbone the embeddings come from (kept embeddings of another one are computed again). */
  modelKey: string;
  onProgress?: (progress: TeachProgress) => void;
  signal?: AbortSignal;
}): Promise<TeachResult> {
  const { state, extractor, modelKey, signal } = params;
  // A snapshot: examples added while this runs wait for the next training.
  const revision = state.revision;
  const given = state.examples();
  const classNames = state.classes.map((c) => c.name);
  const missing = given.map((e) => e.sample).filter((s) => s.embedding?.modelKey !== modelKey);
  const skipped: TeachSample[] = [];
  if (missing.length) {
    let extracted: ExtractedEmbeddings | undefined;
    try {
      extracted = await extractEmbeddings({
        extractor,
        images: missing.map((s) => s.image),
        batchSize: EXTRACT_BATCH_SIZE,
        onProgress: (p) => params.onProgress?.({ stage: "extract", ...p }),
        // Marked on the sample (a red thumbnail with the reason) instead of a console line.
        onSkip: ({ index, error }) => {
          missing[index]!.error = error;
          skipped.push(missing[index]!);
        },
        signal,
      });
    } catch (error) {
      // Every new image unreadable: the kept embeddings may still train; the fitter says if a class is empty.
      if (!(error instanceof NoUsableImagesError) || skipped.length !== missing.length) throw error;
    }
    if (extracted) {
      const { embeddings, numFeatures } = extracted;
      for (const [row, index] of extracted.kept.entries()) {
        const vector = embeddings.slice(row * numFeatures, (row + 1) * numFeatures);
        missing[index]!.embedding = { modelKey, vector };
      }
    }
  }
  // Skipped examples drop out; a class left with none is reported by the fitter (EmptyClassError).
  const examples = given.filter((e) => !e.sample.error);
  const numFeatures = examples[0]?.sample.embedding?.vector.length ?? 0;
  const embeddings = new Float32Array(examples.length * numFeatures);
  for (const [row, { sample }] of examples.entries())
    embeddings.set(sample.embedding!.vector, row * numFeatures);
  const head = await fitClassifierHead({
    embeddings,
    numFeatures,
    labels: examples.map((e) => e.label),
    // The list's order, not sorted: the class the user added first is label 0.
    classNames,
    // Holding record for a few seconds gives dozens of frames where files give a handful: without weights
    // the larger class would swallow the smaller one (sklearn's class_weight="balanced").
    classWeight: "balanced",
    onProgress: (p) => params.onProgress?.({ stage: "fit", ...p }),
    signal,
  });
  const model = await classifierFromHead({ backbone: extractor.model, head });
  await model.prepare();
  const reused = examples.length - (missing.length - skipped.length);
  return { model, head, skipped, extracted: missing.length, reused, revision };
}
