import { describe, expect, test } from "vitest";
import { PixelBudget } from "./pixel-budget.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("PixelBudget", () => {
  test("grants while the reservations fit, then in order as pixels are given back", async () => {
    const budget = new PixelBudget({ limit: 100 });
    const granted: string[] = [];
    const reserve = (name: string, pixels: number) =>
      budget.reserve(pixels).then((release) => {
        granted.push(name);
        return release;
      });
    const a = reserve("a", 60);
    const b = reserve("b", 60); // does not fit next to a
    const c = reserve("c", 10); // would fit, but waits its turn behind b
    await tick();
    expect(granted).toEqual(["a"]);
    (await a)();
    await tick();
    expect(granted).toEqual(["a", "b", "c"]);
    const releaseB = await b;
    releaseB();
    releaseB(); // a second call gives nothing back twice
    const d = reserve("d", 90); // 10 (c) + 90 fits exactly
    await tick();
    expect(granted).toEqual(["a", "b", "c", "d"]);
    (await c)();
    (await d)();
  });

  test("an image larger than the whole budget is granted alone", async () => {
    const budget = new PixelBudget({ limit: 10 });
    const releaseSmall = await budget.reserve(5);
    let bigGranted = false;
    const big = budget.reserve(1000).then((release) => {
      bigGranted = true;
      return release;
    });
    await tick();
    expect(bigGranted).toBe(false);
    releaseSmall();
    const releaseBig = await big;
    let afterGranted = false;
    const after = budget.reserve(1).then((release) => {
      afterGranted = true;
      return release;
    });
    await tick();
    expect(afterGranted).toBe(false); // nothing beside the oversized image
    releaseBig();
    (await after)();
  });
});
