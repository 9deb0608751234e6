import { MobileNetError, type MobileNetErrorCode } from "@mobilenetv1/core";

/**
 * Exit codes scripts can rely on. Documented in the README's exit-code table and `mobilenet --help`
 * (a test checks the three agree).
 */
export const EXIT = {
  /** Every image was classified / the command did what it was asked. */
  OK: 0,
  /** An unexpected failure (a bug: please report it, with `--verbose`). */
  INTERNAL: 1,
  /** Bad command line: unknown option, missing argument, invalid value, an output path that cannot be written. */
  USAGE: 2,
  /** The model could not be had: not found, offline with nothing cached, unauthorized, corrupt files. */
  MODEL: 3,
  /** An input image or tensor could not be read or used, or training data cannot be trained on. */
  INPUT: 4,
  /** No backend could run the model. */
  BACKEND: 5,
  /**
   * The reader of stdout went away (`mobilenet classify *.png | head -1`): the command stops quietly. 141 is
   * 128 + SIGPIPE, the status a shell reports for `cat` or `grep` in the same place; not 0, because the
   * work was not all done (and `set -o pipefail` scripts see the same as with other tools).
   */
  PIPE_CLOSED: 141,
} as const;

/** One of the values of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of every `MobileNetError.code` the SDK throws: a decision per code, so a new code is a
 * conscious choice (a code added to core's `MobileNetErrorCode` without an entry here does not compile,
 * and exit-codes.test.ts fails for a code found in the sources and missing here).
 */
export const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<MobileNetErrorCode, ExitCode>> = {
  // The command line itself.
  USAGE: EXIT.USAGE,
  OUTPUT_UNWRITABLE: EXIT.USAGE,
  // The model: missing, offline, unauthorized, corrupt, unsupported.
  CONFIG_INVALID: EXIT.MODEL,
  CHECKPOINT_NAME: EXIT.MODEL,
  CHECKPOINT_QUANTIZED: EXIT.MODEL,
  FILE_FORMAT: EXIT.MODEL,
  PICKLE_UNSAFE: EXIT.MODEL,
  WEIGHTS_MISMATCH: EXIT.MODEL,
  MODEL_FILE_NOT_FOUND: EXIT.MODEL,
  MODEL_TYPE_UNSUPPORTED: EXIT.MODEL,
  // Codes the other issue-#13 branches add (model files read as hostile input, non-finite weights/logits).
  FILE_TOO_LARGE: EXIT.MODEL,
  MODEL_FILE_NOT_REGULAR: EXIT.MODEL,
  WEIGHTS_NON_FINITE: EXIT.MODEL,
  MODEL_OUTPUT_NON_FINITE: EXIT.MODEL,
  // A timeout loading a model; an image URL's timeout reaches the CLI wrapped as an IMAGE_* error.
  NETWORK_TIMEOUT: EXIT.MODEL,
  HUB_REPO_NOT_FOUND: EXIT.MODEL,
  HUB_REVISION_NOT_FOUND: EXIT.MODEL,
  HUB_UNAUTHORIZED: EXIT.MODEL,
  HUB_OFFLINE_NOT_CACHED: EXIT.MODEL,
  HUB_UNREACHABLE: EXIT.MODEL,
  HUB_INTEGRITY: EXIT.MODEL,
  HUB_UNSAFE_PATH: EXIT.MODEL,
  HUB_HTTP: EXIT.MODEL,
  // The hub's own validation of repo ids, revisions, tokens and settings (HF_ENDPOINT...): the model
  // cannot be had as asked.
  HUB_INVALID_REPO_ID: EXIT.MODEL,
  HUB_INVALID_REVISION: EXIT.MODEL,
  HUB_INVALID_TOKEN: EXIT.MODEL,
  HUB_INVALID_SETTING: EXIT.MODEL,
  HUB_FILE_TOO_LARGE: EXIT.MODEL,
  HUB_CACHE_FILE_INVALID: EXIT.MODEL,
  // `mobilenet convert`'s input is the model it converts.
  CONVERT_UNSAFE_PATH: EXIT.MODEL,
  CONVERT_INPUT_FILE: EXIT.MODEL,
  // An input image or tensor.
  INPUT_INVALID: EXIT.INPUT,
  IMAGE_DECODE: EXIT.INPUT,
  IMAGE_SOURCE: EXIT.INPUT,
  IMAGE_EMPTY: EXIT.INPUT,
  IMAGE_TOO_LARGE: EXIT.INPUT,
  // image-processor's optional peer sharp absent or broken: the image cannot be decoded on this install.
  DEPENDENCY_MISSING: EXIT.INPUT,
  // Training data (`mobilenet train`): the labelled images or embeddings cannot be used as given.
  TRAIN_EMPTY_CLASS: EXIT.INPUT,
  TRAIN_TOO_FEW_CLASSES: EXIT.INPUT,
  TRAIN_EMBEDDING_SHAPE: EXIT.INPUT,
  TRAIN_LABEL_COLLISION: EXIT.INPUT,
  TRAIN_NO_IMAGES: EXIT.INPUT,
  TRAIN_DATASET_FOLDER: EXIT.INPUT,
  BACKEND: EXIT.BACKEND,
  OUTPUT_CLOSED: EXIT.PIPE_CLOSED,
  // The server answers these over HTTP (their `status`); one that ended a command would be a bug.
  SERVE_QUEUE_FULL: EXIT.INTERNAL,
  SERVE_TIMEOUT: EXIT.INTERNAL,
  SERVE_SHUTTING_DOWN: EXIT.INTERNAL,
  SERVE_MODEL_NOT_FOUND: EXIT.INTERNAL,
  SERVE_MEDIA_TYPE: EXIT.INTERNAL,
  SERVE_BODY_TOO_LARGE: EXIT.INTERNAL,
  SERVE_BAD_REQUEST: EXIT.INTERNAL,
};

