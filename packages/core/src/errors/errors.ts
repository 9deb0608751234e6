/**
 * Typed errors. Every error the SDK throws on purpose is a {@link MobileNetError}; subclasses carry
 * structured fields so callers can branch on them without parsing messages. Messages name the bad
 * value and what was expected.
 */
import { redactUrl } from "../net/redact-url.js";
import type { MobileNetErrorCode } from "./error-codes.js";

/** Base class of every error this SDK throws on purpose. */
export class MobileNetError extends Error {
  /** A stable machine-readable code, e.g. `"CONFIG_INVALID"`: one of {@link MobileNetErrorCode}. */
  readonly code: MobileNetErrorCode;

  constructor(code: MobileNetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A config field has a value outside what the model accepts. */
export class ConfigError extends MobileNetError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(params: { field: string; value: unknown; expected: string; message?: string }) {
    super(
      "CONFIG_INVALID",
      params.message ??
        `config.${params.field} = ${safeJson(params.value)} is invalid: expected ${params.expected}`,
    );
    this.field = params.field;
    this.value = params.value;
    this.expected = params.expected;
  }
}

/** A checkpoint name (e.g. `google/mobilenet_v1_1.0_224`) could not be understood or is not supported. */
export class CheckpointNameError extends MobileNetError {
  readonly checkpointName: string;
  readonly reason: "unparseable" | "quantized-unsupported";

  constructor(params: {
    checkpointName: string;
    reason: "unparseable" | "quantized-unsupported";
    message: string;
  }) {
    super(
      params.reason === "quantized-unsupported" ? "CHECKPOINT_QUANTIZED" : "CHECKPOINT_NAME",
      params.message,
    );
    this.checkpointName = params.checkpointName;
    this.reason = params.reason;
  }
}

/** A file could not be parsed (config.json that is not JSON, a truncated safetensors, a bad zip...). */
export class FileFormatError extends MobileNetError {
  /** File name or path, when known. */
  readonly file: string | undefined;
  /** The format that was expected, e.g. `"safetensors"`, `"pytorch zip"`, `"json"`. */
  readonly format: string;

  constructor(params: { format: string; file?: string; message: string; cause?: unknown }) {
    super("FILE_FORMAT", params.file ? `${params.file}: ${params.message}` : params.message, {
      cause: params.cause,
    });
    this.file = params.file;
    this.format = params.format;
  }
}

/** A pickle inside a pytorch_model.bin asked for a global that is not on the allow-list. */
export class UnsafePickleError extends MobileNetError {
  /** The refused global, as `module.name` (e.g. `os.system`). */
  readonly global: string;

  constructor(params: { global: string; file?: string }) {
    super(
      "PICKLE_UNSAFE",
      `${params.file ? `${params.file}: ` : ""}refused to load pickle global ${JSON.stringify(params.global)}: ` +
        "only tensor rebuild functions, storages and OrderedDict are allowed (the file was not executed)",
    );
    this.global = params.global;
  }
}

/** The state dict does not fit the model: which keys are missing, unexpected or mis-shaped. */
export class WeightsMismatchError extends MobileNetError {
  readonly missingKeys: readonly string[];
  readonly unexpectedKeys: readonly string[];
  readonly mismatchedKeys: readonly { key: string; expected: readonly number[]; found: readonly number[] }[];

  constructor(params: {
    missingKeys: readonly string[];
    unexpectedKeys: readonly string[];
    mismatchedKeys: readonly { key: string; expected: readonly number[]; found: readonly number[] }[];
  }) {
    const parts: string[] = [];
    if (params.missingKeys.length) parts.push(`missing keys: ${params.missingKeys.join(", ")}`);
    if (params.unexpectedKeys.length) parts.push(`unexpected keys: ${params.unexpectedKeys.join(", ")}`);
    for (const m of params.mismatchedKeys) {
      parts.push(
        `${m.key}: shape in checkpoint [${m.found.join(", ")}], expected [${m.expected.join(", ")}]`,
      );
    }
    super("WEIGHTS_MISMATCH", `weights do not fit the model's config — ${parts.join("; ")}`);
    this.missingKeys = params.missingKeys;
    this.unexpectedKeys = params.unexpectedKeys;
    this.mismatchedKeys = params.mismatchedKeys;
  }
}

/** An input tensor or argument has the wrong shape, dtype or value. */
export class InputError extends MobileNetError {
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(params: { argument: string; value: unknown; expected: string }) {
    super(
      "INPUT_INVALID",
      `${params.argument} = ${safeJson(params.value)} is invalid: expected ${params.expected}`,
    );
    this.argument = params.argument;
    this.value = params.value;
    this.expected = params.expected;
  }
}

/**
 * No backend could be initialized (`failures` says why each candidate failed), or a backend could not be
 * registered because another one holds its name (`backendName`).
 */
export class BackendError extends MobileNetError {
  readonly failures: readonly { backend: string; reason: string }[];
  /** The registry name the error is about (a name already taken), when it is about one. */
  readonly backendName: string | undefined;

