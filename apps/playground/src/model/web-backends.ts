import { createWebBackend, type LoadWasmBinary, type WebBackend } from "@mobilenetv1/backend-web";
import { type GpuAdapterSummary, probeWebGpuAdapter } from "./webgpu-adapter.js";

/** What the device menu offers: backend-web's devices, or "auto" (WebGPU on a hardware adapter, else wasm). */
export type DeviceChoice = "auto" | "wasm" | "webgpu";
export const DEVICE_CHOICES: readonly DeviceChoice[] = ["auto", "wasm", "webgpu"];
export const DEFAULT_DEVICE_CHOICE: DeviceChoice = "auto";

export function isDeviceChoice(value: unknown): value is DeviceChoice {
  return DEVICE_CHOICES.includes(value as DeviceChoice);
}

/** The `device` option of backend-web a menu choice becomes. */
export type BackendDevice = "auto" | "wasm" | "webgpu";

let loadWasmBinary: LoadWasmBinary | undefined;

/**
 * How backends created from now on get onnxruntime-web's .wasm (the built app downloads it itself, to
 * show its progress: src/runtime/runtime-wasm-source.ts); call before the first {@link backendFor}.
 */
export function useRuntimeDownload(load: LoadWasmBinary): void {
  loadWasmBinary = load;
}

/**
 * The backend-web device for a menu choice. Auto tries WebGPU only on a hardware adapter: a software
 * one (SwiftShader, llvmpipe) takes seconds per image, far slower than wasm. An explicit "webgpu" is
 * tried whatever the adapter; when it cannot start, the page falls back to wasm and says why.
 *
 * @example
 * deviceForChoice({ choice: "auto", adapter: { name: "google swiftshader", software: true } }) // "wasm"
 * deviceForChoice({ choice: "auto", adapter: { name: "nvidia ampere", software: false } })     // "auto"
 */
export function deviceForChoice(params: {
  choice: DeviceChoice;
  adapter: GpuAdapterSummary | undefined;
}): BackendDevice {
  const { choice, adapter } = params;
  if (choice !== "auto") return choice;
  return adapter && !adapter.software ? "auto" : "wasm";
}

let adapterProbe: Promise<GpuAdapterSummary | undefined> | undefined;

/** The browser's WebGPU adapter, asked for once per page (`undefined`: none). */
export function webGpuAdapter(): Promise<GpuAdapterSummary | undefined> {
  adapterProbe ??= probeWebGpuAdapter();
  return adapterProbe;
}

const backends = new Map<BackendDevice, WebBackend>();

/**
 * The backend for a menu choice, with the adapter it was chosen for. One backend-web instance per
 * device, kept for the page's life: a started device stays started, and switching back and forth moves
 * the model (`model.to`) without starting onnxruntime-web again; Auto on a software adapter shares
 * wasm's instance.
 */
export async function backendFor(
  choice: DeviceChoice,
): Promise<{ backend: WebBackend; adapter: GpuAdapterSummary | undefined }> {
  const adapter = await webGpuAdapter();
  const device = deviceForChoice({ choice, adapter });
  let backend = backends.get(device);
  if (!backend) {
    backend = createWebBackend({ name: `web-${device}`, device, loadWasmBinary });
    backends.set(device, backend);
  }
  return { backend, adapter };
}
