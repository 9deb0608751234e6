/**
 * Runs async tasks one at a time, in the order they were queued. A failed task rejects its own promise
 * only; the tasks behind it still run.
 *
 * @example
 * const queue = new SerialQueue();
 * const order: number[] = [];
 * await Promise.all([1, 2, 3].map((n) => queue.run({ task: async () => order.push(n) })));
 * order // [1, 2, 3]
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its result once every earlier task has settled. */
  run<T>(params: { task: () => Promise<T> }): Promise<T> {
    const result = this.tail.then(params.task, params.task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The one queue for every call into onnxruntime-web's WebAssembly module in this realm (page, worker or
 * Node process). There is one module instance per realm, shared by all sessions, and `run` saves the
 * wasm stack pointer, awaits (while preparing tensors, and inside `_OrtRun` for the WebGPU/asyncify
 * builds), then restores it: two interleaved calls corrupt each other's stack. Session creation and
 * release touch the same stack. Queuing costs nothing on wasm — the module executes one call at a time
 * anyway; its intra-op thread pool still uses every thread for the call that is running.
 */
export const ortWebQueue = new SerialQueue();
