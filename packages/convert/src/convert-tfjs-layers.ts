import { join } from "node:path";
import {
  ConfigError,
  FileFormatError,
  IMAGENET_1K_LABELS,
  MobileNetV1Config,
  WeightsMismatchError,
} from "@mobilenetv1/core";
import { type ConvertedModel, toHfCheckpoint, writeHfCheckpoint } from "./hf-layout.js";
import { denseToLinear, depthwiseHwcmToHf, hwioToOihw, type RawTensor } from "./tensor-layout.js";
import { type KerasLayer, readTfjsLayersModel } from "./tfjs-layers-reader.js";

/**
 * Converts a Keras MobileNet (keras.applications, TF.js layers format) into HF's layout. Keras names
 * map to HF's as the Keras weights were made from TF-slim's: `conv1` → `conv_stem`, `conv_dw_i` →
 * `layer.{2(i-1)}`, `conv_pw_i` → `layer.{2(i-1)+1}`, `*_bn` gamma/beta/moving_mean/moving_variance →
 * weight/bias/running_mean/running_var, `conv_preds` → `classifier`. Kernels are transposed
 * ([kh,kw,in,out] → [out,in,kh,kw]; depthwise [kh,kw,C,1] → [C,1,kh,kw]; conv_preds [1,1,C,N] → [N,C]).
 *
 * The config is read from the topology: depth multiplier (α) from the last pointwise conv's filters /
 * 1024, image size from the input layer, `classifier_dropout_prob` from the Dropout layer, batch-norm
 * epsilon from the BN layers. Keras' classifier has 1000 classes and no background: id2label defaults
 * to ImageNet-1k's names for 1000 classes.
 *
 * @throws FileFormatError for a model that is not a TF.js layers model or has quantized weights.
 * @throws ConfigError when the topology is not a MobileNet v1 classifier.
 * @throws WeightsMismatchError when weights are missing or mis-shaped.
 * @example
 * const model = await convertTfjsLayers({ modelDir: "keras_mobilenet_v1_0.75_224.tfjs", outDir: "./hf-0.75" });
 * model.config.depthMultiplier // 0.75
 */
export async function convertTfjsLayers(params: {
  /** Folder with model.json and its shards. */
  modelDir: string;
  /** When given, config.json, preprocessor_config.json and model.safetensors are written there. @default undefined */
  outDir?: string;
  /** Class names. @default ImageNet-1k's 1000 names when the model has 1000 classes, else LABEL_i */
  id2label?: Readonly<Record<number, string>>;
  /** Most bytes of all shards together. @default DEFAULT_MAX_CONVERT_INPUT_BYTES (256 MiB) */
  maxInputBytes?: number;
}): Promise<ConvertedModel> {
  const tfjs = await readTfjsLayersModel({
    modelDir: params.modelDir,
    ...(params.maxInputBytes !== undefined ? { maxInputBytes: params.maxInputBytes } : {}),
  });
  const layer = (name: string): KerasLayer => {
    const found = tfjs.layers.find((l) => l.name === name);
    if (!found)
      throw new ConfigError({
        field: "modelTopology.layers",
        value: name,
        expected: `a Keras MobileNet v1 with a layer named ${name}`,
      });
    return found;
  };
  const classes = Number(layer("conv_preds").config.filters);
  const lastFilters = Number(layer("conv_pw_13").config.filters);
  const inputShape = tfjs.layers.find((l) => l.class_name === "InputLayer")?.config.batch_input_shape as
    | (number | null)[]
    | undefined;
  const dropout = tfjs.layers.find((l) => l.class_name === "Dropout")?.config.rate;
  const config = new MobileNetV1Config({
    depthMultiplier: lastFilters / 1024,
    imageSize: inputShape?.[1] ?? 224,
    layerNormEps: Number(layer("conv1_bn").config.epsilon ?? 0.001),
    classifierDropoutProb: typeof dropout === "number" ? dropout : 0.001,
    id2label: params.id2label ?? (classes === 1000 ? { ...IMAGENET_1K_LABELS } : undefined),
    numLabels: params.id2label ? undefined : classes,
    torchDtype: "float32",
  });

  const tensors = new Map<string, RawTensor>();
  // The rank is checked before a kernel is transposed: the transposes index by the dims they are given.
  const take = (name: string, rank: number): RawTensor => {
    const t = tfjs.weights.get(name);
    if (!t) throw new WeightsMismatchError({ missingKeys: [name], unexpectedKeys: [], mismatchedKeys: [] });
    if (t.dims.length !== rank) {
      throw new FileFormatError({
        format: "tfjs-layers",
        file: join(params.modelDir, "model.json"),
        message: `weight ${name} has shape [${t.dims.join(", ")}]: expected ${rank} dimensions`,
      });
    }
    return t;
  };
  const block = (keras: string, hf: string, kernel: (t: RawTensor) => RawTensor, kernelName: string) => {
    tensors.set(`${hf}.convolution.weight`, kernel(take(`${keras}/${kernelName}`, 4)));
    const bn = { weight: "gamma", bias: "beta", running_mean: "moving_mean", running_var: "moving_variance" };
    for (const [to, from] of Object.entries(bn))
      tensors.set(`${hf}.normalization.${to}`, take(`${keras}_bn/${from}`, 1));
  };
  block("conv1", "mobilenet_v1.conv_stem", hwioToOihw, "kernel");
  for (let i = 1; i <= 13; i++) {
    block(`conv_dw_${i}`, `mobilenet_v1.layer.${2 * (i - 1)}`, depthwiseHwcmToHf, "depthwise_kernel");
    block(`conv_pw_${i}`, `mobilenet_v1.layer.${2 * (i - 1) + 1}`, hwioToOihw, "kernel");
  }
  tensors.set("classifier.weight", denseToLinear(take("conv_preds/kernel", 4)));
  tensors.set("classifier.bias", take("conv_preds/bias", 1));

  const model = toHfCheckpoint({ config, tensors });
  if (params.outDir) await writeHfCheckpoint({ model, outDir: params.outDir });
  return model;
}
