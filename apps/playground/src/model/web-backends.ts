import { createWebBackend, type LoadWasmBinary, type WebBackend } from "@mobilenetv1/backend-web";

/** What the device menu offers: backend-web's devices, or "auto" (WebGPU when it starts, else wasm). */
export type DeviceChoice = "auto" | "wasm" | "webgpu";
export const DEVICE_CHOICES: readonly DeviceChoice[] = ["auto", "wasm", "webgpu"];
export const DEFAULT_DEVICE_CHOICE: DeviceChoice = "auto";

export function isDeviceChoice(value: unknown): value is DeviceChoice {
  return DEVICE_CHOICES.includes(value as DeviceChoice);
}

const backends = new Map<DeviceChoice, WebBackend>();
let loadWasmBinary: LoadWasmBinary | undefined;

/**
 * How backends created from now on get onnxruntime-web's .wasm (the built app downloads it itself, to
 * show its progress: src/runtime/runtime-wasm-source.ts); call before the first {@link backendFor}.
 */
export function useRuntimeDownload(load: LoadWasmBinary): void {
  loadWasmBinary = load;
}

/**
 * One backend-web instance per choice, kept for the page's life: a started device stays started, and
 * switching back and forth moves the model (`model.to`) without starting onnxruntime-web again.
 */
export function backendFor(choice: DeviceChoice): WebBackend {
  let backend = backends.get(choice);
  if (!backend) {
    backend = createWebBackend({ name: `web-${choice}`, device: choice, loadWasmBinary });
    backends.set(choice, backend);
  }
  return backend;
}

/** Whether the browser exposes WebGPU at all (an adapter may still be refused when the device starts). */
export function browserHasWebGpu(): boolean {
  return typeof navigator !== "undefined" && !!(navigator as { gpu?: unknown }).gpu;
}
