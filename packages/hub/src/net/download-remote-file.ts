import { downloadFile } from "@huggingface/hub";
import { HubFileNotFoundError, HubNetworkError } from "../errors/hub-errors.js";
import { DEFAULT_RESUMES } from "../options/hub-options.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import type { RemoteFile } from "./remote-file.js";
import { toHubError } from "./to-hub-error.js";

/** Where downloaded bytes go: a `.incomplete` file in Node, memory in browsers. */
export interface DownloadSink {
  /** Bytes held already: the download resumes from there. */
  size(): number;
  write(chunk: Uint8Array): Promise<void>;
}

/**
 * Streams `file` at `commit` into `sink`, starting at `sink.size()` with a `Range` request, and resumes
 * the same way when the connection drops mid-file (up to {@link DEFAULT_RESUMES} times in a row; any
 * progress resets the count, as huggingface_hub's `http_get` does). Each try goes through
 * @huggingface/hub's `downloadFile`, whose blob `slice(start)` asks for `bytes=start-`. The caller
 * verifies size and hash afterwards.
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
  let resumesLeft = DEFAULT_RESUMES;
  let tries = 0;
  report(params);
  while (sink.size() < file.size) {
    tries++;
    const failureBefore = hub.hubFetch.lastFailure();
    let blob: Blob | null;
    try {
      blob = await downloadFile({
        repo: hub.repoId,
        path: file.path,
        revision: commit,
        hubUrl: hub.hubUrl,
        accessToken: hub.accessToken,
        fetch: hub.hubFetch.fetch,
        // Plain HTTP (with Range) for every file, as huggingface_hub does without hf_xet: resumable,
        // and the same bytes whether the repo is LFS- or Xet-backed.
        xet: false,
      });
    } catch (error) {
      throw toHubError({ error, hub, file: file.path });
    }
    if (!blob)
      throw new HubFileNotFoundError({ repoId: hub.repoId, revision: hub.revision, file: file.path });

    const start = sink.size();
    const reader = (start > 0 ? blob.slice(start) : blob).stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await sink.write(value);
        resumesLeft = DEFAULT_RESUMES;
        report(params);
      }
      // A body that ends early without an error is a drop too: loop and resume.
      if (sink.size() < file.size && resumesLeft-- <= 0)
        throw new Error("connection closed before the end of the file");
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      // The blob's stream reports request errors as bare strings; our fetch wrapper kept the real one.
      const failure = hub.hubFetch.lastFailure();
      if (failure && failure !== failureBefore) {
        throw new HubNetworkError({
          ...base(hub),
          attempts: failure.attempts,
          statusCode: failure.statusCode,
          file: file.path,
        });
      }
      if (resumesLeft-- <= 0)
        throw new HubNetworkError({ ...base(hub), attempts: tries, file: file.path, cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function base(hub: ResolvedHubOptions) {
  return { repoId: hub.repoId, hubUrl: hub.hubUrl };
}

function report(params: { hub: ResolvedHubOptions; file: RemoteFile; sink: DownloadSink }): void {
  params.hub.progress?.({ file: params.file.path, loaded: params.sink.size(), total: params.file.size });
}
