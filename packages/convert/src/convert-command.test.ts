import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerConvertCommand } from "./convert-command.js";

const tflite = requireShared(
  "weights/tfhub_mobilenet_v1_0.25_224.tflite/mobilenet_v1_0.25_224_1_default_1.tflite",
);
const tfjs = requireShared("weights/keras_mobilenet_v1_0.25_224.tfjs/model.json");

describe.skipIf(!tflite || !tfjs)("mobilenet convert", () => {
  it("converts a .tflite file and a TF.js folder into HF folders", async () => {
    const out = await mkdtemp(join(tmpdir(), "mobilenet-convert-"));
    try {
      const lines: string[] = [];
      const run = (args: string[]) => {
        const program = new Command("mobilenet").exitOverride();
        registerConvertCommand(program, { log: (line) => lines.push(line) });
        return program.parseAsync(["convert", ...args], { from: "user" });
      };
      await run([tflite!, "--out", join(out, "tflite")]);
      await run([join(tfjs!, ".."), "-o", join(out, "tfjs"), "--from", "tfjs"]);
      expect(lines).toEqual([
        `tflite → ${join(out, "tflite")}: depth 0.25, 224 px, 1001 labels`,
        `tfjs → ${join(out, "tfjs")}: depth 0.25, 224 px, 1000 labels`,
      ]);
      for (const dir of ["tflite", "tfjs"]) {
        expect((await readdir(join(out, dir))).sort()).toEqual([
          "config.json",
          "model.safetensors",
          "preprocessor_config.json",
        ]);
        const { tensors } = readSafetensors({
          bytes: new Uint8Array(await readFile(join(out, dir, "model.safetensors"))),
        });
        expect(tensors.get("mobilenet_v1.layer.25.convolution.weight")!.dims).toEqual([256, 256, 1, 1]);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("refuses an unknown --from", async () => {
    const program = new Command("mobilenet").exitOverride().configureOutput({ writeErr: () => {} });
    registerConvertCommand(program).exitOverride();
    await expect(
      program.parseAsync(["convert", tflite!, "-o", "x", "--from", "onnx"], { from: "user" }),
    ).rejects.toThrow(/Allowed choices are tfjs, tflite, tf-slim/);
  });
});
