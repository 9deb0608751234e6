import type { Backend, Executable } from "../backend/backend.js";
import { type BackendHint, resolveBackend } from "../backend/registry.js";
import { MobileNetV1Config } from "../config/config.js";
import { InputError, ModelFileNotFoundError } from "../errors/errors.js";
import { parameterPlan } from "../graph/architecture.js";
import { buildGraph, type GraphOutput, PIXEL_VALUES } from "../graph/build-graph.js";
import type { ModelFiles, SourceOptions } from "../io/model-source.js";
import { openModelFiles } from "../io/open-model.js";
import { writeFolder } from "../io/write-folder-node.js";
import { Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import { checkStateDict, type LoadingInfo } from "./check-state-dict.js";
import { loadStateDict, SAFETENSORS_FILE, weightFileCandidates } from "./load-weights.js";
import { randomInitWeights } from "./random-init.js";

export const CONFIG_FILE = "config.json";

/** Options of `fromPretrained`: where to run, plus the model source's options (revision, cache...). */
export interface FromPretrainedOptions extends SourceOptions {
  /** Backend by name, instance or list to try. @default the highest-priority registered backend */
  backend?: BackendHint;
  /** Replaces or overrides the checkpoint's config.json. */
  config?: MobileNetV1Config;
}

/** Options of `fromConfig` (random initialization, as HF's `Model(config)`). */
export interface FromConfigOptions {
  config: MobileNetV1Config;
  backend?: BackendHint;
  /** PRNG seed for the weights. @default 0 */
  seed?: number;
}

/** Options of `fromStateDict`: a config and tensors under HF's state-dict keys (e.g. from a converter). */
export interface FromStateDictOptions {
  config: MobileNetV1Config;
  stateDict: StateDict;
  backend?: BackendHint;
}

/** Pixel values as a core Tensor or any `{ dims, data }` with float32 data [B, C, H, W]. */
export type PixelValues = Tensor | { readonly dims: readonly number[]; readonly data: Float32Array };

/**
 * What both MobileNetV1 classes share: the config, the weights (kept in memory so the model can move to
 * another backend without reloading), and one executable per requested output set, built lazily.
 * Separate executables keep the default logits-only path free of hidden-state outputs.
 */
export abstract class MobileNetV1PreTrainedModel {
  readonly config: MobileNetV1Config;
  /** Float32 parameters by HF state-dict key (backbone keys carry the `mobilenet_v1.` prefix). */
  readonly weights: ReadonlyMap<string, Float32Array>;
  /** Loading report: missing, unexpected and mismatched keys. */
  readonly loadingInfo: LoadingInfo;
  private currentBackend: Backend;
  private executables = new Map<string, Promise<Executable>>();

  protected constructor(params: { config: MobileNetV1Config; weights: Map<string, Float32Array>; backend: Backend; loadingInfo?: LoadingInfo }) {
    this.config = params.config;
    this.weights = params.weights;
    this.currentBackend = params.backend;
    this.loadingInfo = params.loadingInfo ?? { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] };
  }

  /** Whether this class has a classifier head (and so loads `classifier.*`). */
  protected static withClassifier = false;

  /** The backend the model runs on now. */
  get backend(): Backend {
    return this.currentBackend;
  }

  /**
   * Moves the model to another backend, keeping its weights (no reload). Executables on the old backend
   * are released.
   *
   * @example
   * await model.to({ backend: "web" });
   * model.backend.name // "web"
   */
  async to(params: { backend: BackendHint }): Promise<this> {
    const next = await resolveBackend({ backend: params.backend });
    if (next === this.currentBackend) return this;
    const old = this.executables;
    this.executables = new Map();
    this.currentBackend = next;
    await Promise.all([...old.values()].map(async (e) => (await e.catch(() => undefined))?.dispose()));
    return this;
  }

  /** Releases the backend's resources. The model can still run afterwards (executables are rebuilt). */
  async dispose(): Promise<void> {
    const old = this.executables;
    this.executables = new Map();
    await Promise.all([...old.values()].map(async (e) => (await e.catch(() => undefined))?.dispose()));
  }

  /** Runs the graph that returns `outputs` on `pixelValues`. */
  protected async execute(pixelValues: PixelValues, outputs: readonly GraphOutput[]): Promise<Record<string, Tensor>> {
    const input = this.checkPixelValues(pixelValues);
    const key = [...outputs].sort().join(",");
    let executable = this.executables.get(key);
    if (!executable) {
      const graph = buildGraph({ config: this.config, weights: (k) => this.weights.get(k)!, outputs });
      executable = this.currentBackend.createExecutable({ graph });
      this.executables.set(key, executable);
      executable.catch(() => this.executables.delete(key));
    }
    return (await (await executable).run({ [PIXEL_VALUES]: input })) as Record<string, Tensor>;
  }

  private checkPixelValues(pixelValues: PixelValues): Tensor {
    const dims = pixelValues.dims;
    const [, c, h, w] = dims as number[];
    const expected = `[batch, ${this.config.numChannels}, height >= 32, width >= 32] float32`;
    if (dims.length !== 4 || c !== this.config.numChannels || h! < 32 || w! < 32 || dims[0]! < 1) {
      throw new InputError({ argument: "pixelValues.dims", value: dims, expected });
    }
    if (!(pixelValues.data instanceof Float32Array)) {
      throw new InputError({ argument: "pixelValues.data", value: typeof pixelValues.data, expected: "a Float32Array" });
    }
    return pixelValues instanceof Tensor ? pixelValues : new Tensor({ dims, data: pixelValues.data });
  }

  /** State dict in HF's naming for this class (a base model saves keys without the prefix, as HF does). */
  stateDict(): Map<string, Tensor> {
    const strip = !(this.constructor as typeof MobileNetV1PreTrainedModel).withClassifier;
    const out = new Map<string, Tensor>();
    for (const spec of parameterPlan({ config: this.config, withClassifier: !strip })) {
      const data = this.weights.get(spec.key)!;
      out.set(strip ? spec.key.replace(/^mobilenet_v1\./, "") : spec.key, new Tensor({ dims: spec.dims, data }));
    }
    return out;
  }

  /** config.json and model.safetensors bytes, as HF's save_pretrained writes them. */
  toFiles(): Record<string, Uint8Array> {
    const config = this.config.with({
      architectures: [(this.constructor as { hfClassName?: string }).hfClassName ?? this.constructor.name],
    });
    return {
      [CONFIG_FILE]: new TextEncoder().encode(config.toJSONText()),
      [SAFETENSORS_FILE]: writeSafetensors({ tensors: this.stateDict(), metadata: { format: "pt" } }),
    };
  }


  /**
   * Writes config.json and model.safetensors to `dir` (Node), loadable by this SDK and by HF's
   * `from_pretrained`.
   *
   * @example
   * await model.savePretrained({ dir: "./my-model" });
   */
  async savePretrained(params: { dir: string }): Promise<void> {
    await writeFolder({ dir: params.dir, files: this.toFiles() });
  }

  /** Shared by both subclasses' `fromPretrained`. */
  protected static async load(params: { pathOrId: string; options: FromPretrainedOptions; withClassifier: boolean }) {
    const { options } = params;
    const files: ModelFiles = await openModelFiles({
      pathOrId: params.pathOrId,
      files: [CONFIG_FILE, ...weightFileCandidates(options.useSafetensors)],
      options,
    });
    const config = options.config ?? (await readConfig(files));
    const { stateDict } = await loadStateDict({ files, useSafetensors: options.useSafetensors });
    const { weights, info } = checkStateDict({
      config,
      stateDict,
      withClassifier: params.withClassifier,
      // A classifier head absent from a base-model checkpoint is newly initialized, as HF does.
      allowMissing: (key) => key.startsWith("classifier."),
    });
    if (info.missingKeys.length > 0) {
      const init = randomInitWeights({ config, withClassifier: params.withClassifier });
      for (const key of info.missingKeys) weights.set(key, init.get(key)!);
    }
    const backend = await resolveBackend({ backend: options.backend });
    return { config, weights, backend, loadingInfo: info };
  }

  protected static async fromStateDictParams(params: FromStateDictOptions & { withClassifier: boolean }) {
    const { weights, info } = checkStateDict({ config: params.config, stateDict: params.stateDict, withClassifier: params.withClassifier });
    const backend = await resolveBackend({ backend: params.backend });
    return { config: params.config, weights, backend, loadingInfo: info };
  }

  protected static async initialize(params: FromConfigOptions & { withClassifier: boolean }) {
    const weights = randomInitWeights({ config: params.config, withClassifier: params.withClassifier, seed: params.seed });
    const backend = await resolveBackend({ backend: params.backend });
    return { config: params.config, weights, backend };
  }
}

async function readConfig(files: ModelFiles): Promise<MobileNetV1Config> {
  const bytes = await files.read(CONFIG_FILE);
  if (!bytes) throw new ModelFileNotFoundError({ location: files.location, files: [CONFIG_FILE] });
  return MobileNetV1Config.fromJSONText({ text: new TextDecoder().decode(bytes), file: `${files.location}/${CONFIG_FILE}` });
}
