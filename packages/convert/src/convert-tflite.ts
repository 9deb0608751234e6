import {
  ConfigError,
  configFromCheckpointName,
  FileFormatError,
  IMAGENET_1K_LABELS,
  InputError,
  MobileNetV1Config,
} from "@mobilenetv1/core";
import { type ConvertedModel, toHfCheckpoint, writeHfCheckpoint } from "./hf-layout.js";
import { DEFAULT_MAX_CONVERT_INPUT_BYTES, readInputFile } from "./input-files.js";
import { identityBatchNorm, ohwiToOihw, type RawTensor, tfliteDepthwiseToHf } from "./tensor-layout.js";
import { readTflite, type TfliteGraph, type TfliteOperator } from "./tflite-reader.js";

/** Batch-norm epsilon of TF-slim's MobileNet (and HF's `layer_norm_eps` for it). */
const TF_SLIM_BN_EPS = 0.001;

/**
 * Converts a float TFLite MobileNet v1 (TF-slim's, as published on TF Hub) into HF's layout. TFLite folds
 * batch norm into the convolutions, so each HF batch norm becomes an identity that carries the folded
 * bias (weight 1, running_mean 0, running_var 1 - eps with eps 0.001, so sqrt(var + eps) = 1 exactly).
 * Filters are transposed: CONV_2D [out, kh, kw, in] → [out, in, kh, kw], DEPTHWISE_CONV_2D
 * [1, kh, kw, C] → [C, 1, kh, kw], the 1×1 logits conv [N, 1, 1, C] → Linear [N, C].
 *
 * Layers are matched by the graph's structure, not by tensor names: the 27 convolutions in execution
 * order (stem, then depthwise/pointwise × 13), then the logits convolution. Depth multiplier comes from
 * the last pointwise conv (channels / 1024), image size from the input tensor; 1001 classes get
 * TF-slim's labels ("background" at 0, as HF's google/ checkpoints), 1000 get ImageNet-1k's.
 *
 * @throws FileFormatError for a file that is not TFLite, is truncated or inconsistent, or is quantized
 *   (uint8/int8 weights).
 * @throws ModelFileNotFoundError / ConvertInputFileError when `file` is missing, not a regular file or
 *   larger than `maxInputBytes`.
 * @throws ConfigError when the graph is not a MobileNet v1 classifier.
 * @example
 * const model = await convertTflite({ file: "mobilenet_v1_0.25_224_1_default_1.tflite", outDir: "./hf" });
 * model.config.numLabels // 1001
 */
export async function convertTflite(params: {
  /** Path of the .tflite file (or pass `bytes`). */
  file?: string;
  /** The .tflite bytes. @default read from `file` */
  bytes?: Uint8Array;
  /** When given, the HF files are written there. @default undefined */
  outDir?: string;
  /** Most bytes of `file`. @default DEFAULT_MAX_CONVERT_INPUT_BYTES (256 MiB) */
  maxInputBytes?: number;
}): Promise<ConvertedModel> {
  if (!params.bytes && params.file === undefined) {
    throw new InputError({ argument: "file", value: undefined, expected: "a .tflite path, or bytes" });
  }
  const bytes =
    params.bytes ??
    (await readInputFile({
      file: params.file!,
      maxBytes: params.maxInputBytes ?? DEFAULT_MAX_CONVERT_INPUT_BYTES,
      expected: "a .tflite file",
    }));
  const graph = readTflite({ bytes, file: params.file });
  const convs = graph.operators.filter((o) => o.op === "CONV_2D" || o.op === "DEPTHWISE_CONV_2D");
  const expected = [
    "CONV_2D",
    ...Array.from({ length: 13 }, () => ["DEPTHWISE_CONV_2D", "CONV_2D"]).flat(),
    "CONV_2D",
  ];
  if (convs.map((o) => o.op).join() !== expected.join()) {
    throw new ConfigError({
      field: "tflite operators",
      value: convs.map((o) => o.op),
      expected: "a MobileNet v1: stem conv, 13 depthwise + pointwise pairs, logits conv",
    });
  }
  // Ranks are checked here because the transposes index by the dims they are given.
  const constant = (op: TfliteOperator, input: number, rank: number): RawTensor => {
    const t = graph.tensors[op.inputs[input] ?? -1];
    if (!t) {
      throw new FileFormatError({
        format: "tflite",
        file: params.file,
        message: `a ${op.op} operator has no input ${input} (expected its ${input === 1 ? "filter" : "bias"})`,
      });
    }
    if (t.data instanceof Float32Array && t.shape.length !== rank) {
      throw new FileFormatError({
        format: "tflite",
        file: params.file,
        message: `tensor ${t.name} has shape [${t.shape.join(", ")}]: expected ${rank} dimensions`,
      });
    }
    if (t.type !== "FLOAT32" || !(t.data instanceof Float32Array)) {
      throw new FileFormatError({
        format: "tflite",
        file: params.file,
        message: `tensor ${t.name} is ${t.type}, not float32 constants: quantized TFLite models are not supported`,
      });
    }
    return { dims: t.shape, data: t.data };
  };

  const tensors = new Map<string, RawTensor>();
  convs.slice(0, 27).forEach((op, i) => {
    const prefix = i === 0 ? "mobilenet_v1.conv_stem" : `mobilenet_v1.layer.${i - 1}`;
    const filter = constant(op, 1, 4);
    tensors.set(
      `${prefix}.convolution.weight`,
      op.op === "DEPTHWISE_CONV_2D" ? tfliteDepthwiseToHf(filter) : ohwiToOihw(filter),
    );
    const bn = identityBatchNorm({ bias: constant(op, 2, 1).data, eps: TF_SLIM_BN_EPS });
    for (const [name, data] of Object.entries(bn))
      tensors.set(`${prefix}.normalization.${name}`, { dims: [data.length], data });
  });
  const logits = convs[27]!;
  const [classes, , , channels] = constant(logits, 1, 4).dims as [number, number, number, number];
  tensors.set("classifier.weight", { dims: [classes, channels], data: constant(logits, 1, 4).data });
  tensors.set("classifier.bias", constant(logits, 2, 1));

  const model = toHfCheckpoint({ config: tfliteConfig({ graph, classes, lastChannels: channels }), tensors });
  if (params.outDir) await writeHfCheckpoint({ model, outDir: params.outDir });
  return model;
}

function tfliteConfig(params: {
  graph: TfliteGraph;
  classes: number;
  lastChannels: number;
}): MobileNetV1Config {
  const depthMultiplier = params.lastChannels / 1024;
  const input = params.graph.tensors[params.graph.inputs[0] ?? -1];
  if (input?.shape.length !== 4) {
    throw new ConfigError({
      field: "tflite subgraph inputs",
      value: input?.shape ?? null,
      expected: "one image input of shape [1, H, W, 3]",
    });
  }
  const imageSize = input.shape[1]!;
  // TF-slim's dropout_keep_prob 0.999 is a drop probability of 0.001; torch_dtype as a PyTorch save writes it.
  const extra = { classifierDropoutProb: 0.001, torchDtype: "float32" };
  if (params.classes === 1001) {
    return configFromCheckpointName({ name: `mobilenet_v1_${depthMultiplier}_${imageSize}` }).with(extra);
  }
  const id2label = params.classes === 1000 ? { ...IMAGENET_1K_LABELS } : undefined;
  return new MobileNetV1Config({
    depthMultiplier,
    imageSize,
    layerNormEps: TF_SLIM_BN_EPS,
    id2label,
    numLabels: id2label ? undefined : params.classes,
    ...extra,
  });
}
