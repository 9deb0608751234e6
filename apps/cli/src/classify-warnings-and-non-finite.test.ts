import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFolder } from "@mobilenetv1/core/io";
import { readSafetensors, writeSafetensors } from "@mobilenetv1/core/weights";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCliCaptured } from "../test/run-cli-captured.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "cli-load-warning-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

/** The shared 0.25 checkpoint with some tensors left out and others added. */
async function variant(params: {
  source: string;
  name: string;
  drop: string[];
  add: string[];
  /** A tensor that gets one NaN. */
  poison?: string;
  /** A tensor filled with a finite value so large that the logits overflow to ±Infinity. */
  overflow?: string;
}) {
  const bytes = new Uint8Array(await readFile(join(params.source, "model.safetensors")));
  const { tensors } = readSafetensors({ bytes });
  for (const k of params.drop) tensors.delete(k);
  if (params.poison) (tensors.get(params.poison)!.data as Float32Array)[3] = Number.NaN;
  if (params.overflow) (tensors.get(params.overflow)!.data as Float32Array).fill(3e38);
  for (const k of params.add) tensors.set(k, tensors.get("mobilenet_v1.conv_stem.normalization.bias")!);
  const dir = join(tmp, params.name);
  await writeFolder({
    dir,
    files: { "model.safetensors": writeSafetensors({ tensors, metadata: { format: "pt" } }) },
  });
  for (const f of ["config.json", "preprocessor_config.json"])
    await copyFile(join(params.source, f), join(dir, f));
  return dir;
}

describe("mobilenet classify: load warnings", () => {
  it("prints exactly one warning line on stderr naming the missing or unexpected keys; stdout stays JSON", async (ctx) => {
    const source = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const head = ["classifier.weight", "classifier.bias"];
    const cases = [
      { name: "no-head", drop: head, add: [], named: head },
      { name: "extra", drop: [], add: ["mobilenet_v1.stray.weight"], named: ["mobilenet_v1.stray.weight"] },
      { name: "both", drop: head, add: ["extra.scale"], named: [...head, "mobilenet_v1.extra.scale"] },
    ];
    for (const c of cases) {
      const model = await variant({ source, ...c });
      // Two images in two batches: still one line, written at load.
      const r = await runCliCaptured([
        "classify",
        image,
        image,
        "--model",
        model,
        "--json",
        "--batch-size",
        "1",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stderr.split("\n").filter((l) => l.length > 0);
      expect(lines, c.name).toHaveLength(1);
      expect(lines[0]!.startsWith("warning: ")).toBe(true);
      for (const key of c.named) expect(lines[0]).toContain(key);
      const records = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(records).toHaveLength(2);
    }
  });

  it("prints no warning for a complete checkpoint", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const r = await runCliCaptured(["classify", image, "--model", model, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });
});

describe("mobilenet classify: non-finite numbers", () => {
  it("exits 4 on pixel values holding NaN or ±Infinity, naming the first index and the count", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const data = new Float32Array(3 * 224 * 224);
      data[777] = bad;
      data[9000] = bad;
      const file = join(tmp, "bad-pixels.bin");
      await writeFile(file, new Uint8Array(data.buffer));
      const r = await runCliCaptured([
        "classify",
        "--pixel-values-in",
        file,
        "--shape",
        "1,3,224,224",
        "--model",
        model,
        "--json",
      ]);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`pixelValues.data[777] = ${String(bad)}: 2 of 150528`);
      expect(r.stderr).not.toContain("NaN %");
    }
  });

  it("exits 3 on a checkpoint holding NaN weights, refused at load before anything runs", async (ctx) => {
    const source = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    for (const poison of ["classifier.bias", "mobilenet_v1.layer.5.convolution.weight"]) {
      const model = await variant({ source, name: `nan-${poison}`, drop: [], add: [], poison });
      const r = await runCliCaptured(["classify", image, "--model", model]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`WEIGHTS_NON_FINITE`);
      expect(r.stderr).toContain(poison);
    }
  });

  it("exits 3 when finite weights overflow the logits to ±Infinity, instead of printing NaN %", async (ctx) => {
    const source = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const model = await variant({
      source,
      name: "overflow",
      drop: [],
      add: [],
      overflow: "classifier.weight",
    });
    const r = await runCliCaptured(["classify", image, "--model", model]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("MODEL_OUTPUT_NON_FINITE");
  });
});
