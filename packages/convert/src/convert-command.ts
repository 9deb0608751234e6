import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError, readSafetensors } from "@mobilenetv1/core";
import { type Command, Option } from "commander";
import { convertTfSlim } from "./convert-tf-slim.js";
import { convertTfjsLayers } from "./convert-tfjs-layers.js";
import { convertTflite } from "./convert-tflite.js";
import type { ConvertedModel } from "./hf-layout.js";
import type { RawTensor } from "./tensor-layout.js";

/** Source formats the command reads. */
export const CONVERT_FORMATS = ["tfjs", "tflite", "tf-slim"] as const;

/** One of {@link CONVERT_FORMATS}. */
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/**
 * Runs one conversion from the command line's values and returns a one-line summary.
 * `tf-slim` reads a .safetensors file whose tensor names are TF-slim variable names (TF layouts), e.g.
 * dumped from a TF checkpoint with `tf.train.list_variables` / `load_variable`.
 *
 * @example
 * await runConvert({ input: "model_dir", out: "./hf" }) // "tfjs → ./hf: depth 0.75, 224 px, 1000 labels"
 */
export async function runConvert(params: {
  /** TF.js folder (model.json), .tflite file, or .safetensors of TF-slim variables. */
  input: string;
  /** Output folder for config.json, preprocessor_config.json and model.safetensors. */
  out: string;
  /** @default guessed from `input`: a folder or model.json → tfjs, *.tflite → tflite, *.safetensors → tf-slim */
  from?: ConvertFormat;
  /** For tf-slim: e.g. `mobilenet_v1_1.0_224`. @default the input file's name */
  checkpointName?: string;
}): Promise<string> {
  const from = params.from ?? (await guessFormat(params.input));
  let model: ConvertedModel;
  if (from === "tfjs") {
    const modelDir = params.input.endsWith("model.json") ? join(params.input, "..") : params.input;
    model = await convertTfjsLayers({ modelDir, outDir: params.out });
  } else if (from === "tflite") {
    model = await convertTflite({ file: params.input, outDir: params.out });
  } else {
    const { tensors } = readSafetensors({
      bytes: new Uint8Array(await readFile(params.input)),
      file: params.input,
    });
    const variables = new Map<string, RawTensor>();
    for (const [name, t] of tensors)
      if (t.data instanceof Float32Array) variables.set(name, { dims: t.dims, data: t.data });
    const checkpointName = params.checkpointName ?? basename(params.input).replace(/\.safetensors$/, "");
    model = await convertTfSlim({ variables, checkpointName, outDir: params.out });
  }
  const c = model.config;
  return `${from} → ${params.out}: depth ${c.depthMultiplier}, ${c.imageSize} px, ${c.numLabels} labels`;
}

async function guessFormat(input: string): Promise<ConvertFormat> {
  if (input.endsWith(".tflite")) return "tflite";
  if (input.endsWith(".safetensors")) return "tf-slim";
  if (input.endsWith("model.json") || (await stat(input)).isDirectory()) return "tfjs";
  throw new InputError({
    argument: "input",
    value: input,
    expected: `a TF.js folder or model.json, a .tflite or a .safetensors file (or pass --from ${CONVERT_FORMATS.join("|")})`,
  });
}

/** Adds the convert arguments, options and action to `command` (the standalone bin's root, or `convert`). */
export function configureConvertCommand(
  command: Command,
  params: { log?: (line: string) => void } = {},
): Command {
  const log = params.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return command
    .description(
      "convert an original MobileNetV1 (TF.js layers, TFLite float, TF-slim variables) into HF's layout",
    )
    .argument(
      "<input>",
      "TF.js model folder or model.json, .tflite file, or .safetensors of TF-slim variables",
    )
    .requiredOption(
      "-o, --out <dir>",
      "output folder (config.json, preprocessor_config.json, model.safetensors)",
    )
    .addOption(
      new Option("--from <format>", "source format (default: guessed from <input>)").choices(CONVERT_FORMATS),
    )
    .option(
      "--checkpoint-name <name>",
      "tf-slim: checkpoint name, e.g. mobilenet_v1_0.75_192 (default: the file's name)",
    )
    .action(
      async (input: string, options: { out: string; from?: ConvertFormat; checkpointName?: string }) => {
        log(
          await runConvert({
            input,
            out: options.out,
            from: options.from,
            checkpointName: options.checkpointName,
          }),
        );
      },
    );
}

/**
 * Adds `convert` to a commander program (the `mobilenet` CLI wires `mobilenet convert` with this).
 *
 * @example
 * registerConvertCommand(buildProgram());
 * // mobilenet convert ../shared/weights/keras_mobilenet_v1_0.25_224.tfjs --out ./keras-0.25
 */
export function registerConvertCommand(
  program: Command,
  params: { log?: (line: string) => void } = {},
): Command {
  return configureConvertCommand(program.command("convert"), params);
}
