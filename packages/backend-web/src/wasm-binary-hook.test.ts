import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { BackendError, Tensor } from "@mobilenetv1/core";
import * as wasmBuild from "onnxruntime-web"; // in Node, the WebAssembly-only build
import { afterEach, expect, it, vi } from "vitest";
import { RUNTIME_WASM_FILES } from "./load-ort.js";
import { probeGraph } from "./probe-graph.js";
import { defaultWasmPaths } from "./runtime-defaults-node.js";
import { createWebBackend } from "./web-backend.js";
import type { LoadWasmBinary } from "./web-runtime.js";

// A file of its own (vitest isolates files): the hook is asked once per build and process, before the
// runtime starts.
afterEach(() => vi.unstubAllGlobals());

it("auto on a software WebGPU adapter starts the wasm build from loadWasmBinary's bytes, asking once", async () => {
  vi.stubGlobal("navigator", {
    gpu: { requestAdapter: async () => ({ info: { vendor: "google", architecture: "swiftshader" } }) },
  });
  const file = fileURLToPath(new URL(RUNTIME_WASM_FILES.wasm, defaultWasmPaths()));
  const bytes = new Uint8Array(await readFile(file));
  const asked: Parameters<LoadWasmBinary>[0][] = [];
  const loadWasmBinary: LoadWasmBinary = async (params) => {
    asked.push(params);
    return bytes;
  };
  // The .wasm's path points nowhere: the runtime can only start from the bytes the hook gave.
  const wasmPaths = {
    mjs: new URL("ort-wasm-simd-threaded.mjs", defaultWasmPaths()).href,
    wasm: "file:///nonexistent/onnxruntime-web/ort-wasm-simd-threaded.wasm",
  };
  const backend = createWebBackend({ device: "auto", loadWasmBinary, wasmPaths, numThreads: 1 });
  const exe = await backend.createExecutable({ graph: probeGraph() });
  expect(backend.device).toBe("wasm");
  const out = await exe.run({ x: new Tensor({ dims: [1], data: new Float32Array([3]) }) });
  expect(Array.from(out["y"]!.data as Float32Array)).toEqual([3]);
  await exe.dispose();
  expect(asked).toEqual([{ device: "wasm", file: "ort-wasm-simd-threaded.wasm" }]);
  expect(wasmBuild.env.wasm.wasmBinary).toBe(bytes);

  // A second backend on the same build: no second download.
  const second = createWebBackend({ device: "wasm", loadWasmBinary, wasmPaths, numThreads: 1 });
  await second.init();
  expect(asked).toHaveLength(1);
});

it("a failing loadWasmBinary fails init with the hook's reason", async () => {
  const backend = createWebBackend({
    device: "webgpu",
    loadWasmBinary: async () => {
      throw new Error("runtime download refused (HTTP 403)");
    },
  });
  vi.stubGlobal("navigator", { gpu: { requestAdapter: async () => ({ info: { vendor: "nvidia" } }) } });
  const error = await backend.init().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackendError);
  expect((error as BackendError).failures).toEqual([
    { backend: "web:webgpu", reason: "runtime download refused (HTTP 403)" },
  ]);
});
