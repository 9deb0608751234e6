import type { OpenRepoCache } from "./cache/repo-cache.js";
// Browser builds map this import to ./browser/default-repo-cache.js (package.json "browser").
import { openDefaultRepoCache } from "./node/default-repo-cache.js";
import { openRepoForFetch } from "./open-repo.js";
import type { HubOptions } from "./options/hub-options.js";
import type { RepoFiles } from "./repo-files.js";

/** What {@link prefetchRepo} takes. */
export interface PrefetchRepoParams {
  /** `org/name` on the hub. */
  repoId: string;
  /** Every file the load may read: looked up together, so later opens of the commit ask the hub nothing. */
  files: readonly string[];
  /**
   * Which of the files the revision has to start downloading now (into the cache; a later `read` of one
   * joins its download). @default () => [] (none)
   */
  download?: (present: ReadonlySet<string>) => readonly string[];
  /** As {@link openRepo}'s: revision, cache, offline, endpoint, token, progress, fetch. @default {} */
  options?: HubOptions;
}

/** What {@link prefetchRepo} gives. */
export interface PrefetchedRepo {
  /** The commit the revision resolved to: pass it as `revision` to the load's other opens. */
  readonly commit: string;
  readonly files: RepoFiles;
  /** The files whose download was started, in the order `download` gave them. */
  readonly started: readonly string[];
  /** Settles when those downloads have; rejects with the first one's error (the load's own read reports it too). */
  readonly downloads: Promise<void>;
}

/**
 * Starts a model load's downloads before the loaders ask: resolves the revision once and looks up every
 * file in one request, records the files the revision lacks, and starts downloading the ones `download`
 * picks (e.g. the weights, which a loader would only ask for after reading config.json). Loading with
 * `revision: commit` afterwards then needs no further metadata request: each file is cached, recorded
 * absent, or already downloading. Offline, or when the hub cannot be reached, it opens the cached snapshot
 * as {@link openRepo} does and downloads nothing.
 *
 * @example
 * const pre = await prefetchRepo({ repoId: "google/mobilenet_v1_1.0_224", files: ["config.json", "model.safetensors", "pytorch_model.bin"],
 *   download: (present) => ["model.safetensors", "pytorch_model.bin"].filter((f) => present.has(f)).slice(0, 1) });
 * pre.started // ["pytorch_model.bin"]
 * await AutoModelForImageClassification.fromPretrained("google/mobilenet_v1_1.0_224", { revision: pre.commit });
 */
export function prefetchRepo(params: PrefetchRepoParams): Promise<PrefetchedRepo> {
  return prefetchRepoWith({ ...params, openCache: openDefaultRepoCache });
}

/** {@link prefetchRepo} over the cache `openCache` opens (tests run the browser's cache under Node with it). */
export async function prefetchRepoWith(
  params: PrefetchRepoParams & { openCache: OpenRepoCache },
): Promise<PrefetchedRepo> {
  const opened = await openRepoForFetch(params);
  const present = new Set<string>();
  for (const file of params.files) if (await opened.files.exists(file)) present.add(file);
  const wanted = new Set(params.files);
  // Only files that were looked up and are there: a picker cannot make us fetch another path.
  const started = (params.download?.(present) ?? []).filter((f) => wanted.has(f) && present.has(f));
  const downloads = Promise.all(started.map((file) => opened.fetch(file))).then(() => undefined);
  // The caller may never await it: the load's own read of the file reports a failure.
  downloads.catch(() => undefined);
  return { commit: opened.files.commit, files: opened.files, started, downloads };
}
