import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { inputPath, readGoldens } from "../../test/support/fixtures.js";
import { readImageHeader } from "./image-header.js";

test("header dimensions equal PIL's for every PNG, JPEG, WebP and GIF fixture", () => {
  const goldens = readGoldens<{ file: string; width: number; height: number }>("decode");
  for (const g of goldens) {
    const header = readImageHeader({ bytes: readFileSync(inputPath(g.file)) });
    expect({ file: g.file, width: header?.width, height: header?.height }).toEqual({
      file: g.file,
      width: g.width,
      height: g.height,
    });
  }
  expect(readdirSync(inputPath("")).filter((f) => f.includes(".")).length).toBe(goldens.length);
});

test("a bomb's declared size is read; non-images give undefined", () => {
  expect(readImageHeader({ bytes: readFileSync(inputPath("bad/bomb-50000x50000.png")) })).toEqual({
    format: "png",
    width: 50000,
    height: 50000,
  });
  expect(readImageHeader({ bytes: readFileSync(inputPath("bad/not-an-image.txt")) })).toBeUndefined();
  expect(readImageHeader({ bytes: new Uint8Array([0xff, 0xd8, 0xff]) })).toBeUndefined();
});
