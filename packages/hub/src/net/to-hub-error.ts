import { HubApiError } from "@huggingface/hub";
import { MobileNetError, NetworkTimeoutError } from "@mobilenetv1/core";
import { redactUrl } from "@mobilenetv1/core/net";
import {
  HubAccessError,
  HubFileNotFoundError,
  HubHttpError,
  HubNetworkError,
  HubRepoNotFoundError,
  HubRevisionNotFoundError,
} from "../errors/hub-errors.js";
import { redactCause } from "../errors/redact-cause.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { FetchExhaustedError } from "./hub-fetch.js";

/**
 * Turns what @huggingface/hub throws (HubApiError, or our fetch wrapper's FetchExhaustedError passing
 * through it) into this package's typed errors. `X-Error-Code` comes from the fetch wrapper because
 * HubApiError keeps the URL but not the headers.
 */
export function toHubError(params: { error: unknown; hub: ResolvedHubOptions; file?: string }): Error {
  const { error, hub, file } = params;
  // A body that stalled (read timeout) while the library read a JSON answer: as unreachable, so the
  // callers' fallback to the cache applies.
  if (error instanceof NetworkTimeoutError) {
    return new HubNetworkError({ repoId: hub.repoId, hubUrl: hub.hubUrl, attempts: 1, file, timeout: error });
  }
  if (error instanceof MobileNetError) return error;
  if (error instanceof FetchExhaustedError) {
    return new HubNetworkError({
      repoId: hub.repoId,
      hubUrl: hub.hubUrl,
      attempts: error.failure.attempts,
      statusCode: error.failure.statusCode,
      file,
      url: error.failure.url,
      timeout: error.failure.timeout,
      cause: error.failure.cause,
    });
  }
  if (!(error instanceof HubApiError)) return redactCause(error) as Error;

  const status = error.statusCode;
  const code = hub.hubFetch.errorCode(error.url);
  const detail = typeof error.data?.["error"] === "string" ? (error.data["error"] as string) : undefined;
  if (code === "RepoNotFound") {
    return new HubRepoNotFoundError({
      repoId: hub.repoId,
      hubUrl: hub.hubUrl,
      statusCode: status,
      cause: error,
    });
  }
  if (code === "RevisionNotFound" || (status === 404 && !code && /\brev(ision)?\b/i.test(detail ?? ""))) {
    return new HubRevisionNotFoundError({ repoId: hub.repoId, revision: hub.revision, cause: error });
  }
  if (code === "EntryNotFound" && file) {
    return new HubFileNotFoundError({ repoId: hub.repoId, revision: hub.revision, file });
  }
  if (code === "GatedRepo" || status === 401 || status === 403) {
    return new HubAccessError({
      repoId: hub.repoId,
      hubUrl: hub.hubUrl,
      statusCode: status,
      gated: code === "GatedRepo",
      withToken: hub.accessToken !== undefined,
    });
  }
  if (status === 404) {
    return new HubRepoNotFoundError({
      repoId: hub.repoId,
      hubUrl: hub.hubUrl,
      statusCode: status,
      cause: error,
    });
  }
  return new HubHttpError({
    repoId: hub.repoId,
    statusCode: status,
    url: redactUrl(error.url),
    requestId: error.requestId,
    detail,
  });
}
