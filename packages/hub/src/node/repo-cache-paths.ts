import { join, relative, sep } from "node:path";
import { getRepoFolderName } from "@huggingface/hub";
import { HubUnsafePathError } from "../errors/hub-errors.js";

/** Paths of one repo inside the cache, in huggingface_hub's layout. */
export interface RepoCachePaths {
  /** `<cache>/models--{org}--{name}` */
  readonly storage: string;
  /** `<storage>/blobs/<etag>`: the content, named by LFS sha256 or git sha1. */
  blob(etag: string): string;
  /**
   * `<storage>/blobs/<etag>.node.incomplete`: our download in progress, resumed by our next run. Ours
   * alone: huggingface_hub >= 1.18 downloads to a fresh `<etag>.<random>.incomplete` it deletes on
   * failure and never resumes (huggingface_hub#4306), and older versions appended to `<etag>.incomplete`
   * under a `filelock` lock Node cannot take, so sharing that file could interleave two writers. What
   * both share is the verified blob, moved in place with an atomic rename.
   */
  incomplete(etag: string): string;
  /** `<storage>/snapshots/<commit>` */
  snapshot(commit: string): string;
  /** `<storage>/snapshots/<commit>/<file>`: a relative symlink to the blob. */
  pointer(commit: string, file: string): string;
  /** `<storage>/refs/<revision>`: the commit the revision pointed to when last resolved (`refs/pr/1` nests). */
  ref(revision: string): string;
  /** `<storage>/.no_exist/<commit>/<file>`: an empty file recording that the repo has no such file. */
  noExist(commit: string, file: string): string;
  /** `<cache>/.locks/models--{org}--{name}/<etag>.node.lock` (beside huggingface_hub's `<etag>.lock`). */
  lock(etag: string): string;
}

/**
 * The cache paths of `repoId`, named by @huggingface/hub's `getRepoFolderName` (the same
 * `models--org--name` as huggingface_hub's `repo_folder_name`). File paths are checked to stay inside
 * their folder.
 *
 * @example
 * repoCachePaths({ cacheDir: "/c", repoId: "google/mobilenet_v1_1.0_224" }).pointer("abc", "config.json")
 * // "/c/models--google--mobilenet_v1_1.0_224/snapshots/abc/config.json"
 */
export function repoCachePaths(params: { cacheDir: string; repoId: string }): RepoCachePaths {
  const folder = getRepoFolderName({ name: params.repoId, type: "model" });
  const storage = join(params.cacheDir, folder);
  const inside = (root: string, ...parts: string[]): string => {
    const path = join(root, ...parts);
    const rel = relative(root, path);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === "..") {
      throw new HubUnsafePathError({ repoId: params.repoId, path: parts.join("/") });
    }
    return path;
  };
  return {
    storage,
    blob: (etag) => inside(join(storage, "blobs"), etag),
    incomplete: (etag) => inside(join(storage, "blobs"), `${etag}.node.incomplete`),
    snapshot: (commit) => inside(join(storage, "snapshots"), commit),
    pointer: (commit, file) => inside(join(storage, "snapshots"), commit, ...file.split("/")),
    ref: (revision) => inside(join(storage, "refs"), ...revision.split("/")),
    noExist: (commit, file) => inside(join(storage, ".no_exist"), commit, ...file.split("/")),
    lock: (etag) => inside(join(params.cacheDir, ".locks", folder), `${etag}.node.lock`),
  };
}
