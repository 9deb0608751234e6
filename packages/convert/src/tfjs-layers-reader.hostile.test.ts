import { existsSync } from "node:fs";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileFormatError, MobileNetError, ModelFileNotFoundError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { runConvert } from "./convert-command.js";
import { ConvertInputFileError, ConvertUnsafePathError } from "./errors/convert-errors.js";
import { readTfjsLayersModel } from "./tfjs-layers-reader.js";

const SECRET = new Uint8Array(16).fill(0x5a); // 4 float32: what a `[2, 2]` weight would take

/**
 * A TF.js folder `<root>/model` with one weight `w` of shape [2, 2] in one group whose shard paths are
 * `paths`, and a 16-byte `<root>/secret.bin` next to (outside) it.
 */
async function tfjsFolder(params: {
  paths: unknown[];
  shards?: Record<string, Uint8Array>;
  modelJson?: string;
}): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), "tfjs-hostile-"));
  const dir = join(root, "model");
  await mkdir(dir);
  await writeFile(join(root, "secret.bin"), SECRET);
  for (const [name, bytes] of Object.entries(params.shards ?? {})) await writeFile(join(dir, name), bytes);
  const json = {
    modelTopology: { model_config: { config: { layers: [] } } },
    weightsManifest: [{ paths: params.paths, weights: [{ name: "w", shape: [2, 2], dtype: "float32" }] }],
  };
  await writeFile(join(dir, "model.json"), params.modelJson ?? JSON.stringify(json));
  return { root, dir };
}

async function rejection(promise: Promise<unknown>): Promise<MobileNetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MobileNetError);
    return error as MobileNetError;
  }
  throw new Error("expected a rejection");
}

describe("readTfjsLayersModel: manifest paths are confined to the model folder", () => {
  it("reads a well-formed folder (the fixture itself is valid)", async () => {
    const { dir } = await tfjsFolder({ paths: ["shard1.bin"], shards: { "shard1.bin": new Uint8Array(16) } });
    const model = await readTfjsLayersModel({ modelDir: dir });
    expect(model.weights.get("w")?.dims).toEqual([2, 2]);
  });

  const unsafe: [string, string, ConvertUnsafePathError["reason"]][] = [
    ["parent segment", "../secret.bin", "parent-segment"],
    ["parent segment in the middle", "sub/../../secret.bin", "parent-segment"],
    ["backslash parent segment", "..\\secret.bin", "parent-segment"],
    ["absolute path", "/etc/passwd", "absolute"],
    ["drive letter", "C:\\secret.bin", "drive-or-unc"],
    ["UNC path", "\\\\server\\share\\secret.bin", "drive-or-unc"],
    ["NUL byte", "shard1.bin\u0000.txt", "nul-byte"],
    ["empty path", "", "empty"],
  ];
  it.each(unsafe)("%s (%j) → ConvertUnsafePathError, nothing read", async (_name, path, reason) => {
    const { dir, root } = await tfjsFolder({ paths: [path] });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toBeInstanceOf(ConvertUnsafePathError);
    expect(error).toMatchObject({ code: "CONVERT_UNSAFE_PATH", path, reason, file: join(dir, "model.json") });
    expect(error.message).toContain(JSON.stringify(path));
    // Through the command too: nothing is written, and the output folder it made is removed again.
    const out = join(root, "out");
    await expect(runConvert({ input: dir, out })).rejects.toBeInstanceOf(ConvertUnsafePathError);
    expect(existsSync(out)).toBe(false);
  });

  it("a symlink to a file outside the folder → escapes-folder", async () => {
    const { dir, root } = await tfjsFolder({ paths: ["shard1.bin"] });
    await symlink(join(root, "secret.bin"), join(dir, "shard1.bin"));
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toMatchObject({
      code: "CONVERT_UNSAFE_PATH",
      reason: "escapes-folder",
      path: "shard1.bin",
    });
  });

  it("a symlinked subfolder pointing outside → escapes-folder", async () => {
    const { dir, root } = await tfjsFolder({ paths: ["sub/secret.bin"] });
    await symlink(root, join(dir, "sub"));
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toMatchObject({ reason: "escapes-folder" });
  });

  it("a symlink that stays inside the folder is followed", async () => {
    const { dir } = await tfjsFolder({ paths: ["link.bin"], shards: { "real.bin": new Uint8Array(16) } });
    await symlink(join(dir, "real.bin"), join(dir, "link.bin"));
    expect((await readTfjsLayersModel({ modelDir: dir })).weights.get("w")?.data.length).toBe(4);
  });
});

