import { type CoefficientTable, precomputeCoefficients } from "./coefficients.js";
import type { ResampleFilter } from "./filters.js";
import type { PixelWindow } from "./pixel-window.js";
import { horizontalGeneric, horizontalRgbPadded, verticalPass } from "./resample-kernels.js";
import { resampleWithSimd } from "./wasm/simd-resample.js";

/**
 * Pillow's two-pass 8-bit convolution resize (`ImagingResampleInner`): a horizontal pass into a uint8
 * image, then a vertical pass, each clipping to 0..255 (Pillow's `clip8`). A pass is skipped when that
 * dimension keeps its size, as Pillow does. Channels are resampled independently (Pillow's RGB, L, CMYK;
 * Pillow premultiplies RGBA/LA first, which this function does not).
 *
 * Returns the `window` of the resized image, interleaved (HWC), `channels` bytes per pixel. RGB and RGBA
 * run in WebAssembly SIMD where available, other cases (and engines without SIMD) in JS; both give
 * Pillow's bytes.
 */
export function resampleSeparable(params: {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
  outWidth: number;
  outHeight: number;
  filter: ResampleFilter;
  window: PixelWindow;
}): Uint8Array {
  const { data, width, height, channels, outWidth, outHeight, filter, window } = params;
  const vertical =
    outHeight !== height ? precomputeCoefficients({ inSize: height, outSize: outHeight, filter }) : undefined;
  const rowsNeeded = vertical
    ? sourceRows({ table: vertical, y0: window.y0, y1: window.y1 })
    : { first: window.y0, last: window.y1, padded: false };

  const horizontal =
    outWidth !== width ? precomputeCoefficients({ inSize: width, outSize: outWidth, filter }) : undefined;
  if (horizontal || vertical) {
    const simd = resampleWithSimd({
      data,
      width,
      height,
      channels,
      window,
      horizontal,
      vertical,
      rowFirst: rowsNeeded.first,
      rowLast: rowsNeeded.last,
    });
    if (simd) return simd;
  }

  const windowWidth = window.x1 - window.x0;
  const rowLength = windowWidth * channels;
  let rows: Uint8Array;
  let rowsOffset = rowsNeeded.first;
  if (horizontal) {
    rows = new Uint8Array((rowsNeeded.last - rowsNeeded.first) * rowLength);
    const pass = {
      data,
      width,
      rowFirst: rowsNeeded.first,
      rowLast: rowsNeeded.last,
      x0: window.x0,
      x1: window.x1,
      out: rows,
    };
    const { ksize, padded } = horizontal;
    if (channels === 3 && padded)
      horizontalRgbPadded({ ...pass, ksize, start: padded.start, weights: padded.weights });
    else
      horizontalGeneric({ ...pass, channels, ksize, bounds: horizontal.bounds, weights: horizontal.weights });
  } else if (window.x0 === 0 && windowWidth === width) {
    rows = data;
    rowsOffset = 0;
  } else {
    rows = new Uint8Array((rowsNeeded.last - rowsNeeded.first) * rowLength);
    for (let y = rowsNeeded.first; y < rowsNeeded.last; y++) {
      const start = (y * width + window.x0) * channels;
      rows.set(data.subarray(start, start + rowLength), (y - rowsNeeded.first) * rowLength);
    }
  }

  if (!vertical) {
    const start = (window.y0 - rowsOffset) * rowLength;
    const out = rows.subarray(start, start + (window.y1 - window.y0) * rowLength);
    return rows === data ? out.slice() : out;
  }
  const out = new Uint8Array((window.y1 - window.y0) * rowLength);
  const { ksize, padded, bounds, weights } = vertical;
  const common = { rows, rowsOffset, rowLength, y0: window.y0, y1: window.y1, ksize, out };
  if (padded && rowsNeeded.padded) {
    verticalPass({ ...common, first: (y) => padded.start[y]!, count: () => ksize, weights: padded.weights });
  } else {
    verticalPass({ ...common, first: (y) => bounds[y * 2]!, count: (y) => bounds[y * 2 + 1]!, weights });
  }
  return out;
}

/**
 * Source rows `[first, last)` the vertical pass reads for output rows `[y0, y1)` (Pillow's ybox_first and
 * ybox_last, for the window only). Covers the padded fixed-tap reads when the table has them.
 */
function sourceRows(params: { table: CoefficientTable; y0: number; y1: number }): {
  first: number;
  last: number;
  padded: boolean;
} {
  const { table, y0, y1 } = params;
  if (table.padded) {
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (let y = y0; y < y1; y++) {
      first = Math.min(first, table.padded.start[y]!);
      last = Math.max(last, table.padded.start[y]! + table.ksize);
    }
    return { first, last, padded: true };
  }
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (let y = y0; y < y1; y++) {
    first = Math.min(first, table.bounds[y * 2]!);
    last = Math.max(last, table.bounds[y * 2]! + table.bounds[y * 2 + 1]!);
  }
  return { first, last, padded: false };
}
