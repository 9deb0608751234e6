import { InputError } from "@mobilenetv1/core";

/** Where onnxruntime-web executes: WebAssembly on the CPU (SIMD, threads when allowed) or WebGPU. */
export type WebDevice = "wasm" | "webgpu";

/** Every device this backend knows. */
export const WEB_DEVICES: readonly WebDevice[] = ["webgpu", "wasm"];

/**
 * The order tried for `device: "auto"` (the default): WebGPU where the browser has a hardware adapter,
 * else wasm, which works everywhere.
 */
export const DEFAULT_WEB_DEVICES: readonly WebDevice[] = ["webgpu", "wasm"];

/** The `device` option: one device, `"auto"` ({@link DEFAULT_WEB_DEVICES}), or devices to try in order. */
export type WebDeviceOption = WebDevice | "auto" | readonly WebDevice[];

/**
 * The devices to try, in order, for a `device` option; throws an {@link InputError} for unknown names.
 *
 * @example
 * devicesToTry({ device: "auto" }) // ["webgpu", "wasm"]
 * devicesToTry({ device: "wasm" }) // ["wasm"]
 */
export function devicesToTry(params: { device: WebDeviceOption | undefined }): WebDevice[] {
  const device = params.device ?? "auto";
  const list: readonly unknown[] =
    device === "auto" ? DEFAULT_WEB_DEVICES : typeof device === "string" ? [device] : device;
  if (list.length === 0 || list.some((d) => !WEB_DEVICES.includes(d as WebDevice))) {
    throw new InputError({
      argument: "device",
      value: device,
      expected: `"auto", one of ${WEB_DEVICES.map((d) => JSON.stringify(d)).join(", ")}, or a non-empty list of them`,
    });
  }
  return [...(list as WebDevice[])];
}

/**
 * Checks what the environment must offer for `device` before onnxruntime-web is asked (and before its
 * build is downloaded), so the reason a device is skipped names the missing piece rather than a runtime
 * internal. Resolves when the device may work; throws an Error whose message is the reason otherwise.
 *
 * @example
 * await checkDeviceAvailable({ device: "webgpu" }) // in Node 20: throws "navigator.gpu is undefined: …"
 * await checkDeviceAvailable({ device: "webgpu", hardwareOnly: true }) // on SwiftShader: throws "… software adapter …"
 */
export async function checkDeviceAvailable(params: {
  device: WebDevice;
  /** Refuse a software (fallback) WebGPU adapter, as `device: "auto"` does. @default false */
  hardwareOnly?: boolean;
}): Promise<void> {
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available in this environment");
  if (params.device !== "webgpu") return;
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) {
    throw new Error(
      "navigator.gpu is undefined: this environment has no WebGPU (Node, an insecure http: page, or a browser without it)",
    );
  }
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw new Error(
      "navigator.gpu.requestAdapter() returned null: no usable GPU adapter (GPU disabled or blocklisted)",
    );
  }
  const software = softwareAdapterName(adapter);
  if (params.hardwareOnly && software) {
    throw new Error(
      `the WebGPU adapter is a software one (${software}): slower than wasm, so "auto" does not use it`,
    );
  }
}

/** The adapter's name when it is a software (CPU) implementation, else undefined. */
export function softwareAdapterName(adapter: unknown): string | undefined {
  const a = adapter as {
    isFallbackAdapter?: boolean;
    info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
  };
  const info = a.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ").trim();
  if (a.isFallbackAdapter === true || info.isFallbackAdapter === true) return name || "fallback adapter";
  return /swiftshader|llvmpipe|lavapipe|softpipe|warp|software/i.test(name) ? name : undefined;
}
