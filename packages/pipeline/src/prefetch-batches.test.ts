import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { prefetchBatches } from "./prefetch-batches.js";

/** A load whose batches resolve only when the test says so, recording when each started. */
function controlledLoad() {
  const started: number[][] = [];
  const resolvers = new Map<number, (v: string) => void>();
  const rejecters = new Map<number, (e: Error) => void>();
  const load = (batch: readonly number[]) => {
    started.push([...batch]);
    return new Promise<string>((resolve, reject) => {
      resolvers.set(batch[0]!, resolve);
      rejecters.set(batch[0]!, reject);
    });
  };
  return { started, load, resolve: (first: number) => resolvers.get(first)!(`b${first}`), rejecters };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("prefetchBatches", () => {
  it("yields every batch in order, with up to `depth` batches loading ahead of the consumer", async () => {
    const c = controlledLoad();
    const it = prefetchBatches({ items: [0, 1, 2, 3, 4, 5, 6], batchSize: 2, load: c.load, depth: 2 });
    const first = it.next();
    await tick();
    expect(c.started).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]); // the one awaited + 2 ahead
    c.resolve(0);
    expect(await first).toEqual({ done: false, value: { batch: [0, 1], value: "b0" } });
    await tick();
    expect(c.started).toHaveLength(4); // refilled while the consumer works on batch 0
    const second = it.next();
    c.resolve(4); // out of order: still yielded after batch 2
    c.resolve(2);
    expect((await second).value).toEqual({ batch: [2, 3], value: "b2" });
    expect((await it.next()).value).toEqual({ batch: [4, 5], value: "b4" });
    c.resolve(6);
    expect((await it.next()).value).toEqual({ batch: [6], value: "b6" });
    expect((await it.next()).done).toBe(true);
  });

  it("rethrows a failed load at its turn, and leaves no rejection unhandled when the consumer stops", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const c = controlledLoad();
      const it = prefetchBatches({ items: [0, 1, 2, 3], batchSize: 1, load: c.load, depth: 2 });
      const first = it.next();
      await tick();
      c.rejecters.get(1)!(new Error("bad image 1")); // fails before its turn
      c.resolve(0);
      expect((await first).value.value).toBe("b0");
      await expect(it.next()).rejects.toThrow("bad image 1");
      c.resolve(2);
      c.resolve(3);
      await tick();
      // The consumer stopping early (a model error) while batches are loading:
      const d = controlledLoad();
      const it2 = prefetchBatches({ items: [0, 1, 2], batchSize: 1, load: d.load });
      const p = it2.next();
      await tick();
      d.resolve(0);
      await p;
      d.rejecters.get(1)!(new Error("never consumed"));
      d.resolve(2);
      await it2.return(undefined);
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it.each([
    { depth: 1, batchSize: 1 },
    { depth: 2, batchSize: 3 },
    { depth: 3, batchSize: 2 },
  ])(
    "never has more than depth + 1 loads pending, however slow the consumer ($depth, $batchSize)",
    async ({ depth, batchSize }) => {
      let pending = 0;
      let peak = 0;
      const load = async (batch: readonly number[]) => {
        pending++;
        peak = Math.max(peak, pending);
        await tick();
        pending--;
        return batch.length;
      };
      let seen = 0;
      const items = Array.from({ length: 20 }, (_, i) => i);
      for await (const { value } of prefetchBatches({ items, batchSize, load, depth })) {
        seen += value;
        for (let i = 0; i < 3; i++) await tick(); // a consumer slower than the loads
      }
      expect(seen).toBe(items.length);
      expect(peak).toBe(depth + 1);
    },
  );

  it.each([
    ["batchSize", { batchSize: 0 }],
    ["batchSize", { batchSize: 1.5 }],
    ["batchSize", { batchSize: Number.NaN }],
    ["depth", { batchSize: 1, depth: 0 }],
    ["depth", { batchSize: 1, depth: Number.NaN }],
    ["depth", { batchSize: 1, depth: -1 }],
  ])("refuses a non-positive-integer %s with an InputError (%o)", async (argument, params) => {
    const it = prefetchBatches({ items: [1, 2], load: async () => 0, ...params });
    const error = await it.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).argument).toBe(argument);
  });
});
