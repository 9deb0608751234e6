import { describe, expect, it } from "vitest";
import type { Executable } from "../backend/backend.js";
import { ExecutableCache, type ExecutableRequest } from "./executable-cache.js";

/** An executable that records whether it was disposed. */
function fakeExecutable(id: number): Executable & { id: number; disposed: boolean } {
  return {
    id,
    disposed: false,
    inputNames: ["pixel_values"],
    outputNames: [],
    run: () => Promise.reject(new Error("not used")),
    async dispose() {
      this.disposed = true;
    },
  };
}

/** A cache whose `create` numbers the executables it makes, and fails when `failNext` is set. */
function countingCache() {
  const made: ReturnType<typeof fakeExecutable>[] = [];
  const state = { failNext: false };
  const cache = new ExecutableCache({
    create: async (_request: ExecutableRequest) => {
      if (state.failNext) {
        state.failNext = false;
        throw new Error("session failed");
      }
      const e = fakeExecutable(made.length);
      made.push(e);
      return e;
    },
  });
  /** Which of the made executables `e` is (its creation index). */
  const id = (e: Executable) => made.findIndex((m) => m === e);
  return { cache, made, state, id };
}

describe("ExecutableCache", () => {
  it("builds one executable per output set, whatever the order of the outputs", async () => {
    const { cache, made, id } = countingCache();
    const a = await cache.get({ outputs: ["logits", "hidden_states"], featureLayers: [] });
    const b = await cache.get({ outputs: ["hidden_states", "logits"], featureLayers: [] });
    const c = await cache.get({ outputs: ["logits"], featureLayers: [] });
    expect([a, b, c].map(id)).toEqual([0, 0, 1]);
    expect(made).toHaveLength(2);
  });

  it("keeps feature layers and input sizes apart", async () => {
    const { cache, made } = countingCache();
    await cache.get({ outputs: [], featureLayers: ["Conv2d_1_pointwise"] });
    await cache.get({ outputs: [], featureLayers: ["Conv2d_2_pointwise"] });
    await cache.get({ outputs: ["logits"], featureLayers: [], inputSize: { height: 224, width: 224 } });
    await cache.get({ outputs: ["logits"], featureLayers: [], inputSize: { height: 160, width: 160 } });
    await cache.get({ outputs: ["logits"], featureLayers: [], inputSize: { height: 224, width: 224 } });
    expect(made).toHaveLength(4);
  });

  it("forgets a failed creation, so the next request tries again", async () => {
    const { cache, made, state, id } = countingCache();
    state.failNext = true;
    const request = { outputs: ["logits"], featureLayers: [] } as const;
    await expect(cache.get(request)).rejects.toThrow("session failed");
    expect(id(await cache.get(request))).toBe(0);
    expect(made).toHaveLength(1);
  });

  it("clear() disposes what was built and builds anew afterwards", async () => {
    const { cache, made, id } = countingCache();
    await cache.get({ outputs: ["logits"], featureLayers: [] });
    await cache.get({ outputs: ["pooler_output"], featureLayers: [] });
    await cache.clear();
    expect(made.map((e) => e.disposed)).toEqual([true, true]);
    const again = await cache.get({ outputs: ["logits"], featureLayers: [] });
    expect(id(again)).toBe(2);
  });
});
