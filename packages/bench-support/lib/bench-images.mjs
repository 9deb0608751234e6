// The benchmark's images: the COCO cats image of HF's MobileNetV1 tests (640×480 PNG, from ../shared) and
// the same pixels as a JPEG (quality 90, 4:2:0) written to a temp folder at bench time.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { shared } from "./shared-dir.mjs";

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
