import { readFile, writeFile } from "node:fs/promises";
import { Tensor } from "@mobilenetv1/core";
import { UsageError } from "./exit-codes.js";

/** Parses `--shape N,3,H,W`. */
export function parseShape(text: string): [number, number, number, number] {
  const dims = text.split(",").map((s) => Number(s.trim()));
  if (dims.length !== 4 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UsageError({
      option: "--shape",
      message: `${JSON.stringify(text)} is not N,C,H,W with positive integers`,
    });
  }
  return dims as [number, number, number, number];
}

/** Reads a raw float32 little-endian NCHW tensor (what `--pixel-values-out` writes). */
export async function readPixelValues(params: {
  file: string;
  shape: [number, number, number, number];
}): Promise<Tensor> {
  const bytes = await readFile(params.file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError({
      option: "--pixel-values-in",
      message: `cannot read ${params.file} (${error.code ?? error.message})`,
    });
  });
  const expected = params.shape.reduce((a, b) => a * b, 4);
  if (bytes.byteLength !== expected) {
    throw new UsageError({
      option: "--pixel-values-in",
      message: `${params.file} has ${bytes.byteLength} bytes; shape ${params.shape.join(",")} needs ${expected} (float32)`,
    });
  }
  const data = new Float32Array(expected / 4);
  new Uint8Array(data.buffer).set(bytes);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new Error("big-endian hosts are not supported");
  return new Tensor({ dims: params.shape, data });
}

/** Writes tensors one after the other as float32 little-endian (one NCHW tensor when they share C, H, W). */
export async function writePixelValues(params: { file: string; tensors: readonly Tensor[] }): Promise<void> {
  const total = params.tensors.reduce((n, t) => n + t.data.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const t of params.tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), offset);
    offset += t.data.byteLength;
  }
  await writeFile(params.file, out);
}
