import { Tensor } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { type BatchReport, DynamicBatcher } from "./batcher.js";
import { QueueFullError, RequestTimeoutError } from "./errors.js";

// A fake model: logits row i = [sum of input row i, rows in its batch], so each caller can check it got its
// own rows back and how many images shared the forward.
function fakeRun(batches: number[][], gate?: Promise<void>) {
  return async (x: Tensor) => {
    await gate;
    const [n, ...inner] = x.dims;
    const per = inner.reduce((a, b) => a * b, 1);
    batches.push(x.dims as number[]);
    const out = new Float32Array(n! * 2);
    for (let i = 0; i < n!; i++) {
      out[i * 2] = x.data.subarray(i * per, (i + 1) * per).reduce((a, b) => a + b, 0);
      out[i * 2 + 1] = n!;
    }
    return new Tensor({ dims: [n!, 2], data: out });
  };
}

const limits = { maxBatch: 4, maxDelayMs: 20, maxQueue: 100, timeoutMs: 5_000, retryAfterSeconds: 2 };
const input = (value: number, rows = 1, side = 2) =>
  new Tensor({ dims: [rows, 1, side, side], data: new Float32Array(rows * side * side).fill(value) });

describe("DynamicBatcher", () => {
  it("runs requests that arrive together as one forward and gives each its own rows", async () => {
    const batches: number[][] = [];
    const reports: BatchReport[] = [];
    const b = new DynamicBatcher({ run: fakeRun(batches), limits, onBatch: (r) => reports.push(r) });
    const outs = await Promise.all([1, 2, 3].map((v) => b.process({ prepare: async () => input(v) })));
    expect(outs.map((o) => Array.from(o.data))).toEqual([
      [4, 3],
      [8, 3],
      [12, 3],
    ]);
    expect(batches).toEqual([[3, 1, 2, 2]]);
    expect(reports.map((r) => [r.images, r.requests])).toEqual([[3, 3]]);
    expect(b.depth).toBe(0);
  });

  it("never exceeds maxBatch images, counting multi-image requests by rows", async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher({ run: fakeRun(batches), limits });
    const outs = await Promise.all([
      b.process({ prepare: async () => input(1, 3) }),
      b.process({ prepare: async () => input(2, 2) }),
      b.process({ prepare: async () => input(3, 1) }),
      b.process({ prepare: async () => input(4, 6) }),
    ]);
    expect(outs.map((o) => o.dims[0])).toEqual([3, 2, 1, 6]);
    for (const dims of batches.slice(0, -1)) expect(dims[0]).toBeLessThanOrEqual(4);
    expect(batches.reduce((a, d) => a + d[0]!, 0)).toBe(12);
    // a request larger than maxBatch runs alone rather than being refused
    expect(batches.some((d) => d[0] === 6)).toBe(true);
  });

  it("does not mix input sizes in one batch", async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher({ run: fakeRun(batches), limits });
    await Promise.all([
      b.process({ prepare: async () => input(1, 1, 2) }),
      b.process({ prepare: async () => input(1, 1, 3) }),
      b.process({ prepare: async () => input(1, 1, 2) }),
    ]);
    expect(batches.map((d) => d.join("x")).sort()).toEqual(["1x1x3x3", "2x1x2x2"]);
  });

  it("maxBatch 1 turns batching off", async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher({ run: fakeRun(batches), limits: { ...limits, maxBatch: 1 } });
    await Promise.all([1, 2, 3].map((v) => b.process({ prepare: async () => input(v) })));
    expect(batches.map((d) => d[0])).toEqual([1, 1, 1]);
  });

  it("refuses requests beyond maxQueue with QueueFullError, and admits again once they run", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const b = new DynamicBatcher({
      run: fakeRun([], gate),
      limits: { ...limits, maxBatch: 1, maxDelayMs: 0, maxQueue: 2 },
    });
    const running = b.process({ prepare: async () => input(1) }); // starts at once: no longer waiting
    await new Promise((r) => setTimeout(r, 5));
    const waiting = [
      b.process({ prepare: async () => input(2) }),
      b.process({ prepare: async () => input(3) }),
    ];
    expect(b.depth).toBe(2);
    const refused = await b.process({ prepare: async () => input(4) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect(refused).toMatchObject({
      code: "SERVE_QUEUE_FULL",
      status: 503,
      maxQueue: 2,
      retryAfterSeconds: 2,
    });
    open();
    await Promise.all([running, ...waiting]);
    expect(b.depth).toBe(0);
    await expect(b.process({ prepare: async () => input(5) })).resolves.toBeInstanceOf(Tensor);
  });

  it("times out a request still queued (removing it) or still preparing, and frees its slot", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const batches: number[][] = [];
    const b = new DynamicBatcher({
      run: fakeRun(batches, gate),
      limits: { ...limits, maxBatch: 1, maxDelayMs: 0, timeoutMs: 60 },
    });
    // runs, held by the gate past its own timeout: its caller gets the timeout, the result is dropped
    const first = b.process({ prepare: async () => input(1) }).catch((e: unknown) => e);
    const [queued, preparing] = await Promise.all([
      b.process({ prepare: async () => input(2) }).catch((e: unknown) => e),
      b.process({ prepare: () => new Promise<Tensor>(() => {}) }).catch((e: unknown) => e),
    ]);
    expect(queued).toBeInstanceOf(RequestTimeoutError);
    expect(preparing).toMatchObject({ code: "SERVE_TIMEOUT", status: 504, timeoutMs: 60 });
    expect(b.depth).toBe(0);
    open();
    expect(await first).toBeInstanceOf(RequestTimeoutError);
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toHaveLength(1); // the timed-out request never ran
  });

  it("passes a failed prepare's error to its caller only, and a failed forward's to its whole batch", async () => {
    const b = new DynamicBatcher({ run: fakeRun([]), limits });
    const bad = new Error("undecodable");
    await expect(b.process({ prepare: async () => Promise.reject(bad) })).rejects.toBe(bad);
    expect(b.depth).toBe(0);
    const boom = new Error("runtime failure");
    const failing = new DynamicBatcher({ run: async () => Promise.reject(boom), limits });
    const results = await Promise.allSettled(
      [1, 2].map((v) => failing.process({ prepare: async () => input(v) })),
    );
    expect(results.map((r) => (r.status === "rejected" ? r.reason : r))).toEqual([boom, boom]);
    // the batcher keeps working after a failed batch
    await expect(b.process({ prepare: async () => input(1) })).resolves.toBeInstanceOf(Tensor);
  });

  it("drain() runs what is queued without waiting for the batch delay", async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher({
      run: fakeRun(batches),
      limits: { ...limits, maxDelayMs: 60_000, timeoutMs: 300 },
    });
    const pending = [1, 2].map((v) => b.process({ prepare: async () => input(v) }));
    // a third request still decoding keeps the first two waiting for it
    const decoding = b.process({ prepare: () => new Promise<Tensor>(() => {}) }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([]);
    b.drain();
    await Promise.all(pending);
    expect(batches).toEqual([[2, 1, 2, 2]]);
    expect(await decoding).toBeInstanceOf(RequestTimeoutError);
  });

  it("does not wait for the delay when no other request is on its way", async () => {
    const batches: number[][] = [];
    const b = new DynamicBatcher({ run: fakeRun(batches), limits: { ...limits, maxDelayMs: 60_000 } });
    await b.process({ prepare: async () => input(1) });
    expect(batches).toEqual([[1, 1, 2, 2]]);
  });
});
