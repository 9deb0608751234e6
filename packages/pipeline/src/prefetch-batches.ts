import { InputError } from "@mobilenetv1/core";

/** Batches loading ahead of the one being consumed, by default. */
export const DEFAULT_PREFETCH_DEPTH = 2;

/**
 * Splits `items` into batches of `batchSize` and yields `load(batch)` for each, in order, keeping up to
 * `depth` batches loading ahead of the consumer. For images this means decoding (sharp and zlib work on
 * libuv's thread pool) is already under way when the model runs on the previous batch: with one batch
 * ahead, a decode is often dispatched only after the model's synchronous run; two keep the pool busy.
 * A failed load rejects when its turn comes; batches still loading when the consumer stops (or an
 * earlier batch failed) finish in the background, and their failures are never reported as unhandled.
 *
 * Memory bound: at most `depth + 1` loads are pending at any time (the batch awaited, or just handed to
 * the consumer, plus `depth` ahead), never more however slow the consumer. With the image processor, the
 * decoded images of all those loads together stay within its `maxDecodingPixels` (one budget per
 * processor, shared by its concurrent `preprocess` calls), whatever the batch size and depth.
 *
 * @example
 * for await (const { batch, value } of prefetchBatches({ items: paths, batchSize: 8, load: (b) => processor.preprocess(b) })) {
 *   await model.forward({ pixelValues: value.pixelValues }); // batch: the 8 paths
 * }
 */
export async function* prefetchBatches<T, R>(params: {
  items: readonly T[];
  batchSize: number;
  load: (batch: readonly T[]) => Promise<R>;
  /** Batches loading ahead of the one being consumed (a positive integer). @default DEFAULT_PREFETCH_DEPTH (2) */
  depth?: number;
}): AsyncGenerator<{ batch: readonly T[]; value: R }> {
  const { items, batchSize, load } = params;
  const depth = params.depth ?? DEFAULT_PREFETCH_DEPTH;
  // A batch size of 0 would loop forever on empty batches; a NaN depth would load nothing and yield nothing.
  for (const [argument, value] of [
    ["batchSize", batchSize],
    ["depth", depth],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InputError({ argument, value, expected: "a positive integer" });
    }
  }
  const queue: { batch: readonly T[]; value: Promise<R> }[] = [];
  let next = 0;
  const fill = () => {
    while (queue.length < depth + 1 && next < items.length) {
      const batch = items.slice(next, next + batchSize);
      next += batchSize;
      const value = load(batch);
      value.catch(() => undefined); // observed below, in order
      queue.push({ batch, value });
    }
  };
  fill();
  while (queue.length > 0) {
    const head = queue.shift()!;
    const value = await head.value;
    fill();
    yield { batch: head.batch, value };
  }
}
