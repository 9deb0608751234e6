import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { BackendError, InputError, Tensor } from "@mobilenetv1/core";
import * as ort from "onnxruntime-web";
import { afterEach, describe, expect, it, vi } from "vitest";
import { probeGraph } from "./probe-graph.js";
import { defaultWasmPaths } from "./runtime-defaults-node.js";
import { defaultNumThreads, MAX_DEFAULT_THREADS } from "./wasm-runtime-settings.js";
import { createWebBackend } from "./web-backend.js";
import { DEFAULT_WEB_DEVICES, devicesToTry } from "./web-device.js";

// Tests run in order in one process: the first starts onnxruntime-web's (one, process-wide) wasm runtime.
describe("createWebBackend in Node", () => {
  afterEach(() => vi.restoreAllMocks());

  it("starts on wasm from the installed package's dist/ with the platform's threads, and fetches nothing", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const backend = createWebBackend();
    await backend.init();
    expect(backend.device).toBe("wasm"); // "auto": webgpu first, which Node lacks
    const exe = await backend.createExecutable({ graph: probeGraph() });
    const out = await exe.run({ x: new Tensor({ dims: [1], data: new Float32Array([7]) }) });
    expect(Array.from(out["y"]!.data as Float32Array)).toEqual([7]);
    await exe.dispose();
    expect(fetchSpy).not.toHaveBeenCalled();

    const paths = defaultWasmPaths()!;
    expect(paths).toMatch(/^file:\/\/.*\/onnxruntime-web\/dist\/$/);
    expect(existsSync(fileURLToPath(new URL("ort-wasm-simd-threaded.wasm", paths)))).toBe(true);
    expect(ort.env.wasm.wasmPaths).toBe(paths);
    expect(defaultNumThreads()).toBe(Math.min(MAX_DEFAULT_THREADS, availableParallelism()));
    expect(ort.env.wasm.numThreads).toBe(defaultNumThreads());
  });

  it("keeps its defaults in exported constants", () => {
    expect(DEFAULT_WEB_DEVICES).toEqual(["webgpu", "wasm"]);
    expect(devicesToTry({ device: undefined })).toEqual(["webgpu", "wasm"]);
    expect(devicesToTry({ device: "auto" })).toEqual(["webgpu", "wasm"]);
    expect(devicesToTry({ device: ["wasm", "webgpu"] })).toEqual(["wasm", "webgpu"]);
    expect(MAX_DEFAULT_THREADS).toBe(4);
    expect(createWebBackend().name).toBe("web");
  });

  it("device webgpu alone fails in Node with a BackendError that says why", async () => {
    const error = await createWebBackend({ device: "webgpu" })
      .init()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).code).toBe("BACKEND");
    expect((error as BackendError).failures).toEqual([
      {
        backend: "web:webgpu",
        reason: expect.stringMatching(/^navigator\.gpu is undefined: this environment has no WebGPU/),
      },
    ]);
    expect((error as Error).message).toMatch(
      /could not start on any device \(tried webgpu\):\n {2}- web:webgpu: navigator\.gpu/,
    );
  });

  it("an explicit fallback list ends on the first device that starts", async () => {
    const backend = createWebBackend({ device: ["webgpu", "wasm"] });
    const exe = await backend.createExecutable({ graph: probeGraph() }); // initializes on first use
    expect(backend.device).toBe("wasm");
    expect(exe.inputNames).toEqual(["x"]);
    await exe.dispose();
  });

  it("rejects unknown devices and bad thread counts with InputError", () => {
    expect(() => createWebBackend({ device: "gpu" as "webgpu" })).toThrow(InputError);
    expect(() => createWebBackend({ device: [] })).toThrow(/device = \[\] is invalid/);
    expect(() => createWebBackend({ numThreads: 0 })).toThrow(InputError);
    expect(() => createWebBackend({ numThreads: 1.5 })).toThrow(
      /numThreads = 1.5 is invalid: expected an integer >= 1/,
    );
  });

  it("refuses runtime settings that differ from those the process's wasm runtime started with", async () => {
    const other = createWebBackend({ device: "wasm", numThreads: defaultNumThreads() + 1 });
    await expect(other.init()).rejects.toThrow(
      /already started with numThreads \d+, wasmPaths "file:.*cannot restart with numThreads/,
    );
    await expect(
      createWebBackend({ device: "wasm", numThreads: defaultNumThreads() }).init(),
    ).resolves.toBeUndefined();
  });
});
