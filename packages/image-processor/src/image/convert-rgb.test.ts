import { expect, test } from "vitest";
import { toRgb } from "./convert-rgb.js";

test("PIL's convert('RGB'): L replicated, LA and RGBA drop alpha, CMYK with PIL's integer formula", () => {
  expect([...toRgb({ data: new Uint8Array([9]), width: 1, height: 1, channels: 1 }).data]).toEqual([9, 9, 9]);
  expect([...toRgb({ data: new Uint8Array([7, 0]), width: 1, height: 1, channels: 2 }).data]).toEqual([
    7, 7, 7,
  ]);
  expect([...toRgb({ data: new Uint8Array([1, 2, 3, 0]), width: 1, height: 1, channels: 4 }).data]).toEqual([
    1, 2, 3,
  ]);
  // Values from Pillow 9.4: Image.fromarray(a, "CMYK").convert("RGB").
  const cmyk = new Uint8Array([0, 0, 0, 0, 255, 0, 0, 128, 10, 20, 30, 40, 200, 100, 50, 255]);
  expect([...toRgb({ data: cmyk, width: 4, height: 1, channels: 4, colorSpace: "cmyk" }).data]).toEqual([
    255, 255, 255, 0, 127, 127, 207, 198, 190, 0, 0, 0,
  ]);
});
