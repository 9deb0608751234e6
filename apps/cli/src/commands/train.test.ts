// `mobilenet train` end to end, in-process: a small imagefolder (the cats photo and synthetic PNGs),
// the real keras 0.25 backbone from ../shared, then `mobilenet classify --model <out>` on a training image.
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIXTURE_IMAGES_PER_CLASS, makeImageFolder } from "../../test/image-folder-fixture.js";
import { runCliCaptured } from "../../test/run-cli-captured.js";

const BACKBONE = "hf/keras_mobilenet_v1_0.25_224";
const CATS = "images/000000039769.png";

afterEach(() => vi.restoreAllMocks());

/** Runs the CLI with stderr seen as a pipe (not a terminal), as in CI logs. */
async function runNonTty(argv: string[]) {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
  Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
  try {
    return await runCliCaptured(argv);
  } finally {
    if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

/** The one error line of a failed run: `error [CODE]: message`, and nothing else on stderr. */
function errorLine(stderr: string): { code: string; message: string } {
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  const match = /^error \[([A-Z_]+)\]: (.+)$/.exec(lines[0]!);
  expect(match, stderr).not.toBeNull();
  return { code: match![1]!, message: match![2]! };
}

describe("mobilenet train", () => {
  it("trains on an imagefolder, writes a model classify loads, and reports accuracy and the matrix", async (ctx) => {
    const model = requireShared(BACKBONE, ctx);
    const { root, dir } = await makeImageFolder({ catsImage: requireShared(CATS, ctx) });
    const out = join(root, "model");
    const r = await runNonTty(["train", dir, "--model", model, "--out", out, "--val-split", "0.34"]);
    expect(r.code, r.stderr).toBe(0);

    // Progress in its non-TTY form: plain lines, no bar redraws.
    const progress = r.stderr.trimEnd().split("\n");
    expect(progress[0]).toMatch(/^extract: \d+\/18 images \(\d+ %\)/);
    expect(progress).toContainEqual(expect.stringMatching(/^extract: 18\/18 images \(100 %\)/));
    expect(progress).toContainEqual(
      expect.stringMatching(/^fit: iteration \d+\/\d+, train loss \d+\.\d{4}, val loss/),
    );
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("\u001b[");

    // The report: classes with counts, accuracies, the validation matrix, the output folder.
    expect(r.stdout).toMatch(/^trained a 3-class head on 18 images \((\d+) train, (\d+) validation\)/);
    for (const name of ["blue", "cats", "red"])
      expect(r.stdout).toMatch(new RegExp(`^ {2}${name} +${FIXTURE_IMAGES_PER_CLASS} +\\d+ +\\d+$`, "m"));
    expect(r.stdout).toContain("train accuracy:      100.0 %");
    expect(r.stdout).toMatch(/^validation accuracy: \d+\.\d %$/m);
    expect(r.stdout).toContain("validation confusion matrix (rows: actual class, columns: predicted class):");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`model written to ${out}`);

    // The folder: HF's files, the backbone's preprocessor config, the report; no temporary folder left.
    expect((await readdir(out)).sort()).toEqual([
      "config.json",
      "model.safetensors",
      "preprocessor_config.json",
      "training_report.json",
    ]);
    expect(await readdir(root)).toEqual(expect.arrayContaining(["data", "model"]));
    expect(await readdir(root)).toHaveLength(2);
    const config = JSON.parse(await readFile(join(out, "config.json"), "utf8"));
    expect(config.id2label).toEqual({ 0: "blue", 1: "cats", 2: "red" });
    expect(config.architectures).toEqual(["MobileNetV1ForImageClassification"]);
    const processor = (folder: string) => readFile(join(folder, "preprocessor_config.json"), "utf8");
    expect(JSON.parse(await processor(out))).toEqual(JSON.parse(await processor(model)));

    // classify --model <out> on a training image of each class gives its class.
    for (const name of ["cats", "red", "blue"]) {
      const c = await runCliCaptured(["classify", join(dir, name, "0.png"), "--model", out, "--json"]);
      expect(c.code, c.stderr).toBe(0);
      expect(JSON.parse(c.stdout).top[0].label).toBe(name);
    }
  });

  it("--json prints the report as one object; --force replaces the model folder; --no-progress is quiet", async (ctx) => {
    const model = requireShared(BACKBONE, ctx);
    const { root, dir } = await makeImageFolder({ catsImage: requireShared(CATS, ctx) });
    const out = join(root, "model");
    await mkdir(out);
    await writeFile(join(out, "config.json"), "{}");
    const refused = await runNonTty(["train", dir, "--model", model, "--out", out]);
    expect(refused.code).toBe(2);
    expect(errorLine(refused.stderr).message).toMatch(
      /^--out: .*model exists and is not empty: pass --force/,
    );

    const r = await runNonTty([
      "train",
      dir,
      "--model",
      model,
      "--out",
      out,
      "--force",
      "--json",
      "--no-progress",
      "--val-split",
      "0",
      "--seed",
      "3",
      "--max-iter",
      "50",
      "--class-weight",
      "balanced",
      "--l2",
      "0.5",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.out).toBe(out);
    expect(report.classes).toEqual(
      ["blue", "cats", "red"].map((name) => ({ name, images: 6, train: 6, validation: 0 })),
    );
    expect(report.valAccuracy).toBeUndefined();
    expect(report.iterations).toBeLessThanOrEqual(50);
    expect(report.settings).toEqual({
      valSplit: 0,
      seed: 3,
      maxIter: 50,
      l2: 0.5,
      batchSize: 16,
      classWeight: "balanced",
    });
    expect(JSON.parse(await readFile(join(out, "training_report.json"), "utf8"))).toEqual(report);
  });

  it("skips an unreadable image with one warning line naming it, and still trains", async (ctx) => {
    const model = requireShared(BACKBONE, ctx);
    const { root, dir } = await makeImageFolder({ catsImage: requireShared(CATS, ctx) });
    const broken = join(dir, "red", "broken.png");
    await writeFile(broken, "not an image at all");
    const r = await runNonTty(["train", dir, "--model", model, "--out", join(root, "m"), "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.trimEnd().split("\n");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^warning: skipped ${broken}: \\[IMAGE_DECODE\\] `));
    expect(r.stdout).toContain("skipped 1 unreadable image");
    expect(r.stdout).toMatch(/^ {2}red +6 /m);
  });

  it("refuses bad command lines and folders with one typed line and exit 2, before loading a model", async () => {
    const { root, dir } = await makeImageFolder({}); // no model is loaded: no photo needed
    const out = join(root, "out");
    const cases: [string[], RegExp][] = [
      [["train", join(root, "missing"), "--out", out], /^<folder>: .*missing: no such folder/],
      [["train", join(dir, "red", "0.png"), "--out", out], /^<folder>: .*0\.png is not a folder/],
      [
        ["train", dir, "--out", out, "--val-split", "1"],
        /^--val-split: "1" is not a number from 0 to below 1$/,
      ],
      [["train", dir, "--out", out, "--seed", "-3"], /^--seed: "-3" is not a whole number/],
      [["train", dir, "--out", out, "--max-iter", "0"], /^--max-iter: "0"/],
      [["train", dir, "--out", out, "--l2", "lots"], /^--l2: "lots"/],
      [["train", dir, "--out", out, "--batch-size", "1000"], /^--batch-size: "1000"/],
      [["train", dir, "--out", join(dir, "model")], /^--out: .* is inside the training folder/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCliCaptured(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(errorLine(r.stderr).message).toMatch(message);
    }
    // Commander's own refusals: a missing --out, an unknown --class-weight.
    expect((await runCliCaptured(["train", dir])).code).toBe(2);
    expect((await runCliCaptured(["train", dir, "--out", out, "--class-weight", "heavy"])).code).toBe(2);
    // Nothing was written anywhere.
    expect((await readdir(root)).sort()).toEqual(["data"]);
  });

  it("refuses an imagefolder it cannot train on with a typed line and exit 4, writing nothing", async (ctx) => {
    const model = requireShared(BACKBONE, ctx);
    const { root, dir } = await makeImageFolder({ catsImage: requireShared(CATS, ctx) });
    const variant = async (name: string, change: (d: string) => Promise<void>) => {
      const d = join(root, name);
      await cp(dir, d, { recursive: true });
      await change(d);
      return d;
    };
    const garble = async (d: string, names: readonly string[]) => {
      for (const name of names)
        for (let i = 0; i < FIXTURE_IMAGES_PER_CLASS; i++)
          await writeFile(join(d, name, `${i}.png`), "garbage");
    };
    const cases: [string, (d: string) => Promise<void>, string, RegExp][] = [
      ["empty-class", (d) => mkdir(join(d, "green")), "TRAIN_EMPTY_CLASS", /class "green" .*has no example/],
      [
        "one-class",
        async (d) => {
          await rm(join(d, "red"), { recursive: true });
          await rm(join(d, "blue"), { recursive: true });
        },
        "TRAIN_TOO_FEW_CLASSES",
        /1 class\(es\) \["cats"\]: expected at least 2/,
      ],
      [
        "colliding",
        (d) => cp(join(d, "red"), join(d, "Red"), { recursive: true }),
        "TRAIN_LABEL_COLLISION",
        /class names "Red" and "red" collide/,
      ],
      [
        "escaping-link",
        (d) => symlink(join(root, "escaping-link-target"), join(d, "green")),
        "TRAIN_DATASET_FOLDER",
        /green: is a symbolic link to .*escaping-link-target, outside the dataset folder/,
      ],
      [
        "class-unreadable",
        (d) => garble(d, ["red"]),
        "TRAIN_EMPTY_CLASS",
        /class "red" has no readable image/,
      ],
      [
        "all-unreadable",
        (d) => garble(d, ["cats", "red", "blue"]),
        "TRAIN_NO_IMAGES",
        /none of the 18 images/,
      ],
    ];
    await cp(join(dir, "red"), join(root, "escaping-link-target"), { recursive: true });
    for (const [name, change, code, message] of cases) {
      const folder = await variant(name, change);
      const r = await runNonTty([
        "train",
        folder,
        "--model",
        model,
        "--out",
        join(root, "out"),
        "--no-progress",
      ]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(4);
      // Unreadable images are each one warning line first; then the one error line.
      const lines = r.stderr.trimEnd().split("\n");
      const warnings = lines.filter((l) => l.startsWith("warning: skipped "));
      expect(warnings, name).toHaveLength(
        name === "all-unreadable" ? 18 : name === "class-unreadable" ? 6 : 0,
      );
      const error = errorLine(lines.filter((l) => !l.startsWith("warning: ")).join("\n"));
      expect(error.code, name).toBe(code);
      expect(error.message, name).toMatch(message);
    }
    expect(await readdir(root)).not.toContain("out");
    expect((await readdir(root)).filter((n) => n.includes("partial"))).toEqual([]);
  });
});
