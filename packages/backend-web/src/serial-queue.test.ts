import { expect, it } from "vitest";
import { SerialQueue } from "./serial-queue.js";

it("runs tasks one at a time in queue order, whatever their durations", async () => {
  const queue = new SerialQueue();
  const log: string[] = [];
  let running = 0;
  const task = (name: string, ms: number) => async () => {
    running++;
    expect(running).toBe(1);
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${name}`);
    running--;
    return name;
  };
  const results = await Promise.all([
    queue.run({ task: task("a", 20) }),
    queue.run({ task: task("b", 1) }),
    queue.run({ task: task("c", 5) }),
  ]);
  expect(results).toEqual(["a", "b", "c"]);
  expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
});

it("a failing task rejects only its own promise; the queue goes on", async () => {
  const queue = new SerialQueue();
  const failed = queue.run({ task: async () => Promise.reject(new Error("boom")) });
  const next = queue.run({ task: async () => 42 });
  await expect(failed).rejects.toThrow("boom");
  await expect(next).resolves.toBe(42);
});
