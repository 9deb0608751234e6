/**
 * A rectangle of the resized image, half-open: columns `[x0, x1)`, rows `[y0, y1)`. Resampling only the
 * pixels a center crop keeps gives the same bytes as resizing everything and cropping afterwards: each
 * output pixel has its own coefficients, computed for the full-size resize either way.
 */
export interface PixelWindow {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The whole `width`×`height` image as a window. */
export function fullWindow(params: { width: number; height: number }): PixelWindow {
  return { x0: 0, y0: 0, x1: params.width, y1: params.height };
}
