// The benchmark's images: the COCO cats image of HF's MobileNetV1 tests (640×480 PNG, from ../shared) and
// the same pixels as a JPEG (quality 90, 4:2:0) written to a temp folder at bench time.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");

/** The shared assets folder: `$MOBILENET_SHARED_DIR`, else `<repo>/../shared` (as the tests). */
export const SHARED = process.env.MOBILENET_SHARED_DIR ?? resolve(ROOT, "../shared");

/** A shared file's path; throws with a hint when the shared folder lacks it. */
export function shared(rel) {
  const path = join(SHARED, rel);
  if (!existsSync(path))
    throw new Error(`${path} is missing (set MOBILENET_SHARED_DIR to the shared folder)`);
  return path;
}

/** `[{ name: "PNG 640×480", path }, { name: "JPEG q90 640×480", path }]` */
export async function benchImages() {
  const png = shared("images/000000039769.png");
  const dir = mkdtempSync(join(tmpdir(), "mobilenetv1-bench-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const jpeg = join(dir, "000000039769-q90.jpg");
  writeFileSync(jpeg, await sharp(png).jpeg({ quality: 90 }).toBuffer());
  const { width, height } = await sharp(png).metadata();
  return [
    { name: `PNG ${width}×${height}`, path: png },
    { name: `JPEG q90 ${width}×${height}`, path: jpeg },
  ];
}
