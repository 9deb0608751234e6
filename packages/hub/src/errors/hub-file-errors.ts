/** Errors about one file's bytes before they are read: too large to hold, or not a usable cached file. */
import { MobileNetError } from "@mobilenetv1/core";

/** A file larger than its size cap: announced so by the hub (nothing downloaded) or found so in the cache. */
export class HubFileTooLargeError extends MobileNetError {
  readonly repoId: string;
  readonly file: string;
  readonly size: number;
  readonly maxBytes: number;
  /** The option / environment variable that sets the cap. */
  readonly setting: string;

  constructor(params: { repoId: string; file: string; size: number; maxBytes: number; setting: string }) {
    super(
      "HUB_FILE_TOO_LARGE",
      `${params.repoId}/${params.file} is ${params.size} bytes, more than the ${params.maxBytes} bytes allowed ` +
        `(${params.setting}); refused without reading it`,
    );
    this.setting = params.setting;
    this.repoId = params.repoId;
    this.file = params.file;
    this.size = params.size;
    this.maxBytes = params.maxBytes;
  }
}

/** A file of a cached snapshot that is not a regular file (a FIFO, a device, a folder) or has the wrong size. */
export class HubCachedFileError extends MobileNetError {
  readonly repoId: string;
  readonly file: string;
  /** Where it is in the cache. */
  readonly path: string;
  readonly problem: string;

  constructor(params: { repoId: string; file: string; path: string; problem: string }) {
    super(
      "HUB_CACHE_FILE_INVALID",
      `${params.repoId}/${params.file} in the cache (${params.path}) ${params.problem}; refused. ` +
        "Delete it (or the repo's folder in the cache) and load again online to download it anew.",
    );
    this.repoId = params.repoId;
    this.file = params.file;
    this.path = params.path;
    this.problem = params.problem;
  }
}
