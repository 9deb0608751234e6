import { PreprocessorConfigError } from "../errors/image-errors.js";
import { isPilResampleCode, PilResample, type PilResampleCode } from "../resample/filters.js";
import { type CropSize, type SizeDict, toCropSize, toSizeDict } from "./size-dict.js";

/** HF's `IMAGENET_STANDARD_MEAN`, MobileNetV1ImageProcessor's default `image_mean`. */
export const IMAGENET_STANDARD_MEAN: readonly number[] = Object.freeze([0.5, 0.5, 0.5]);
/** HF's `IMAGENET_STANDARD_STD`, MobileNetV1ImageProcessor's default `image_std`. */
export const IMAGENET_STANDARD_STD: readonly number[] = Object.freeze([0.5, 0.5, 0.5]);

/**
 * MobileNetV1ImageProcessor's options: HF's constructor arguments in camelCase (`do_resize` → `doResize`).
 * Every field is optional; missing ones take {@link MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS}.
 */
export interface ImageProcessorOptions {
  /** Resize before cropping. @default true */
  doResize?: boolean;
  /** `{ shortestEdge }` keeps the aspect ratio; `{ height, width }` is exact; a number means shortestEdge. @default { shortestEdge: 256 } */
  size?: SizeDict | number | readonly [number, number];
  /** PIL filter code ({@link PilResample}): 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming. @default 2 (bilinear) */
  resample?: PilResampleCode;
  /** Center crop (zero padding when the image is smaller). @default true */
  doCenterCrop?: boolean;
  /** Crop size; a number means a square. @default { height: 224, width: 224 } */
  cropSize?: CropSize | number | readonly [number, number];
  /** Multiply by `rescaleFactor`. @default true */
  doRescale?: boolean;
  /** @default 1 / 255 */
  rescaleFactor?: number;
  /** Subtract `imageMean`, divide by `imageStd`. @default true */
  doNormalize?: boolean;
  /** One value or one per RGB channel. @default [0.5, 0.5, 0.5] */
  imageMean?: number | readonly number[];
  /** One value or one per RGB channel. @default [0.5, 0.5, 0.5] */
  imageStd?: number | readonly number[];
}

/** Options with every field present and checked. */
export interface ResolvedImageProcessorOptions {
  readonly doResize: boolean;
  readonly size: SizeDict;
  readonly resample: PilResampleCode;
  readonly doCenterCrop: boolean;
  readonly cropSize: CropSize;
  readonly doRescale: boolean;
  readonly rescaleFactor: number;
  readonly doNormalize: boolean;
  readonly imageMean: number | readonly number[];
  readonly imageStd: number | readonly number[];
}

/** HF MobileNetV1ImageProcessor's defaults (`image_processing_mobilenet_v1.py`). */
export const MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS: ResolvedImageProcessorOptions = Object.freeze({
  doResize: true,
  size: Object.freeze({ shortestEdge: 256 }),
  resample: PilResample.BILINEAR,
  doCenterCrop: true,
  cropSize: Object.freeze({ height: 224, width: 224 }),
  doRescale: true,
  rescaleFactor: 1 / 255,
  doNormalize: true,
  imageMean: IMAGENET_STANDARD_MEAN,
  imageStd: IMAGENET_STANDARD_STD,
});

/**
 * `base` with the fields of `options` that are not `undefined`, each checked (HF's override rule:
 * `x if x is not None else self.x`). JSON field names appear in errors (`crop_size.height`).
 *
 * @example
 * resolveProcessorOptions({ base: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS, options: { size: 320 } }).size // { shortestEdge: 320 }
 */
export function resolveProcessorOptions(params: {
  base: ResolvedImageProcessorOptions;
  options?: ImageProcessorOptions;
  /** Other keys the caller handles itself (e.g. `decode`); any other unknown key is an error. */
  otherKeys?: readonly string[];
}): ResolvedImageProcessorOptions {
  const o = params.options ?? {};
  const b = params.base;
  if (typeof o !== "object" || o === null || Array.isArray(o)) {
    throw new PreprocessorConfigError({
      field: "options",
      value: o,
      expected: "an object of processor options",
    });
  }
  for (const key of Object.keys(o)) {
    if (!(key in MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS) && !params.otherKeys?.includes(key)) {
      throw new PreprocessorConfigError({
        field: key,
        value: (o as Record<string, unknown>)[key],
        expected: `a known option (${[...Object.keys(MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS), ...(params.otherKeys ?? [])].join(", ")})`,
      });
    }
  }
  return {
    doResize: o.doResize === undefined ? b.doResize : flag({ value: o.doResize, field: "do_resize" }),
    size:
      o.size === undefined ? b.size : toSizeDict({ value: o.size, field: "size", defaultToSquare: false }),
    resample: o.resample === undefined ? b.resample : resampleCode(o.resample),
    doCenterCrop:
      o.doCenterCrop === undefined
        ? b.doCenterCrop
        : flag({ value: o.doCenterCrop, field: "do_center_crop" }),
    cropSize: o.cropSize === undefined ? b.cropSize : toCropSize({ value: o.cropSize, field: "crop_size" }),
    doRescale: o.doRescale === undefined ? b.doRescale : flag({ value: o.doRescale, field: "do_rescale" }),
    rescaleFactor:
      o.rescaleFactor === undefined
        ? b.rescaleFactor
        : positiveFinite({ value: o.rescaleFactor, field: "rescale_factor" }),
    doNormalize:
      o.doNormalize === undefined ? b.doNormalize : flag({ value: o.doNormalize, field: "do_normalize" }),
    imageMean:
      o.imageMean === undefined ? b.imageMean : channelValues({ value: o.imageMean, field: "image_mean" }),
    imageStd:
      o.imageStd === undefined
        ? b.imageStd
        : channelValues({ value: o.imageStd, field: "image_std", nonZero: true }),
  };
}

/** The value for channel `c` of a per-channel option (a single number applies to all channels). */
export function channelValue(params: { value: number | readonly number[]; channel: number }): number {
  return typeof params.value === "number" ? params.value : params.value[params.channel]!;
}

function flag(params: { value: unknown; field: string }): boolean {
  if (typeof params.value !== "boolean")
    throw new PreprocessorConfigError({ ...params, expected: "true or false" });
  return params.value;
}

/** A rescale factor of 0 or below (or 1e309 read as Infinity) would turn every image into the same values. */
function positiveFinite(params: { value: unknown; field: string }): number {
  if (typeof params.value !== "number" || !Number.isFinite(params.value) || params.value <= 0) {
    throw new PreprocessorConfigError({ ...params, expected: "a finite number > 0 (HF: 1/255)" });
  }
  return params.value;
}

function resampleCode(value: unknown): PilResampleCode {
  if (!isPilResampleCode(value)) {
    throw new PreprocessorConfigError({
      field: "resample",
      value,
      expected: "a PIL code: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming",
    });
  }
  return value;
}

function channelValues(params: {
  value: unknown;
  field: string;
  nonZero?: boolean;
}): number | readonly number[] {
  const { value, field } = params;
  const expected = `a finite number or 3 finite numbers (one per RGB channel)${params.nonZero ? ", non-zero" : ""}`;
  const ok = (v: unknown) => typeof v === "number" && Number.isFinite(v) && !(params.nonZero && v === 0);
  if (ok(value)) return value as number;
  if (Array.isArray(value) && value.length === 3 && value.every(ok))
    return Object.freeze([...(value as number[])]);
  throw new PreprocessorConfigError({ field, value, expected });
}
