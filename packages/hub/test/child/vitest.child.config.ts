import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Runs lock-child.run.ts in a separate process, with the workspace's source resolution, so the
// cross-process lock test exercises the real sources (Node 20 cannot run .ts by itself).
export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), "../../../.."),
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { include: ["packages/hub/test/child/lock-child.run.ts"], testTimeout: 60_000, pool: "forks" },
});
