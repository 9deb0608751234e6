/**
 * Decoded pixels against PIL 9.4's `Image.open(f).convert("RGB")` for the same files (goldens from
 * test/fixtures/make_goldens.py): JPEG (baseline 4:2:0 and 4:4:4, progressive, greyscale, CMYK,
 * EXIF-rotated, with an ICC profile), PNG (RGB, palette, RGBA, LA, 16-bit grey and RGB), WebP (lossy,
 * lossless), GIF (first frame). All equal byte for byte, with one documented exception: transparent GIF
 * pixels, where libvips gives 0 and PIL the palette colour of the transparent index.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadImage, toRgb } from "../src/index.js";
import { inputPath, readGoldens, sha256 } from "./support/fixtures.js";

interface DecodeGolden {
  file: string;
  pilMode: string;
  width: number;
  height: number;
  rgbSha256: string;
  transparentPixels?: number;
  rgbSha256TransparentZeroed?: string;
}

const goldens = readGoldens<DecodeGolden>("decode");

describe("decoding equals PIL's Image.open + convert('RGB')", () => {
  test("the goldens cover PNG, JPEG, WebP and GIF in PIL's modes", () => {
    expect(new Set(goldens.map((g) => g.file.split(".").pop()))).toEqual(
      new Set(["png", "jpg", "webp", "gif"]),
    );
    expect(new Set(goldens.map((g) => g.pilMode))).toEqual(
      new Set(["RGB", "L", "CMYK", "P", "RGBA", "LA", "I"]),
    );
  });

  for (const g of goldens) {
    test(`${g.file} (PIL mode ${g.pilMode})`, async () => {
      const image = toRgb(await loadImage({ input: inputPath(g.file) }));
      expect([image.width, image.height]).toEqual([g.width, g.height]);
      if (g.rgbSha256TransparentZeroed) {
        // Documented difference: only the transparent pixels differ (ours 0, PIL the palette colour).
        expect(g.transparentPixels).toBeGreaterThan(0);
        expect(sha256(image.data)).toBe(g.rgbSha256TransparentZeroed);
      } else {
        expect(sha256(image.data)).toBe(g.rgbSha256);
      }
    });
  }

  test("bytes, Buffer, ArrayBuffer, Blob, file: URL and data: URL decode the same", async () => {
    const path = inputPath("cats-128x96-q90.jpg");
    const bytes = readFileSync(path);
    const expected = sha256((await loadImage({ input: path })).data);
    const inputs = [
      bytes,
      new Uint8Array(bytes),
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      new Blob([bytes]),
      new URL(`file://${path}`),
      `data:image/jpeg;base64,${bytes.toString("base64")}`,
    ];
    for (const input of inputs) expect(sha256((await loadImage({ input })).data)).toBe(expected);
  });

  test("EXIF orientation and ICC profiles are applied only when asked", async () => {
    const rotated = await loadImage({
      input: inputPath("cats-128x96-exif-rot6.jpg"),
      options: { applyExifOrientation: true },
    });
    expect([rotated.width, rotated.height]).toEqual([96, 128]);
    const plain = await loadImage({ input: inputPath("cats-128x96-p3-icc.jpg") });
    const managed = await loadImage({
      input: inputPath("cats-128x96-p3-icc.jpg"),
      options: { applyIccProfile: true },
    });
    expect(sha256(managed.data)).not.toBe(sha256(plain.data));
  });
});
