import { MobileNetError } from "@mobilenetv1/core";

/**
 * Exit codes scripts can rely on. Documented in the README and `mobilenet --help`.
 */
export const EXIT = {
  /** Every image was classified / the command did what it was asked. */
  OK: 0,
  /** An unexpected failure (a bug: please report it, with `--verbose`). */
  INTERNAL: 1,
  /** Bad command line: unknown option, missing argument, invalid value. */
  USAGE: 2,
  /** The model could not be had: not found, offline with nothing cached, unauthorized, corrupt files. */
  MODEL: 3,
  /** An input image or tensor could not be read or used. */
  INPUT: 4,
  /** No backend could run the model. */
  BACKEND: 5,
} as const;

/** Maps a typed error to its exit code by its stable `code`. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof MobileNetError)) return EXIT.INTERNAL;
  const code = error.code;
  if (code.startsWith("IMAGE_") || code === "INPUT_INVALID") return EXIT.INPUT;
  if (code === "BACKEND") return EXIT.BACKEND;
  if (code === "USAGE") return EXIT.USAGE;
  return EXIT.MODEL;
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
 */
export function reportError(params: {
  error: unknown;
  verbose: boolean;
  write?: (s: string) => void;
}): number {
  const write = params.write ?? ((s: string) => process.stderr.write(s));
  const { error } = params;
  const code = exitCodeFor(error);
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
