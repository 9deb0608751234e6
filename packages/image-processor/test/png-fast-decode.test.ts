/**
 * The fast PNG path (`decodePngFast`) against sharp's decode (`decodeWithSharp`), byte for byte, and its
 * fall-backs: anything it does not handle returns `undefined`, and `loadImage` then gives exactly what
 * sharp gives (pixels or typed error).
 */
import { readFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { decodePngFast } from "../src/decode/png-fast-decode.js";
import { decodeWithSharp } from "../src/decode/sharp-decode.js";
import type { RawImage } from "../src/image/raw-image.js";
import type { DecodeOptions } from "../src/index.js";
import { loadImage } from "../src/index.js";

const CHANNELS = { 0: 1, 2: 3, 4: 2, 6: 4 } as const;
type ColorType = keyof typeof CHANNELS;

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** One PNG chunk: length, type, data, CRC (`badCrc` flips the CRC's low bit). */
function chunk(type: string, data: Uint8Array, badCrc = false): Uint8Array {
  const typeAndData = concat(Buffer.from(type, "latin1"), data);
  return concat(u32(data.length), typeAndData, u32(crc32(typeAndData) ^ (badCrc ? 1 : 0)));
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, colorType: number, depth = 8, interlace = 0): Uint8Array {
  return chunk("IHDR", concat(u32(width), u32(height), new Uint8Array([depth, colorType, 0, 0, interlace])));
}

/** The straightforward (branchy) Paeth predictor of the PNG spec. */
function paethReference(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters rows of `pixels` with the given filter type per row (the PNG encoder's side). */
function filterRows(pixels: Uint8Array, stride: number, bpp: number, filters: number[]): Uint8Array {
  const height = pixels.length / stride;
  const out = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    out[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = pixels[y * stride + i]!;
      const a = i >= bpp ? pixels[y * stride + i - bpp]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= bpp ? pixels[(y - 1) * stride + i - bpp]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paethReference(a, b, c)][f] ?? 0;
      out[y * (stride + 1) + 1 + i] = (x - predictor) & 255;
    }
  }
  return out;
}

interface PngSpec {
  width: number;
  height: number;
  colorType: ColorType;
  pixels: Uint8Array;
  /** Filter type per row (cycled). @default [0, 1, 2, 3, 4] */
  filters?: number[];
  /** Split the zlib stream into this many IDAT chunks. @default 1 */
  idatChunks?: number;
  /** Chunks placed before the first IDAT. */
  before?: Uint8Array[];
  /** Change the filtered rows before compressing (wrong lengths, invalid filter types). */
  mutateRaw?: (raw: Uint8Array) => Uint8Array;
  /** Change the zlib stream (truncation, trailing bytes). */
  mutateZlib?: (zlib: Uint8Array) => Uint8Array;
}

/** A PNG written by hand, each row with an explicit filter type. */
function buildPng(spec: PngSpec): Uint8Array {
  const bpp = CHANNELS[spec.colorType];
  const raw = filterRows(spec.pixels, spec.width * bpp, bpp, spec.filters ?? [0, 1, 2, 3, 4]);
  let zlib: Uint8Array = new Uint8Array(deflateSync(spec.mutateRaw ? spec.mutateRaw(raw) : raw));
  if (spec.mutateZlib) zlib = spec.mutateZlib(zlib);
  const n = spec.idatChunks ?? 1;
  const size = Math.ceil(zlib.length / n);
  const idats = Array.from({ length: n }, (_, k) => chunk("IDAT", zlib.subarray(k * size, (k + 1) * size)));
  return concat(
    SIGNATURE,
    ihdr(spec.width, spec.height, spec.colorType),
    ...(spec.before ?? []),
    ...idats,
    chunk("IEND", new Uint8Array(0)),
  );
}

/** Deterministic pixels that exercise the predictors: small steps (many Paeth ties), extremes, noise. */
function testPixels(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const r = state >>> 16;
    const mode = (i >> 5) % 3;
    out[i] = mode === 0 ? r & 3 : mode === 1 ? (r & 1 ? 255 : 0) + (r & 2 ? -1 : 0) : r & 255;
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** The fast path decodes `bytes`, to exactly what sharp returns (fields and pixels). */
async function expectSameAsSharp(bytes: Uint8Array, options?: DecodeOptions): Promise<RawImage> {
  const fast = decodePngFast({ bytes, ...(options ? { options } : {}) });
  expect(fast).toBeDefined();
  const reference = await decodeWithSharp({ bytes, source: "<test>", ...(options ? { options } : {}) });
  const { data, ...shape } = fast!;
  const { data: referenceData, ...referenceShape } = reference;
  expect(shape).toEqual(referenceShape);
  expect(data.length).toBe(referenceData.length);
  expect(bytesEqual(data, referenceData)).toBe(true);
  return fast!;
}

/** The fast path declines, and loadImage gives what sharp gives: the same pixels or the same error. */
async function expectFallback(bytes: Uint8Array, options?: DecodeOptions): Promise<void> {
  expect(decodePngFast({ bytes, ...(options ? { options } : {}) })).toBeUndefined();
  const settle = (p: Promise<RawImage>) =>
    p.then(
      (image) => ({ image }),
      (error: unknown) => ({ error }),
    );
  const viaLoad = await settle(loadImage({ input: bytes, ...(options ? { options } : {}) }));
  const viaSharp = await settle(
    decodeWithSharp({ bytes, source: `<${bytes.byteLength} bytes>`, ...(options ? { options } : {}) }),
  );
  if ("error" in viaSharp) {
    expect("error" in viaLoad).toBe(true);
    const [e, f] = [viaLoad as { error: Error }, viaSharp as { error: Error }];
    expect(e.error.constructor).toBe(f.error.constructor);
    expect(e.error.message).toBe(f.error.message);
  } else {
    expect("image" in viaLoad).toBe(true);
    const [a, b] = [(viaLoad as { image: RawImage }).image, viaSharp.image];
    expect({ ...a, data: undefined }).toEqual({ ...b, data: undefined });
    expect(bytesEqual(a.data, b.data)).toBe(true);
  }
}

describe("decodePngFast equals sharp byte for byte", () => {
  test("the COCO cats PNG (640×480 RGB), directly and through loadImage", async (ctx) => {
    const path = requireShared("images/000000039769.png", ctx);
    const bytes = readFileSync(path);
    const image = await expectSameAsSharp(bytes);
    expect([image.width, image.height, image.channels]).toEqual([640, 480, 3]);
    const loaded = await loadImage({ input: path });
    expect(bytesEqual(loaded.data, image.data)).toBe(true);
  });

  test("sharp-encoded grey, RGB and RGBA PNGs, widths 1, 3, 7, 33 and heights 1 to 5", async () => {
    let cases = 0;
    for (const channels of [1, 3, 4] as const) {
      for (const width of [1, 3, 7, 33]) {
        for (let height = 1; height <= 5; height++) {
          const pixels = testPixels(width * height * channels, width * 31 + height * 7 + channels);
          for (const adaptiveFiltering of [false, true]) {
            let encoder = sharp(pixels, { raw: { width, height, channels } });
            if (channels === 1) encoder = encoder.toColourspace("b-w");
            const bytes = new Uint8Array(await encoder.png({ adaptiveFiltering }).toBuffer());
            expect(bytes[25]).toBe({ 1: 0, 3: 2, 4: 6 }[channels]); // the colour type we meant
            await expectSameAsSharp(bytes);
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(3 * 4 * 5 * 2);
  });

  test("hand-written PNGs with every filter type 0–4 on every row position, incl. Paeth ties and wrap-around", async () => {
    for (const colorType of [0, 2, 6] as const) {
      const bpp = CHANNELS[colorType];
      for (const width of [1, 2, 3, 7, 33]) {
        for (const filters of [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [3, 4]]) {
          const height = 6;
          const pixels = testPixels(width * height * bpp, width + colorType * 100 + filters.length);
          const bytes = buildPng({ width, height, colorType, pixels, filters });
          const image = await expectSameAsSharp(bytes);
          // And equal to the source pixels (greyscale comes out replicated into RGB, like sharp).
          const expected = bpp === 1 ? Uint8Array.from(Array.from(pixels).flatMap((v) => [v, v, v])) : pixels;
          expect(bytesEqual(image.data, expected)).toBe(true);
        }
      }
    }
  });

  test("Paeth edge cases: constant, ramps, 0/255 steps, all three predictor choices", async () => {
    const width = 16;
    const rows = [
      Array(width * 3).fill(0),
      Array(width * 3).fill(255),
      Array.from({ length: width * 3 }, (_, i) => (i * 17) & 255),
      Array.from({ length: width * 3 }, (_, i) => 255 - ((i * 5) & 255)),
      Array.from({ length: width * 3 }, (_, i) => (i % 6 < 3 ? 0 : 255)),
      Array.from({ length: width * 3 }, (_, i) => (i % 2 ? 1 : 254)),
      Array.from({ length: width * 3 }, (_, i) => 128 + ((i % 3) - 1)),
    ];
    const pixels = Uint8Array.from(rows.flat());
    const bytes = buildPng({ width, height: rows.length, colorType: 2, pixels, filters: [4] });
    const image = await expectSameAsSharp(bytes);
    expect(bytesEqual(image.data, pixels)).toBe(true);
    // The reference predictor must pick each of a, b and c somewhere in this image.
    const picks = new Set<string>();
    for (let y = 1; y < rows.length; y++) {
      for (let i = 3; i < width * 3; i++) {
        const [a, b, c] = [rows[y]![i - 3]!, rows[y - 1]![i]!, rows[y - 1]![i - 3]!];
        const p = paethReference(a, b, c);
        picks.add(p === a ? "a" : p === b ? "b" : "c");
      }
    }
    expect(picks).toEqual(new Set(["a", "b", "c"]));
  });

  test("several IDAT chunks, ancillary chunks, and options the fast path can honour", async () => {
    const pixels = testPixels(9 * 4 * 3, 5);
    const base = { width: 9, height: 4, colorType: 2 as const, pixels };
    await expectSameAsSharp(buildPng({ ...base, idatChunks: 5 }));
    const ancillary = [
      chunk("gAMA", u32(45455)),
      chunk("sRGB", new Uint8Array([0])),
      chunk("pHYs", concat(u32(2835), u32(2835), new Uint8Array([1]))),
      chunk("tEXt", Buffer.from("Comment\0hello", "latin1")),
    ];
    await expectSameAsSharp(buildPng({ ...base, before: ancillary }));
    // No iCCP / eXIf chunk: applying a profile or the orientation changes nothing.
    await expectSameAsSharp(buildPng(base), { applyIccProfile: true, applyExifOrientation: true });
    // The pixel limit is inclusive, like sharp's path.
    await expectSameAsSharp(buildPng(base), { maxImagePixels: 9 * 4 });
    // Bytes after IEND are ignored, as sharp (and PIL) ignore them.
    await expectSameAsSharp(concat(buildPng(base), Buffer.from("trailing bytes")));
  });
});

describe("decodePngFast falls back to sharp (undefined) for what it does not handle", () => {
  const pixels = testPixels(7 * 5 * 3, 11);
  const base = { width: 7, height: 5, colorType: 2 as const, pixels };
  const plain = buildPng(base);
  const stride = 7 * 3;

  test("the plain file itself takes the fast path", async () => {
    await expectSameAsSharp(plain);
  });

  test("16-bit RGB", async () => {
    const raw = new Uint8Array(5 * (1 + 7 * 6));
    for (let i = 0; i < raw.length; i++) raw[i] = i % 43 === 0 ? 0 : (i * 29) & 255;
    const bytes = concat(
      SIGNATURE,
      ihdr(7, 5, 2, 16),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", new Uint8Array(0)),
    );
    await expectFallback(bytes);
  });

  test("palette (sharp png({ palette: true }))", async () => {
    const bytes = await sharp(pixels, { raw: { width: 7, height: 5, channels: 3 } })
      .png({ palette: true })
      .toBuffer();
    expect(bytes[25]).toBe(3);
    await expectFallback(bytes);
  });

  test("interlaced (sharp png({ progressive: true }))", async () => {
    const bytes = await sharp(pixels, { raw: { width: 7, height: 5, channels: 3 } })
      .png({ progressive: true })
      .toBuffer();
    expect(bytes[28]).toBe(1);
    await expectFallback(bytes);
  });

  test("grey + alpha (colour type 4)", async () => {
    await expectFallback(buildPng({ width: 7, height: 5, colorType: 4, pixels: testPixels(7 * 5 * 2, 3) }));
  });

  test("a tRNS chunk", async () => {
    await expectFallback(buildPng({ ...base, before: [chunk("tRNS", new Uint8Array([0, 1, 0, 2, 0, 3]))] }));
  });

  test("a bad CRC (IHDR, IDAT or an ancillary chunk)", async () => {
    const badIdat = concat(
      SIGNATURE,
      ihdr(7, 5, 2),
      chunk("IDAT", deflateSync(filterRows(pixels, stride, 3, [1])), true),
      chunk("IEND", new Uint8Array(0)),
    );
    await expectFallback(badIdat);
    const badIhdr = new Uint8Array(plain);
    badIhdr[8 + 8 + 13 + 3]! ^= 0x55;
    await expectFallback(badIhdr);
    await expectFallback(buildPng({ ...base, before: [chunk("tEXt", Buffer.from("a\0b", "latin1"), true)] }));
  });

  test("truncated files and truncated zlib streams", async () => {
    await expectFallback(plain.subarray(0, plain.length - 30));
    await expectFallback(plain.subarray(0, plain.length - 12)); // no IEND
    await expectFallback(buildPng({ ...base, mutateZlib: (z) => z.subarray(0, z.length - 8) }));
  });

  test("inflated data one byte short or one byte long, or bytes after the zlib stream", async () => {
    await expectFallback(buildPng({ ...base, mutateRaw: (r) => r.subarray(0, r.length - 1) }));
    await expectFallback(buildPng({ ...base, mutateRaw: (r) => concat(r, new Uint8Array([0])) }));
    await expectFallback(buildPng({ ...base, mutateZlib: (z) => concat(z, new Uint8Array([1, 2, 3])) }));
  });

  test("an invalid filter type (5) on the first or a later row", async () => {
    for (const row of [0, 3]) {
      await expectFallback(
        buildPng({
          ...base,
          mutateRaw: (r) => {
            const out = new Uint8Array(r);
            out[row * (stride + 1)] = 5;
            return out;
          },
        }),
      );
    }
  });

  test("more pixels than maxImagePixels (sharp's path raises the typed error)", async () => {
    await expectFallback(plain, { maxImagePixels: 7 * 5 - 1 });
  });

  test("a header claiming more pixels than the IDAT data can inflate to (nothing is allocated)", async () => {
    const tiny = deflateSync(new Uint8Array(100));
    const bytes = concat(
      SIGNATURE,
      ihdr(20000, 20000, 2),
      chunk("IDAT", tiny),
      chunk("IEND", new Uint8Array(0)),
    );
    expect(decodePngFast({ bytes, options: { maxImagePixels: Number.POSITIVE_INFINITY } })).toBeUndefined();
    await expectFallback(bytes);
  });

  test("IDAT chunks that are not consecutive, an unknown critical chunk, a missing IDAT", async () => {
    const raw = deflateSync(filterRows(pixels, stride, 3, [0]));
    const split = concat(
      SIGNATURE,
      ihdr(7, 5, 2),
      chunk("IDAT", raw.subarray(0, 10)),
      chunk("tEXt", Buffer.from("a\0b", "latin1")),
      chunk("IDAT", raw.subarray(10)),
      chunk("IEND", new Uint8Array(0)),
    );
    await expectFallback(split);
    await expectFallback(buildPng({ ...base, before: [chunk("ABCD", new Uint8Array([1]))] }));
    await expectFallback(concat(SIGNATURE, ihdr(7, 5, 2), chunk("IEND", new Uint8Array(0))));
  });

  test("an ICC profile with applyIccProfile, an eXIf block with applyExifOrientation", async () => {
    const iccp = chunk("iCCP", concat(Buffer.from("icc\0\0", "latin1"), deflateSync(new Uint8Array(200))));
    const withIcc = buildPng({ ...base, before: [iccp] });
    expect(decodePngFast({ bytes: withIcc, options: { applyIccProfile: true } })).toBeUndefined();
    expect(decodePngFast({ bytes: withIcc })).toBeDefined();
    const exif = concat(
      Buffer.from("MM\0*", "latin1"),
      u32(8),
      new Uint8Array([0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0]),
    );
    const withExif = buildPng({ ...base, before: [chunk("eXIf", exif)] });
    await expectFallback(withExif, { applyExifOrientation: true });
    await expectSameAsSharp(withExif);
  });

  test("not a PNG, empty input", async () => {
    expect(decodePngFast({ bytes: new Uint8Array(0) })).toBeUndefined();
    expect(decodePngFast({ bytes: new Uint8Array(100) })).toBeUndefined();
    expect(decodePngFast({ bytes: plain.subarray(0, 20) })).toBeUndefined();
  });
});
