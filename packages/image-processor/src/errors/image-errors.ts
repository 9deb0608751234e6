/**
 * Image-specific typed errors. They extend core's {@link MobileNetError} (or {@link ConfigError}), so one
 * `catch (e) { if (e instanceof MobileNetError) ... }` covers every error the SDK throws on purpose.
 */
import { ConfigError, MobileNetError } from "@mobilenetv1/core";

/** Bytes that could not be decoded as an image: not an image, an unsupported format, a truncated file. */
export class ImageDecodeError extends MobileNetError {
  /** What was being decoded: a path, a URL, or `"<bytes>"`. */
  readonly source: string;
  /** The container format when it was recognized (`"jpeg"`, `"png"`...). */
  readonly format: string | undefined;

  constructor(params: { source: string; message: string; format?: string; cause?: unknown }) {
    super("IMAGE_DECODE", `${params.source}: ${params.message}`, { cause: params.cause });
    this.source = params.source;
    this.format = params.format;
  }
}

/** Why an image source could not be read (see {@link ImageSourceError.reason}). */
export type ImageSourceFailure =
  | "not-found"
  | "not-a-file"
  | "too-large"
  | "timeout"
  | "http-status"
  | "unreadable"
  /** Not a URL an image can be downloaded from (relative, or not http(s)). */
  | "invalid-url"
  /** The server answered with a `Content-Type` that is not an image (`contentType` holds it). */
  | "not-an-image";

/**
 * An image that could not be read: a missing file, something that is not a regular file (a directory,
 * FIFO, device, socket), more bytes than `maxImageBytes`, a download that timed out or failed (`status`
 * holds the HTTP status), a URL no image can come from, an answer that is not an image (`contentType`). `source` never holds credentials or a query string (URLs are redacted).
 */
export class ImageSourceError extends MobileNetError {
  /** The path or the redacted URL. */
  readonly source: string;
  /** HTTP status of a failed download. */
  readonly status: number | undefined;
  /** What went wrong. @default "unreadable" */
  readonly reason: ImageSourceFailure;
  /** The byte cap (`"too-large"`) or the timeout in ms (`"timeout"`) in force. */
  readonly limit: number | undefined;
  /** The response's `Content-Type` (`"not-an-image"`). */
  readonly contentType: string | undefined;

  constructor(params: {
    source: string;
    message: string;
    status?: number;
    reason?: ImageSourceFailure;
    limit?: number;
    contentType?: string;
    cause?: unknown;
  }) {
    super("IMAGE_SOURCE", `${params.source}: ${params.message}`, { cause: params.cause });
    this.source = params.source;
    this.status = params.status;
    this.reason = params.reason ?? (params.status === undefined ? "unreadable" : "http-status");
    this.limit = params.limit;
    this.contentType = params.contentType;
  }
}

/**
 * An environment variable of the image reader (`MOBILENET_IMAGE_TIMEOUT`, `MOBILENET_MAX_IMAGE_BYTES`)
 * holds something that is not a valid value. Code `"USAGE"`: the CLI exits with 2, as for a bad option.
 */
export class ImageEnvVarError extends MobileNetError {
  readonly variable: string;
  readonly value: string;
  readonly expected: string;

  constructor(params: { variable: string; value: string; expected: string }) {
    super(
      "USAGE",
      `environment variable ${params.variable}=${JSON.stringify(params.value.slice(0, 60))} is invalid: expected ${params.expected}`,
    );
    this.variable = params.variable;
    this.value = params.value;
    this.expected = params.expected;
  }
}

/**
 * An image whose dimensions the processor refuses: empty (0 pixels), or larger than the pixel limit
 * (a decompression bomb: a small file declaring huge dimensions). The check reads the header only,
 * before any pixel is decoded.
 */
export class ImageDimensionsError extends MobileNetError {
  readonly width: number;
  readonly height: number;
  readonly reason: "empty" | "too-large";
  /** The pixel limit in force (for `"too-large"`). */
  readonly limit: number | undefined;

  constructor(params: {
    source: string;
    width: number;
    height: number;
    reason: "empty" | "too-large";
    limit?: number;
  }) {
    const size = `${params.width}×${params.height}`;
    super(
      params.reason === "empty" ? "IMAGE_EMPTY" : "IMAGE_TOO_LARGE",
      params.reason === "empty"
        ? `${params.source}: image is ${size}: expected at least 1×1 pixels`
        : `${params.source}: image is ${size} = ${params.width * params.height} pixels, above the limit of ` +
            `${params.limit} (maxImagePixels, like PIL's Image.MAX_IMAGE_PIXELS): possible decompression bomb`,
    );
    this.width = params.width;
    this.height = params.height;
    this.reason = params.reason;
    this.limit = params.limit;
  }
}

/**
 * An optional peer dependency that the code path needs is absent (sharp, for decoding in Node). The
 * message names the package and the command that installs it.
 */
export class MissingPeerDependencyError extends MobileNetError {
  /** The npm package, e.g. `"sharp"`. */
  readonly packageName: string;
  /** How to add it, e.g. `"npm install sharp"`. */
  readonly installCommand: string;
  /** `"not-installed"`: the package cannot be found; `"failed-to-load"`: it is there but did not load. */
  readonly reason: "not-installed" | "failed-to-load";

  constructor(params: {
    packageName: string;
    installCommand: string;
    /** What needs it, for the message. */
    neededFor: string;
    reason: "not-installed" | "failed-to-load";
    cause?: unknown;
  }) {
    const why =
      params.reason === "not-installed"
        ? "is not installed"
        : `is installed but did not load (${firstLine(params.cause)})`;
    super(
      "DEPENDENCY_MISSING",
      `${params.neededFor} needs the optional peer dependency "${params.packageName}", which ${why}: ` +
        `expected it installed beside @mobilenetv1/image-processor (\`${params.installCommand}\`)`,
      { cause: params.cause },
    );
    this.packageName = params.packageName;
    this.installCommand = params.installCommand;
    this.reason = params.reason;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/**
 * A preprocessor option (constructor, `preprocess` override or `preprocessor_config.json` field) with a
 * wrong type or value. A {@link ConfigError}: `field` uses the JSON name (`"crop_size.height"`).
 */
export class PreprocessorConfigError extends ConfigError {
  constructor(params: { field: string; value: unknown; expected: string }) {
    super({
      ...params,
      message: `preprocessor option ${params.field} = ${describe(params.value)} is invalid: expected ${params.expected}`,
    });
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 120 ? `${s.slice(0, 120)}…` : s;
  } catch {
    // A cycle or a structure too deep to stringify: String() of it could recurse just as deep.
    return typeof value === "object" && value !== null
      ? `<${value.constructor?.name ?? "object"}>`
      : String(value);
  }
}
