/**
 * Typed errors of the hub package. Each one carries the repo, revision and what went wrong as fields,
 * so callers (the CLI, the playground) branch on `instanceof` or `code`, never on messages. No field
 * and no message ever holds the access token; URLs (fields, messages, and the messages of causes) are
 * reported without `user:password@` and without their query string (CDN links carry signatures, see
 * core's redactUrl), whatever the caller passes in.
 */
import { MobileNetError, ModelFileNotFoundError, type NetworkTimeoutError } from "@mobilenetv1/core";
import { redactUrl, redactUrlsIn } from "@mobilenetv1/core/net";
import { redactCause } from "./redact-cause.js";

/** An endpoint fit for a message or a field: no `user:password@`, no query, no trailing slash. */
const shown = (url: string) => redactUrl(url).replace(/\/+$/, "");

/** How to get going without the hub: said by every error that means "the hub could not help". */
export const OFFLINE_HINT =
  "To load without the hub, pass the path of a local folder holding config.json and the weights " +
  "(model.safetensors or pytorch_model.bin); to use a mirror, set HF_ENDPOINT=https://<mirror> (or the hubUrl option).";

/** The repository does not exist, or is private and the request carried no valid token. */
export class HubRepoNotFoundError extends MobileNetError {
  readonly repoId: string;
  readonly hubUrl: string;
  readonly statusCode: number;

  constructor(params: { repoId: string; hubUrl: string; statusCode: number; cause?: unknown }) {
    super(
      "HUB_REPO_NOT_FOUND",
      `repository ${JSON.stringify(params.repoId)} was not found on ${shown(params.hubUrl)} (HTTP ${params.statusCode}). ` +
        "Check the id; if the repository is private, pass accessToken (or set HF_TOKEN).",
      { cause: redactCause(params.cause) },
    );
    this.repoId = params.repoId;
    this.hubUrl = shown(params.hubUrl);
    this.statusCode = params.statusCode;
  }
}

/** The repository exists but the branch, tag, commit or `refs/pr/N` does not. */
export class HubRevisionNotFoundError extends MobileNetError {
  readonly repoId: string;
  readonly revision: string;

  constructor(params: { repoId: string; revision: string; cause?: unknown }) {
    super(
      "HUB_REVISION_NOT_FOUND",
      `revision ${JSON.stringify(params.revision)} does not exist in ${params.repoId} ` +
        "(expected a branch, a tag, a 40-character commit hash or refs/pr/N)",
      { cause: redactCause(params.cause) },
    );
    this.repoId = params.repoId;
    this.revision = params.revision;
  }
}

/**
 * A file is not in the repository at that revision. Extends core's {@link ModelFileNotFoundError}, so
 * code that handles "no such model file" for folders handles it for repos too.
 */
export class HubFileNotFoundError extends ModelFileNotFoundError {
  readonly repoId: string;
  readonly revision: string;
  readonly file: string;

  constructor(params: { repoId: string; revision: string; file: string; hint?: string }) {
    super({
      location: `${params.repoId}@${params.revision}`,
      files: [params.file],
      message:
        `${params.file} is not in ${params.repoId} at revision ${JSON.stringify(params.revision)}` +
        (params.hint ? `: ${params.hint}` : ""),
    });
    this.repoId = params.repoId;
    this.revision = params.revision;
    this.file = params.file;
  }
}

/** 401/403: no token, a token without access, or a gated repo whose conditions were not accepted. */
export class HubAccessError extends MobileNetError {
  readonly repoId: string;
  readonly statusCode: number;
  /** The hub said the repo is gated (`X-Error-Code: GatedRepo`). */
  readonly gated: boolean;
  /** Whether the request carried a token (never the token itself). */
  readonly withToken: boolean;

  constructor(params: {
    repoId: string;
    hubUrl: string;
    statusCode: number;
    gated: boolean;
    withToken: boolean;
  }) {
    const fix = params.gated
      ? `accept the repository's conditions at ${shown(params.hubUrl)}/${params.repoId} and pass a token of that account`
      : params.withToken
        ? "the token was refused: check that it is valid and can read this repository"
        : "pass accessToken (or set HF_TOKEN) with read access";
    super(
      "HUB_UNAUTHORIZED",
      `access to ${params.repoId} was denied (HTTP ${params.statusCode}${params.gated ? ", gated repository" : ""}): ${fix}`,
    );
    this.repoId = params.repoId;
    this.statusCode = params.statusCode;
    this.gated = params.gated;
    this.withToken = params.withToken;
  }
}

/**
 * Offline (`localFilesOnly` or `HF_HUB_OFFLINE`) and the files are not in the cache: either the revision
 * was never cached, or its snapshot is there but lacks files (`missingFiles`, named in the message).
 */
export class HubOfflineError extends MobileNetError {
  readonly repoId: string;
  readonly revision: string;
  readonly cacheDir: string;
  readonly reason: "localFilesOnly" | "HF_HUB_OFFLINE";
  /** The cached commit of the revision, when its snapshot exists. */
  readonly commit: string | undefined;
  /** Files asked for that the cached snapshot does not hold (empty when there is no snapshot at all). */
  readonly missingFiles: readonly string[];

