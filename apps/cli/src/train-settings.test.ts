import { mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MobileNetError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import {
  checkTrainingFolder,
  parseTrainSettings,
  TRAIN_OPTION_DEFAULTS,
  type TrainOptions,
} from "./train-settings.js";

const DEFAULTS: TrainOptions = {
  model: "google/mobilenet_v1_0.25_224",
  out: "out",
  ...TRAIN_OPTION_DEFAULTS,
  backend: "node",
};

/** The UsageError message for `options`, or "" when they parse. */
function refusal(options: Partial<TrainOptions>): string {
  try {
    parseTrainSettings({ options: { ...DEFAULTS, ...options } });
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(MobileNetError);
    expect((error as MobileNetError).code).toBe("USAGE");
    return (error as Error).message;
  }
}

describe("mobilenet train's option values", () => {
  it("parses the defaults and every option given", () => {
    // @mobilenetv1/train's defaults (sklearn's LogisticRegression() where it has the knob).
    expect(parseTrainSettings({ options: DEFAULTS })).toEqual({
      valSplit: 0.1,
      seed: 0,
      batchSize: 16,
      maxIter: 100,
      l2: 1,
    });
    expect(
      parseTrainSettings({
        options: {
          ...DEFAULTS,
          valSplit: "0",
          seed: "4294967295",
          maxIter: "300",
          patience: "5",
          l2: "1e-4",
          classWeight: "balanced",
          batchSize: "256",
        },
      }),
    ).toEqual({
      valSplit: 0,
      seed: 4294967295,
      maxIter: 300,
      patience: 5,
      l2: 1e-4,
      classWeight: "balanced",
      batchSize: 256,
    });
  });

  it.each([
    ["--val-split", { valSplit: "1" }],
    ["--val-split", { valSplit: "-0.1" }],
    ["--val-split", { valSplit: "10%" }],
    ["--val-split", { valSplit: "" }],
    ["--val-split", { valSplit: "NaN" }],
    ["--seed", { seed: "-1" }],
    ["--seed", { seed: "1.5" }],
    ["--seed", { seed: "4294967296" }],
    ["--seed", { seed: "0x10" }],
    ["--max-iter", { maxIter: "0" }],
    ["--max-iter", { maxIter: "1e3" }],
    ["--max-iter", { maxIter: "100001" }],
    ["--patience", { patience: "0" }],
    ["--l2", { l2: "-1" }],
    ["--l2", { l2: "0" }],
    ["--l2", { l2: "Infinity" }],
    ["--l2", { l2: " 0.1" }],
    ["--batch-size", { batchSize: "0" }],
    ["--batch-size", { batchSize: "257" }],
    ["--model", { model: " " }],
    ["--out", { out: "" }],
    ["--cache-dir", { cacheDir: "" }],
  ] as const)("refuses %s %j with a message naming the option and the value", (option, bad) => {
    const message = refusal(bad);
    expect(message.startsWith(`${option}:`), message).toBe(true);
    const value = Object.values(bad)[0]!;
    if (value.trim() !== "") expect(message).toContain(JSON.stringify(value));
  });

  it("the training folder must exist and be a folder (a link to one is one)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-train-folder-"));
    await writeFile(join(dir, "file.png"), "x");
    await symlink(dir, join(dir, "link"));
    await expect(checkTrainingFolder({ folder: dir })).resolves.toBeUndefined();
    await expect(checkTrainingFolder({ folder: join(dir, "link") })).resolves.toBeUndefined();
    await expect(checkTrainingFolder({ folder: join(dir, "missing") })).rejects.toThrow(
      /^<folder>: .*missing: no such folder: expected a folder with one subfolder of images per class$/,
    );
    await expect(checkTrainingFolder({ folder: join(dir, "file.png") })).rejects.toThrow(
      /file\.png is not a folder/,
    );
  });
});
