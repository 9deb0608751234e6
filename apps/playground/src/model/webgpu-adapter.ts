/** What the page needs to know about the browser's WebGPU adapter. */
export interface GpuAdapterSummary {
  /** For people: "NVIDIA GeForce RTX 3060", or vendor and architecture ("nvidia ampere") when the browser hides the model. */
  readonly name: string;
  /** A CPU rasterizer (SwiftShader, llvmpipe, lavapipe, a fallback adapter): seconds per image, slower than wasm. */
  readonly software: boolean;
}

/** The parts of a `GPUAdapter` read here (typed loosely: the DOM lib of TS 5 lacks `info`). */
export interface GpuAdapterLike {
  readonly info?: {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly device?: string;
    readonly description?: string;
    readonly isFallbackAdapter?: boolean;
  };
  /** Older Chromium put it on the adapter; newer ones on `info`. */
  readonly isFallbackAdapter?: boolean;
}

/** The part of `navigator.gpu` used here. */
export interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

// Adapters that run on the CPU: Chromium's SwiftShader (vendor "google", architecture "swiftshader"),
// Mesa's llvmpipe and lavapipe, Windows' "Microsoft Basic Render Driver", and anything calling itself software.
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|basic render|software/i;

/** How long the adapter probe may take: a stuck driver must not keep the page from loading a model. */
export const ADAPTER_PROBE_TIMEOUT_MS = 5_000;

/**
 * Names an adapter and tells software adapters apart from GPUs, from `adapter.info` and
 * `isFallbackAdapter`.
 *
 * @example
 * summarizeGpuAdapter({ info: { vendor: "google", architecture: "swiftshader", description: "" } })
 * // { name: "google swiftshader", software: true }
 */
export function summarizeGpuAdapter(adapter: GpuAdapterLike): GpuAdapterSummary {
  const info = adapter.info ?? {};
  const clean = (s: string | undefined) => (typeof s === "string" ? s.trim().slice(0, 80) : "");
  const description = clean(info.description);
  const vendorArch = [clean(info.vendor), clean(info.architecture)].filter(Boolean).join(" ");
  const name = description || vendorArch || clean(info.device) || "unnamed adapter";
  const text = [info.vendor, info.architecture, info.device, info.description].map(clean).join(" ");
  const software =
    info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE.test(text);
  return { name, software };
}

/** Set by the built page's inline script (vite-plugins/runtime-files-plugin.ts, EARLY_ADAPTER_GLOBAL). */
const EARLY_ADAPTER_GLOBAL = "__mobilenetv1GpuAdapter";

/** The inline script's adapter request, when the page has one (the built app; not `vite dev` or tests). */
function earlyAdapterRequest(): Promise<GpuAdapterLike | null> | undefined {
  const early = (globalThis as { [EARLY_ADAPTER_GLOBAL]?: unknown })[EARLY_ADAPTER_GLOBAL];
  return early instanceof Promise ? (early as Promise<GpuAdapterLike | null>) : undefined;
}

/**
 * Asks the browser for a WebGPU adapter: `undefined` when it has no `navigator.gpu`, no adapter
 * (GPU disabled or blocklisted), or the request fails or takes longer than `timeoutMs`. Takes the
 * answer of the request the built page's inline script already made, when there is one: the page asks
 * once (a second `requestAdapter()` costs 100–500 ms on a repeat visit's critical path).
 *
 * @example
 * await probeWebGpuAdapter() // { name: "nvidia ampere", software: false }, or undefined
 */
export async function probeWebGpuAdapter(
  params: {
    /** @default navigator.gpu */
    gpu?: GpuLike | undefined;
    /** @default ADAPTER_PROBE_TIMEOUT_MS */
    timeoutMs?: number;
    /**
     * A request already made (`gpu.requestAdapter()`'s promise), used instead of asking again.
     * @default the built page's inline script's request (`window.__mobilenetv1GpuAdapter`), if any
     */
    early?: Promise<GpuAdapterLike | null> | undefined;
  } = {},
): Promise<GpuAdapterSummary | undefined> {
  const early = "early" in params ? params.early : earlyAdapterRequest();
  const gpu = "gpu" in params ? params.gpu : (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!early && !gpu) return undefined;
  let stopTimer = () => {};
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, params.timeoutMs ?? ADAPTER_PROBE_TIMEOUT_MS);
    stopTimer = () => clearTimeout(timer);
  });
  try {
    const request = early ?? (gpu as GpuLike).requestAdapter();
    const adapter = await Promise.race([request, timeout]);
    return adapter ? summarizeGpuAdapter(adapter) : undefined;
  } catch {
    return undefined; // no adapter to offer; the menu says WebGPU is unavailable
  } finally {
    stopTimer();
  }
}
