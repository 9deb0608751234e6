import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCliCaptured } from "../test/run-cli-captured.js";

afterEach(() => vi.restoreAllMocks());

/** A typed error: one `error [CODE]: …` line on stderr, no stack, no "unexpected error". */
function expectOneTypedLine(stderr: string, code: RegExp | string) {
  expect(stderr).toMatch(new RegExp(`^error \\[${typeof code === "string" ? code : code.source}\\]: `));
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toContain("    at ");
  expect(stderr).not.toContain("unexpected error");
}

const IMAGE = "samples/chelsea.png";
const NO_MODEL = "/nonexistent-model-folder"; // never reached: the option check comes first

describe("hostile option values → exit 2, one line naming the option, before any model is loaded", () => {
  const cases: [string, string[], string][] = [
    ["--top -1", ["classify", IMAGE, "--model", NO_MODEL, "--top", "-1"], "--top"],
    ["--top 0", ["classify", IMAGE, "--model", NO_MODEL, "--top", "0"], "--top"],
    ["--top 1e9", ["classify", IMAGE, "--model", NO_MODEL, "--top", "1e9"], "--top"],
    ["--top 0x10", ["classify", IMAGE, "--model", NO_MODEL, "--top", "0x10"], "--top"],
    ["--top 2.5", ["classify", IMAGE, "--model", NO_MODEL, "--top", "2.5"], "--top"],
    ["--top huge", ["classify", IMAGE, "--model", NO_MODEL, "--top", "99999999999999999999999"], "--top"],
    ["--top empty", ["classify", IMAGE, "--model", NO_MODEL, "--top", ""], "--top"],
    ["--batch-size 0", ["classify", IMAGE, "--model", NO_MODEL, "--batch-size", "0"], "--batch-size"],
    ["--batch-size 1e6", ["classify", IMAGE, "--model", NO_MODEL, "--batch-size", "1000000"], "--batch-size"],
    ["--batch-size NaN", ["classify", IMAGE, "--model", NO_MODEL, "--batch-size", "NaN"], "--batch-size"],
    ["--shape 3 dims", ["classify", "--pixel-values-in", "x.bin", "--shape", "1,3,224"], "--shape"],
    ["--shape 1e9", ["classify", "--pixel-values-in", "x.bin", "--shape", "1,3,1e9,224"], "--shape"],
    ["--shape C=4", ["classify", "--pixel-values-in", "x.bin", "--shape", "1,4,224,224"], "--shape"],
    ["--shape tiny", ["classify", "--pixel-values-in", "x.bin", "--shape", "1,3,8,8"], "--shape"],
    ["--shape zero", ["classify", "--pixel-values-in", "x.bin", "--shape", "0,3,224,224"], "--shape"],
    ["--shape huge", ["classify", "--pixel-values-in", "x.bin", "--shape", "100000,3,4096,4096"], "--shape"],
    ["--shape words", ["classify", "--pixel-values-in", "x.bin", "--shape", "a,b,c,d"], "--shape"],
    ["--shape without input", ["classify", IMAGE, "--shape", "1,3,224,224"], "--shape"],
    ["--logits without --json", ["classify", IMAGE, "--logits"], "--logits"],
    ["--calibration without int8", ["classify", IMAGE, "--calibration", "samples"], "--calibration"],
    ["--model empty", ["classify", IMAGE, "--model", ""], "--model"],
    ["--revision empty", ["classify", IMAGE, "--revision", ""], "--revision"],
    ["--cache-dir empty", ["classify", IMAGE, "--cache-dir", " "], "--cache-dir"],
    ["--backend tpu", ["classify", IMAGE, "--backend", "tpu"], "--backend"],
    ["--size 0x0", ["info", NO_MODEL, "--size", "0x0"], "--size"],
    ["--size 1e9", ["info", NO_MODEL, "--size", "1e9"], "--size"],
    ["--size 224x", ["info", NO_MODEL, "--size", "224x"], "--size"],
    ["--size 3 parts", ["info", NO_MODEL, "--size", "224x224x3"], "--size"],
    ["--size huge", ["info", NO_MODEL, "--size", "1000000"], "--size"],
    ["info empty id", ["info", ""], "<id|dir>"],
    ["download empty id", ["download", ""], "<id>"],
    ["download empty revision", ["download", "org/name", "--revision", ""], "--revision"],
    ["convert --from bad", ["convert", "x", "--out", "y", "--from", "onnx"], "--from"],
    ["convert without --out", ["convert", "x"], "--out"],
    [
      "convert MOBILENET_CONVERT_MAX_BYTES=lots",
      ["convert", "x", "--out", "y"],
      "MOBILENET_CONVERT_MAX_BYTES",
    ],
    [
      "pixel-values cap env",
      ["classify", "--pixel-values-in", "x.bin", "--shape", "1,3,224,224"],
      "MOBILENET_MAX_PIXEL_VALUES_BYTES",
    ],
  ];
  const env: Record<string, Record<string, string>> = {
    "convert MOBILENET_CONVERT_MAX_BYTES=lots": { MOBILENET_CONVERT_MAX_BYTES: "lots" },
    "pixel-values cap env": { MOBILENET_MAX_PIXEL_VALUES_BYTES: "-5" },
  };
  it.each(cases)("%s", async (name, argv, option) => {
    const r = await runCliCaptured(argv, env[name] ?? {});
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(option);
    expect(r.stderr).not.toContain("    at ");
    expect(r.stderr).not.toContain("unexpected error");
    expect(r.stdout).toBe("");
  });
});

