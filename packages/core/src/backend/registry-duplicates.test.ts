import { beforeEach, describe, expect, it } from "vitest";
import { BackendError } from "../errors/errors.js";
import type { Backend } from "./backend.js";
import { listBackends, registerBackend, resetBackendRegistry, resolveBackend } from "./registry.js";

/** A backend that counts its initializations and never builds anything. */
function countingBackend(name: string): Backend & { inits: number } {
  return {
    name,
    inits: 0,
    async init() {
      this.inits++;
    },
    createExecutable: () => Promise.reject(new Error("not used")),
  };
}

describe("registerBackend: one backend per name", () => {
  beforeEach(() => resetBackendRegistry());

  it("refuses a different backend under a taken name, with a BackendError naming the name", () => {
    const first = countingBackend("node");
    registerBackend({ backend: first, priority: 100 });
    let error: unknown;
    try {
      registerBackend({ backend: countingBackend("node"), priority: 200 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackendError);
    const e = error as BackendError;
    expect([e.code, e.backendName]).toEqual(["BACKEND", "node"]);
    expect(e.message).toContain('"node"');
  });

  it("keeps the first registration after a refused one, whatever the priorities", async () => {
    const first = countingBackend("node");
    registerBackend({ backend: first, priority: 1 });
    expect(() => registerBackend({ backend: countingBackend("node"), priority: 1000 })).toThrow(BackendError);
    expect(() => registerBackend({ backend: countingBackend("node"), priority: -5 })).toThrow(BackendError);
    expect(await resolveBackend({ backend: "node" })).toBe(first);
  });

  it("re-registering the same instance only changes its priority, and keeps its initialization", async () => {
    const node = countingBackend("node");
    const web = countingBackend("web");
    registerBackend({ backend: node, priority: 100 });
    registerBackend({ backend: web, priority: 50 });
    expect(listBackends()).toEqual(["node", "web"]);
    expect(await resolveBackend()).toBe(node);

    registerBackend({ backend: node, priority: 10 });
    expect(listBackends()).toEqual(["web", "node"]);
    expect(await resolveBackend()).toBe(web);
    expect(await resolveBackend({ backend: "node" })).toBe(node);
    expect(node.inits).toBe(1); // initialized once, before and after the re-registration
  });

  it("after resetBackendRegistry, the name is free again", async () => {
    registerBackend({ backend: countingBackend("node") });
    resetBackendRegistry();
    const other = countingBackend("node");
    registerBackend({ backend: other });
    expect(await resolveBackend({ backend: "node" })).toBe(other);
  });
});
