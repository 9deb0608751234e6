// Browser twin of ../node/default-repo-cache.ts (package.json "browser"): openRepo and download keep
// their files in Cache Storage.
export { openCacheStorageRepoCache as openDefaultRepoCache } from "./cache-storage-repo-cache.js";