  constructor(params: {
    repoId: string;
    revision: string;
    cacheDir: string;
    reason: "localFilesOnly" | "HF_HUB_OFFLINE";
    commit?: string;
    missingFiles?: readonly string[];
  }) {
    const why = params.reason === "HF_HUB_OFFLINE" ? "HF_HUB_OFFLINE is set" : "localFilesOnly is true";
    const missing = params.missingFiles ?? [];
    const what =
      params.commit && missing.length > 0
        ? `${params.repoId}@${params.revision} is cached (snapshot ${params.commit} in ${params.cacheDir}) but ` +
          `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing from it`
        : `${params.repoId}@${params.revision} is not in the cache ${params.cacheDir}`;
    super(
      "HUB_OFFLINE_NOT_CACHED",
      `${what}, and ${why}, so the hub was not asked. Run once online to fill the cache, or: ${OFFLINE_HINT}`,
    );
    this.repoId = params.repoId;
    this.revision = params.revision;
    this.cacheDir = params.cacheDir;
    this.reason = params.reason;
    this.commit = params.commit;
    this.missingFiles = missing;
  }
}

/** The hub could not be reached (or kept failing, or timed out) after retries, and nothing usable was cached. */
export class HubNetworkError extends MobileNetError {
  readonly repoId: string;
  /** The endpoint, without credentials. */
  readonly hubUrl: string;
  /** Requests made, retries included. */
  readonly attempts: number;
  /** Last HTTP status, when the hub answered at all (a 5xx or 429). */
  readonly statusCode: number | undefined;
  /** Where the cache was looked up, when it was. */
  readonly cacheDir: string | undefined;
  /** The URL of the request that failed last (no credentials, no query), when known. */
  readonly url: string | undefined;
  /** Set when the last failure was a timeout: its phase (`connect` / `read`) and `timeoutMs`. */
  readonly timeout: NetworkTimeoutError | undefined;

  constructor(params: {
    repoId: string;
    hubUrl: string;
    attempts: number;
    statusCode?: number;
    cacheDir?: string;
    file?: string;
    url?: string;
    timeout?: NetworkTimeoutError;
    cause?: unknown;
  }) {
    const hubUrl = shown(params.hubUrl);
    const what = params.timeout
      ? `the Hugging Face Hub at ${hubUrl} timed out (${params.timeout.message}; ` +
        `raise it with ${params.timeout.phase === "connect" ? "HF_HUB_ETAG_TIMEOUT=<seconds> or connectTimeoutMs" : "HF_HUB_DOWNLOAD_TIMEOUT=<seconds> or readTimeoutMs"})`
      : params.statusCode
        ? `the Hugging Face Hub at ${hubUrl} kept failing (HTTP ${params.statusCode})`
        : `could not reach the Hugging Face Hub at ${hubUrl}`;
    const cached = params.cacheDir ? `, and ${params.repoId} is not in the cache ${params.cacheDir}` : "";
    super(
      "HUB_UNREACHABLE",
      `${what} after ${params.attempts} attempt(s) while ${params.file ? `downloading ${params.file} of ` : "loading "}` +
        `${params.repoId}${cached}. Check the network connection or proxy. ${OFFLINE_HINT}`,
      { cause: redactCause(params.cause ?? params.timeout) },
    );
    this.repoId = params.repoId;
    this.hubUrl = hubUrl;
    this.attempts = params.attempts;
    this.statusCode = params.statusCode;
    this.cacheDir = params.cacheDir;
    this.url = params.url === undefined ? params.timeout?.url : redactUrl(params.url);
    this.timeout = params.timeout;
  }
}

/** A downloaded file does not have the size or hash the hub announced; it was deleted, not cached. */
export class HubIntegrityError extends MobileNetError {
  readonly repoId: string;
  readonly file: string;
  readonly check: "size" | "sha256" | "git-sha1";
  readonly expected: string;
  readonly actual: string;

  constructor(params: {
    repoId: string;
    file: string;
    check: "size" | "sha256" | "git-sha1";
    expected: string;
    actual: string;
  }) {
    super(
      "HUB_INTEGRITY",
      `${params.repoId}/${params.file}: downloaded ${params.check} ${params.actual} does not match the hub's ${params.expected}; ` +
        "the partial file was deleted and nothing was cached. Retry; if it persists, the mirror or a proxy alters files.",
    );
    this.repoId = params.repoId;
    this.file = params.file;
    this.check = params.check;
    this.expected = params.expected;
    this.actual = params.actual;
  }
}

/** A repo listing named a path that would escape the snapshot folder (`..`, absolute, drive, UNC). */
export class HubUnsafePathError extends MobileNetError {
  readonly repoId: string;
  readonly path: string;

  constructor(params: { repoId: string; path: string }) {
    super(
      "HUB_UNSAFE_PATH",
      `${params.repoId} lists the file ${JSON.stringify(params.path)}, which would be written outside the cache ` +
        "(parent-directory segment or absolute path); refused, nothing was downloaded",
    );
    this.repoId = params.repoId;
    this.path = params.path;
  }
}

/** Any other HTTP error from the hub. */
export class HubHttpError extends MobileNetError {
  readonly repoId: string;
  readonly statusCode: number;
  /** The request URL without its query string. */
  readonly url: string;
  readonly requestId: string | undefined;

  constructor(params: {
    repoId: string;
    statusCode: number;
    url: string;
    requestId?: string;
    detail?: string;
  }) {
    const url = redactUrl(params.url);
    super(
      "HUB_HTTP",
      `the hub answered HTTP ${params.statusCode} for ${url}` +
        (params.detail ? `: ${redactUrlsIn(params.detail).slice(0, 300)}` : "") +
        (params.requestId ? ` (request id ${params.requestId})` : ""),
    );
    this.repoId = params.repoId;
    this.statusCode = params.statusCode;
    this.url = url;
    this.requestId = params.requestId;
  }
}
