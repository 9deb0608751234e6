/**
 * A pool of worker threads that preprocess images, taking that work off the main thread: under load the
 * main thread was the bottleneck (decode + Pillow-exact resize are synchronous), while the forward pass
 * runs on onnxruntime's own threads.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { MobileNetError, type MobileNetErrorCode, Tensor } from "@mobilenetv1/core";

/** Preprocesses encoded images into pixel values [N, C, H, W]. */
export interface PreprocessPool {
  preprocess(params: { images: Uint8Array[] }): Promise<Tensor>;
  close(): Promise<void>;
}

/** The worker script, next to this file once built (`dist/`); absent when running from TypeScript sources. */
export const PREPROCESS_WORKER_URL = new URL("./preprocess-worker.js", import.meta.url);

/** Whether worker threads can be used (the built worker script exists). */
export function preprocessWorkersAvailable(): boolean {
  return existsSync(fileURLToPath(PREPROCESS_WORKER_URL));
}

/** A typed error rebuilt from a worker: same `code`, message and fields, so it maps to the same status. */
class WorkerImageError extends MobileNetError {
  constructor(params: { name: string; code: string; message: string; fields: Record<string, unknown> }) {
    // The code came from a MobileNetError thrown in the worker, so it is one of the catalogue's.
    super(params.code as MobileNetErrorCode, params.message);
    Object.assign(this, params.fields);
    this.name = params.name;
  }
}

/**
 * Starts `threads` workers, each with a processor made from `configText` (a `preprocessor_config.json`).
 *
 * @example
 * const pool = createPreprocessPool({ configText: processor.toConfigText(), threads: 2, maxImagePixels: 4096 ** 2 });
 * (await pool.preprocess({ images: [pngBytes] })).dims // [1, 3, 224, 224]
 */
export function createPreprocessPool(params: {
  configText: string;
  threads: number;
  maxImagePixels: number;
}): PreprocessPool {
  const pending = new Map<number, { resolve: (t: Tensor) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  const workers = Array.from({ length: params.threads }, () => {
    const worker = new Worker(PREPROCESS_WORKER_URL, {
      // The worker is built JavaScript: resolve packages by their published exports, not by a parent's
      // `--conditions` (test runners pass `source`, which points at TypeScript).
      execArgv: withoutConditions(process.execArgv),
      workerData: { configText: params.configText, maxImagePixels: params.maxImagePixels },
    });
    worker.on("message", (m: { id: number; dims?: number[]; data?: Float32Array; error?: never }) => {
      const task = pending.get(m.id);
      if (!task) return;
      pending.delete(m.id);
      const e = m.error as
        | { name: string; code?: string; message: string; fields: Record<string, unknown> }
        | undefined;
      if (e) task.reject(e.code ? new WorkerImageError({ ...e, code: e.code }) : new Error(e.message));
      else task.resolve(new Tensor({ dims: m.dims!, data: m.data! }));
    });
    worker.on("error", (error) => {
      for (const task of pending.values()) task.reject(error);
      pending.clear();
    });
    worker.unref();
    return worker;
  });
  return {
    preprocess({ images }) {
      const id = nextId++;
      const worker = workers[id % workers.length]!;
      return new Promise<Tensor>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Copies, not transfers: the request body's buffer may be a slice of a pooled allocation.
        worker.postMessage({ id, images });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** `argv` without `--conditions X`, `--conditions=X`, `-C X`, `-C=X`. */
function withoutConditions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--conditions" || a === "-C") i++;
    else if (!/^(--conditions|-C)=/.test(a)) out.push(a);
  }
  return out;
}
