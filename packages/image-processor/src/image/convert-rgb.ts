import type { RawImage } from "./raw-image.js";

/**
 * PIL's `Image.convert("RGB")`: L is replicated, LA and RGBA drop alpha without compositing (PIL does not
 * blend with a background), CMYK uses PIL's `cmyk2rgb` integer formula. RGB is returned as is.
 *
 * @example
 * toRgb({ data: new Uint8Array([7, 200]), width: 1, height: 1, channels: 2 }).data // Uint8Array [7, 7, 7]
 */
export function toRgb(image: RawImage): RawImage {
  const { data, width, height, channels } = image;
  if (channels === 3) return image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  if (channels === 4 && image.colorSpace === "cmyk") {
    for (let i = 0, p = 0, o = 0; i < n; i++, p += 4, o += 3) {
      // cmyk2rgb: nk = 255 - K; out = CLIP8(nk - MULDIV255(C, nk)), MULDIV255(a, b) = ((t >> 8) + t) >> 8
      // with t = a * b + 128. The result is never negative, so CLIP8 never clips.
      const nk = 255 - data[p + 3]!;
      for (let c = 0; c < 3; c++) {
        const t = data[p + c]! * nk + 128;
        out[o + c] = nk - (((t >> 8) + t) >> 8);
      }
    }
  } else if (channels === 1 || channels === 2) {
    for (let i = 0, p = 0, o = 0; i < n; i++, p += channels, o += 3) {
      const v = data[p]!;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
  } else {
    for (let i = 0, p = 0, o = 0; i < n; i++, p += 4, o += 3) {
      out[o] = data[p]!;
      out[o + 1] = data[p + 1]!;
      out[o + 2] = data[p + 2]!;
    }
  }
  return { data: out, width, height, channels: 3 };
}
