/**
 * Dynamic batching, written by hand: requests whose inputs have the same size and arrive within
 * `maxDelayMs` of the first one waiting run as one forward pass, up to `maxBatch` images. The first one
 * waits only while other admitted requests are still being decoded (they are coming). One forward runs
 * at a time (the runtime already uses every core for one run); requests that arrive meanwhile gather into
 * the next batch, so under load batches fill up without waiting for the delay.
 */
import { Tensor } from "@mobilenetv1/core";
import { QueueFullError, RequestTimeoutError } from "./errors.js";
import type { ServeLimits } from "./limits.js";

/** Runs one batch [N, C, H, W] through the model and returns its output, first dimension N. */
export type RunBatch = (pixelValues: Tensor) => Promise<Tensor>;

/** What one forward pass looked like, for metrics. */
export interface BatchReport {
  /** Images in the batch. */
  images: number;
  /** Requests that shared it. */
  requests: number;
  /** Seconds the forward pass took. */
  seconds: number;
}

interface Queued {
  readonly input: Tensor;
  readonly key: string;
  readonly rows: number;
  readonly enqueuedAt: number;
  started: boolean;
  readonly start: () => void;
  readonly resolve: (out: Tensor) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The queue between request handlers and the model, with admission control (`maxQueue`), per-request
 * timeouts (`timeoutMs`) and batching (`maxBatch`, `maxDelayMs`).
 *
 * @example
 * const batcher = new DynamicBatcher({ run: (x) => model.forward({ pixelValues: x }).then((o) => o.logits), limits });
 * const logits = await batcher.process({ prepare: () => processor.preprocess(bytes).then((p) => p.pixelValues) });
 */
export class DynamicBatcher {
  private readonly run: RunBatch;
  private readonly limits: Pick<
    ServeLimits,
    "maxBatch" | "maxDelayMs" | "maxQueue" | "timeoutMs" | "retryAfterSeconds"
  >;
  private readonly onBatch: (report: BatchReport) => void;
  private readonly queue: Queued[] = [];
  private waiting = 0;
  private running = false;
  private draining = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(params: {
    run: RunBatch;
    limits: Pick<ServeLimits, "maxBatch" | "maxDelayMs" | "maxQueue" | "timeoutMs" | "retryAfterSeconds">;
    onBatch?: (report: BatchReport) => void;
  }) {
    this.run = params.run;
    this.limits = params.limits;
    this.onBatch = params.onBatch ?? (() => {});
  }

  /** Requests admitted and not yet running: being prepared, or queued for the model. */
  get depth(): number {
    return this.waiting;
  }

  /** Stops waiting for batches to fill: what is queued runs as soon as the model is free (shutdown). */
  drain(): void {
    this.draining = true;
    this.pump();
  }

  /**
   * Admits a request (or rejects at once with `QueueFullError`), prepares its input [n, C, H, W]
   * with `prepare` (decoding runs concurrently with the model), queues it, and resolves with its rows of the
   * batch's output. Rejects with `RequestTimeoutError` when `timeoutMs` pass from admission to result.
   */
  process(params: { prepare: () => Promise<Tensor> }): Promise<Tensor> {
    if (this.waiting >= this.limits.maxQueue) {
      return Promise.reject(
        new QueueFullError({
          maxQueue: this.limits.maxQueue,
          retryAfterSeconds: this.limits.retryAfterSeconds,
        }),
      );
    }
    this.waiting++;
    let counted = true;
    const uncount = () => {
      if (counted) {
        counted = false;
        this.waiting--;
      }
    };
    return new Promise<Tensor>((resolve, reject) => {
      let settled = false;
      let item: Queued | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        uncount();
        fn();
      };
      const timeout = setTimeout(() => {
        if (item && !item.started) this.queue.splice(this.queue.indexOf(item), 1);
        settle(() => reject(new RequestTimeoutError({ timeoutMs: this.limits.timeoutMs })));
      }, this.limits.timeoutMs);
      params.prepare().then(
        (input) => {
          if (settled) return;
          item = {
            input,
            key: input.dims.slice(1).join("x"),
            rows: input.dims[0]!,
            enqueuedAt: performance.now(),
            started: false,
            // A request leaves the waiting count when its batch starts, not when it settles.
            start: uncount,
            resolve: (out) => settle(() => resolve(out)),
            reject: (error) => settle(() => reject(error)),
          };
          this.queue.push(item);
          this.pump();
        },
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const head = this.queue[0]!;
    const batch: Queued[] = [];
    let rows = 0;
    let more = false;
    for (const item of this.queue) {
      if (item.key !== head.key) continue;
      if (batch.length > 0 && rows + item.rows > this.limits.maxBatch) {
        more = true;
        break;
      }
      batch.push(item);
      rows += item.rows;
    }
    const full = more || rows >= this.limits.maxBatch;
    const wait = head.enqueuedAt + this.limits.maxDelayMs - performance.now();
    // Wait for companions only while some are on their way (admitted, still decoding): with nobody
    // coming, waiting would only leave the model idle.
    const coming = this.waiting - this.queue.length;
    if (!full && wait > 0 && coming > 0 && !this.draining) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const item of batch) {
      item.started = true;
      item.start();
      this.queue.splice(this.queue.indexOf(item), 1);
    }
    this.running = true;
    void this.runBatch(batch, rows).finally(() => {
      this.running = false;
      this.pump();
    });
  }

  private async runBatch(batch: readonly Queued[], rows: number): Promise<void> {
    try {
      const inner = batch[0]!.input.dims.slice(1);
      const input =
        batch.length === 1
          ? batch[0]!.input
          : concatRows({ tensors: batch.map((b) => b.input), rows, inner });
      const t = performance.now();
      const output = await this.run(input);
      this.onBatch({ images: rows, requests: batch.length, seconds: (performance.now() - t) / 1000 });
      let offset = 0;
      for (const item of batch) {
        item.resolve(sliceRows({ tensor: output, start: offset, rows: item.rows }));
        offset += item.rows;
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

function concatRows(params: { tensors: readonly Tensor[]; rows: number; inner: readonly number[] }): Tensor {
  const data = new Float32Array(params.tensors.reduce((n, t) => n + t.data.length, 0));
  let offset = 0;
  for (const t of params.tensors) {
    data.set(t.data, offset);
    offset += t.data.length;
  }
  return new Tensor({ dims: [params.rows, ...params.inner], data });
}

function sliceRows(params: { tensor: Tensor; start: number; rows: number }): Tensor {
  const [total, ...inner] = params.tensor.dims;
  if (params.start === 0 && params.rows === total) return params.tensor;
  const per = inner.reduce((a, b) => a * b, 1);
  const data = params.tensor.data.slice(params.start * per, (params.start + params.rows) * per);
  return new Tensor({ dims: [params.rows, ...inner], data });
}
