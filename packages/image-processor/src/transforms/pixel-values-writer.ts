import { channelValue } from "../config/processor-options.js";

/**
 * The float32 value of every uint8 level for each RGB channel, computed as HF's slow processor does:
 * `rescale` multiplies in float64 and casts to float32, then `normalize` subtracts and divides in float32
 * with float32 mean and std. Doing each float32 operation in float64 and rounding with `Math.fround`
 * gives the same bits (float64 has more than twice float32's precision, so no double rounding).
 *
 * @example
 * const lut = pixelValueTable({ doRescale: true, rescaleFactor: 1 / 255, doNormalize: true, imageMean: 0.5, imageStd: 0.5 });
 * [lut[0], lut[255]] // [-1, 1]
 */
export function pixelValueTable(params: {
  doRescale: boolean;
  rescaleFactor: number;
  doNormalize: boolean;
  imageMean: number | readonly number[];
  imageStd: number | readonly number[];
}): Float32Array {
  const table = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(channelValue({ value: params.imageMean, channel: c }));
    const std = Math.fround(channelValue({ value: params.imageStd, channel: c }));
    for (let v = 0; v < 256; v++) {
      let x = params.doRescale ? Math.fround(v * params.rescaleFactor) : v;
      if (params.doNormalize) x = Math.fround(Math.fround(x - mean) / std);
      table[c * 256 + v] = x;
    }
  }
  return table;
}

/**
 * Writes one image's pixel values as CHW float32 into `out` at `offset`: the crop is `height`×`width`,
 * its pixel (r, c) reads `pixels` (HWC RGB, `windowWidth` wide) at (r + top - y0, c + left - x0) when
 * inside the window, and level 0 (HF's zero padding, padded before rescaling) elsewhere.
 */
export function writePixelValues(params: {
  pixels: Uint8Array;
  window: { x0: number; y0: number; x1: number; y1: number };
  top: number;
  left: number;
  height: number;
  width: number;
  table: Float32Array;
  out: Float32Array;
  offset: number;
}): void {
  const { pixels, window, top, left, height, width, table, out, offset } = params;
  const windowWidth = window.x1 - window.x0;
  const plane = height * width;
  // Crop rows/columns [r0, r1) × [c0, c1) come from the window; the rest is padding (level 0).
  const r0 = window.y0 - top;
  const r1 = window.y1 - top;
  const c0 = window.x0 - left;
  const c1 = window.x1 - left;
  if (r0 > 0 || c0 > 0 || r1 < height || c1 < width) {
    for (let c = 0; c < 3; c++) out.fill(table[c * 256]!, offset + c * plane, offset + (c + 1) * plane);
  }
  // Float32 values are copied as their bits through Int32Array views (no float conversions), in one
  // pass over the interleaved pixels that writes the three planes: measurably faster in V8.
  const bits = new Int32Array(out.buffer, out.byteOffset + offset * 4, 3 * plane);
  const lut = new Int32Array(table.buffer, table.byteOffset, 3 * 256);
  for (let r = r0; r < r1; r++) {
    let p = (r - r0) * windowWidth * 3;
    for (let o = r * width + c0, end = r * width + c1; o < end; o++, p += 3) {
      bits[o] = lut[pixels[p]!]!;
      bits[o + plane] = lut[256 + pixels[p + 1]!]!;
      bits[o + 2 * plane] = lut[512 + pixels[p + 2]!]!;
    }
  }
}
