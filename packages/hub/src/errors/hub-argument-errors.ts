/**
 * Errors for hub arguments refused before any request: a repo id, revision, token or setting (option or
 * environment variable) that cannot be right. Their codes are `HUB_INVALID_*`, so the CLI reports them
 * as "model unavailable" (exit 3), never as an unreadable input image.
 */
import { MobileNetError, type MobileNetErrorCode } from "@mobilenetv1/core";

/** Base class: which argument (option name or environment variable) was refused and what was expected. */
export class HubArgumentError extends MobileNetError {
  /** The option (`repoId`, `revision`, `accessToken`, `connectTimeoutMs`...) or variable (`HF_TOKEN`...). */
  readonly argument: string;
  /** The refused value; `undefined` for tokens, which are never echoed. */
  readonly value: string | undefined;
  readonly expected: string;

  constructor(params: {
    code: Extract<MobileNetErrorCode, `HUB_INVALID_${string}`>;
    argument: string;
    value: string | undefined;
    expected: string;
    reason?: string;
  }) {
    const shown = params.value === undefined ? "" : ` = ${JSON.stringify(params.value)}`;
    const why = params.reason ? ` (${params.reason})` : "";
    super(params.code, `${params.argument}${shown} is invalid${why}: expected ${params.expected}`);
    this.argument = params.argument;
    this.value = params.value;
    this.expected = params.expected;
  }
}

/** Not a Hugging Face repo id (huggingface_hub's `validate_repo_id` rules), nor a local folder. */
export class HubRepoIdError extends HubArgumentError {
  constructor(params: { repoId: string; reason: string }) {
    super({
      code: "HUB_INVALID_REPO_ID",
      argument: "repoId",
      value: params.repoId,
      reason: params.reason,
      expected:
        'an existing local folder, or a repo id "name" or "org/name" of letters, digits, "-", "_" and "." ' +
        '(no "--" or "..", not starting or ending with "-" or ".", name at most 96 characters)',
    });
  }
}

/** A revision that no hub can have and that would escape `refs/` in the cache. */
export class HubRevisionError extends HubArgumentError {
  constructor(params: { revision: string; reason: string }) {
    super({
      code: "HUB_INVALID_REVISION",
      argument: "revision",
      value: params.revision,
      reason: params.reason,
      expected: "a branch, a tag, a 40-character commit hash or refs/pr/N",
    });
  }
}

/** A token that cannot be sent in an HTTP header, or is not a Hugging Face token. Never holds the token. */
export class HubTokenError extends HubArgumentError {
  constructor(params: { source: "accessToken" | "HF_TOKEN" | "HUGGING_FACE_HUB_TOKEN"; reason: string }) {
    super({
      code: "HUB_INVALID_TOKEN",
      argument: params.source,
      value: undefined,
      reason: params.reason,
      expected: 'a Hugging Face access token: "hf_" followed by printable ASCII, no spaces or line breaks',
    });
  }
}

/** A timeout, endpoint or other setting (option or environment variable) with an unusable value. */
export class HubSettingError extends HubArgumentError {
  constructor(params: { argument: string; value: string; expected: string }) {
    super({ code: "HUB_INVALID_SETTING", ...params });
  }
}
