import { loadOrt, type Ort, RUNTIME_WASM_FILES } from "./load-ort.js";
import {
  applyWasmRuntimeSettings,
  type WasmPaths,
  wasmRuntimeSettingsApplied,
} from "./wasm-runtime-settings.js";
import type { WebDevice } from "./web-device.js";

/**
 * Supplies the runtime's .wasm bytes for a device's build instead of letting onnxruntime-web fetch them
 * (to show download progress, or read them from a cache); `undefined` lets onnxruntime-web fetch the file
 * from `wasmPaths` as usual.
 */
export type LoadWasmBinary = (params: {
  device: WebDevice;
  /** The file onnxruntime-web would fetch, e.g. "ort-wasm-simd-threaded.wasm". */
  file: string;
}) => Promise<ArrayBuffer | Uint8Array | undefined>;

const binaries = new Map<WebDevice, Promise<ArrayBuffer | Uint8Array | undefined>>();

/**
 * Loads `device`'s onnxruntime-web build and gives it its settings, fetching the build's JavaScript and
 * (through `loadWasmBinary`) its .wasm at the same time. Each build's .wasm is asked for once per realm.
 *
 * @example
 * const ort = await startWebRuntime({ device: "wasm", numThreads: 1, wasmPaths: undefined });
 * ort.env.wasm.numThreads // 1
 */
export async function startWebRuntime(params: {
  device: WebDevice;
  numThreads: number;
  wasmPaths: WasmPaths | undefined;
  loadWasmBinary?: LoadWasmBinary;
}): Promise<Ort> {
  const { device, loadWasmBinary } = params;
  let binary: Promise<ArrayBuffer | Uint8Array | undefined> | undefined;
  if (loadWasmBinary && !wasmRuntimeSettingsApplied({ device })) {
    binary = binaries.get(device);
    if (!binary) {
      binary = loadWasmBinary({ device, file: RUNTIME_WASM_FILES[device] });
      binaries.set(device, binary);
      // A failed download may be retried by a later init (e.g. once the network is back).
      binary.catch(() => binaries.delete(device));
    }
  }
  const [ort, wasmBinary] = await Promise.all([loadOrt({ device }), binary]);
  applyWasmRuntimeSettings({
    ort,
    device,
    settings: { numThreads: params.numThreads, wasmPaths: params.wasmPaths, wasmBinary },
  });
  return ort;
}
