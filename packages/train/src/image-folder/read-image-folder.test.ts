import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { InputError } from "@mobilenetv1/core";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { DatasetFolderError, EmptyClassError, LabelCollisionError, TooFewClassesError } from "../errors.js";
import { readImageFolder } from "./read-image-folder.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (relative path → contents; a path ending in "/" is a folder). */
function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "train-image-folder-"));
  made.push(root);
  for (const [rel, body] of Object.entries(files)) {
    const path = join(root, rel);
    if (rel.endsWith("/")) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, body);
    }
  }
  return root;
}

describe("readImageFolder", () => {
  it("lists class folders sorted by code point and their images sorted by name", async () => {
    const dir = folder({
      "dog/b.PNG": "x",
      "dog/a.jpeg": "x",
      "cat/z.webp": "x",
      "cat/notes.txt": "not an image",
      "cat/.hidden.png": "x",
      "cat/nested/deep.png": "x",
      ".cache/x.png": "x",
      "README.md": "beside the classes",
      "Zebra/1.gif": "x",
    });
    const { classNames, examples } = await readImageFolder({ dir });
    expect(classNames).toEqual(["Zebra", "cat", "dog"]);
    expect(examples).toEqual([
      { image: join(dir, "Zebra/1.gif"), label: "Zebra" },
      { image: join(dir, "cat/z.webp"), label: "cat" },
      { image: join(dir, "dog/a.jpeg"), label: "dog" },
      { image: join(dir, "dog/b.PNG"), label: "dog" },
    ]);
  });

  it("gives absolute paths, typed as strings, for a relative dir too", async () => {
    const dir = folder({ "cat/1.png": "x", "dog/1.png": "x" });
    const { examples } = await readImageFolder({ dir: relative(process.cwd(), dir) });
    expectTypeOf(examples[0]!.image).toEqualTypeOf<string>();
    expect(examples.map((e) => e.image)).toEqual([join(dir, "cat/1.png"), join(dir, "dog/1.png")]);
  });

  it("follows symbolic links that stay inside the folder and refuses those that leave it", async () => {
    const outside = folder({ "secret.png": "x", "elsewhere/1.png": "x" });
    const dir = folder({ "cat/1.png": "x", "dog/1.png": "x" });
    symlinkSync(join(dir, "cat/1.png"), join(dir, "dog/2.png"));
    symlinkSync(join(dir, "nowhere.png"), join(dir, "dog/dangling.png"));
    const { examples } = await readImageFolder({ dir });
    expect(examples.map((e) => e.image)).toEqual([
      join(dir, "cat/1.png"),
      join(dir, "dog/1.png"),
      join(dir, "dog/2.png"),
    ]);

    symlinkSync(join(outside, "secret.png"), join(dir, "cat/leak.png"));
    await expect(readImageFolder({ dir })).rejects.toMatchObject({
      code: "TRAIN_DATASET_FOLDER",
      problem: "symlink-escapes",
    });
    rmSync(join(dir, "cat/leak.png"));
    symlinkSync(join(outside, "elsewhere"), join(dir, "bird"));
    await expect(readImageFolder({ dir })).rejects.toMatchObject({ problem: "symlink-escapes" });
  });

  it("refuses more images than maxFiles", async () => {
    const dir = folder({ "a/1.png": "x", "a/2.png": "x", "b/1.png": "x" });
    await expect(readImageFolder({ dir, maxFiles: 2 })).rejects.toMatchObject({ problem: "too-many-files" });
    expect((await readImageFolder({ dir, maxFiles: 3 })).examples).toHaveLength(3);
    await expect(readImageFolder({ dir, maxFiles: 0 })).rejects.toBeInstanceOf(InputError);
  });

  it("refuses a missing path, a file, an empty class, a single class and colliding names", async () => {
    const dir = folder({ "file.png": "x", "one/1.png": "x" });
    await expect(readImageFolder({ dir: join(dir, "missing") })).rejects.toMatchObject({
      problem: "not-found",
    });
    await expect(readImageFolder({ dir: join(dir, "file.png") })).rejects.toMatchObject({
      problem: "not-a-folder",
    });
    await expect(readImageFolder({ dir })).rejects.toBeInstanceOf(TooFewClassesError);
    const empty = folder({ "cat/1.png": "x", "dog/readme.txt": "x" });
    await expect(readImageFolder({ dir: empty })).rejects.toMatchObject({
      code: "TRAIN_EMPTY_CLASS",
      className: "dog",
    });
    await expect(readImageFolder({ dir: empty })).rejects.toBeInstanceOf(EmptyClassError);
    const clash = folder({ "Cat/1.png": "x", "cat/1.png": "x" });
    await expect(readImageFolder({ dir: clash })).rejects.toBeInstanceOf(LabelCollisionError);
    await expect(readImageFolder({ dir: "" })).rejects.toBeInstanceOf(InputError);
    expect(new DatasetFolderError({ path: "p", problem: "unreadable", message: "m" }).message).toBe("p: m");
  });
});
