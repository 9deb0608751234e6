import { createWebBackend, type WebBackend } from "@mobilenetv1/backend-web";

/** What the device menu offers: backend-web's devices, or "auto" (WebGPU when it starts, else wasm). */
export type DeviceChoice = "auto" | "wasm" | "webgpu";
export const DEVICE_CHOICES: readonly DeviceChoice[] = ["auto", "wasm", "webgpu"];
export const DEFAULT_DEVICE_CHOICE: DeviceChoice = "auto";

export function isDeviceChoice(value: unknown): value is DeviceChoice {
  return DEVICE_CHOICES.includes(value as DeviceChoice);
}

const backends = new Map<DeviceChoice, WebBackend>();

/**
 * One backend-web instance per choice, kept for the page's life: a started device stays started, and
 * switching back and forth moves the model (`model.to`) without starting onnxruntime-web again.
 */
export function backendFor(choice: DeviceChoice): WebBackend {
  let backend = backends.get(choice);
  if (!backend) {
    backend = createWebBackend({ name: `web-${choice}`, device: choice });
    backends.set(choice, backend);
  }
  return backend;
}

/** Whether the browser exposes WebGPU at all (an adapter may still be refused when the device starts). */
export function browserHasWebGpu(): boolean {
  return typeof navigator !== "undefined" && !!(navigator as { gpu?: unknown }).gpu;
}