/**
 * Where a code not (yet) in {@link EXIT_CODE_BY_ERROR_CODE} goes by its family, so a package released
 * ahead of the CLI still gets a sensible code: images → 4, everything else is about the model → 3.
 */
const EXIT_CODE_BY_PREFIX: readonly [string, ExitCode][] = [
  ["IMAGE_", EXIT.INPUT],
  ["HUB_", EXIT.MODEL],
  ["CONVERT_", EXIT.MODEL],
];

/**
 * Maps an error to its exit code by its stable `code` ({@link EXIT_CODE_BY_ERROR_CODE}); anything that is
 * not a MobileNetError is unexpected (1).
 *
 * @example
 * exitCodeFor(new UsageError({ option: "--top", message: "..." })) // 2
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof MobileNetError)) return EXIT.INTERNAL;
  // A package newer than this CLI may throw a code the table does not know yet.
  const exact: ExitCode | undefined = EXIT_CODE_BY_ERROR_CODE[error.code];
  if (exact !== undefined) return exact;
  return EXIT_CODE_BY_PREFIX.find(([prefix]) => error.code.startsWith(prefix))?.[1] ?? EXIT.MODEL;
}

/** A command-line mistake found after commander's own parsing (e.g. a bad `--shape`). */
export class UsageError extends MobileNetError {
  readonly option: string;

  constructor(params: { option: string; message: string }) {
    super("USAGE", `${params.option}: ${params.message}`);
    this.option = params.option;
  }
}

/**
 * Prints an error the way scripts and people want it: one line for typed errors (the message already
 * names the bad value and what was expected), the stack only with `--verbose` or for unexpected errors.
 * A closed stdout prints nothing: the reader is gone and the command ends quietly.
 */
export function reportError(params: {
  error: unknown;
  verbose: boolean;
  write?: (s: string) => void;
}): number {
  const write = params.write ?? ((s: string) => process.stderr.write(s));
  const { error } = params;
  const code = exitCodeFor(error);
  if (code === EXIT.PIPE_CLOSED) return code;
  if (error instanceof MobileNetError) {
    write(`error [${error.code}]: ${error.message}\n`);
    if (params.verbose && error.stack) write(`${error.stack}\n`);
  } else {
    write(
      `unexpected error: ${error instanceof Error ? (params.verbose ? error.stack : error.message) : String(error)}\n`,
    );
    if (!params.verbose) write("run again with --verbose for the stack trace\n");
  }
  return code;
}
