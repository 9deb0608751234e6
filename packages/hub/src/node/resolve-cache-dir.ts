import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { getHFHubCachePath } from "@huggingface/hub";

/**
 * The hub cache folder, resolved as huggingface_hub does: `cacheDir`, else `HF_HUB_CACHE`, else
 * `HUGGINGFACE_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`, else
 * `~/.cache/huggingface/hub` (@huggingface/hub's `getHFHubCachePath`), with a leading `~` expanded as
 * Python's `expanduser` does (that library leaves it as is).
 *
 * @example
 * resolveCacheDir({}) // "/home/me/.cache/huggingface/hub" with no HF_* variable set
 */
export function resolveCacheDir(params: { cacheDir?: string }): string {
  const dir = params.cacheDir ?? getHFHubCachePath();
  if (dir === "~") return homedir();
  if (dir.startsWith("~/") || dir.startsWith("~\\")) return join(homedir(), dir.slice(2));
  return resolve(dir);
}
