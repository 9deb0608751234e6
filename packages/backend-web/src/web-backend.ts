import { type Backend, BackendError, InputError } from "@mobilenetv1/core";
import type * as ort from "onnxruntime-web";
import { probeGraph } from "./probe-graph.js";
import { defaultWasmPaths } from "./runtime-defaults-node.js";
import { defaultNumThreads, type WasmPaths } from "./wasm-runtime-settings.js";
import { checkDeviceAvailable, devicesToTry, type WebDevice, type WebDeviceOption } from "./web-device.js";
import { WebExecutable } from "./web-executable.js";
import { type LoadWasmBinary, startWebRuntime } from "./web-runtime.js";

/** Options for {@link createWebBackend}. */
export interface WebBackendOptions {
  /** Registry name. @default "web" */
  name?: string;
  /**
   * Where to run: `"wasm"`, `"webgpu"`, a list tried in order, or `"auto"` ({@link DEFAULT_WEB_DEVICES}:
   * WebGPU where the browser has a hardware adapter — a software one such as SwiftShader is skipped —,
   * else wasm). The first device that starts is used; when none does, `init` throws a
   * {@link BackendError} whose `failures` say why each one failed. Each device has its own
   * onnxruntime-web build, fetched only when that device is tried: `"wasm"` the WebAssembly-only one
   * (~14 MB .wasm), `"webgpu"` the WebGPU-capable one (~28 MB .wasm).
   * @default "auto"
   */
  device?: WebDeviceOption;
  /**
   * Where onnxruntime-web loads `ort-wasm-simd-threaded*.{mjs,wasm}` from: a folder URL ending in `/`, or
   * `{ mjs, wasm }` URLs. By default nothing is fetched from a CDN: in Node, the installed
   * `onnxruntime-web/dist/` folder; in browsers, the .wasm asset the bundler emitted next to the app.
   * @default defaultWasmPaths()
   */
  wasmPaths?: WasmPaths;
  /**
   * wasm threads. Above 1 needs SharedArrayBuffer: always in Node, only on cross-origin isolated pages
   * in browsers (onnxruntime-web falls back to 1 with a warning otherwise).
   * @default defaultNumThreads() — the platform's threads, at most 4
   */
  numThreads?: number;
  /**
   * Supplies the runtime's .wasm bytes (e.g. downloaded with progress, see the playground) instead of
   * letting onnxruntime-web fetch the file itself. Called once per build and realm, while the build's
   * JavaScript loads; the first backend to start a build supplies its bytes.
   * @default undefined — onnxruntime-web fetches the .wasm from `wasmPaths`
   */
  loadWasmBinary?: LoadWasmBinary;
  /** Extra session options passed through to onnxruntime-web (`executionProviders` comes from `device`). */
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

/** A {@link Backend} on onnxruntime-web that tells which device it settled on. */
export interface WebBackend extends Backend {
  /** The device `init` chose; `undefined` before `init` succeeds. */
  readonly device: WebDevice | undefined;
}

/**
 * A backend that runs core's graphs on onnxruntime-web, in browsers (bundled by Vite or webpack) and in
 * Node. The wasm runtime is one per page or process, so all web backends in it share numThreads and
 * wasmPaths; calls into it are queued, so concurrent `forward` calls are safe.
 *
 * @example
 * import { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
 * import { createWebBackend } from "@mobilenetv1/backend-web";
 * const backend = createWebBackend({ device: "wasm" });
 * const model = await MobileNetV1ForImageClassification.fromPretrained("./my-model", { backend });
 * backend.device // "wasm"
 */
export function createWebBackend(options: WebBackendOptions = {}): WebBackend {
  const name = options.name ?? "web";
  const devices = devicesToTry({ device: options.device });
  const numThreads = options.numThreads;
  if (numThreads !== undefined && !(Number.isInteger(numThreads) && numThreads >= 1)) {
    throw new InputError({ argument: "numThreads", value: numThreads, expected: "an integer >= 1" });
  }
  let chosen: WebDevice | undefined;
  let starting: Promise<WebDevice> | undefined;

  async function selectDevice(): Promise<WebDevice> {
    const failures: { backend: string; reason: string }[] = [];
    for (const device of devices) {
      try {
        // "auto" takes WebGPU only on a hardware adapter: on a software one, wasm is faster.
        await checkDeviceAvailable({
          device,
          hardwareOnly: options.device === undefined || options.device === "auto",
        });
        // Defaults are read here, not at import, so importing the package never inspects the environment.
        await startWebRuntime({
          device,
          numThreads: numThreads ?? defaultNumThreads(),
          wasmPaths: options.wasmPaths ?? defaultWasmPaths(),
          loadWasmBinary: options.loadWasmBinary,
        });
        const probe = await WebExecutable.create({ graph: probeGraph(), device });
        await probe.dispose();
        return device;
      } catch (error) {
        failures.push({
          backend: `${name}:${device}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    throw new BackendError({
      message: `onnxruntime-web could not start on any device (tried ${devices.join(", ")}):`,
      failures,
    });
  }

  const backend: WebBackend = {
    name,
    // onnxruntime-web takes the weights as in-memory external data, so core skips serializing them.
    externalWeights: true,
    get device() {
      return chosen;
    },
    async init() {
      starting ??= selectDevice().catch((error: unknown) => {
        starting = undefined; // a later init may retry (e.g. after the page fixed its headers)
        throw error;
      });
      chosen = await starting;
    },
    async createExecutable({ graph }) {
      await backend.init();
      return WebExecutable.create({ graph, device: chosen!, sessionOptions: options.sessionOptions });
    },
  };
  return backend;
}
