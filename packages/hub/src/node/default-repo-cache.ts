// The cache openRepo and download use by default. package.json's "browser" map swaps this file for
// ../browser/default-repo-cache.ts, so bundles for browsers never reach node:fs.
export { openFsRepoCache as openDefaultRepoCache } from "./fs-repo-cache.js";
