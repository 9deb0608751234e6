/**
 * Where model files come from. Core reads local folders itself; other packages (the hub) register
 * a source for repo ids, so `fromPretrained("google/mobilenet_v1_1.0_224")` works once
 * `@mobilenetv1/hub` is imported, without core depending on it.
 */
import { InputError } from "../errors/errors.js";

/** Options every `fromPretrained` entry point accepts and passes to the model source. */
export interface SourceOptions {
  /** Branch, tag, commit or `refs/pr/N`. @default "main" */
  revision?: string;
  /** Cache folder (the hub's). */
  cacheDir?: string;
  /** Never touch the network; use cached files only. @default false */
  localFilesOnly?: boolean;
  /** Hub endpoint, e.g. a mirror. @default process.env.HF_ENDPOINT ?? "https://huggingface.co" */
  hubUrl?: string;
  /** Access token. @default process.env.HF_TOKEN */
  accessToken?: string;
  /**
   * `true`: require model.safetensors; `false`: require pytorch_model.bin;
   * `undefined`: prefer model.safetensors, fall back to pytorch_model.bin.
   * @default undefined
   */
  useSafetensors?: boolean;
  /** Download progress, per file. */
  progress?: (event: { file: string; loaded: number; total: number | undefined }) => void;
  /** `fetch` override (tests, proxies). */
  fetch?: typeof fetch;
  /**
   * Cap on a `.json` model file read from a local folder, checked before reading.
   * @default process.env.MOBILENET_MAX_JSON_FILE_BYTES ?? MAX_JSON_FILE_BYTES (16 MiB)
   */
  maxJsonFileBytes?: number;
  /**
   * Cap on any other model file (weights) read from a local folder, checked before reading.
   * @default process.env.MOBILENET_MAX_MODEL_FILE_BYTES ?? MAX_MODEL_FILE_BYTES (1 GiB)
   */
  maxModelFileBytes?: number;
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

/** A provider of model files for some kind of `pathOrId`. */
export interface ModelSource {
  readonly name: string;
  /** Whether this source should handle `pathOrId`. */
  accepts(pathOrId: string): Promise<boolean>;
  /**
   * Opens `pathOrId`. `files` lists the files the caller will read (so a source can fetch them
   * together); a source may return files not in the list as `undefined`.
   */
  open(params: { pathOrId: string; files: readonly string[]; options: SourceOptions }): Promise<ModelFiles>;
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
