import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";
import { resampleBackend } from "./simd-resample.js";

test("WebAssembly SIMD is used in Node", () => {
  expect(resampleBackend()).toBe("wasm-simd");
});

test("resample-simd-wasm.ts is up to date with resample-simd.wat (scripts/build-wasm.mjs --check)", () => {
  const script = join(import.meta.dirname, "../../../scripts/build-wasm.mjs");
  expect(() => execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" })).not.toThrow();
});
