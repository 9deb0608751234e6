import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Tensor } from "@mobilenetv1/core";

/** The parts of ../shared/hf/keras_mobilenet_v1_0.75_224/REFERENCE.json (HF's PyTorch outputs) tests read. */
export interface HfReference {
  logits: { shape: number[]; values: number[] };
  top5: { index: number; label: string; prob: number; logit: number }[];
  pooler_output: { shape: number[]; first5: number[]; mean: number };
  last_hidden_state: { shape: number[]; mean: number };
  hidden_states: { count: number; shapes: number[][]; means?: number[] };
}

/**
 * Reads REFERENCE.json and reference_pixel_values.bin (float32 LE, NCHW 1×3×224×224: HF's image
 * processor on the COCO cats image) from the checkpoint folder `dir`.
 *
 * @example
 * const { reference, pixelValues } = await readHfReference({ dir });
 * pixelValues.dims // [1, 3, 224, 224]
 */
export async function readHfReference(params: {
  dir: string;
}): Promise<{ reference: HfReference; pixelValues: Tensor }> {
  const reference = JSON.parse(await readFile(join(params.dir, "REFERENCE.json"), "utf8")) as HfReference & {
    pixel_values: { shape: number[] };
  };
  const bytes = await readFile(join(params.dir, "reference_pixel_values.bin"));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { reference, pixelValues: new Tensor({ dims: reference.pixel_values.shape, data }) };
}

/** Largest |a[i] - b[i]|; throws when the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Average |a[i] - b[i]|; throws when the lengths differ. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Arithmetic mean (float64 accumulation). */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}
