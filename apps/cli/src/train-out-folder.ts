/**
 * `mobilenet train --out`: checked before any work (training takes minutes; a refused folder should say
 * so at once), written as a whole or not at all. The files go into a temporary sibling folder, which is
 * renamed to `--out` at the end, so an interrupted run never leaves a half-written model that `classify`
 * would load.
 */
import { lstat, mkdir, mkdtemp, readdir, realpath, rename, rm } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { OutputUnwritableError } from "@mobilenetv1/convert";
import { MODEL_FILES } from "@mobilenetv1/core";
import { writeFolder } from "@mobilenetv1/core/io";
import { UsageError } from "./exit-codes.js";

/** The file `mobilenet train` keeps its report in, beside the model. */
export const TRAINING_REPORT_FILE = "training_report.json";

/**
 * What `--force` may replace: a folder holding only model files (what this command, `savePretrained` or
 * `convert` write). Anything else in it means it is not a model folder, and it is left alone even with
 * `--force` (`--out ~ --force` must not delete a home folder).
 */
const REPLACEABLE_FILES: ReadonlySet<string> = new Set([...Object.values(MODEL_FILES), TRAINING_REPORT_FILE]);

/** A checked `--out`, where a temporary sibling folder can be made. */
export interface PreparedOutFolder {
  /** `--out`, absolute. */
  readonly path: string;
  /**
   * Writes `files` into a temporary sibling folder and renames it to `--out` (replacing a folder there
   * with `--force`); on failure the temporary folder is removed.
   */
  commit(params: { files: Record<string, Uint8Array> }): Promise<void>;
}

/**
 * Checks `--out` before any work: refuses a folder inside the training folder, a path that is not a
 * folder, a non-empty folder (unless `force`, and then only a folder of model files), and a place where
 * no folder can be made.
 *
 * @throws UsageError (exit 2) for an `--out` that exists and may not be replaced.
 * @throws OutputUnwritableError (exit 2) when the folder cannot be created there.
 * @example
 * const out = await prepareOutFolder({ out: "./my-model", force: false, dataFolder: "./data" });
 * await out.commit({ files: model.toFiles() });
 */
export async function prepareOutFolder(params: {
  out: string;
  force: boolean;
  /** The training folder, which must not receive the output (it would be read as a class next time). */
  dataFolder: string;
}): Promise<PreparedOutFolder> {
  const path = resolve(params.out);
  const data = await realpath(params.dataFolder);
  const parent = dirname(path);
  await mkdir(parent, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
    throw new OutputUnwritableError({ option: "--out", path, errno: cause.code, cause });
  });
  const inside = relative(data, join(await realpath(parent), basename(path)));
  if (inside === "" || (!inside.startsWith("..") && !inside.startsWith("/")))
    throw new UsageError({
      option: "--out",
      message: `${path} is inside the training folder ${data}: pick a folder outside it`,
    });
  const replaces = await existingOut({ path, force: params.force });
  // A probe: the temporary folder can be made there. It is removed at once and made again at commit, so a
  // run stopped while training (Ctrl-C, minutes in) leaves nothing behind.
  const makeTemp = () =>
    mkdtemp(join(parent, `.${basename(path)}.partial-`)).catch((cause: NodeJS.ErrnoException) => {
      throw new OutputUnwritableError({ option: "--out", path, errno: cause.code, cause });
    });
  await rm(await makeTemp(), { recursive: true });
  return {
    path,
    async commit({ files }) {
      const temp = await makeTemp();
      try {
        await writeFolder({ dir: temp, files });
        if (replaces) await swapIn({ temp, path });
        else await rename(temp, path);
      } catch (cause) {
        await rm(temp, { recursive: true, force: true });
        throw new OutputUnwritableError({
          option: "--out",
          path,
          errno: (cause as NodeJS.ErrnoException).code,
          cause,
        });
      }
    },
  };
}

/** Whether `--out` exists and is to be replaced; throws when it exists and may not be. */
async function existingOut(params: { path: string; force: boolean }): Promise<boolean> {
  const { path, force } = params;
  const info = await lstat(path).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory())
    throw new UsageError({ option: "--out", message: `${path} exists and is not a folder` });
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.length === 0) return true;
  if (!force)
    throw new UsageError({
      option: "--out",
      message: `${path} exists and is not empty: pass --force to replace it, or pick another folder`,
    });
  const foreign = entries.filter((e) => !e.isFile() || !REPLACEABLE_FILES.has(e.name)).map((e) => e.name);
  if (foreign.length > 0)
    throw new UsageError({
      option: "--out",
      message:
        `${path} holds more than a model (${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}): ` +
        "--force only replaces a folder of model files; pick another folder",
    });
  return true;
}

/** Renames the old folder aside, the new one in, then deletes the old one (restored if the swap fails). */
async function swapIn(params: { temp: string; path: string }): Promise<void> {
  const old = `${params.temp}.old`;
  try {
    await rename(params.path, old);
  } catch (error) {
    // Removed meanwhile: nothing to replace.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await rename(params.temp, params.path);
    return;
  }
  try {
    await rename(params.temp, params.path);
  } catch (error) {
    await rename(old, params.path);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
