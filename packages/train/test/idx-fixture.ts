// Synthetic Fashion-MNIST idx.gz files for the reader's and the folder builder's tests.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** An idx file: big-endian magic and dims, then the bytes. */
export function idx(magic: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** Pixel p of image i in {@link dataset}: (i * 7 + i * side² + p) mod 256, so every image differs. */
export function pixelOf({ image, pixel, side = 4 }: { image: number; pixel: number; side?: number }): number {
  return (image * 7 + image * side * side + pixel) % 256;
}

/** n images of side×side ({@link pixelOf}), labels i mod 10. */
export function dataset(n: number, side = 4): { images: Buffer; labels: Buffer } {
  const pixels = Uint8Array.from({ length: n * side * side }, (_, p) =>
    pixelOf({ image: Math.floor(p / (side * side)), pixel: p % (side * side), side }),
  );
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { images: idx(0x803, [n, side, side], pixels), labels: idx(0x801, [n], labels) };
}

export type IdxFileName = "train-images" | "train-labels" | "t10k-images" | "t10k-labels";

/** Writes the four .gz files into dir: 30 good images each, unless `files` replaces one with other bytes. */
export async function writeIdxFiles(
  dir: string,
  files: Partial<Record<IdxFileName, Buffer>> = {},
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
