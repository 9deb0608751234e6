import { afterEach, describe, expect, it } from "vitest";
import { BackendError } from "../errors/errors.js";
import type { Backend } from "./backend.js";
import { listBackends, registerBackend, resetBackendRegistry, resolveBackend } from "./registry.js";

/** A backend whose `init()` fails with each message of `failures` in turn, then succeeds; counts calls. */
function stub(name: string, failures: string[] = []): Backend & { inits: number } {
  const pending = [...failures];
  const backend = {
    name,
    inits: 0,
    async init() {
      backend.inits++;
      const failure = pending.shift();
      if (failure !== undefined) throw new Error(failure);
    },
    async createExecutable(): Promise<never> {
      throw new Error("not used by the registry");
    },
  };
  return backend;
}

afterEach(() => resetBackendRegistry());

describe("backend registry", () => {
  it("lists backends by priority, highest first (default 0); re-registering an instance updates its priority", () => {
    const a = stub("a");
    registerBackend({ backend: a });
    registerBackend({ backend: stub("b"), priority: 10 });
    registerBackend({ backend: stub("c"), priority: -5 });
    expect(listBackends()).toEqual(["b", "a", "c"]);
    registerBackend({ backend: a, priority: 20 });
    expect(listBackends()).toEqual(["a", "b", "c"]);
  });

  it("initializes lazily and once: not at registration, once for concurrent and later resolves", async () => {
    const a = stub("a");
    registerBackend({ backend: a });
    expect(a.inits).toBe(0);
    const [x, y] = await Promise.all([resolveBackend(), resolveBackend({ backend: "a" })]);
    expect(x).toBe(a);
    expect(y).toBe(a);
    await resolveBackend({ backend: a });
    expect(a.inits).toBe(1);
  });

  it("falls back in priority order when a backend fails to initialize", async () => {
    const broken = stub("broken", ["no GPU"]);
    const works = stub("works");
    registerBackend({ backend: broken, priority: 10 });
    registerBackend({ backend: works, priority: 1 });
    expect(await resolveBackend()).toBe(works);
    expect(broken.inits).toBe(1);
  });

  it("throws one BackendError listing every failure, in the order tried", async () => {
    registerBackend({ backend: stub("first", ["wasm missing"]), priority: 2 });
    registerBackend({ backend: stub("second", ["no adapter"]), priority: 1 });
    const error = await resolveBackend().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    const e = error as BackendError;
    expect(e.code).toBe("BACKEND");
    expect(e.failures).toEqual([
      { backend: "first", reason: "wasm missing" },
      { backend: "second", reason: "no adapter" },
    ]);
    expect(e.message).toContain("tried first, second");
    expect(e.message).toContain("- first: wasm missing");
    expect(e.message).toContain("- second: no adapter");
  });

  it("retries a backend whose init failed, and caches the first success", async () => {
    const flaky = stub("flaky", ["busy"]);
    registerBackend({ backend: flaky });
    await expect(resolveBackend({ backend: "flaky" })).rejects.toThrow(/flaky: busy/);
    expect(await resolveBackend({ backend: "flaky" })).toBe(flaky);
    expect(await resolveBackend({ backend: "flaky" })).toBe(flaky);
    expect(flaky.inits).toBe(2);
  });

  it("tries a list hint in the order given, not by priority", async () => {
    const low = stub("low");
    registerBackend({ backend: stub("high"), priority: 10 });
    registerBackend({ backend: low, priority: 0 });
    expect(await resolveBackend({ backend: ["low", "high"] })).toBe(low);
    const missing = stub("missing", ["gone"]);
    expect(await resolveBackend({ backend: [missing, "low"] })).toBe(low);
  });

  it("names what is registered when a named backend is not", async () => {
    registerBackend({ backend: stub("node") });
    const error = (await resolveBackend({ backend: "web" }).catch((e: unknown) => e)) as BackendError;
    expect(error).toBeInstanceOf(BackendError);
    expect(error.failures).toEqual([
      { backend: "web", reason: expect.stringContaining("registered: [node]") },
    ]);
  });

  it("says to import a backend package when none is registered", async () => {
    await expect(resolveBackend()).rejects.toThrow(/no backend is registered.*@mobilenetv1\/backend-node/);
  });

  it("runs an instance hint without registering it, initializing it once", async () => {
    const own = stub("own");
    expect(await resolveBackend({ backend: own })).toBe(own);
    expect(await resolveBackend({ backend: own })).toBe(own);
    expect(own.inits).toBe(1);
    expect(listBackends()).toEqual([]);
  });

  it("shares one init between a registered instance passed directly and its name", async () => {
    const a = stub("a");
    registerBackend({ backend: a });
    await resolveBackend({ backend: a });
    await resolveBackend({ backend: "a" });
    expect(a.inits).toBe(1);
  });

  it("resetBackendRegistry forgets every registration and its cached init", async () => {
    const a = stub("a");
    registerBackend({ backend: a });
    await resolveBackend();
    resetBackendRegistry();
    expect(listBackends()).toEqual([]);
    await expect(resolveBackend({ backend: "a" })).rejects.toThrow(BackendError);
    registerBackend({ backend: a });
    await resolveBackend();
    expect(a.inits).toBe(2);
  });
});
