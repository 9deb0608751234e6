import type { GraphOutput } from "../graph/build-graph.js";
import type { Tensor } from "../tensor.js";
import { classificationLoss, type Labels, type ProblemType } from "./loss.js";
import { collectHiddenStates } from "./mobilenet-v1-model.js";
import { initialModelParams, loadModelParams, stateDictModelParams } from "./model-loading.js";
import type {
  FromConfigOptions,
  FromPretrainedOptions,
  FromStateDictOptions,
  PixelValues,
} from "./model-options.js";
import { findNonFinite, NonFiniteOutputError } from "./non-finite.js";
import { MobileNetV1PreTrainedModel } from "./pretrained-model.js";
import { type Prediction, topK } from "./top-k.js";

/** HF's `ImageClassifierOutputWithNoAttention`. */
export interface ImageClassifierOutput {
  /**
   * [B, num_labels]; with the `tf-slim-avgpool` head on an input whose pooled map is larger than 1×1,
   * spatial logits [B, num_labels, h', w'] (what TF-slim computes there before its squeeze).
   */
  logits: Tensor;
  /** The 26 layer outputs, when asked for. */
  hiddenStates?: Tensor[];
  /** Mean loss over the batch, when labels were given. */
  loss?: number;
  /** The problem type the loss used. */
  problemType?: ProblemType;
}

/**
 * MobileNetV1 with its linear classifier on the pooled features (HF's
 * `MobileNetV1ForImageClassification`). google/ checkpoints have 1001 classes with "background" at 0.
 *
 * @example
 * import "@mobilenetv1/backend-node";
 * const model = await MobileNetV1ForImageClassification.fromPretrained("../shared/hf/keras_mobilenet_v1_0.75_224");
 * const { logits } = await model.forward({ pixelValues });
 * model.topK({ logits, k: 1 }) // [[{ index: 281, label: "tabby, tabby cat", score: 0.79 }]]
 */
export class MobileNetV1ForImageClassification extends MobileNetV1PreTrainedModel {
  /** HF's name of this class; instances say it as `hfClassName` too. */
  static readonly hfClassName = "MobileNetV1ForImageClassification";
  override readonly hfClassName = MobileNetV1ForImageClassification.hfClassName;
  protected override readonly withClassifier = true;

  /** Loads config.json and weights from a local HF-layout folder, or a repo id once `@mobilenetv1/hub` is imported. */
  static async fromPretrained(
    pathOrId: string,
    options: FromPretrainedOptions = {},
  ): Promise<MobileNetV1ForImageClassification> {
    return new MobileNetV1ForImageClassification(
      await loadModelParams({
        pathOrId,
        options,
        withClassifier: true,
        className: MobileNetV1ForImageClassification.hfClassName,
      }),
    );
  }

  /** A model from a config and an HF-named state dict already in memory (checked like a checkpoint). */
  static async fromStateDict(options: FromStateDictOptions): Promise<MobileNetV1ForImageClassification> {
    return new MobileNetV1ForImageClassification(
      await stateDictModelParams({ ...options, withClassifier: true }),
    );
  }

  /** A randomly initialized model (HF's init). */
  static async fromConfig(options: FromConfigOptions): Promise<MobileNetV1ForImageClassification> {
    return new MobileNetV1ForImageClassification(
      await initialModelParams({ ...options, withClassifier: true }),
    );
  }

  protected override defaultOutputs(): readonly GraphOutput[] {
    return ["logits"];
  }

  /**
   * Classifies a batch. With `labels`, also returns HF's loss for the config's problem type.
   * @throws InputError for pixel values of the wrong shape or type, `NonFiniteInputError` for NaN/±Infinity
   *   among them, `NonFiniteOutputError` when the model computes non-finite logits (corrupt weights).
   * @param params.outputHiddenStates also return the 26 layer outputs. @default config.outputHiddenStates
   */
  async forward(params: {
    pixelValues: PixelValues;
    outputHiddenStates?: boolean;
    labels?: Labels;
  }): Promise<ImageClassifierOutput> {
    const hidden = params.outputHiddenStates ?? this.config.outputHiddenStates;
    const outputs: GraphOutput[] = hidden ? ["logits", "hidden_states"] : ["logits"];
    const r = await this.execute(params.pixelValues, outputs);
    const logits = r["logits"]!;
    // The pixel values were checked finite, so NaN/Inf here comes from the weights: refuse it rather than
    // hand back logits that topK would rank into "NaN %".
    const report = findNonFinite(logits.data);
    if (report) throw new NonFiniteOutputError({ output: "logits", report, total: logits.data.length });
    const out: ImageClassifierOutput = {
      logits,
      ...(hidden ? { hiddenStates: collectHiddenStates(r) } : {}),
    };
    if (params.labels !== undefined) {
      Object.assign(
        out,
        classificationLoss({ logits, labels: params.labels, problemType: this.config.problemType }),
      );
    }
    return out;
  }

  /**
   * The `k` most probable classes per image, labelled with the config's id2label.
   * @param params.k @default 5
   */
  topK(params: { logits: Tensor; k?: number }): Prediction[][] {
    return topK({ logits: params.logits, id2label: this.config.id2label, k: params.k });
  }
}
