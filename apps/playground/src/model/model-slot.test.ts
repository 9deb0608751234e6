import { describe, expect, it } from "vitest";
import { ModelSlot } from "./model-slot.js";

/** A slot whose loads are settled by hand: `finish(id)` resolves, `fail(id)` rejects. */
function manualSlot() {
  const waiting = new Map<string, { resolve: (m: string) => void; reject: (e: Error) => void }>();
  const loads: string[] = [];
  const slot = new ModelSlot<{ id: string }, string>({
    key: (s) => s.id,
    load: (s) => {
      loads.push(s.id);
      return new Promise((resolve, reject) => waiting.set(s.id, { resolve, reject }));
    },
  });
  const finish = async (id: string) => {
    waiting.get(id)!.resolve(`model ${id}`);
    await Promise.resolve();
  };
  const fail = async (id: string) => {
    waiting.get(id)!.reject(new Error(`${id} failed`));
    await Promise.resolve().then(() => undefined);
  };
  return { slot, loads, finish, fail };
}

describe("ModelSlot", () => {
  it("loads once per model and makes a loaded model the one in use", async () => {
    const { slot, loads, finish } = manualSlot();
    const first = slot.get({ id: "a" });
    expect(slot.get({ id: "a" })).toBe(first);
    expect(slot.isLoading({ id: "a" })).toBe(true);
    await finish("a");
    expect(await first).toBe("model a");
    expect(slot.active).toBe("model a");
    expect(slot.isActive({ id: "a" })).toBe(true);
    expect(await slot.get({ id: "a" })).toBe("model a");
    expect(loads).toEqual(["a"]);
  });

  it("keeps the model in use when another fails to load, and tries the failed one again when asked", async () => {
    const { slot, loads, finish, fail } = manualSlot();
    const a = slot.get({ id: "a" });
    await finish("a");
    await a;
    const b = slot.get({ id: "b" });
    await fail("b");
    await expect(b).rejects.toThrow("b failed");
    expect(slot.active).toBe("model a");
    expect(slot.isActive({ id: "a" })).toBe(true);
    expect(slot.isLoading({ id: "b" })).toBe(false);
    void slot.get({ id: "b" }).catch(() => undefined);
    expect(loads).toEqual(["a", "b", "b"]);
  });

  it("drops a load still running when the model in use is asked for again", async () => {
    const { slot, finish } = manualSlot();
    const a = slot.get({ id: "a" });
    await finish("a");
    await a;
    const b = slot.get({ id: "b" });
    expect(await slot.get({ id: "a" })).toBe("model a");
    await finish("b");
    expect(await b).toBe("model b");
    expect(slot.active).toBe("model a");
  });
});
