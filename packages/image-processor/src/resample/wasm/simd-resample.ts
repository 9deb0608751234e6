import type { CoefficientTable } from "../coefficients.js";
import type { PixelWindow } from "../pixel-window.js";
import { RESAMPLE_SIMD_WASM_BASE64 } from "./resample-simd-wasm.js";

interface SimdExports {
  memory: WebAssembly.Memory;
  horizontal(
    src: number,
    width: number,
    channels: number,
    rowFirst: number,
    rowLast: number,
    x0: number,
    x1: number,
    ksize: number,
    starts: number,
    weights: number,
    out: number,
  ): void;
  vertical(
    rows: number,
    rowLength: number,
    y0: number,
    y1: number,
    rowsOffset: number,
    ksize: number,
    starts: number,
    weights: number,
    out: number,
  ): void;
}

/** Above this much working memory the JS kernels are used, so a huge image does not leave a huge wasm memory behind. */
const MAX_WASM_BYTES = 64 * 1024 * 1024;

let kernels: SimdExports | null | undefined;
let forceJs = false;

/**
 * The SIMD kernels, compiled once; `null` where WebAssembly SIMD is unavailable (old engines, a CSP
 * without 'wasm-unsafe-eval'): callers then use the JS kernels, which give the same bytes.
 */
function simdKernels(): SimdExports | null {
  if (forceJs) return null;
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    if (typeof WebAssembly === "object") {
      const bytes = Uint8Array.from(atob(RESAMPLE_SIMD_WASM_BASE64), (c) => c.charCodeAt(0));
      if (WebAssembly.validate(bytes))
        kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as SimdExports;
    }
  } catch {
    kernels = null;
  }
  return kernels;
}

/** Which kernels run: `"wasm-simd"` or `"js"`. Tests pass `{ forceJs: true }` to cover both paths. */
export function resampleBackend(params: { forceJs?: boolean } = {}): "wasm-simd" | "js" {
  if (params.forceJs !== undefined) forceJs = params.forceJs;
  return simdKernels() ? "wasm-simd" : "js";
}

/**
 * Both passes in WebAssembly, for 3- or 4-channel images with padded tables. Returns `undefined` when
 * SIMD is unavailable or the job is too large, and the caller runs the JS kernels instead.
 */
export function resampleWithSimd(params: {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
  window: PixelWindow;
  horizontal: CoefficientTable | undefined;
  vertical: CoefficientTable | undefined;
  rowFirst: number;
  rowLast: number;
}): Uint8Array | undefined {
  const { data, width, channels, window, horizontal, vertical, rowFirst, rowLast } = params;
  if (channels !== 3 && channels !== 4) return undefined;
  if (
    (horizontal && !horizontal.padded) ||
    (vertical && !vertical.padded) ||
    (!horizontal && window.x0 !== 0)
  )
    return undefined;
  if (!horizontal && window.x1 !== width) return undefined;
  const k = simdKernels();
  if (!k) return undefined;

  const rowLength = (window.x1 - window.x0) * channels;
  const windowRows = window.y1 - window.y0;
  let top = 0;
  const take = (bytes: number) => {
    const at = top;
    top += (bytes + 16 + 15) & ~15; // 16 bytes of padding after every block (see the .wat)
    return at;
  };
  const src = take(data.length);
  const hStarts = horizontal ? take(horizontal.padded!.start.byteLength) : 0;
  const hWeights = horizontal ? take(horizontal.padded!.weights.byteLength) : 0;
  const vStarts = vertical ? take(vertical.padded!.start.byteLength) : 0;
  const vWeights = vertical ? take(vertical.padded!.weights.byteLength) : 0;
  const rows = horizontal ? take((rowLast - rowFirst) * rowLength) : src;
  const out = vertical ? take(windowRows * rowLength) : rows;
  if (top > MAX_WASM_BYTES) return undefined;
  const pages = Math.ceil(top / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);

  const bytes = new Uint8Array(k.memory.buffer);
  bytes.set(data, src);
  if (horizontal) {
    new Int32Array(k.memory.buffer, hStarts, horizontal.padded!.start.length).set(horizontal.padded!.start);
    new Int32Array(k.memory.buffer, hWeights, horizontal.padded!.weights.length).set(
      horizontal.padded!.weights,
    );
    k.horizontal(
      src,
      width,
      channels,
      rowFirst,
      rowLast,
      window.x0,
      window.x1,
      horizontal.ksize,
      hStarts,
      hWeights,
      rows,
    );
  }
  if (vertical) {
    new Int32Array(k.memory.buffer, vStarts, vertical.padded!.start.length).set(vertical.padded!.start);
    new Int32Array(k.memory.buffer, vWeights, vertical.padded!.weights.length).set(vertical.padded!.weights);
    k.vertical(
      rows,
      rowLength,
      window.y0,
      window.y1,
      horizontal ? rowFirst : 0,
      vertical.ksize,
      vStarts,
      vWeights,
      out,
    );
    return new Uint8Array(k.memory.buffer, out, windowRows * rowLength).slice();
  }
  return new Uint8Array(
    k.memory.buffer,
    rows + (window.y0 - rowFirst) * rowLength,
    windowRows * rowLength,
  ).slice();
}