describe("each case class of issue #13 that reaches the CLI gets its typed error and exit code", () => {
  it("an invalid repo id or revision → 3 (the model cannot be had), one line", async () => {
    for (const argv of [
      ["classify", IMAGE, "--model", "not a repo id!!"],
      ["classify", IMAGE, "--model", "google/mobilenet_v1_1.0_224", "--revision", "../../etc"],
      ["info", "google/mobilenet_v1_1.0_224", "--revision", "a\\b"],
    ]) {
      const r = await runCliCaptured(argv, { HF_HUB_OFFLINE: "1" });
      expect(r.code, `${argv.join(" ")}: ${r.stderr}`).toBe(3);
      expectOneTypedLine(r.stderr, /[A-Z_]+/);
    }
  });

  it("a missing image file → 2, naming it", async () => {
    const r = await runCliCaptured(["classify", "no/such/image.png"]);
    expect(r.code).toBe(2);
    expectOneTypedLine(r.stderr, "USAGE");
    expect(r.stderr).toContain("no/such/image.png");
  });

  it("a FIFO as an image → 4 at once (not a read that waits for a writer forever)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-fifo-"));
    const fifo = join(dir, "image.png");
    execFileSync("mkfifo", [fifo]);
    const r = await runCliCaptured(["classify", fifo, "--model", NO_MODEL]);
    expect(r.code).toBe(4);
    expectOneTypedLine(r.stderr, "IMAGE_SOURCE");
    expect(r.stderr).toContain("FIFO");
  });

  it("an unwritable --pixel-values-out → 2 before the model is loaded", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-out-"));
    for (const out of [join(dir, "missing-folder", "pv.bin"), dir]) {
      const r = await runCliCaptured(["classify", IMAGE, "--model", NO_MODEL, "--pixel-values-out", out]);
      expect(r.code, r.stderr).toBe(2);
      expectOneTypedLine(r.stderr, "OUTPUT_UNWRITABLE");
      expect(r.stderr).toContain(out);
    }
  });

  it("--pixel-values-out is removed when a later image fails: no partial tensor file left", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "cli-out-"));
    await writeFile(join(dir, "broken.png"), "not an image");
    const out = join(dir, "pv.bin");
    const r = await runCliCaptured([
      "classify",
      IMAGE,
      join(dir, "broken.png"),
      "--model",
      model,
      "--batch-size",
      "1",
      "--pixel-values-out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(4);
    expect(existsSync(out)).toBe(false);
  });

  it("a --pixel-values-in of the wrong size, or a directory → 4", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-pv-"));
    await writeFile(join(dir, "short.bin"), new Uint8Array(100));
    for (const file of [join(dir, "short.bin"), dir]) {
      const r = await runCliCaptured([
        "classify",
        "--model",
        NO_MODEL,
        "--pixel-values-in",
        file,
        "--shape",
        "1,3,224,224",
      ]);
      expect(r.code, r.stderr).toBe(4);
      expectOneTypedLine(r.stderr, "INPUT_INVALID");
    }
  });

  it("info of a folder holding a dangling symlink lists it instead of failing", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "cli-info-"));
    await copyFile(join(model, "config.json"), join(dir, "config.json"));
    await symlink(join(dir, "gone.safetensors"), join(dir, "model.safetensors"));
    const r = await runCliCaptured(["info", dir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { name: string }) => f.name)).toContain("model.safetensors");
  });

  it("convert of an input that does not exist → 3, naming it; no output folder left", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-convert-"));
    const r = await runCliCaptured(["convert", join(dir, "nope.tflite"), "--out", join(dir, "out")]);
    expect(r.code).toBe(3);
    expectOneTypedLine(r.stderr, "MODEL_FILE_NOT_FOUND");
    expect(r.stderr).toContain("nope.tflite");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  /** A TF.js folder whose model.json is `json` and whose one weight [2, 2] lives in `path`. */
  async function tfjs(params: { json?: string; path?: string }) {
    const root = await mkdtemp(join(tmpdir(), "cli-tfjs-"));
    const dir = join(root, "model");
    await mkdir(dir);
    await writeFile(join(root, "secret.bin"), new Uint8Array(16).fill(7));
    const manifest = {
      modelTopology: { model_config: { config: { layers: [] } } },
      weightsManifest: [
        { paths: [params.path ?? "shard.bin"], weights: [{ name: "w", shape: [2, 2], dtype: "float32" }] },
      ],
    };
    await writeFile(join(dir, "model.json"), params.json ?? JSON.stringify(manifest));
    return { dir, out: join(root, "out") };
  }

  it.each([
    ["a model.json that is not JSON", { json: "{ not json" }, "FILE_FORMAT", /is not JSON/],
    ["a missing shard", {}, "MODEL_FILE_NOT_FOUND", /shard\.bin/],
    ["a manifest path with ..", { path: "../secret.bin" }, "CONVERT_UNSAFE_PATH", /"\.\.\/secret\.bin"/],
    ["an absolute manifest path", { path: "/etc/hostname" }, "CONVERT_UNSAFE_PATH", /absolute/],
  ])("convert: %s → 3, one line naming the file", async (_name, fixture, code, message) => {
    const { dir, out } = await tfjs(fixture);
    const r = await runCliCaptured(["convert", dir, "--out", out]);
    expect(r.code, r.stderr).toBe(3);
    expectOneTypedLine(r.stderr, code);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("convert of a truncated .tflite → 3", async (ctx) => {
    const tflite = requireShared(
      "weights/tfhub_mobilenet_v1_0.25_224.tflite/mobilenet_v1_0.25_224_1_default_1.tflite",
      ctx,
    );
    const dir = await mkdtemp(join(tmpdir(), "cli-tflite-"));
    const { readFile } = await import("node:fs/promises");
    await writeFile(join(dir, "cut.tflite"), (await readFile(tflite)).subarray(0, 5000));
    const r = await runCliCaptured(["convert", join(dir, "cut.tflite"), "--out", join(dir, "out")]);
    expect(r.code, r.stderr).toBe(3);
    expectOneTypedLine(r.stderr, "FILE_FORMAT");
  });

  it("convert into an unwritable --out → 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-convert-"));
    await writeFile(join(dir, "a-file"), "x");
    const r = await runCliCaptured(["convert", "samples", "--out", join(dir, "a-file", "out")]);
    expect(r.code, r.stderr).toBe(2);
    expectOneTypedLine(r.stderr, "OUTPUT_UNWRITABLE");
  });

  it("MOBILENET_CONVERT_MAX_BYTES caps what convert reads → 3", async (ctx) => {
    const tfjsDir = requireShared("weights/keras_mobilenet_v1_0.25_224.tfjs", ctx);
    const dir = await mkdtemp(join(tmpdir(), "cli-convert-"));
    const r = await runCliCaptured(["convert", tfjsDir, "--out", join(dir, "out")], {
      MOBILENET_CONVERT_MAX_BYTES: "1000",
    });
    expect(r.code, r.stderr).toBe(3);
    expectOneTypedLine(r.stderr, "CONVERT_INPUT_FILE");
    expect(r.stderr).toContain("above the limit of 1000");
  });
});
