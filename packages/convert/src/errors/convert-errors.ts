/**
 * Typed errors of the converters. Everything a converter reads comes from outside (a model folder someone
 * sent, a manifest that names its own shard files), so each refusal says which file, which value and what
 * was expected, in fields as well as in the message.
 */
import { MobileNetError } from "@mobilenetv1/core";

/** Why a path named inside a model file was refused. */
export type UnsafePathReason =
  | "absolute"
  | "parent-segment"
  | "nul-byte"
  | "drive-or-unc"
  | "empty"
  | "escapes-folder";

/**
 * A path written inside an input file (a TF.js manifest's shard path) would read outside the input folder:
 * absolute, a drive or UNC path, a `..` segment, a NUL byte, or a symlink whose target is elsewhere.
 * Nothing was read from it.
 */
export class ConvertUnsafePathError extends MobileNetError {
  /** The file that named the path (e.g. `.../model.json`). */
  readonly file: string;
  /** The path exactly as the file wrote it. */
  readonly path: string;
  readonly reason: UnsafePathReason;

  constructor(params: { file: string; path: string; reason: UnsafePathReason }) {
    const why: Record<UnsafePathReason, string> = {
      absolute: "an absolute path",
      "parent-segment": 'a ".." segment',
      "nul-byte": "a NUL byte",
      "drive-or-unc": "a drive letter or UNC path",
      empty: "an empty path",
      "escapes-folder": "a symlink (or path) that resolves outside the input folder",
    };
    super(
      "CONVERT_UNSAFE_PATH",
      `${params.file}: refused the path ${JSON.stringify(params.path)}: ${why[params.reason]}; ` +
        "expected a file name relative to the model's folder, inside it",
    );
    this.file = params.file;
    this.path = params.path;
    this.reason = params.reason;
  }
}

/** Why an input file could not be read. */
export type InputFileReason = "not-a-file" | "unreadable" | "too-large";

/**
 * An input file of a conversion exists but cannot be used as one: a directory, FIFO or device where a
 * regular file was expected, a read error (permissions), or more bytes than the cap allows.
 */
export class ConvertInputFileError extends MobileNetError {
  readonly file: string;
  readonly reason: InputFileReason;
  /** The file's size, when it was known. */
  readonly bytes: number | undefined;
  /** The cap in force, for `"too-large"`. */
  readonly limit: number | undefined;

  constructor(params: {
    file: string;
    reason: InputFileReason;
    expected: string;
    bytes?: number;
    limit?: number;
    detail?: string;
    cause?: unknown;
  }) {
    const what =
      params.reason === "too-large"
        ? `is ${params.bytes} bytes, above the limit of ${params.limit}`
        : params.reason === "not-a-file"
          ? `is not a regular file${params.detail ? ` (${params.detail})` : ""}`
          : `cannot be read${params.detail ? ` (${params.detail})` : ""}`;
    super("CONVERT_INPUT_FILE", `${params.file} ${what}: expected ${params.expected}`, {
      cause: params.cause,
    });
    this.file = params.file;
    this.reason = params.reason;
    this.bytes = params.bytes;
    this.limit = params.limit;
  }
}

/**
 * A place an output is to be written cannot be written (a missing or read-only folder, a directory where
 * a file is expected, a full disk). Code `OUTPUT_UNWRITABLE`; the CLI reports it as a bad command line.
 */
export class OutputUnwritableError extends MobileNetError {
  /** The option that named the path, e.g. `--out`, `--pixel-values-out`. */
  readonly option: string;
  readonly path: string;
  /** The system error code, e.g. `EACCES`, `ENOENT`, `ENOSPC`. */
  readonly errno: string | undefined;

  constructor(params: { option: string; path: string; errno?: string; cause?: unknown }) {
    super(
      "OUTPUT_UNWRITABLE",
      `${params.option}: cannot write ${params.path}${params.errno ? ` (${params.errno})` : ""}: ` +
        "expected a path in an existing, writable folder",
      { cause: params.cause },
    );
    this.option = params.option;
    this.path = params.path;
    this.errno = params.errno;
  }
}

/**
 * A bad command-line value of the converter (an option or environment variable). Code `USAGE`, the same
 * as the CLI's own usage errors, so `mobilenet convert` exits 2 for it.
 */
export class ConvertUsageError extends MobileNetError {
  readonly option: string;
  readonly value: string;

  constructor(params: { option: string; value: string; expected: string }) {
    super(
      "USAGE",
      `${params.option}: ${JSON.stringify(params.value)} is invalid: expected ${params.expected}`,
    );
    this.option = params.option;
    this.value = params.value;
  }
}
