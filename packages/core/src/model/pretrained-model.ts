import type { Backend } from "../backend/backend.js";
import { type BackendHint, resolveBackend } from "../backend/registry.js";
import type { MobileNetV1Config } from "../config/config.js";
import { type GraphOutput, PIXEL_VALUES } from "../graph/build-graph.js";
import { type FeatureLayer, resolveFeatureLayers } from "../graph/end-points.js";
import { type MobileNetV1Options, resolveGraphOptions } from "../graph/graph-options.js";
import { writeFolder } from "../io/write-folder-node.js";
import type { Int8Params, ModelDtype } from "../quantize/int8-params.js";
import { type QuantizeOptions, quantizeModel } from "../quantize/quantize-model.js";
import type { Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";
import type { LoadingInfo } from "./check-state-dict.js";
import { ExecutableCache, modelGraph } from "./executable-cache.js";
import { type BatchesTracked, hfStateDict } from "./hf-state-dict.js";
import { checkpointFiles } from "./model-files-out.js";
import type { ModelParams, PixelValues } from "./model-options.js";
import { checkPixelValues } from "./pixel-values.js";

/**
 * What both MobileNetV1 classes share: the config, the weights (kept in memory so the model can move to
 * another backend without reloading), backend moves, and the forward plumbing over an
 * {@link ExecutableCache}. Each class declares its HF class name and whether it has a classifier head as
 * plain fields (never read off `constructor.name`, which minifiers rename).
 */
export abstract class MobileNetV1PreTrainedModel {
  readonly config: MobileNetV1Config;
  /** Float32 parameters by HF state-dict key (backbone keys carry the `mobilenet_v1.` prefix). */
  readonly weights: ReadonlyMap<string, Float32Array>;
  /**
   * What loading found, as HF's `output_loading_info=True`: `missingKeys` were newly (randomly)
   * initialized — a non-empty list means a random classifier head, whose predictions are noise until
   * trained; `unexpectedKeys` were in the checkpoint but unused. `fromPretrained` also reports both
   * through its `onWarning` option. Empty lists for a complete checkpoint and for `fromConfig`.
   *
   * @example
   * const model = await MobileNetV1ForImageClassification.fromPretrained("./base-model-only");
   * model.loadingInfo.missingKeys // ["classifier.weight", "classifier.bias"]
   */
  readonly loadingInfo: LoadingInfo;
  /**
   * The checkpoint's batch-norm `num_batches_tracked` counters by full HF key (empty when it had none);
   * `savePretrained` writes them back, 0 for the others, as HF's state dict holds them.
   */
  readonly batchesTracked: BatchesTracked;
  /**
   * Graph options (output stride, pooling head) with defaults filled in; `{ outputStride: 32,
   * poolingHead: "global" }` is HF's network. Kept beside the config, never written to config.json.
   */
  readonly options: Required<MobileNetV1Options>;
  /** The int8 weights and activation ranges the model runs with; `undefined` for a float32 model. */
  readonly quantization: Int8Params | undefined;
  /** HF's class name (`MobileNetV1Model`, `MobileNetV1ForImageClassification`), written to config.json's `architectures`. */
  abstract readonly hfClassName: string;
  /** Whether this class has a classifier head (and so loads and saves `classifier.*`). */
  protected abstract readonly withClassifier: boolean;
  private currentBackend: Backend;
  private readonly executables = new ExecutableCache({
    create: (request) => {
      const { config, options, quantization, weights, currentBackend: backend } = this;
      const graph = modelGraph({ config, options, quantization, weights, backend, request });
      return backend.createExecutable({ graph });
    },
  });

  protected constructor(params: ModelParams) {
    this.options = resolveGraphOptions({ options: params.options });
    this.config = params.config;
    this.weights = params.weights;
    this.currentBackend = params.backend;
    this.loadingInfo = params.loadingInfo ?? { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] };
    this.quantization = params.quantization;
    this.batchesTracked = params.batchesTracked ?? new Map();
  }

  /** `"int8"` when the model runs its quantized graph (see `quantize`), else `"float32"`. */
  get dtype(): ModelDtype {
    return this.quantization ? "int8" : "float32";
  }

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
    this.currentBackend = next;
    await this.executables.clear(); // built on the old backend; new ones are built on `next`
    return this;
  }

  /** Releases the backend's resources. The model can still run afterwards (executables are rebuilt). */
  async dispose(): Promise<void> {
    await this.executables.clear();
  }

  /**
   * The same weights and backend with other graph options (e.g. a dilated backbone beside the plain
   * one), as a new model of the same class; the weights are shared, not copied.
   *
   * @example
   * const dense = model.withOptions({ outputStride: 16 });
   * dense.options // { outputStride: 16, poolingHead: "global" }
   */
  withOptions(options: MobileNetV1Options): this {
    return this.copy({ options: { ...this.options, ...options }, quantization: this.quantization });
  }

  /**
   * An int8 copy of this model, on the same backend, sharing its float weights: batch norm folded into
   * the convolutions, per-channel int8 weights, activation ranges calibrated on `calibration`; it runs a
   * QLinearConv graph (faster on CPU; see docs/int8.md for what it costs in accuracy) and saves as an
   * int8 checkpoint. Calibration always runs the float network, also when called on an int8 model.
   *
   * @example
   * const { pixelValues } = await processor.preprocess(calibrationImages);
   * const int8 = await model.quantize({ calibration: pixelValues });
   * int8.dtype // "int8"
   * await int8.savePretrained({ dir: "./mobilenet-int8" }); // fromPretrained loads it back as int8
   */
  async quantize(params: QuantizeOptions): Promise<this> {
    const { config, weights, options, withClassifier } = this;
    const quantization = await quantizeModel({
      config,
      weights,
      backend: this.currentBackend,
      withClassifier,
      options,
      quantize: params,
    });
    return this.copy({ options, quantization });
  }

  private copy(params: { options: MobileNetV1Options; quantization: Int8Params | undefined }): this {
    // The copy is of this object's own class, a user's subclass included; TypeScript types
    // `this.constructor` as Function, so the constructor's type is stated here.
    const Model = this.constructor as new (params: ModelParams) => this;
    const { config, loadingInfo, batchesTracked } = this;
    return new Model({
      config,
      weights: this.weights as Map<string, Float32Array>,
      backend: this.currentBackend,
      loadingInfo,
      batchesTracked,
      ...params,
    });
  }

  /**
   * The feature maps of the chosen layers, for a detection or segmentation head: only those outputs leave
   * the graph, and nothing after the deepest one (no pooling, no classifier) is computed. Layers are HF's
   * indices 0–25 (`hidden_states[i]`: 9 is block 5's pointwise conv) or TF-slim end-point names
   * (`Conv2d_0`, `Conv2d_1_depthwise`, … `Conv2d_13_pointwise`). Follows the model's `outputStride`.
   *
   * @returns a map from end-point name to [B, C, h, w], in the order asked.
   * @example
   * const f = await model.features({ pixelValues, layers: ["Conv2d_5_pointwise", "Conv2d_11_pointwise", 23, 25] });
   * Object.keys(f) // ["Conv2d_5_pointwise", "Conv2d_11_pointwise", "Conv2d_12_pointwise", "Conv2d_13_pointwise"]
   * f.Conv2d_13_pointwise.dims // [1, 768, 7, 7] at 224×224, depth 0.75
   */
  async features(params: {
    pixelValues: PixelValues;
    layers: readonly FeatureLayer[];
  }): Promise<Record<string, Tensor>> {
    const names = resolveFeatureLayers({ layers: params.layers }).map((l) => l.name);
    const r = await this.execute(params.pixelValues, [], names);
    return Object.fromEntries(names.map((name) => [name, r[name]!]));
  }

  /**
   * Builds and loads the default graph now (logits for a classifier, features for a backbone), so the
   * first `forward` does not pay for graph construction and session creation. Optional.
   *
   * @example
   * await model.prepare(); // then time forward() alone
   */
  async prepare(): Promise<void> {
    if (this.options.poolingHead === "tf-slim-avgpool") return; // its graphs depend on the input size
    await this.executables.get({ outputs: this.defaultOutputs(), featureLayers: [] });
  }

  /** The outputs `forward` asks for by default. */
  protected abstract defaultOutputs(): readonly GraphOutput[];

  /** Runs the graph that returns `outputs` (and the `featureLayers`, by end-point name) on `pixelValues`. */
  protected async execute(
    pixelValues: PixelValues,
    outputs: readonly GraphOutput[],
    featureLayers: readonly string[] = [],
  ): Promise<Record<string, Tensor>> {
    const input = checkPixelValues({ pixelValues, numChannels: this.config.numChannels });
    const [, , height, width] = input.dims as [number, number, number, number];
    // TF-slim's pooling head depends on the input size (its kernel shrinks to small maps, its logits are
    // spatial on large ones), so its graphs are built per size; every other graph is size-agnostic.
    const sized =
      this.options.poolingHead === "tf-slim-avgpool" &&
      (outputs.includes("logits") || outputs.includes("pooler_output"));
    const inputSize = sized ? { height, width } : undefined;
    const executable = await this.executables.get({ outputs, featureLayers, inputSize });
    return (await executable.run({ [PIXEL_VALUES]: input })) as Record<string, Tensor>;
  }

  /**
   * HF's state dict of this class, as `save_pretrained` writes it: float32 parameters and each batch
   * norm's int64 `num_batches_tracked` (the loaded value, else 0). A base model's keys have no prefix.
   *
   * @example
   * model.stateDict().get("mobilenet_v1.conv_stem.normalization.num_batches_tracked")?.dtype // "int64"
   */
  stateDict(): StateDict {
    return hfStateDict({
      config: this.config,
      weights: (key) => this.weights.get(key)!,
      withClassifier: this.withClassifier,
      batchesTracked: this.batchesTracked,
    });
  }

  /**
   * The files `savePretrained` writes, by name (see `checkpointFiles`). A float32 model: config.json and
   * model.safetensors, as HF's save_pretrained writes them. An int8 model: config.json with a
   * `quantization_config` and its int8 tensors in `MODEL_FILES.int8Weights`, a name HF's `from_pretrained` never
   * looks for. URLs in config.json lose any credentials and query string.
   */
  toFiles(): Record<string, Uint8Array> {
    return checkpointFiles({
      config: this.config,
      className: this.hfClassName,
      withClassifier: this.withClassifier,
      quantization: this.quantization,
      stateDict: () => this.stateDict(),
    });
  }

  /**
   * Writes {@link toFiles} to `dir` (Node; created if needed), each file atomically (temporary name, then
   * rename): loadable by this SDK and, for float32 models, by HF's `from_pretrained` without a warning.
   *
   * @example
   * await model.savePretrained({ dir: "./my-model" });
   */
  async savePretrained(params: { dir: string }): Promise<void> {
    await writeFolder({ dir: params.dir, files: this.toFiles() });
  }
}
