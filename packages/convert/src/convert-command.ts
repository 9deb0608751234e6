import { constants } from "node:fs";
import { access, mkdir, rmdir, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { MobileNetError, ModelFileNotFoundError } from "@mobilenetv1/core";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { type Command, Option } from "commander";
import { convertTfSlim } from "./convert-tf-slim.js";
import { convertTfjsLayers } from "./convert-tfjs-layers.js";
import { convertTflite } from "./convert-tflite.js";
import { ConvertInputFileError, ConvertUsageError, OutputUnwritableError } from "./errors/convert-errors.js";
import type { ConvertedModel } from "./hf-layout.js";
import { DEFAULT_MAX_CONVERT_INPUT_BYTES, maxInputBytesFromEnv, readInputFile } from "./input-files.js";
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
 * Inputs are hostile: only regular files are read, at most `maxInputBytes` of weights, and a TF.js
 * manifest's shard paths must stay inside its folder. The output folder is made (and checked writable)
 * first and removed again, if it was made here, when the conversion fails.
 *
 * @throws ModelFileNotFoundError (exit 3) when `input`, model.json or a shard does not exist.
 * @throws FileFormatError (exit 3) for a model.json that is not JSON or not a layers model, a truncated or
 *   forged .tflite, shards whose sizes differ from the manifest.
 * @throws ConvertUnsafePathError (exit 3) for a manifest path outside the input folder.
 * @throws ConvertInputFileError (exit 3) for an input that is not a regular file, unreadable or too large.
 * @throws OutputUnwritableError (exit 2) when `out` cannot be created or written.
 * @throws ConvertUsageError (code USAGE, exit 2) when the format cannot be guessed from `input`.
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
  /** Most bytes of weights read (the .tflite, the .safetensors, or all TF.js shards). @default DEFAULT_MAX_CONVERT_INPUT_BYTES (256 MiB) */
  maxInputBytes?: number;
}): Promise<string> {
  const maxInputBytes = params.maxInputBytes ?? DEFAULT_MAX_CONVERT_INPUT_BYTES;
  const from = params.from ?? (await guessFormat(params.input));
  // The output folder is made and checked first, so an unwritable --out fails before any work.
  const created = await ensureWritableFolder({ folder: params.out, option: "--out" });
  let model: ConvertedModel;
  try {
    if (from === "tfjs") {
      const modelDir = basename(params.input) === "model.json" ? dirname(params.input) : params.input;
      model = await convertTfjsLayers({ modelDir, outDir: params.out, maxInputBytes });
    } else if (from === "tflite") {
      model = await convertTflite({ file: params.input, outDir: params.out, maxInputBytes });
    } else {
      const bytes = await readInputFile({
        file: params.input,
        maxBytes: maxInputBytes,
        expected: "a .safetensors file of TF-slim variables",
      });
      const { tensors } = readSafetensors({ bytes, file: params.input });
      const variables = new Map<string, RawTensor>();
      for (const [name, t] of tensors)
        if (t.data instanceof Float32Array) variables.set(name, { dims: t.dims, data: t.data });
      const checkpointName = params.checkpointName ?? basename(params.input).replace(/\.safetensors$/, "");
      model = await convertTfSlim({ variables, checkpointName, outDir: params.out });
    }
  } catch (error) {
    // A failed conversion leaves no empty output folder behind (rmdir removes only an empty one).
    if (created) await rmdir(params.out).catch(() => undefined);
    // Every read above gives typed errors; a system error left can only come from writing the output.
    if (!(error instanceof MobileNetError) && typeof (error as NodeJS.ErrnoException)?.syscall === "string") {
      const e = error as NodeJS.ErrnoException;
      throw new OutputUnwritableError({
        option: "--out",
        path: e.path ?? params.out,
        errno: e.code,
        cause: e,
      });
    }
    throw error;
  }
  const c = model.config;
  return `${from} → ${params.out}: depth ${c.depthMultiplier}, ${c.imageSize} px, ${c.numLabels} labels`;
}

async function guessFormat(input: string): Promise<ConvertFormat> {
  const info = await stat(input).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw new ConvertInputFileError({
      file: input,
      reason: "unreadable",
      expected: "a TF.js folder or model.json, a .tflite or a .safetensors file",
      detail: error.code,
      cause: error,
    });
  });
  if (!info) {
    throw new ModelFileNotFoundError({
      location: input,
      files: [input],
      message: `${input} does not exist: expected a TF.js folder or model.json, a .tflite or a .safetensors file`,
    });
  }
  if (input.endsWith(".tflite")) return "tflite";
  if (input.endsWith(".safetensors")) return "tf-slim";
  if (basename(input) === "model.json" || info.isDirectory()) return "tfjs";
  throw new ConvertUsageError({
    option: "<input>",
    value: input,
    expected: `a TF.js folder or model.json, a .tflite or a .safetensors file (or pass --from ${CONVERT_FORMATS.join("|")})`,
  });
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdir({ recursive: true })` never settles for some paths
 * whose parent cannot be created (e.g. `/proc/x`), which would hang the command.
 */
async function makeFolder(folder: string): Promise<boolean> {
  try {
    await mkdir(folder);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && (await stat(folder)).isDirectory()) return false;
    if (code !== "ENOENT" || dirname(folder) === folder) throw error;
    await makeFolder(dirname(folder));
    await mkdir(folder);
    return true;
  }
}

/**
 * Creates `folder` (with parents) and checks it can be written; says whether it was created.
 *
 * @throws OutputUnwritableError naming the option, the path and the system error code.
 */
async function ensureWritableFolder(params: { folder: string; option: string }): Promise<boolean> {
  try {
    const created = await makeFolder(resolve(params.folder));
    await access(params.folder, constants.W_OK | constants.X_OK);
    return created;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new OutputUnwritableError({ option: params.option, path: params.folder, errno: e.code, cause: e });
  }
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
        const maxInputBytes = maxInputBytesFromEnv({});
        log(
          await runConvert({
            input,
            out: options.out,
            from: options.from,
            checkpointName: options.checkpointName,
            ...(maxInputBytes !== undefined ? { maxInputBytes } : {}),
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
