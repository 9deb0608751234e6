import { describe, expect, it } from "vitest";
import { InputError } from "../errors/errors.js";
import { listModelSources, type ModelSource, registerModelSource } from "./model-source.js";

/** A source that accepts nothing: only its identity and name matter here. */
function source(name: string): ModelSource {
  return {
    name,
    accepts: async () => false,
    open: () => Promise.reject(new Error("not used")),
  };
}

// One file, one process (vitest's forks pool): the registrations below accumulate in order.
describe("registerModelSource: one source per name", () => {
  const hub = source("hub");
  const mirror = source("mirror");

  it("re-registering the same source only changes its priority", () => {
    registerModelSource({ source: hub, priority: 10 });
    registerModelSource({ source: mirror, priority: 5 });
    expect(listModelSources()).toEqual([hub, mirror]);
    registerModelSource({ source: hub, priority: 1 });
    expect(listModelSources()).toEqual([mirror, hub]);
  });

  it("refuses a different source under a taken name with an InputError naming it, keeping the first", () => {
    let error: unknown;
    try {
      registerModelSource({ source: source("hub"), priority: 100 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect([e.code, e.argument, e.value]).toEqual(["INPUT_INVALID", "source.name", "hub"]);
    expect(listModelSources()).toEqual([mirror, hub]);
  });
});
