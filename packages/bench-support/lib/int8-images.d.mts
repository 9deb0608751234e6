/** Decoded RGB pixels (HWC, 8 bits): what image-processor's `loadImage` returns for an RGB file. */
export interface RawRgb {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/** A named variant of a source image. */
export interface NamedImage {
  readonly name: string;
  readonly image: { data: Uint8Array; width: number; height: number; channels: 3 };
}

export declare const INT8_SOURCE_IMAGES: { readonly cats: string; readonly chelsea: string };
export declare function calibrationImages(sources: { cats: RawRgb; chelsea: RawRgb }): NamedImage[];
export declare function heldOutImages(sources: { cats: RawRgb; chelsea: RawRgb }): NamedImage[];
export declare function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number;
export declare function argmaxRow(data: ArrayLike<number>, n: number, row: number): number;
