/**
 * Our uint8 resize against Pillow 9.4's `Image.resize` (goldens from test/fixtures/make_goldens.py):
 * byte-identical for random images (1, 3 and 4 channels) and real ones, 1×1 to 700×500 and beyond, odd
 * and even sizes, up- and down-scaling, all six filters.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type PilResampleCode, resizeImage } from "../src/index.js";
import { resampleBackend } from "../src/resample/wasm/simd-resample.js";
import { COCO_IMAGE, readGoldens, sha256, sharedAvailable } from "./support/fixtures.js";
import { type GoldenInput, goldenImage } from "./support/golden-inputs.js";

interface ResizeGolden {
  input: GoldenInput;
  width: number;
  height: number;
  resample: PilResampleCode;
  sha256: string;
  head: number[];
}

const FILTER_NAMES = ["nearest", "lanczos", "bilinear", "bicubic", "box", "hamming"];
const goldens = readGoldens<ResizeGolden>("resize");

function label(g: ResizeGolden): string {
  const input =
    g.input.kind === "random"
      ? `random ${g.input.width}×${g.input.height}×${g.input.channels}`
      : g.input.path;
  return `${input} → ${g.width}×${g.height} ${FILTER_NAMES[g.resample]}`;
}

async function check(cases: ResizeGolden[]) {
  const failures: string[] = [];
  for (const g of cases) {
    const image = await goldenImage(g.input);
    const out = resizeImage({ image, width: g.width, height: g.height, resample: g.resample });
    if (sha256(out.data) !== g.sha256)
      failures.push(`${label(g)}: head ${[...out.data.slice(0, 8)]} vs PIL ${g.head}`);
  }
  expect(failures).toEqual([]);
}

describe("resizeImage is byte-identical to Pillow 9.4", () => {
  test("goldens cover every filter, 1 to 4 channels, up and down", () => {
    expect(new Set(goldens.map((g) => g.resample))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(goldens.some((g) => g.width === 1 && g.height === 1)).toBe(true);
    expect(
      goldens.some((g) => g.input.kind === "random" && g.input.width === 700 && g.input.height === 500),
    ).toBe(true);
    expect(goldens.length).toBeGreaterThan(700);
  });

  // Both kernel sets: WebAssembly SIMD (used where available) and the JS fallback.
  describe.each(["wasm-simd", "js"] as const)("%s kernels", (backend) => {
    beforeAll(() => {
      expect(resampleBackend({ forceJs: backend === "js" })).toBe(backend);
    });
    afterAll(() => {
      resampleBackend({ forceJs: false });
    });

    for (const channels of [3, 1, 4]) {
      test(`random images, ${channels} channel(s)`, async () => {
        await check(goldens.filter((g) => g.input.kind === "random" && g.input.channels === channels));
      });
    }

    test("a real photo crop (committed fixture)", async () => {
      await check(goldens.filter((g) => g.input.kind === "input"));
    });

    test("the COCO cats image (../shared), 640×480 to 1280×960 and down to 1×1", async () => {
      if (!sharedAvailable(COCO_IMAGE)) return;
      await check(goldens.filter((g) => g.input.kind === "shared"));
    });
  });
});
