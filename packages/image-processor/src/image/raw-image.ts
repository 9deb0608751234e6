import { InputError } from "@mobilenetv1/core";
import { ImageDimensionsError } from "../errors/image-errors.js";

/**
 * Decoded pixels, interleaved (HWC), 8 bits per channel, row-major without padding.
 * `channels`: 1 = L (grey), 2 = LA, 3 = RGB, 4 = RGBA (or CMYK when `colorSpace` says so).
 */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  /** How to read 4 channels. @default "rgb" (RGBA) */
  readonly colorSpace?: "rgb" | "cmyk";
}

/** A raw image as callers may pass it (`Uint8ClampedArray` from canvas `ImageData` is accepted too). */
export interface RawImageInput {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: number;
  colorSpace?: "rgb" | "cmyk";
}

/**
 * Checks a raw image's fields and returns it as a {@link RawImage} (no copy).
 *
 * @example
 * toRawImage({ input: { data: new Uint8Array(12), width: 2, height: 2, channels: 3 } }).channels // 3
 */
export function toRawImage(params: { input: RawImageInput; source?: string }): RawImage {
  const { input } = params;
  const source = params.source ?? "<raw image>";
  const { width, height, channels } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new InputError({
      argument: `${source}.width/height`,
      value: [width, height],
      expected: "non-negative integers",
    });
  }
  if (width === 0 || height === 0) throw new ImageDimensionsError({ source, width, height, reason: "empty" });
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new InputError({ argument: `${source}.channels`, value: channels, expected: "1, 2, 3 or 4" });
  }
  if (!(input.data instanceof Uint8Array || input.data instanceof Uint8ClampedArray)) {
    throw new InputError({
      argument: `${source}.data`,
      value: typeof input.data,
      expected: "a Uint8Array or Uint8ClampedArray",
    });
  }
  if (input.data.length !== width * height * channels) {
    throw new InputError({
      argument: `${source}.data.length`,
      value: input.data.length,
      expected: `${width}×${height}×${channels} = ${width * height * channels} bytes`,
    });
  }
  if (input.colorSpace !== undefined && input.colorSpace !== "rgb" && input.colorSpace !== "cmyk") {
    throw new InputError({
      argument: `${source}.colorSpace`,
      value: input.colorSpace,
      expected: `"rgb" or "cmyk"`,
    });
  }
  if (input.colorSpace === "cmyk" && channels !== 4) {
    throw new InputError({ argument: `${source}.channels`, value: channels, expected: "4 for a CMYK image" });
  }
  const data =
    input.data instanceof Uint8Array
      ? input.data
      : new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.length);
  return { data, width, height, channels, ...(input.colorSpace ? { colorSpace: input.colorSpace } : {}) };
}
