import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { idx, pixelOf, writeIdxFiles } from "./idx-fixture.js";

const BUILDER = join(import.meta.dirname, "../scripts/build-fashion-mnist-folders.mjs");
const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fm-builder-"));
  temps.push(dir);
  return dir;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILDER, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("build-fashion-mnist-folders.mjs", () => {
  it("writes the split as grayscale PNGs named by idx index: the first N per class (train), the first M (test)", async () => {
    const data = await temp();
    await writeIdxFiles(data);
    const out = join(await temp(), "folders");
    const r = await run(["--out", out, "--data", data, "--per-class", "2", "--test", "5"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("wrote 20 train and 5 test images");
    // Labels are i mod 10: class 4 ("coat") holds train images 4 and 14, test image 4.
    expect(await readdir(join(out, "train", "coat"))).toEqual(["04.png", "14.png"]);
    expect(await readdir(join(out, "test", "coat"))).toEqual(["04.png"]);
    expect(await readdir(join(out, "test", "bag"))).toEqual([]);
    const png = sharp(join(out, "train", "coat", "14.png"));
    const meta = await png.metadata();
    expect([meta.width, meta.height, meta.channels, meta.space]).toEqual([4, 4, 1, "b-w"]);
    const pixels = await png.toColourspace("b-w").raw().toBuffer();
    expect(Array.from(pixels)).toEqual(
      Array.from({ length: 16 }, (_, p) => pixelOf({ image: 14, pixel: p })),
    );
    // A second run into the same folder is refused: two splits never mix.
    const again = await run(["--out", out, "--data", data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists");
  });

  it("exits 2 on a broken idx file (the reader's FashionMnistError), writing nothing", async () => {
    const data = await temp();
    await writeIdxFiles(data, { "train-images": gzipSync(idx(0x801, [30], new Uint8Array(30))) });
    const out = join(await temp(), "folders");
    const r = await run(["--out", out, "--data", data]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/train-images.*magic 0x801, expected 0x803/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it("refuses a bad command line with exit 2", async () => {
    const data = await temp();
    await mkdir(join(data, "empty"));
    for (const [args, message] of [
      [[], /--out <dir> is required/],
      [["--out", join(data, "o"), "--per-class", "-1"], /ERR_PARSE_ARGS|--per-class/],
      [["--out", join(data, "o"), "--test", "1e3"], /--test "1e3"/],
      [["--out", join(data, "o"), "--per-class", "7000"], /--per-class 7000/],
      [
        ["--out", join(data, "o"), "--data", join(data, "empty")],
        /not found \(apt-get install dataset-fashion-mnist\)/,
      ],
      [["--out", join(data, "o"), "--frobnicate"], /frobnicate/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
