import { HubUnsafePathError } from "../errors/hub-errors.js";

/**
 * Refuses a repo file name that would land outside the snapshot folder once joined to it: a `..`
 * segment, an absolute POSIX path, a Windows drive or UNC path, checked under both OSes' rules so a
 * cache filled on Linux stays safe on Windows. Same rules as huggingface_hub's
 * `_validate_relative_filename` (huggingface_hub#4540), which @huggingface/hub applies internally but
 * does not export.
 *
 * @example
 * assertSafeRepoPath({ repoId: "org/name", path: "config.json" }); // ok
 * assertSafeRepoPath({ repoId: "org/name", path: "../../x" });    // throws HubUnsafePathError
 */
export function assertSafeRepoPath(params: { repoId: string; path: string }): void {
  const { path } = params;
  const segments = path.replace(/\\/g, "/").split("/");
  const anchored = [path, ...path.split("/")].some(
    (part) => part.startsWith("/") || part.startsWith("\\") || /^[a-zA-Z]:/.test(part),
  );
  if (path === "" || path.includes("\0") || segments.includes("..") || anchored) {
    throw new HubUnsafePathError({ repoId: params.repoId, path });
  }
}
