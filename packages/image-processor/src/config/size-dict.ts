import { PreprocessorConfigError } from "../errors/image-errors.js";

/**
 * Largest `size` / `crop_size` edge (height, width or shortest_edge), in pixels: 4096. Why: MobileNetV1
 * checkpoints use 128–224 px inputs, so 4096 is 18× the largest; one 4096×4096 image is already 192 MiB of
 * float32 `pixel_values`, and a corrupt or hostile `preprocessor_config.json` asking for 20 000–50 000 would
 * allocate gigabytes (or fail with a bare "Invalid typed array length") before anything else went wrong.
 */
export const MAX_SIZE_EDGE = 4096;

/** Resize target: the shortest edge (aspect ratio kept) or an exact height and width. */
export type SizeDict =
  | { readonly shortestEdge: number }
  | { readonly height: number; readonly width: number };

/** Center-crop size. */
export interface CropSize {
  readonly height: number;
  readonly width: number;
}

/**
 * HF's `get_size_dict`: an int means `{shortest_edge}` for `size` (`defaultToSquare: false`) and
 * `{height, width}` for `crop_size` (`defaultToSquare: true`); a `[height, width]` pair is an exact size;
 * objects may use HF's snake_case keys or camelCase ones.
 *
 * @example
 * toSizeDict({ value: 256, field: "size", defaultToSquare: false }) // { shortestEdge: 256 }
 * toSizeDict({ value: { shortest_edge: 256 }, field: "size", defaultToSquare: false }) // { shortestEdge: 256 }
 * toSizeDict({ value: 224, field: "crop_size", defaultToSquare: true }) // { height: 224, width: 224 }
 */
export function toSizeDict(params: { value: unknown; field: string; defaultToSquare: boolean }): SizeDict {
  const { value, field } = params;
  const expected = params.defaultToSquare
    ? "a positive integer, [height, width] or {height, width}"
    : "a positive integer, [height, width], {shortest_edge} or {height, width}";
  if (typeof value === "number") {
    const n = positiveInteger({ value, field });
    return params.defaultToSquare ? { height: n, width: n } : { shortestEdge: n };
  }
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new PreprocessorConfigError({ field, value, expected });
    return {
      height: positiveInteger({ value: value[0], field: `${field}[0]` }),
      width: positiveInteger({ value: value[1], field: `${field}[1]` }),
    };
  }
  if (typeof value === "object" && value !== null) {
    const o = value as Record<string, unknown>;
    const shortest = o["shortestEdge"] ?? o["shortest_edge"];
    if (shortest !== undefined && o["height"] === undefined && o["width"] === undefined) {
      return { shortestEdge: positiveInteger({ value: shortest, field: `${field}.shortest_edge` }) };
    }
    if (shortest === undefined && o["height"] !== undefined && o["width"] !== undefined) {
      return {
        height: positiveInteger({ value: o["height"], field: `${field}.height` }),
        width: positiveInteger({ value: o["width"], field: `${field}.width` }),
      };
    }
  }
  throw new PreprocessorConfigError({ field, value, expected });
}

/** A crop size: like {@link toSizeDict} with `defaultToSquare`, and `{shortest_edge}` refused. */
export function toCropSize(params: { value: unknown; field: string }): CropSize {
  const size = toSizeDict({ ...params, defaultToSquare: true });
  if ("shortestEdge" in size) {
    throw new PreprocessorConfigError({
      field: params.field,
      value: params.value,
      expected: "{height, width} or a positive integer",
    });
  }
  return size;
}

/** The JSON form HF writes (`{"shortest_edge": n}` or `{"height": h, "width": w}`). */
export function sizeDictToJson(size: SizeDict): Record<string, number> {
  return "shortestEdge" in size
    ? { shortest_edge: size.shortestEdge }
    : { height: size.height, width: size.width };
}

function positiveInteger(params: { value: unknown; field: string }): number {
  const { value, field } = params;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_SIZE_EDGE) {
    throw new PreprocessorConfigError({
      field,
      value,
      expected: `an integer from 1 to ${MAX_SIZE_EDGE} (MAX_SIZE_EDGE)`,
    });
  }
  return value;
}