describe("readTfjsLayersModel: shards that are not what the manifest says", () => {
  it("a directory as a shard → ConvertInputFileError not-a-file", async () => {
    const { dir } = await tfjsFolder({ paths: ["shard1.bin"] });
    await mkdir(join(dir, "shard1.bin"));
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toBeInstanceOf(ConvertInputFileError);
    expect(error).toMatchObject({ reason: "not-a-file", file: join(dir, "shard1.bin") });
  });

  it.each([
    ["bigger than the manifest says", 17],
    ["much bigger", 1 << 20],
    ["smaller", 12],
    ["empty", 0],
  ])("a shard %s (%i bytes for 16) → FileFormatError before reading it", async (_name, size) => {
    const { dir } = await tfjsFolder({
      paths: ["shard1.bin"],
      shards: { "shard1.bin": new Uint8Array(size) },
    });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error.message).toContain(`hold ${size} bytes, the manifest 16`);
  });

  it("a missing shard → ModelFileNotFoundError naming it", async () => {
    const { dir } = await tfjsFolder({ paths: ["shard1.bin"] });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toBeInstanceOf(ModelFileNotFoundError);
    expect(error.message).toContain('"shard1.bin"');
  });

  it("weights above maxInputBytes → ConvertInputFileError too-large, nothing read", async () => {
    const { dir } = await tfjsFolder({ paths: ["shard1.bin"], shards: { "shard1.bin": new Uint8Array(16) } });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir, maxInputBytes: 15 }));
    expect(error).toMatchObject({ code: "CONVERT_INPUT_FILE", reason: "too-large", bytes: 16, limit: 15 });
  });
});

describe("readTfjsLayersModel: model.json that is not a TF.js layers model", () => {
  const manifest = (weights: unknown, paths: unknown = ["s.bin"]) =>
    JSON.stringify({
      modelTopology: { model_config: { config: { layers: [] } } },
      weightsManifest: [{ paths, weights }],
    });
  const cases: [string, string, RegExp][] = [
    ["not JSON", "notjson{", /is not JSON/],
    ["empty file", "", /is not JSON/],
    ["JSON null", "null", /expected a TF.js layers model/],
    ["an array", "[1,2]", /expected a TF.js layers model/],
    [
      "layers not a list",
      JSON.stringify({ modelTopology: { model_config: { config: { layers: 5 } } }, weightsManifest: [] }),
      /layers/,
    ],
    [
      "a layer without config",
      JSON.stringify({
        modelTopology: { model_config: { config: { layers: [{ name: "a", class_name: "B" }] } } },
        weightsManifest: [],
      }),
      /layers\[0\]/,
    ],
    ["paths not a list", manifest([], "s.bin"), /weightsManifest\[0\]/],
    ["a path that is a number", manifest([], [7]), /paths/],
    ["a weight without a name", manifest([{ shape: [1], dtype: "float32" }]), /weights\[0\]/],
    [
      "a negative dimension",
      manifest([{ name: "w", shape: [-1, 4], dtype: "float32" }]),
      /non-negative integers/,
    ],
    [
      "a fractional dimension",
      manifest([{ name: "w", shape: [1.5], dtype: "float32" }]),
      /non-negative integers/,
    ],
    ["a huge shape", manifest([{ name: "w", shape: [1e9, 1e9, 1e9], dtype: "float32" }]), /too large/],
    ["int8 weights", manifest([{ name: "w", shape: [1], dtype: "int8" }]), /only float32/],
    [
      "quantized weights",
      manifest([{ name: "w", shape: [1], dtype: "float32", quantization: { dtype: "uint8" } }]),
      /quantized/,
    ],
  ];
  it.each(cases)("%s → FileFormatError naming model.json", async (_name, text, message) => {
    const { dir } = await tfjsFolder({ paths: [], modelJson: text });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir }));
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error.message).toMatch(/model\.json: /);
    expect(error.message).toMatch(message);
  });

  it("model.json above maxModelJsonBytes → ConvertInputFileError too-large", async () => {
    const { dir } = await tfjsFolder({ paths: ["s.bin"] });
    const error = await rejection(readTfjsLayersModel({ modelDir: dir, maxModelJsonBytes: 10 }));
    expect(error).toMatchObject({ code: "CONVERT_INPUT_FILE", reason: "too-large", limit: 10 });
  });

  it("model.json that is a directory → ConvertInputFileError not-a-file", async () => {
    const root = await mkdtemp(join(tmpdir(), "tfjs-hostile-"));
    await mkdir(join(root, "model.json"));
    const error = await rejection(readTfjsLayersModel({ modelDir: root }));
    expect(error).toMatchObject({ code: "CONVERT_INPUT_FILE", reason: "not-a-file" });
  });
});
