import { describe, expect, it } from "vitest";
import { stratifiedSplit } from "./split.js";

describe("stratifiedSplit", () => {
  const y = Int32Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : i < 97 ? 1 : 2)); // 70, 27, 3

  it("holds out round(n · valSplit) per class and keeps a training row in every class", () => {
    const { train, val } = stratifiedSplit({ y, k: 3, valSplit: 0.1, seed: 0 });
    const count = (rows: number[], cls: number) => rows.filter((r) => y[r] === cls).length;
    expect([count(val, 0), count(val, 1), count(val, 2)]).toEqual([7, 3, 0]);
    expect(train.length + val.length).toBe(100);
    const large = stratifiedSplit({ y, k: 3, valSplit: 0.9, seed: 0 });
    expect([0, 1, 2].map((cls) => count(large.train, cls))).toEqual([7, 3, 1]); // 3 rows: round(2.7) = 3, capped at 2
  });

  it("is sorted and deterministic; another seed holds out other rows", () => {
    const a = stratifiedSplit({ y, k: 3, valSplit: 0.2, seed: 5 });
    expect(stratifiedSplit({ y, k: 3, valSplit: 0.2, seed: 5 })).toEqual(a);
    expect(a.val).toEqual([...a.val].sort((p, q) => p - q));
    expect(stratifiedSplit({ y, k: 3, valSplit: 0.2, seed: 6 }).val).not.toEqual(a.val);
  });

  it("valSplit 0 trains on everything", () => {
    const { train, val } = stratifiedSplit({ y, k: 3, valSplit: 0, seed: 0 });
    expect(val).toEqual([]);
    expect(train).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
