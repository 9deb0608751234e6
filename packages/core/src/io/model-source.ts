/**
 * Where model files come from. Core reads local folders itself; other packages (the hub) register
 * a source for repo ids, so `fromPretrained("google/mobilenet_v1_1.0_224")` works once
 * `@mobilenetv1/hub` is imported, without core depending on it.
 */
import { InputError } from "../errors/errors.js";

/**
 * Options every `fromPretrained` entry point accepts and passes to the model source. Core reads only the
 * per-file caps (a local folder's, and any source's that applies core's limits). Source packages add their
 * own options by declaration merging, so they type-check wherever their package is imported:
 *
 * @example
 * declare module "@mobilenetv1/core" {
 *   interface SourceOptions extends MySourceOptions {}
 * }
 */
export interface SourceOptions {
  /**
   * Cap on a `.json` model file, checked before reading.
   * @default process.env.MOBILENET_MAX_JSON_FILE_BYTES ?? MAX_JSON_FILE_BYTES (16 MiB)
   */
  maxJsonFileBytes?: number;
  /**
   * Cap on any other model file (weights), checked before reading.
   * @default process.env.MOBILENET_MAX_MODEL_FILE_BYTES ?? MAX_MODEL_FILE_BYTES (1 GiB)
   */
  maxModelFileBytes?: number;
}

/**
 * Which weights file `fromPretrained` reads: core's choice (HF's `use_safetensors`), handed to sources
 * with their options so they offer and fetch only that file.
 */
export interface WeightsChoice {
  /**
   * `true`: require model.safetensors; `false`: require pytorch_model.bin;
   * `undefined`: prefer model.safetensors, fall back to pytorch_model.bin.
   * @default undefined
   */
  useSafetensors?: boolean;
}

/** An opened model location (a folder or a snapshot of a repo). */
export interface ModelFiles {
  /** Human-readable location for messages (a path or `repo@revision`). */
  readonly location: string;
  /**
   * Returns the file's bytes, or `undefined` when the file does not exist there. The bytes become the
   * caller's: a loaded model keeps its weights as views into them, so a source must not reuse or change
   * a buffer it has returned.
   */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Which of `names` exist, without reading them (used to pick a weights file). */
  exists(name: string): Promise<boolean>;
}

/**
 * A provider of model files for some kind of `pathOrId`, generic over the options it reads (`O`, core's
 * {@link SourceOptions} as its packages augment it, by default).
 */
export interface ModelSource<O extends object = SourceOptions> {
  readonly name: string;
  /** Whether this source should handle `pathOrId`. */
  accepts(pathOrId: string): Promise<boolean>;
  /**
   * Opens `pathOrId`. `files` lists the files the caller will read (so a source can fetch them
   * together); a source may return files not in the list as `undefined`.
   */
  open(params: {
    pathOrId: string;
    files: readonly string[];
    options: O & WeightsChoice;
  }): Promise<ModelFiles>;
}

const sources: { source: ModelSource; priority: number }[] = [];

/**
 * Registers a model source; a higher `priority` is asked first. Registering the same source again only
 * changes its priority; another source under a name already taken is refused (two sources answering to
 * one name would make which one runs depend on import order).
 *
 * @throws InputError (argument `source.name`) when a different source is registered under that name.
 * @example
 * registerModelSource({ source: hubModelSource });
 * listModelSources().map((s) => s.name) // ["hub"]
 */
export function registerModelSource(params: { source: ModelSource; priority?: number }): void {
  const { source } = params;
  const i = sources.findIndex((s) => s.source.name === source.name);
  if (i >= 0 && sources[i]!.source !== source) {
    throw new InputError({
      argument: "source.name",
      value: source.name,
      expected:
        "a name no other model source is registered under (or the same source, to change its priority)",
    });
  }
  if (i >= 0) sources.splice(i, 1);
  sources.push({ source, priority: params.priority ?? 0 });
  sources.sort((a, b) => b.priority - a.priority);
}

/** Registered sources, highest priority first. */
export function listModelSources(): ModelSource[] {
  return sources.map((s) => s.source);
}
