import { dirname } from "node:path";
import { requireShared } from "../../core/test/shared-dir.js";

/**
 * The read-only shared data folder, found through core's test helper: `undefined` when missing locally,
 * an error on CI (`CI=true`), where tests that need it must fail, not skip.
 */
export function sharedDir(): string | undefined {
  const hf = requireShared("hf");
  return hf === undefined ? undefined : dirname(hf);
}
