import { BackendError } from "@mobilenetv1/core";
import type { Ort } from "./load-ort.js";
import { availableThreads } from "./runtime-defaults-node.js";
import type { WebDevice } from "./web-device.js";

/**
 * Cap of the default thread count. onnxruntime-web caps its own default at 4 as well: past that, wasm
 * threads add synchronization cost faster than they add throughput for convolution-sized work.
 */
export const MAX_DEFAULT_THREADS = 4;

/** `wasmPaths` as onnxruntime-web takes it: a folder prefix, or the two files' URLs. */
export type WasmPaths = string | { mjs?: string | URL; wasm?: string | URL };

/** What a realm's wasm runtime (one per onnxruntime-web build) is started with. */
export interface WasmRuntimeSettings {
  numThreads: number;
  wasmPaths: WasmPaths | undefined;
  /** The .wasm's bytes, when the caller downloaded them (onnxruntime-web then fetches nothing). */
  wasmBinary?: ArrayBuffer | Uint8Array | undefined;
}

/**
 * The default thread count: what the platform allows (every core in Node; every core on a cross-origin
 * isolated page, else 1), at most {@link MAX_DEFAULT_THREADS}.
 *
 * @example
 * defaultNumThreads() // 2 in Node on a 2-core machine
 */
export function defaultNumThreads(): number {
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, availableThreads()));
}

const appliedByDevice = new Map<WebDevice, WasmRuntimeSettings>();

/** Whether the build of `device` already has its settings (so its .wasm need not be fetched again). */
export function wasmRuntimeSettingsApplied(params: { device: WebDevice }): boolean {
  return appliedByDevice.has(params.device);
}

/**
 * Writes `settings` into `ort.env.wasm` of `device`'s build before its runtime starts. onnxruntime-web has
 * one wasm module per build and realm (page, worker, Node process) and reads these flags once, when its
 * first session is created; so every web backend of a realm must agree on them, and a second backend
 * asking for other settings gets a {@link BackendError} instead of silently running with the first one's.
 * The first backend's `wasmBinary` is the one used.
 *
 * @example
 * applyWasmRuntimeSettings({ ort: await loadOrt({ device: "wasm" }), device: "wasm", settings: { numThreads: 2, wasmPaths: undefined } });
 * ort.env.wasm.numThreads // 2
 */
export function applyWasmRuntimeSettings(params: {
  ort: Ort;
  device: WebDevice;
  settings: WasmRuntimeSettings;
}): void {
  const { ort, settings } = params;
  const applied = appliedByDevice.get(params.device);
  if (applied) {
    if (describe(applied) !== describe(settings)) {
      throw new BackendError({
        message:
          `onnxruntime-web's wasm runtime of this realm already started with ${describe(applied)}; ` +
          `it cannot restart with ${describe(settings)}: give every web backend the same numThreads and wasmPaths`,
      });
    }
    return;
  }
  ort.env.wasm.numThreads = settings.numThreads;
  if (settings.wasmPaths !== undefined) ort.env.wasm.wasmPaths = settings.wasmPaths;
  if (settings.wasmBinary !== undefined) ort.env.wasm.wasmBinary = settings.wasmBinary;
  appliedByDevice.set(params.device, settings);
}

function describe(settings: WasmRuntimeSettings): string {
  const paths = settings.wasmPaths;
  const text =
    typeof paths === "object"
      ? JSON.stringify({ mjs: String(paths.mjs ?? ""), wasm: String(paths.wasm ?? "") })
      : JSON.stringify(paths ?? null);
  return `numThreads ${settings.numThreads}, wasmPaths ${text}`;
}
