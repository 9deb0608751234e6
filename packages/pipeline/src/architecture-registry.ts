import {
  type BackendHint,
  type LoadWarning,
  MobileNetError,
  ModelFileNotFoundError,
  type ModelFiles,
  type SourceOptions,
  type Tensor,
  type WeightsChoice,
} from "@mobilenetv1/core";
import { parseJsonText } from "@mobilenetv1/core/io";

/** What the pipeline needs of an image-classification model, whatever its architecture. */
export interface ImageClassificationModel {
  readonly config: { readonly id2label: Readonly<Record<number, string>> };
  forward(params: { pixelValues: Tensor }): Promise<{ logits: Tensor }>;
  /** Loads the runtime session ahead of the first call, when the model can. */
  prepare?(): Promise<void>;
  dispose(): Promise<void>;
}

/** What the feature-extraction pipeline needs of a backbone (a model without a head), whatever its architecture. */
export interface BackboneModel {
  forward(params: { pixelValues: Tensor }): Promise<{ lastHiddenState: Tensor; poolerOutput: Tensor }>;
  /** Loads the runtime session ahead of the first call, when the model can. */
  prepare?(): Promise<void>;
  dispose(): Promise<void>;
}

/** What the pipeline needs of an image processor. */
export interface ImageProcessorLike {
  preprocess(images: unknown, options?: Record<string, unknown>): Promise<{ pixelValues: Tensor }>;
}

/** Options every Auto* loader passes through to the architecture's own `fromPretrained`. */
export interface AutoLoadOptions extends SourceOptions, WeightsChoice {
  backend?: BackendHint;
  /** Where load warnings go (a newly initialized classifier head...). @default one console.warn line each */
  onWarning?: (warning: LoadWarning) => void;
}

/**
 * One architecture's loaders, keyed by config.json's `model_type` (and preprocessor_config.json's
 * `image_processor_type`). Registering an entry is all another architecture needs to work with
 * `pipeline()` and the Auto* classes.
 */
export interface ArchitectureEntry {
  readonly modelType: string;
  /** Class names accepted in `image_processor_type` (HF also writes the deprecated feature extractor's). */
  readonly imageProcessorTypes: readonly string[];
  loadConfig(params: { json: unknown; file: string }): unknown;
  loadImageClassification(params: {
    pathOrId: string;
    options: AutoLoadOptions;
  }): Promise<ImageClassificationModel>;
  /** The bare backbone (HF's `AutoModel`), from a base-model checkpoint or a classifier's (its head unused). */
  loadModel(params: { pathOrId: string; options: AutoLoadOptions }): Promise<BackboneModel>;
  loadImageProcessor(params: { pathOrId: string; options: SourceOptions }): Promise<ImageProcessorLike>;
}

/** config.json names a `model_type` no registered architecture handles. */
export class UnsupportedModelTypeError extends MobileNetError {
  readonly modelType: unknown;
  readonly supported: readonly string[];

  constructor(params: { modelType: unknown; supported: readonly string[]; location: string }) {
    super(
      "MODEL_TYPE_UNSUPPORTED",
      `${params.location}: model_type ${JSON.stringify(params.modelType)} is not supported; ` +
        `supported: ${params.supported.map((t) => JSON.stringify(t)).join(", ")}`,
    );
    this.modelType = params.modelType;
    this.supported = params.supported;
  }
}

const architectures = new Map<string, ArchitectureEntry>();

/** Registers an architecture (replacing one with the same `modelType`). */
export function registerArchitecture(entry: ArchitectureEntry): void {
  architectures.set(entry.modelType, entry);
}

/** Registered `model_type`s. */
export function listArchitectures(): string[] {
  return [...architectures.keys()];
}

/** The entry for `modelType`, or a typed error listing what is supported. */
export function architectureFor(params: { modelType: unknown; location: string }): ArchitectureEntry {
  const entry = typeof params.modelType === "string" ? architectures.get(params.modelType) : undefined;
  if (!entry) throw new UnsupportedModelTypeError({ ...params, supported: listArchitectures() });
  return entry;
}

/** Reads and parses a JSON file of an opened model, with the typed errors core uses. */
export async function readJsonFile(
  files: ModelFiles,
  name: string,
): Promise<{ json: unknown; file: string }> {
  const bytes = await files.read(name);
  const file = `${files.location}/${name}`;
  if (!bytes) throw new ModelFileNotFoundError({ location: files.location, files: [name] });
  // core's parser: a nesting-depth limit checked on the text, typed errors for bad JSON.
  return { json: parseJsonText({ text: new TextDecoder().decode(bytes), file }), file };
}
