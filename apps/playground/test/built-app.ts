import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The playground package's folder. */
export const APP_DIR = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = ["index.html", "vite.config.ts", "src", "vite-plugins"];

/**
 * The built app (`dist/`, made by `pnpm build`, which the root `pnpm test` runs first through turbo).
 * When dist/ is missing or older than the app's own sources (a test run right after an edit), it is
 * built here by the same `vite build` command, in a child process: inside vitest NODE_ENV is "test",
 * which would make a different (non-production) build.
 */
export async function builtAppDir(): Promise<string> {
  const dist = join(APP_DIR, "dist");
  const builtAt = (await stat(join(dist, "index.html")).catch(() => undefined))?.mtimeMs ?? 0;
  if ((await newestSourceMtime()) > builtAt) {
    const vite = join(
      dirname(createRequire(join(APP_DIR, "package.json")).resolve("vite/package.json")),
      "bin/vite.js",
    );
    const { NODE_ENV: _, ...env } = process.env;
    await promisify(execFile)(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: APP_DIR, env });
  }
  return dist;
}

async function newestSourceMtime(): Promise<number> {
  let newest = 0;
  for (const entry of SOURCES) {
    const path = join(APP_DIR, entry);
    const info = await stat(path);
    const files = info.isDirectory()
      ? (await readdir(path, { recursive: true })).map((f) => join(path, f))
      : [path];
    for (const file of files) newest = Math.max(newest, (await stat(file)).mtimeMs);
  }
  return newest;
}
