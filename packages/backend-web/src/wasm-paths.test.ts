import { BackendError } from "@mobilenetv1/core";
import { expect, it, vi } from "vitest";
import { createWebBackend } from "./web-backend.js";

// A file of its own: a failed start leaves onnxruntime-web's wasm runtime unusable for the process.
it("a wasmPaths where the files are not fails with the loader's reason, and never falls back to a network", async () => {
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  const backend = createWebBackend({
    device: ["webgpu", "wasm"],
    wasmPaths: "file:///nonexistent/onnxruntime-web/",
  });
  const error = await backend.init().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackendError);
  const failures = (error as BackendError).failures;
  expect(failures.map((f) => f.backend)).toEqual(["web:webgpu", "web:wasm"]);
  expect(failures[1]!.reason).toMatch(/nonexistent\/onnxruntime-web\/ort-wasm-simd-threaded/);
  expect(fetchSpy).not.toHaveBeenCalled();
  expect(backend.device).toBeUndefined();
});
