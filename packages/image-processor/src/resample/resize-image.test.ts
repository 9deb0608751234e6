import { afterAll, describe, expect, test } from "vitest";
import { PilResample, type PilResampleCode } from "./filters.js";
import { resizeImage } from "./resize-image.js";
import { resampleBackend } from "./wasm/simd-resample.js";

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe("resizeImage", () => {
  // Exactness against Pillow is in test/resize.golden.test.ts; this checks the crop window shortcut.
  afterAll(() => {
    resampleBackend({ forceJs: false });
  });

  test.each(["wasm-simd", "js"] as const)(
    "%s: a window gives the same bytes as the full resize cropped, for every filter and channel count",
    (backend) => {
      expect(resampleBackend({ forceJs: backend === "js" })).toBe(backend);
      for (const channels of [1, 3, 4] as const) {
        const image = { data: noise(57 * 43 * channels, channels), width: 57, height: 43, channels };
        for (const resample of [0, 1, 2, 3, 4, 5] as PilResampleCode[]) {
          for (const [width, height] of [
            [31, 29],
            [120, 80],
            [57, 20],
            [10, 43],
          ] as const) {
            const full = resizeImage({ image, width, height, resample });
            const window = {
              x0: Math.floor(width / 5),
              y0: Math.floor(height / 3),
              x1: width - 1,
              y1: height - Math.floor(height / 4),
            };
            const part = resizeImage({ image, width, height, resample, window });
            const expected: number[] = [];
            for (let y = window.y0; y < window.y1; y++) {
              expected.push(
                ...full.data.subarray((y * width + window.x0) * channels, (y * width + window.x1) * channels),
              );
            }
            expect([part.width, part.height]).toEqual([window.x1 - window.x0, window.y1 - window.y0]);
            expect([...part.data]).toEqual(expected);
          }
        }
      }
    },
  );

  test("same size is a copy (Pillow returns im.copy())", () => {
    const image = { data: noise(12, 1), width: 2, height: 2, channels: 3 as const };
    const out = resizeImage({ image, width: 2, height: 2, resample: PilResample.LANCZOS });
    expect([...out.data]).toEqual([...image.data]);
    expect(out.data).not.toBe(image.data);
  });

  test("nearest samples pixel centres", () => {
    const image = { data: new Uint8Array([0, 10, 20, 30]), width: 4, height: 1, channels: 1 as const };
    expect([...resizeImage({ image, width: 2, height: 1, resample: PilResample.NEAREST }).data]).toEqual([
      10, 30,
    ]);
    expect([...resizeImage({ image, width: 8, height: 1, resample: PilResample.NEAREST }).data]).toEqual([
      0, 0, 10, 10, 20, 20, 30, 30,
    ]);
  });
});
