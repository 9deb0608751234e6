/**
 * sharp, loaded on first use. It is an optional peer dependency: browsers never need it (their builds map
 * the Node loader away), and in Node only encoded images that the fast PNG path declines reach it. An app
 * that decodes in Node installs it itself; without it, decoding fails with a typed error that says so.
 */
import type sharp from "sharp";
import { MissingPeerDependencyError } from "../errors/image-errors.js";

/** sharp's default export: `sharp(input, options)`. */
export type SharpFunction = typeof sharp;

/** The npm package decoding needs, and how to add it. */
export const SHARP_PACKAGE = "sharp";
export const SHARP_INSTALL_COMMAND = "npm install sharp";

let cached: Promise<SharpFunction> | undefined;

/**
 * sharp's default export, imported once. A failed import is not cached, so installing sharp while the
 * process runs is picked up by the next decode.
 *
 * @throws MissingPeerDependencyError (code `"DEPENDENCY_MISSING"`, `packageName: "sharp"`): `reason`
 *   `"not-installed"` when the package cannot be found, `"failed-to-load"` when it is there but its native
 *   part did not load (the cause holds sharp's own message).
 * @example
 * const sharp = await loadSharp();
 * (await sharp(bytes).metadata()).format // "jpeg"
 */
export function loadSharp(
  params: { importSharp?: () => Promise<{ default: SharpFunction }> } = {},
): Promise<SharpFunction> {
  const importSharp = params.importSharp ?? (() => import("sharp"));
  if (params.importSharp) return load(importSharp);
  cached ??= load(importSharp).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(importSharp: () => Promise<{ default: SharpFunction }>): Promise<SharpFunction> {
  try {
    return (await importSharp()).default;
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    const notFound =
      (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
      String((cause as Error).message).includes(`'${SHARP_PACKAGE}'`);
    throw new MissingPeerDependencyError({
      packageName: SHARP_PACKAGE,
      installCommand: SHARP_INSTALL_COMMAND,
      neededFor: "decoding images in Node (JPEG, WebP, GIF and PNGs the built-in fast path does not take)",
      reason: notFound ? "not-installed" : "failed-to-load",
      cause,
    });
  }
}
