import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { FASHION_MNIST_CLASSES, FashionMnistError, fashionMnistSplit } from "../scripts/fashion-mnist.mjs";
import { dataset, idx, pixelOf, writeIdxFiles } from "./idx-fixture.js";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function dataDir(files: Parameters<typeof writeIdxFiles>[1] = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fm-reader-"));
  temps.push(dir);
  await writeIdxFiles(dir, files);
  return dir;
}

describe("fashion-mnist.mjs: the one idx reader and split rule", () => {
  it("splits: the first perClass of each class (train), the first testCount (test), in file order", async () => {
    const split = await fashionMnistSplit({ dataDir: await dataDir(), perClass: 2, testCount: 5 });
    // Labels are i mod 10, so the first two of each class are images 0..19, in file order.
    expect(split.train.map((e) => e.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(split.test.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    expect(split.fileCounts).toEqual({ train: 30, test: 30 });
    const coat = split.train[14]!;
    expect(coat.label).toBe("coat");
    expect([coat.image.width, coat.image.height, coat.image.channels]).toEqual([4, 4, 1]);
    expect(Array.from(coat.image.data)).toEqual(
      Array.from({ length: 16 }, (_, p) => pixelOf({ image: 14, pixel: p })),
    );
    // A class with fewer images than perClass gives what it has; testCount beyond the file is the file.
    const all = await fashionMnistSplit({ dataDir: await dataDir(), perClass: 5, testCount: 40 });
    expect(all.train).toHaveLength(30);
    expect(all.test).toHaveLength(30);
  });

  it("names the classes in label order, as folder-safe slugs", () => {
    expect(FASHION_MNIST_CLASSES).toHaveLength(10);
    expect(FASHION_MNIST_CLASSES[0]).toBe("t-shirt_top");
    expect(FASHION_MNIST_CLASSES[9]).toBe("ankle_boot");
    for (const slug of FASHION_MNIST_CLASSES) expect(slug).toMatch(/^[a-z_-]+$/);
  });

  it("refuses hostile or broken idx files with a FashionMnistError naming the file and the problem", async () => {
    const bigDims = Buffer.alloc(16);
    bigDims.writeUInt32BE(0x803, 0);
    bigDims.writeUInt32BE(200_000, 4);
    bigDims.writeUInt32BE(28, 8);
    bigDims.writeUInt32BE(28, 12);
    const good = dataset(30);
    const cases: [Parameters<typeof writeIdxFiles>[1], RegExp][] = [
      [
        { "train-images": gzipSync(idx(0x801, [30], new Uint8Array(30))) },
        /train-images.*magic 0x801, expected 0x803/,
      ],
      [{ "train-images": gzipSync(bigDims) }, /dims \[200000,28,28\] beyond the caps/],
      [
        { "train-images": gzipSync(idx(0x803, [30, 100, 4], new Uint8Array(30 * 400))) },
        /dims \[30,100,4\] beyond the caps/,
      ],
      [
        { "train-images": gzipSync(good.images.subarray(0, good.images.length - 1)) },
        /479 data bytes, expected 480/,
      ],
      [{ "t10k-labels": Buffer.from("not gzip at all") }, /t10k-labels.*not a gzip file/],
      // A gzip bomb: more output than the caps allow is cut off, not allocated.
      [
        { "train-labels": gzipSync(Buffer.alloc(200_000)) },
        /train-labels.*not a gzip file within 100008 bytes/,
      ],
      [{ "train-labels": gzipSync(dataset(29).labels) }, /train: 30 images but 29 labels/],
      [{ "t10k-labels": gzipSync(idx(0x801, [30], new Uint8Array(30).fill(10))) }, /label 10 at 0/],
      [{ "train-images": gzipSync(Buffer.alloc(3)) }, /magic missing/],
    ];
    for (const [files, message] of cases) {
      const dir = await dataDir(files);
      const error = await fashionMnistSplit({ dataDir: dir }).catch((e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(FashionMnistError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("refuses a missing folder and split sizes outside the file's range", async () => {
    await expect(fashionMnistSplit({ dataDir: join(tmpdir(), "no-such-fashion-mnist") })).rejects.toThrow(
      /not found \(apt-get install dataset-fashion-mnist\)/,
    );
    const dir = await dataDir();
    for (const [options, message] of [
      [{ perClass: 6001 }, /perClass 6001: expected a whole number from 0 to 6000/],
      [{ perClass: -1 }, /perClass -1/],
      [{ testCount: 2.5 }, /testCount 2.5/],
      [{ testCount: 10_001 }, /testCount 10001/],
    ] as const) {
      await expect(fashionMnistSplit({ dataDir: dir, ...options })).rejects.toThrow(message);
    }
  });
});
