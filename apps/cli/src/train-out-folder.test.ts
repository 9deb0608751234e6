import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareOutFolder } from "./train-out-folder.js";

const bytes = (s: string) => new TextEncoder().encode(s);

async function setup(): Promise<{ root: string; data: string }> {
  const root = await mkdtemp(join(tmpdir(), "cli-train-out-"));
  const data = join(root, "data");
  await mkdir(join(data, "cat"), { recursive: true });
  return { root, data };
}

describe("mobilenet train --out", () => {
  it("writes every file into a new folder at once, leaving no temporary folder", async () => {
    const { root, data } = await setup();
    const out = await prepareOutFolder({ out: join(root, "a", "model"), force: false, dataFolder: data });
    expect(await readdir(join(root, "a"))).toEqual([]); // checked, nothing left while training runs
    await out.commit({ files: { "config.json": bytes("{}"), "model.safetensors": bytes("w") } });
    expect((await readdir(join(root, "a"))).sort()).toEqual(["model"]);
    expect((await readdir(out.path)).sort()).toEqual(["config.json", "model.safetensors"]);
  });

  it("takes an existing empty folder; refuses a non-empty one without --force, naming it", async () => {
    const { root, data } = await setup();
    await mkdir(join(root, "empty"));
    const empty = await prepareOutFolder({ out: join(root, "empty"), force: false, dataFolder: data });
    await empty.commit({ files: { "config.json": bytes("{}") } });
    expect(await readdir(join(root, "empty"))).toEqual(["config.json"]);
    await expect(
      prepareOutFolder({ out: join(root, "empty"), force: false, dataFolder: data }),
    ).rejects.toThrow(/^--out: .*empty exists and is not empty: pass --force to replace it/);
  });

  it("--force replaces a folder of model files, old files gone", async () => {
    const { root, data } = await setup();
    const dir = join(root, "model");
    await mkdir(dir);
    await writeFile(join(dir, "pytorch_model.bin"), "old");
    await writeFile(join(dir, "training_report.json"), "old");
    const out = await prepareOutFolder({ out: dir, force: true, dataFolder: data });
    await out.commit({ files: { "config.json": bytes("new") } });
    expect(await readdir(dir)).toEqual(["config.json"]);
    expect(await readFile(join(dir, "config.json"), "utf8")).toBe("new");
    expect((await readdir(root)).sort()).toEqual(["data", "model"]);
  });

  it("--force never replaces a folder holding anything but model files", async () => {
    const { root, data } = await setup();
    await writeFile(join(root, "notes.txt"), "mine");
    await expect(prepareOutFolder({ out: root, force: true, dataFolder: data })).rejects.toThrow(
      /holds more than a model \(data, notes\.txt\): --force only replaces a folder of model files/,
    );
    expect(await readFile(join(root, "notes.txt"), "utf8")).toBe("mine");
  });

  it("refuses a file, and a folder inside the training folder", async () => {
    const { root, data } = await setup();
    await writeFile(join(root, "file"), "x");
    await expect(
      prepareOutFolder({ out: join(root, "file"), force: true, dataFolder: data }),
    ).rejects.toThrow(/file exists and is not a folder/);
    for (const inside of [data, join(data, "model"), join(data, "cat")])
      await expect(prepareOutFolder({ out: inside, force: true, dataFolder: data })).rejects.toThrow(
        /is inside the training folder/,
      );
  });

  it("an unwritable place is OUTPUT_UNWRITABLE naming the path, before any training", async () => {
    const { root, data } = await setup();
    await writeFile(join(root, "file"), "x");
    await expect(
      prepareOutFolder({ out: join(root, "file", "model"), force: false, dataFolder: data }),
    ).rejects.toMatchObject({
      code: "OUTPUT_UNWRITABLE",
      option: "--out",
      path: join(root, "file", "model"),
    });
  });

  it("a failed write leaves neither --out nor a temporary folder", async () => {
    const { root, data } = await setup();
    const out = await prepareOutFolder({ out: join(root, "model"), force: false, dataFolder: data });
    // A file name that is a path into a missing folder: the write fails midway.
    await expect(
      out.commit({ files: { "config.json": bytes("{}"), "missing/x.json": bytes("{}") } }),
    ).rejects.toMatchObject({ code: "OUTPUT_UNWRITABLE", option: "--out" });
    expect(await readdir(root)).toEqual(["data"]);
  });
});