  constructor(params: {
    message: string;
    failures?: readonly { backend: string; reason: string }[];
    backendName?: string;
    cause?: unknown;
  }) {
    const detail = (params.failures ?? []).map((f) => `\n  - ${f.backend}: ${f.reason}`).join("");
    super("BACKEND", params.message + detail, { cause: params.cause });
    this.failures = params.failures ?? [];
    this.backendName = params.backendName;
  }
}

/** A model file could not be found in a local folder (or through a registered model source). */
export class ModelFileNotFoundError extends MobileNetError {
  readonly location: string;
  readonly files: readonly string[];

  constructor(params: { location: string; files: readonly string[]; message?: string }) {
    super(
      "MODEL_FILE_NOT_FOUND",
      params.message ??
        `none of ${params.files.map((f) => JSON.stringify(f)).join(", ")} found in ${params.location}`,
    );
    this.location = params.location;
    this.files = params.files;
  }
}

/**
 * A network read gave up: no response headers within the connect timeout, or no body bytes within the read
 * (idle) timeout. `url` is redacted (no credentials, no query string).
 */
export class NetworkTimeoutError extends MobileNetError {
  readonly url: string;
  readonly phase: "connect" | "read";
  readonly timeoutMs: number;

  constructor(params: { url: string; phase: "connect" | "read"; timeoutMs: number; hint?: string }) {
    const url = redactUrl(params.url);
    super(
      "NETWORK_TIMEOUT",
      params.phase === "connect"
        ? `${url}: no response within ${params.timeoutMs} ms (connect timeout)${params.hint ? `; ${params.hint}` : ""}`
        : `${url}: no data for ${params.timeoutMs} ms while reading the body (read timeout)${params.hint ? `; ${params.hint}` : ""}`,
    );
    this.url = url;
    this.phase = params.phase;
    this.timeoutMs = params.timeoutMs;
  }
}

/**
 * A file, or one member of an archive, is bigger than a limit allows: refused before it was read or
 * unpacked in full. `size` is the size declared or found (for a stream cut off at the limit, the bytes
 * seen so far); `limitName` names the option (and environment variable, when there is one) that sets it.
 */
export class FileTooLargeError extends MobileNetError {
  /** File name or path, when known. */
  readonly file: string | undefined;
  /** The archive member (e.g. `archive/data/0`), for a member of a zip. */
  readonly member: string | undefined;
  readonly size: number;
  readonly limit: number;
  readonly limitName: string;

  constructor(params: {
    file?: string;
    member?: string;
    size: number;
    limit: number;
    limitName: string;
    message?: string;
  }) {
    const what = [params.file, params.member && `member ${params.member}`].filter(Boolean).join(" ");
    super(
      "FILE_TOO_LARGE",
      `${what ? `${what}: ` : ""}${
        params.message ??
        `${params.size} bytes exceeds the limit of ${params.limit} bytes (${params.limitName})`
      }`,
    );
    this.file = params.file;
    this.member = params.member;
    this.size = params.size;
    this.limit = params.limit;
    this.limitName = params.limitName;
  }
}

/** A model file exists but is not a regular file (a directory, FIFO, socket or device named config.json...). */
export class NotARegularFileError extends MobileNetError {
  readonly file: string;
  /** What the path is instead. */
  readonly kind: "directory" | "fifo" | "socket" | "character device" | "block device" | "other";

  constructor(params: { file: string; kind: NotARegularFileError["kind"] }) {
    super(
      "MODEL_FILE_NOT_REGULAR",
      `${params.file} is a ${params.kind}, not a regular file: a model file must be a regular file (or a symlink to one)`,
    );
    this.file = params.file;
    this.kind = params.kind;
  }
}

/** Weights hold NaN or ±Infinity: a model built from them would silently output NaN. */
export class NonFiniteWeightsError extends MobileNetError {
  /** The file the weights came from, when known. */
  readonly file: string | undefined;
  /** The first offending keys (at most {@link NonFiniteWeightsError.MAX_LISTED}), each with its counts. */
  readonly tensors: readonly { key: string; nan: number; infinite: number }[];
  /** How many tensors hold non-finite values in all. */
  readonly tensorCount: number;
  /** Non-finite values over all tensors. */
  readonly valueCount: number;

  static readonly MAX_LISTED = 5;

  /** `tensors`: every offending tensor with its counts (only the first few are kept and listed). */
  constructor(params: { file?: string; tensors: readonly { key: string; nan: number; infinite: number }[] }) {
    const tensorCount = params.tensors.length;
    const valueCount = params.tensors.reduce((n, t) => n + t.nan + t.infinite, 0);
    const listed = params.tensors
      .slice(0, NonFiniteWeightsError.MAX_LISTED)
      .map((t) => `${t.key} (${t.nan} NaN, ${t.infinite} ±Infinity)`);
    const more = tensorCount > listed.length ? `, and ${tensorCount - listed.length} more` : "";
    super(
      "WEIGHTS_NON_FINITE",
      `${params.file ? `${params.file}: ` : ""}${tensorCount} weight tensor(s) hold non-finite values ` +
        `(${valueCount} in all): ${listed.join(", ")}${more}; expected finite numbers (the checkpoint is corrupt)`,
    );
    this.file = params.file;
    this.tensors = params.tensors.slice(0, NonFiniteWeightsError.MAX_LISTED);
    this.tensorCount = tensorCount;
    this.valueCount = valueCount;
  }
}

function safeJson(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(value);
  }
}
