import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { InputError } from "@mobilenetv1/core";
import { DatasetFolderError, EmptyClassError, TooFewClassesError } from "../errors.js";
import { checkClassNames } from "../fit/class-names.js";
import type { LabelledImage } from "../train-classifier.js";

/** One example of {@link readImageFolder}: a {@link LabelledImage} whose image is the file's absolute path. */
export interface ImageFolderExample extends LabelledImage {
  /** Absolute path of the image file (`dir/<label>/<name>`, `dir` resolved). */
  image: string;
  /** The class folder's name. */
  label: string;
}

/**
 * File extensions read as images: the formats the image processor decodes in Node (sharp's prebuilt
 * libvips: PNG, JPEG, WebP, GIF, AVIF, TIFF). SVG is left out on purpose: it is a document that can reference
 * other files, not pixels.
 */
export const IMAGE_FOLDER_EXTENSIONS: readonly string[] = [
  ".png",
  ".jpg",
  ".jpeg",
  ".webp",
  ".gif",
  ".avif",
  ".tif",
  ".tiff",
];

/** Most image files read from one folder tree. @see readImageFolder */
export const DEFAULT_MAX_IMAGE_FOLDER_FILES = 100_000;

/** Orders by Unicode code point, as Python's `sorted` (JavaScript's default sort compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const ca = Array.from(a, (ch) => ch.codePointAt(0)!);
  const cb = Array.from(b, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}

function failure(path: string, e: unknown): DatasetFolderError {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT")
    return new DatasetFolderError({ path, problem: "not-found", message: "does not exist", cause: e });
  if (code === "ENOTDIR") {
    return new DatasetFolderError({ path, problem: "not-a-folder", message: "is not a folder", cause: e });
  }
  return new DatasetFolderError({
    path,
    problem: "unreadable",
    message: `cannot be read (${code ?? e})`,
    cause: e,
  });
}

/**
 * What a directory entry is once symlinks are followed, refusing links that resolve outside `root` (the
 * dataset folder's real path): a folder of class folders must not become a way to read other files.
 */
async function entryKind(params: {
  root: string;
  path: string;
  entry: Dirent;
}): Promise<"file" | "dir" | "other"> {
  const { root, path, entry } = params;
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "dir";
  if (!entry.isSymbolicLink()) return "other";
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return "other"; // a dangling link: nothing to read
  }
  if (real !== root && !real.startsWith(root + sep)) {
    throw new DatasetFolderError({
      path,
      problem: "symlink-escapes",
      message: `is a symbolic link to ${real}, outside the dataset folder ${root}`,
    });
  }
  const s = await stat(real);
  return s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
}

/**
 * Reads a dataset laid out as HF datasets' `imagefolder`: one subfolder per class, named after it, holding
 * that class's images (`dir/cat/1.png`, `dir/dog/2.jpg`). Class names are the subfolders' names sorted by
 * code point, as `imagefolder`'s labels; images are files with an image extension
 * ({@link IMAGE_FOLDER_EXTENSIONS}, any case), sorted by name. Hidden entries (a leading ".") are ignored,
 * and so are files beside the class folders and folders inside a class folder. Nothing is decoded here:
 * unreadable images are found (and skipped) by the extraction.
 *
 * @throws DatasetFolderError for a path that does not exist, is not a folder, cannot be read, holds a
 *   symbolic link that leads outside it, or more than `maxFiles` images; EmptyClassError for a class
 *   folder with no image; TooFewClassesError for fewer than two class folders; LabelCollisionError for
 *   folder names equal after NFC + case folding ("Cat" and "cat"); InputError for a bad `maxFiles`.
 * @example
 * const { classNames, examples } = await readImageFolder({ dir: "./pets" });
 * classNames // ["cat", "dog"]
 * examples[0] // { image: "/home/me/pets/cat/1.png", label: "cat" }
 */
export async function readImageFolder(params: {
  /** The dataset folder. */
  dir: string;
  /** Most image files read; more is an error rather than a silent cut. @default 100000 */
  maxFiles?: number;
}): Promise<{ classNames: string[]; examples: ImageFolderExample[] }> {
  const maxFiles = params.maxFiles ?? DEFAULT_MAX_IMAGE_FOLDER_FILES;
  if (!Number.isSafeInteger(maxFiles) || maxFiles < 1) {
    throw new InputError({ argument: "maxFiles", value: params.maxFiles, expected: "a positive integer" });
  }
  if (typeof params.dir !== "string" || params.dir === "") {
    throw new InputError({ argument: "dir", value: params.dir, expected: "a folder path" });
  }
  const dir = resolve(params.dir);
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) {
      throw new DatasetFolderError({ path: dir, problem: "not-a-folder", message: "is not a folder" });
    }
  } catch (e) {
    throw e instanceof DatasetFolderError ? e : failure(dir, e);
  }
  const list = async (path: string) => {
    try {
      return await readdir(path, { withFileTypes: true });
    } catch (e) {
      throw failure(path, e);
    }
  };
  const classDirs: string[] = [];
  for (const entry of await list(dir)) {
    if (entry.name.startsWith(".")) continue;
    if ((await entryKind({ root, path: join(dir, entry.name), entry })) === "dir") classDirs.push(entry.name);
  }
  const classNames = checkClassNames({ classNames: classDirs.sort(byCodePoint), argument: "class folder" });
  if (classNames.length < 2) throw new TooFewClassesError({ classNames, where: dir });
  const examples: ImageFolderExample[] = [];
  for (const label of classNames) {
    const classDir = join(dir, label);
    const files: string[] = [];
    for (const entry of await list(classDir)) {
      if (entry.name.startsWith(".")) continue;
      if (!IMAGE_FOLDER_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
      if ((await entryKind({ root, path: join(classDir, entry.name), entry })) !== "file") continue;
      if (examples.length + files.length >= maxFiles) {
        throw new DatasetFolderError({
          path: dir,
          problem: "too-many-files",
          message: `holds more than ${maxFiles} images (maxFiles): split the dataset or raise the cap`,
        });
      }
      files.push(entry.name);
    }
    if (files.length === 0)
      throw new EmptyClassError({ className: label, reason: "no-examples", where: classDir });
    for (const name of files.sort(byCodePoint)) examples.push({ image: join(classDir, name), label });
  }
  return { classNames, examples };
}
