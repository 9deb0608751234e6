import { type GraphOutput, NUM_HIDDEN_STATES } from "../graph/build-graph.js";
import type { Tensor } from "../tensor.js";
import { initialModelParams, loadModelParams, stateDictModelParams } from "./model-loading.js";
import type {
  FromConfigOptions,
  FromPretrainedOptions,
  FromStateDictOptions,
  PixelValues,
} from "./model-options.js";
import { MobileNetV1PreTrainedModel } from "./pretrained-model.js";

/** HF's `BaseModelOutputWithPoolingAndNoAttention`. */
export interface MobileNetV1ModelOutput {
  /** [B, C, h, w]: the last layer's output (C = 1024 at depth multiplier 1.0). */
  lastHiddenState: Tensor;
  /** [B, C]: global average of `lastHiddenState` (with the `tf-slim-avgpool` head, its pooled map, [B, C, h', w'] when larger than 1×1). */
  poolerOutput: Tensor;
  /** The 26 layer outputs (stem excluded), when asked for. */
  hiddenStates?: Tensor[];
}

/**
 * The bare MobileNetV1 backbone (HF's `MobileNetV1Model`): features without a classifier.
 *
 * @example
 * import "@mobilenetv1/backend-node";
 * const model = await MobileNetV1Model.fromPretrained("../shared/hf/keras_mobilenet_v1_0.75_224");
 * const { poolerOutput } = await model.forward({ pixelValues });
 * poolerOutput.dims // [1, 768]
 */
export class MobileNetV1Model extends MobileNetV1PreTrainedModel {
  /** HF's name of this class; instances say it as `hfClassName` too. */
  static readonly hfClassName = "MobileNetV1Model";
  override readonly hfClassName = MobileNetV1Model.hfClassName;
  protected override readonly withClassifier = false;

  /** Loads config.json and weights from a local HF-layout folder, or a repo id once `@mobilenetv1/hub` is imported. */
  static async fromPretrained(
    pathOrId: string,
    options: FromPretrainedOptions = {},
  ): Promise<MobileNetV1Model> {
    return new MobileNetV1Model(
      await loadModelParams({
        pathOrId,
        options,
        withClassifier: false,
        className: MobileNetV1Model.hfClassName,
      }),
    );
  }

  /** A model from a config and an HF-named state dict already in memory (checked like a checkpoint). */
  static async fromStateDict(options: FromStateDictOptions): Promise<MobileNetV1Model> {
    return new MobileNetV1Model(await stateDictModelParams({ ...options, withClassifier: false }));
  }

  /** A randomly initialized model (HF's init), as `MobileNetV1Model(config)` in Python. */
  static async fromConfig(options: FromConfigOptions): Promise<MobileNetV1Model> {
    return new MobileNetV1Model(await initialModelParams({ ...options, withClassifier: false }));
  }

  protected override defaultOutputs(): readonly GraphOutput[] {
    return ["last_hidden_state", "pooler_output"];
  }

  /**
   * Runs the backbone.
   * @param params.outputHiddenStates also return the 26 layer outputs. @default config.outputHiddenStates
   */
  async forward(params: {
    pixelValues: PixelValues;
    outputHiddenStates?: boolean;
  }): Promise<MobileNetV1ModelOutput> {
    const hidden = params.outputHiddenStates ?? this.config.outputHiddenStates;
    const outputs: GraphOutput[] = hidden
      ? ["last_hidden_state", "pooler_output", "hidden_states"]
      : ["last_hidden_state", "pooler_output"];
    const r = await this.execute(params.pixelValues, outputs);
    return {
      lastHiddenState: r["last_hidden_state"]!,
      poolerOutput: r["pooler_output"]!,
      ...(hidden ? { hiddenStates: collectHiddenStates(r) } : {}),
    };
  }
}

/** `hidden_states.0` … `hidden_states.25` in order. */
export function collectHiddenStates(results: Record<string, Tensor>): Tensor[] {
  return Array.from({ length: NUM_HIDDEN_STATES }, (_, i) => results[`hidden_states.${i}`]!);
}
