import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The shared assets folder (real checkpoints, references): `$MOBILENET_SHARED_DIR`, else `<repo>/../shared`. */
export function sharedDir(): string {
  return path.resolve(process.env.MOBILENET_SHARED_DIR ?? path.resolve(repoRoot, "../shared"));
}

/**
 * Absolute path of `relPath` inside {@link sharedDir}. When it is missing: on CI (`CI=true`) this
 * throws, so the test fails instead of passing vacuously; elsewhere it calls `ctx.skip` with the
 * reason (or returns undefined when no ctx is given).
 *
 * @example
 * it("reads the real checkpoint", (ctx) => {
 *   const file = requireShared("hf/keras_mobilenet_v1_0.75_224/model.safetensors", ctx);
 * });
 */
export function requireShared(relPath: string, ctx: { skip: (note: string) => never }): string;
export function requireShared(relPath: string): string | undefined;
export function requireShared(relPath: string, ctx?: { skip: (note: string) => never }): string | undefined {
  const file = path.join(sharedDir(), relPath);
  if (existsSync(file)) return file;
  const reason = `${file} is missing (set MOBILENET_SHARED_DIR to the shared assets folder)`;
  if (process.env.CI === "true") throw new Error(`${reason}; on CI the shared assets are required`);
  return ctx ? ctx.skip(`skipped: ${reason}`) : undefined;
}

/** Debian's Chromium, which the browser tests drive through playwright-core. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Flags every test launch of {@link CHROMIUM} passes: as root it needs `--no-sandbox`; there is no GPU; and
 * without the background-networking flags Chromium keeps calling Google's hosts, which this machine's closed
 * network refuses (many connections at a time, on every start).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/**
 * Whether {@link CHROMIUM} is installed, with the rule of {@link requireShared}: on CI (`CI=true`, where
 * .ci/run installs it) a missing browser throws, so browser tests fail instead of being skipped; elsewhere
 * they are skipped (`apt-get install chromium`).
 */
export function requireChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(`${CHROMIUM} is missing; on CI the browser tests are required`);
  return false;
}

/**
 * {@link sharedDir} when it holds the `hf/` checkpoints, with the rule of {@link requireShared}: `undefined`
 * when missing locally (callers `describe.skipIf` on it), an error on CI (`CI=true`).
 *
 * @example
 * const shared = optionalSharedDir(); // "/work/shared", or undefined off CI without the assets
 */
export function optionalSharedDir(): string | undefined {
  return requireShared("hf") === undefined ? undefined : sharedDir();
}
