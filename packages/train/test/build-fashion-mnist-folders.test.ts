import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

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

/** An idx file: big-endian magic and dims, then the bytes. */
function idx(magic: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** n images of side×side whose pixels are (image index * 7 + pixel) mod 256, labels i mod 10. */
function dataset(n: number, side = 4): { images: Buffer; labels: Buffer } {
  const pixels = Uint8Array.from(
    { length: n * side * side },
    (_, p) => (Math.floor(p / (side * side)) * 7 + p) % 256,
  );
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { images: idx(0x803, [n, side, side], pixels), labels: idx(0x801, [n], labels) };
}

async function writeData(
  dir: string,
  files: Partial<Record<"train-images" | "train-labels" | "t10k-images" | "t10k-labels", Buffer>>,
): Promise<void> {
  const good = dataset(30);
  const all = {
    "train-images": gzipSync(good.images),
    "train-labels": gzipSync(good.labels),
    "t10k-images": gzipSync(good.images),
    "t10k-labels": gzipSync(good.labels),
    ...files,
  };
  for (const [name, bytes] of Object.entries(all)) {
    const kind = name.endsWith("images") ? "idx3" : "idx1";
    await writeFile(join(dir, `${name}-${kind}-ubyte.gz`), bytes);
  }
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
    await writeData(data, {});
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
    expect(Array.from(pixels)).toEqual(Array.from({ length: 16 }, (_, p) => (14 * 7 + 14 * 16 + p) % 256));
    // A second run into the same folder is refused: two splits never mix.
    const again = await run(["--out", out, "--data", data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists");
  });

  it("refuses hostile or broken idx files with exit 2 and a message naming the file and the problem", async () => {
    const bigDims = Buffer.alloc(16);
    bigDims.writeUInt32BE(0x803, 0);
    bigDims.writeUInt32BE(200_000, 4);
    bigDims.writeUInt32BE(28, 8);
    bigDims.writeUInt32BE(28, 12);
    const good = dataset(30);
    const cases: [Parameters<typeof writeData>[1], RegExp][] = [
      [
        { "train-images": gzipSync(idx(0x801, [30], new Uint8Array(30))) },
        /train-images.*magic 0x801, expected 0x803/,
      ],
      [{ "train-images": gzipSync(bigDims) }, /dims \[200000,28,28\] beyond the caps/],
      [
        { "train-images": gzipSync(good.images.subarray(0, good.images.length - 1)) },
        /479 data bytes, expected 480/,
      ],
      [{ "t10k-labels": Buffer.from("not gzip at all") }, /t10k-labels.*not a gzip file/],
      [{ "train-labels": gzipSync(dataset(29).labels) }, /train: 30 images but 29 labels/],
      [{ "t10k-labels": gzipSync(idx(0x801, [30], new Uint8Array(30).fill(10))) }, /label 10 at 0/],
      [{ "train-images": gzipSync(Buffer.alloc(3)) }, /magic missing/],
    ];
    for (const [files, message] of cases) {
      const data = await temp();
      await writeData(data, files);
      const out = join(await temp(), "folders");
      const r = await run(["--out", out, "--data", data]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      await expect(readdir(out)).rejects.toThrow(/ENOENT/); // nothing written
    }
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
