import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCliCaptured } from "../test/run-cli-captured.js";

afterEach(() => vi.restoreAllMocks());

describe("mobilenet classify", () => {
  it("prints HF's top-5 for the cats image as JSON lines, with timings", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = JSON.parse(await readFile(join(model, "REFERENCE.json"), "utf8"));
    const r = await runCliCaptured(["classify", image, "--model", model, "--json", "--logits"]);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout.trim());
    expect(record.image).toBe(image);
    expect(record.backend).toBe("node");
    expect(record.top.map((p: { index: number }) => p.index)).toEqual(
      reference.top5.map((p: { index: number }) => p.index),
    );
    const worst = Math.max(
      ...reference.logits.values.map((v: number, i: number) => Math.abs(v - record.logits[i])),
    );
    expect(worst).toBeLessThan(1e-4);
    expect(Object.keys(record.timings)).toEqual(["load", "preprocess", "inference"]);
  });

  it("runs on backend-web (onnxruntime-web wasm) with the same top-5", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = JSON.parse(await readFile(join(model, "REFERENCE.json"), "utf8"));
    const r = await runCliCaptured(["classify", image, "--model", model, "--backend", "web", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout.trim());
    expect(record.backend).toBe("web");
    expect(record.top.map((p: { index: number }) => p.index)).toEqual(
      reference.top5.map((p: { index: number }) => p.index),
    );
  });

  it("writes HF's pixel values with --pixel-values-out and classifies them back with --pixel-values-in", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const file = join(dir, "pv.bin");
    const a = await runCliCaptured([
      "classify",
      image,
      "--model",
      model,
      "--json",
      "--logits",
      "--pixel-values-out",
      file,
    ]);
    expect(a.code, a.stderr).toBe(0);
    const ours = new Float32Array((await readFile(file)).buffer.slice(0));
    const hf = await readFile(join(model, "reference_pixel_values.bin"));
    const theirs = new Float32Array(hf.buffer.slice(hf.byteOffset, hf.byteOffset + hf.byteLength));
    expect(ours.length).toBe(theirs.length);
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
    expect(worst).toBeLessThanOrEqual(1e-6);
    const b = await runCliCaptured([
      "classify",
      "--model",
      model,
      "--json",
      "--logits",
      "--pixel-values-in",
      file,
      "--shape",
      "1,3,224,224",
    ]);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout).logits).toEqual(JSON.parse(a.stdout).logits);
  });

  it("takes directories and globs, batching them, and prints a table per image", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const r = await runCliCaptured([
      "classify",
      "samples",
      "samples/*.png",
      "--model",
      model,
      "--top",
      "3",
      "--batch-size",
      "2",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/chelsea\.png/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/ {2}1 {2}\S.*%/);
    expect(r.stdout.split("\n").filter((l) => /^\s+[123] {2}/.test(l))).toHaveLength(6);
  });

  it("exits 2 on a bad command line, with a message naming the option", async () => {
    expect((await runCliCaptured(["classify", "samples/chelsea.png", "--top", "zero"])).stderr).toContain(
      "--top",
    );
    expect((await runCliCaptured(["classify", "samples/chelsea.png", "--top", "0"])).code).toBe(2);
    expect((await runCliCaptured(["classify", "no/such/file.png"])).code).toBe(2);
    expect((await runCliCaptured(["classify", "samples/chelsea.png", "--backend", "tpu"])).code).toBe(2);
    expect((await runCliCaptured(["classify", "--pixel-values-in", "x.bin"])).code).toBe(2);
    expect((await runCliCaptured(["frobnicate"])).code).toBe(2);
  });

  it("exits 4 on an image it cannot decode, without a stack trace", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    await writeFile(join(dir, "broken.png"), "not an image at all");
    const r = await runCliCaptured(["classify", join(dir, "broken.png"), "--model", model]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error \[IMAGE_/);
    expect(r.stderr).not.toContain("    at ");
  });

  it("offline with nothing cached: exits 3 and says how to use a local folder or a mirror", async () => {
    const cache = await mkdtemp(join(tmpdir(), "cli-cache-"));
    const r = await runCliCaptured(["classify", "samples/chelsea.png", "--cache-dir", cache], {
      HF_HUB_OFFLINE: "1",
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/google\/mobilenet_v1_1\.0_224/);
    expect(r.stderr).toMatch(/folder/i);
    expect(r.stderr).toMatch(/HF_ENDPOINT/);
  });
});

describe("mobilenet info", () => {
  it("prints config, parameters, MACs and files of a folder", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const r = await runCliCaptured(["info", model, "--json", "--size", "224x224"]);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.config.depth_multiplier).toBe(0.75);
    expect(info.config.num_labels).toBe(1000);
    expect(info.lastHiddenStateSize).toEqual({ height: 7, width: 7 });
    expect(info.files.map((f: { name: string }) => f.name)).toContain("model.safetensors");
    // Howard et al. 2017, Table 6: 0.75 MobileNet-224 has 325 million mult-adds (+ the 768×1000 head here).
    expect(Math.round((info.macs - 768 * 1000) / 1e6)).toBe(325);
  });
});

describe("mobilenet convert", () => {
  it("converts the original TF.js 0.75 model and classifies with it like the HF-layout copy", async (ctx) => {
    const tfjs = requireShared("weights/keras_mobilenet_v1_0.75_224.tfjs", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const out = join(await mkdtemp(join(tmpdir(), "cli-convert-")), "hf");
    const c = await runCliCaptured(["convert", tfjs, "--out", out]);
    expect(c.code, c.stderr).toBe(0);
    const ours = await runCliCaptured(["classify", image, "--model", out, "--json", "--logits"]);
    const theirs = await runCliCaptured(["classify", image, "--model", reference, "--json", "--logits"]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(JSON.parse(ours.stdout).logits).toEqual(JSON.parse(theirs.stdout).logits);
  });
});
