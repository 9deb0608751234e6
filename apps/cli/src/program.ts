import "@mobilenetv1/hub"; // registers the Hugging Face Hub as the model source for repo ids
import { registerConvertCommand } from "@mobilenetv1/convert";
import { Command, CommanderError, Option } from "commander";
import { CLI_BACKENDS } from "./backends.js";
import { isStdoutClosed, watchClosedOutput, writeStderr, writeStdout } from "./closed-output.js";
import { classify, DEFAULT_IMAGE_CLASSIFICATION_MODEL } from "./commands/classify.js";
import { downloadCommand } from "./commands/download.js";
import { registerEmbedCommand } from "./commands/embed.js";
import { infoCommand } from "./commands/info.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTrainCommand } from "./commands/train.js";
import { EXIT, reportError } from "./exit-codes.js";
import { CLI_DTYPES, DEFAULT_CALIBRATION_IMAGES } from "./model-dtype.js";

/**
 * The exit-code part of `mobilenet --help`, one code per line (the README's exit-code table says the same;
 * exit-codes.test.ts checks both against EXIT).
 */
export const EXIT_HELP = `
Exit codes:
  0    ok: every image was classified, the command did what it was asked
  1    unexpected error (a bug: run again with --verbose and report it)
  2    bad command line: unknown option, invalid value, missing path, unwritable output
  3    model unavailable: not found, offline, unauthorized, corrupt or unsupported files
  4    unreadable input image or tensor, or unusable training data
  5    no backend could run the model
  141  stdout closed by its reader (e.g. head): stopped quietly
Offline? Pass a local folder with config.json and weights (--model ./folder), or a mirror (HF_ENDPOINT=...).`;

/** Builds the `mobilenet` command. Exported so other packages (e.g. the converters) can add commands. */
export function buildProgram(): Command {
  const program = new Command("mobilenet")
    .description(
      "MobileNetV1 image classification with Hugging Face checkpoints, matching transformers' numbers",
    )
    .option("--verbose", "print stack traces of errors")
    .addHelpText("after", EXIT_HELP)
    .showSuggestionAfterError();

  program
    .command("classify")
    .description("classify images (files, directories, globs, URLs) and print the top labels")
    .argument("[images...]", "image files, directories, glob patterns or http(s) URLs")
    .option("-m, --model <id|dir>", "hub repo id or local folder", DEFAULT_IMAGE_CLASSIFICATION_MODEL)
    .addOption(
      new Option("-b, --backend <name>", "where the model runs").choices(CLI_BACKENDS).default("node"),
    )
    .option("-k, --top <K>", "labels per image", "5")
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N")
    .option("--json", "one JSON object per image (image, model, backend, top, timings)")
    .option("--logits", "include all logits in --json output")
    .option("--pixel-values-out <file>", "write the preprocessed float32 NCHW tensor (little-endian)")
    .option("--pixel-values-in <file>", "skip preprocessing: run this float32 NCHW tensor (needs --shape)")
    .option("--shape <N,3,H,W>", "shape of --pixel-values-in (H, W >= 32)")
    .option("--batch-size <N>", "images per model call", "8")
    .addOption(
      new Option(
        "--dtype <dtype>",
        "run the float32 network or the int8 one (default: the checkpoint's)",
      ).choices(CLI_DTYPES),
    )
    .option(
      "--calibration <dir|glob>",
      `images to calibrate --dtype int8 on (default: the first ${DEFAULT_CALIBRATION_IMAGES} images given)`,
    )
    .option("--cache-dir <dir>", "hub cache folder (default: huggingface_hub's)")
    .option("--offline", "use cached files only")
    .action(async (images: string[], options) => classify({ images, options }));

  registerEmbedCommand(program);

  program
    .command("download")
    .description("download a hub repo into the cache and print its snapshot folder")
    .argument("<id>", "hub repo id, e.g. google/mobilenet_v1_1.0_224")
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N")
    .option("--cache-dir <dir>", "hub cache folder")
    .option("--no-progress", "no progress bar")
    .action(async (repoId: string, options) => {
      await downloadCommand({ repoId, options });
    });

  program
    .command("info")
    .description("config, parameter count, MACs at an input size, and files in the cache")
    .argument("<id|dir>", "hub repo id or local folder")
    .option("-s, --size <HxW>", "input size for the MACs count (default: the config's image_size)")
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N")
    .option("--cache-dir <dir>", "hub cache folder")
    .option("--json", "print JSON")
    .action(async (model: string, options) => infoCommand({ model, options }));

  registerTrainCommand(program);
  registerServeCommand(program);
  registerConvertCommand(program, {
    log: (line) =>
      writeStdout(`${line}
`),
  });
  return program;
}

/**
 * Runs the CLI with `argv` (user arguments only) and returns the exit code instead of exiting, so tests
 * can call it in-process.
 */
export async function runCli(params: { argv: readonly string[]; program?: Command }): Promise<number> {
  const program = params.program ?? buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => {
      if (!isStdoutClosed()) process.stdout.write(s);
    },
    writeErr: writeStderr,
  });
  for (const c of program.commands) c.exitOverride();
  const stopWatching = watchClosedOutput();
  try {
    await program.parseAsync([...params.argv], { from: "user" });
    await streamErrorsSettled();
    return isStdoutClosed() ? EXIT.PIPE_CLOSED : EXIT.OK;
  } catch (error) {
    await streamErrorsSettled();
    if (error instanceof CommanderError) {
      if (isStdoutClosed()) return EXIT.PIPE_CLOSED;
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
        ? EXIT.OK
        : EXIT.USAGE;
    }
    return reportError({
      error,
      verbose: Boolean(program.opts().verbose) || params.argv.includes("--verbose"),
      write: writeStderr,
    });
  } finally {
    // The error message itself may have gone into a closed stderr: let that error arrive while watched.
    await streamErrorsSettled();
    stopWatching();
  }
}

/**
 * Lets a failed write's `error` event (queued with process.nextTick) arrive before the exit code is
 * decided: a last line written into a closed pipe must count as a closed stdout.
 */
function streamErrorsSettled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
