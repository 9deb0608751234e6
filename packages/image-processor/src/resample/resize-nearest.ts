import type { PixelWindow } from "./pixel-window.js";

/**
 * Pillow's NEAREST resize, which is not a convolution: `Image.resize` turns it into an affine transform
 * (`ImagingScaleAffine`), sampling at the pixel centre `(x + 0.5) * scale`. The position is accumulated
 * by repeated addition in float64 (`xo += a[0]`), not multiplied, and that drift decides ties, so the
 * loops below accumulate exactly the same way.
 */
export function resizeNearest(params: {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
  outWidth: number;
  outHeight: number;
  window: PixelWindow;
}): Uint8Array {
  const { data, width, height, channels, outWidth, outHeight, window } = params;
  const sourceColumns = positions({ inSize: width, outSize: outWidth, end: window.x1 });
  const sourceRows = positions({ inSize: height, outSize: outHeight, end: window.y1 });
  const windowWidth = window.x1 - window.x0;
  const out = new Uint8Array((window.y1 - window.y0) * windowWidth * channels);
  let o = 0;
  for (let y = window.y0; y < window.y1; y++) {
    const row = sourceRows[y]!;
    for (let x = window.x0; x < window.x1; x++) {
      const column = sourceColumns[x]!;
      if (row < 0 || column < 0) {
        o += channels; // Pillow leaves positions outside the source at 0 (fill)
        continue;
      }
      const p = (row * width + column) * channels;
      for (let c = 0; c < channels; c++) out[o++] = data[p + c]!;
    }
  }
  return out;
}

/**
 * Source index for output positions `0..end-1`, or -1 where Pillow's COORD falls outside the source
 * (possible only through accumulated drift on the last position). The accumulation starts at 0 even for a
 * window starting later, to drift exactly like Pillow.
 */
function positions(p: { inSize: number; outSize: number; end: number }): Int32Array {
  const scale = p.inSize / p.outSize;
  const out = new Int32Array(p.end);
  let position = scale * 0.5;
  for (let i = 0; i < p.end; i++) {
    // COORD(v) is `v < 0 ? -1 : (int)v`.
    const index = position < 0 ? -1 : Math.trunc(position);
    out[i] = index < p.inSize ? index : -1;
    position += scale;
  }
  return out;
}
