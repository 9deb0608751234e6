import { type FileHandle, open, rename, stat, unlink } from "node:fs/promises";
import { OutputUnwritableError } from "@mobilenetv1/convert";
import type { Tensor } from "@mobilenetv1/core";
import { UsageError } from "./exit-codes.js";
import { npyFloat32Header } from "./npy-header.js";

/** The file forms `mobilenet embed --out` writes, by extension. */
export const EMBED_OUT_EXTENSIONS = [".jsonl", ".npy"] as const;

/** The row-order file written beside `--out x.npy`: one image name per line, in row order. */
export function npyNamesFile(file: string): string {
  return `${file}.txt`;
}

/** One image's line of `mobilenet embed`'s JSON lines output. */
export interface EmbedRecord {
  image: string;
  /** The pooled features [C]; with `--no-pool`, the last layer flattened in C, h, w order. */
  embedding: number[];
  /** With `--no-pool` only: [C, h, w] of the flattened `embedding`. */
  shape?: number[];
}

/** Where `mobilenet embed` writes: opened before the model loads, fed batch by batch. */
export interface EmbeddingWriter {
  /** Writes one batch: `features` has one row per name ([B, C] or [B, C, h, w]). */
  append(params: { names: readonly string[]; features: Tensor }): Promise<void>;
  /** Finishes the output; after a failure, removes what a regular file had received. */
  close(params: { ok: boolean }): Promise<void>;
}

/**
 * Opens `--out` (or stdout): `.jsonl` → JSON lines ({@link EmbedRecord}); `.npy` → a float32 [N, C] (or
 * [N, C, h, w]) NumPy file plus {@link npyNamesFile}. Rows stream batch by batch, so memory does not grow
 * with N. A regular file is written under a temporary name and renamed when the run succeeds: a failed
 * run leaves no half-written file that looks whole; /dev/null or a FIFO is written in place.
 *
 * @throws UsageError (exit 2) for another extension, or, with `.npy`, an image name holding a line break
 *   (the names file has one per line).
 * @throws OutputUnwritableError (exit 2) when the path cannot be written.
 */
export async function openEmbeddingOutput(params: {
  file: string | undefined;
  /** Every image name, in order (N of the .npy header, known before the first batch). */
  names: readonly string[];
  /** Where JSON lines go without `file`. */
  write: (text: string) => void;
}): Promise<EmbeddingWriter> {
  const { file, names } = params;
  if (file === undefined)
    return jsonLinesWriter({ write: async (t) => params.write(t), finish: async () => {} });
  if (file.endsWith(".jsonl")) {
    const out = await openOutFile({ file });
    return jsonLinesWriter({ write: (t) => out.write(t), finish: (ok) => out.finish(ok) });
  }
  if (!file.endsWith(".npy")) {
    throw new UsageError({
      option: "--out",
      message: `${JSON.stringify(file)} ends in neither ${EMBED_OUT_EXTENSIONS.join(" nor ")}: expected x.jsonl (JSON lines) or x.npy (NumPy float32)`,
    });
  }
  const broken = names.find((n) => /[\r\n]/.test(n));
  if (broken !== undefined) {
    throw new UsageError({
      option: "--out",
      message: `the image name ${JSON.stringify(broken)} holds a line break, which ${npyNamesFile(file)} (one name per line) cannot hold: use --out x.jsonl`,
    });
  }
  const data = await openOutFile({ file });
  const rowNames = await openOutFile({ file: npyNamesFile(file) }).catch(async (error: unknown) => {
    await data.finish(false);
    throw error;
  });
  let started = false;
  return {
    async append({ names: batch, features }) {
      if (!started) {
        // N is known up front; a row's shape only once the model ran.
        await data.write(npyFloat32Header({ shape: [names.length, ...features.dims.slice(1)] }));
        started = true;
      }
      const { buffer, byteOffset, byteLength } = features.data;
      await data.write(new Uint8Array(buffer, byteOffset, byteLength));
      await rowNames.write(batch.map((n) => `${n}\n`).join(""));
    },
    async close({ ok }) {
      await data.finish(ok);
      await rowNames.finish(ok);
    },
  };
}

function jsonLinesWriter(out: {
  write: (text: string) => Promise<void>;
  finish: (ok: boolean) => Promise<void>;
}): EmbeddingWriter {
  return {
    async append({ names, features }) {
      const rowShape = features.dims.slice(1);
      const row = rowShape.reduce((a, b) => a * b, 1);
      const lines = names.map((image, i) => {
        const record: EmbedRecord = {
          image,
          // float32 → double is exact and JSON keeps a double exactly: parsing gives back the same float32s.
          embedding: Array.from(features.data.subarray(i * row, (i + 1) * row)),
          ...(rowShape.length > 1 ? { shape: rowShape } : {}),
        };
        return `${JSON.stringify(record)}\n`;
      });
      await out.write(lines.join(""));
    },
    close: ({ ok }) => out.finish(ok),
  };
}

/** A file written under a temporary name and renamed on success (or in place when it is not a regular file). */
async function openOutFile(params: { file: string }): Promise<{
  write: (data: string | Uint8Array) => Promise<void>;
  finish: (ok: boolean) => Promise<void>;
}> {
  const { file } = params;
  const unwritable = (error: unknown) =>
    new OutputUnwritableError({
      option: "--out",
      path: file,
      errno: (error as NodeJS.ErrnoException).code,
      cause: error,
    });
  const existing = await stat(file).catch(() => undefined);
  // Renaming over /dev/null would replace the device: a special file is written in place.
  const inPlace = existing !== undefined && !existing.isFile();
  if (existing?.isDirectory())
    throw unwritable(Object.assign(new Error("is a directory"), { code: "EISDIR" }));
  const target = inPlace ? file : `${file}.${process.pid}.tmp`;
  const handle: FileHandle = await open(target, "w").catch((error) => {
    throw unwritable(error);
  });
  return {
    async write(data) {
      // writeFile loops until every byte is written (a write to a FIFO may take only part).
      await handle.writeFile(data).catch((error) => {
        throw unwritable(error);
      });
    },
    async finish(ok) {
      await handle.close();
      if (inPlace) return;
      if (!ok) {
        await unlink(target).catch(() => undefined);
        return;
      }
      await rename(target, file).catch(async (error) => {
        await unlink(target).catch(() => undefined);
        throw unwritable(error);
      });
    },
  };
}
