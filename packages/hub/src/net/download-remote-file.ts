import { HubApiError } from "@huggingface/hub";
import { NetworkTimeoutError } from "@mobilenetv1/core";
import { readBodyCapped } from "@mobilenetv1/core/net";
import { HubIntegrityError, HubNetworkError } from "../errors/hub-errors.js";
import { HubFileTooLargeError } from "../errors/hub-file-errors.js";
import { DEFAULT_RESUMES } from "../options/hub-options.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import type { RemoteFile } from "./remote-file.js";
import { toHubError } from "./to-hub-error.js";

/** Where downloaded bytes go: a partial file in Node, memory in browsers. */
export interface DownloadSink {
  /** Bytes held already: the download resumes from there. */
  size(): number;
  write(chunk: Uint8Array): Promise<void>;
  /** Drops every byte held: the server ignored `Range` and sends the file from its start. */
  truncate(): Promise<void>;
}

// An error answer's body is read for its message only; more than this is a hostile server.
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Streams `file` at `commit` into `sink` with `GET {hub}/{repo}/resolve/{commit}/{file}` (the LFS
 * redirect to the CDN is followed by fetch, which drops the Authorization header across origins),
 * starting at `sink.size()` with `Range: bytes=<size>-`. When the connection drops or the body stalls
 * (core's idle-read timeout) mid-file, it resumes the same way, up to {@link DEFAULT_RESUMES} times in
 * a row (any progress resets the count), as huggingface_hub's `http_get` does; a server that answers a
 * Range request with the whole file (200) restarts the sink, as `http_get` does too. The request
 * itself goes through the hub fetch (timeouts, retries). A file announced larger than `maxFileBytes`
 * is refused before any request (HubFileTooLargeError), a body longer than announced with
 * HubIntegrityError; the caller verifies size and hash afterwards.
 *
 * @example
 * await downloadRemoteFile({ hub, commit, file, sink });
 */
export async function downloadRemoteFile(params: {
  hub: ResolvedHubOptions;
  commit: string;
  file: RemoteFile;
  sink: DownloadSink;
}): Promise<void> {
  const { hub, commit, file, sink } = params;
  const { limit, limitName } = hub.fileLimit(file.path);
  if (file.size > limit) {
    throw new HubFileTooLargeError({
      repoId: hub.repoId,
      file: file.path,
      size: file.size,
      maxBytes: limit,
      setting: limitName,
    });
  }
  const path = file.path.split("/").map(encodeURIComponent).join("/");
  const url = `${hub.hubUrl}/${hub.repoId}/resolve/${commit}/${path}`;
  let resumesLeft = DEFAULT_RESUMES;
  let tries = 0;
  let lastFailure: unknown;
  report(params);
  while (sink.size() < file.size) {
    if (tries > 0) {
      if (resumesLeft-- <= 0) throw dropped({ hub, file, tries, cause: lastFailure });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    tries++;
    const start = sink.size();
    const headers: Record<string, string> = {};
    if (hub.accessToken) headers["Authorization"] = `Bearer ${hub.accessToken}`;
    if (start > 0) headers["Range"] = `bytes=${start}-`;
    let response: Response;
    try {
      response = await hub.hubFetch.fetch(url, { headers });
    } catch (error) {
      throw toHubError({ error, hub, file: file.path });
    }
    if (!response.ok) throw toHubError({ error: await apiError(response), hub, file: file.path });
    if (start > 0 && response.status === 206 && !startsAt(response, start)) {
      // A part that starts elsewhere cannot be appended: drop it, and start over from 0.
      await response.body?.cancel().catch(() => undefined);
      await sink.truncate();
      lastFailure = new Error(`the server answered another byte range than bytes=${start}-`);
      continue;
    }
    // 200 to a Range request: the server sends the whole file (huggingface_hub resets its file too).
    if (start > 0 && response.status !== 206) await sink.truncate();
    try {
      const before = sink.size();
      await pump({ ...params, response, onProgress: () => (resumesLeft = DEFAULT_RESUMES) });
      // A body that ends early without an error is a drop too: loop and resume.
      lastFailure = new Error(
        `connection closed after ${sink.size() - before} bytes, before the end of the file`,
      );
    } catch (error) {
      if (error instanceof HubIntegrityError) throw error;
      lastFailure = error;
    }
  }
}

async function pump(params: {
  hub: ResolvedHubOptions;
  file: RemoteFile;
  sink: DownloadSink;
  response: Response;
  onProgress: () => void;
}): Promise<void> {
  const { file, sink } = params;
  const reader = params.response.body?.getReader();
  if (!reader) return;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (sink.size() + value.byteLength > file.size) {
        throw new HubIntegrityError({
          repoId: params.hub.repoId,
          file: file.path,
          check: "size",
          expected: `${file.size} bytes`,
          actual: `more than ${file.size} bytes`,
        });
      }
      await sink.write(value);
      params.onProgress();
      report(params);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Whether a 206 answer's `Content-Range` starts at `start`. */
function startsAt(response: Response, start: number): boolean {
  const match = /^bytes (\d+)-/.exec(response.headers.get("content-range") ?? "");
  return match !== null && Number(match[1]) === start;
}

/** The error @huggingface/hub would throw for this answer, so toHubError maps it like the others. */
async function apiError(response: Response): Promise<HubApiError> {
  const error = new HubApiError(
    response.url,
    response.status,
    response.headers.get("X-Request-Id") ?? undefined,
  );
  const text = await readBodyCapped({
    response,
    maxBytes: MAX_ERROR_BODY_BYTES,
    tooLarge: () => new Error("error body too large"),
  })
    .then((bytes) => new TextDecoder().decode(bytes))
    .catch(() => "");
  try {
    error.data = JSON.parse(text);
  } catch {
    error.data = { message: text };
  }
  error.message = `Api error with status ${response.status}`;
  return error;
}

function dropped(params: { hub: ResolvedHubOptions; file: RemoteFile; tries: number; cause: unknown }) {
  return new HubNetworkError({
    repoId: params.hub.repoId,
    hubUrl: params.hub.hubUrl,
    attempts: params.tries,
    file: params.file.path,
    timeout: params.cause instanceof NetworkTimeoutError ? params.cause : undefined,
    cause: params.cause,
  });
}

function report(params: { hub: ResolvedHubOptions; file: RemoteFile; sink: DownloadSink }): void {
  params.hub.progress?.({ file: params.file.path, loaded: params.sink.size(), total: params.file.size });
}
