import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";

/** Per-class image counts of {@link makeImageFolder}'s folder. */
export const FIXTURE_IMAGES_PER_CLASS = 6;

/** A 64×64 RGB PNG whose pixel (x, y) is `rgb(x, y)`. */
async function writePng(params: {
  file: string;
  rgb: (x: number, y: number) => readonly [number, number, number];
}): Promise<void> {
  const size = 64;
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) pixels.set(params.rgb(x, y), (y * size + x) * 3);
  await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toFile(params.file);
}

/**
 * A small `imagefolder` training set in a new temp folder: `cats/` (crops of the COCO cats photo, or of a
 * plain 640×480 stand-in when no photo is given: for tests that never load a model),
 * `red/` (red horizontal gradients), `blue/` (blue vertical gradients with a pattern), each
 * {@link FIXTURE_IMAGES_PER_CLASS} PNGs named `0.png`…, three classes a linear head separates at once.
 *
 * @example
 * const { dir } = await makeImageFolder({ catsImage: requireShared("images/000000039769.png", ctx) });
 * // dir/cats/0.png … dir/red/5.png
 */
export async function makeImageFolder(params: {
  catsImage?: string;
}): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), "cli-train-"));
  const photo =
    params.catsImage ??
    (await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 60 } } })
      .png()
      .toBuffer());
  const dir = join(root, "data");
  for (const name of ["cats", "red", "blue"]) await mkdir(join(dir, name), { recursive: true });
  for (let i = 0; i < FIXTURE_IMAGES_PER_CLASS; i++) {
    // The cats photo is 640×480: six different 360×300 windows of it.
    await sharp(photo)
      .extract({ left: 40 * i, top: 25 * (i % 4), width: 360, height: 300 })
      .png()
      .toFile(join(dir, "cats", `${i}.png`));
    await writePng({
      file: join(dir, "red", `${i}.png`),
      rgb: (x) => [Math.min(255, 120 + x * (i + 1)), 20 + 10 * i, 30],
    });
    await writePng({
      file: join(dir, "blue", `${i}.png`),
      rgb: (x, y) => [20, (x * (i + 2)) % 90, Math.min(255, 100 + y * 2 + ((x + y) % (i + 3)) * 8)],
    });
  }
  return { root, dir };
}
