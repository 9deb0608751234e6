import { BackendError } from "@mobilenetv1/core";
import { fetchWithTimeouts } from "@mobilenetv1/core/net";

/** Bytes of the runtime's .wasm received so far, of its size (uncompressed: what the file holds). */
export interface RuntimeProgress {
  readonly file: string;
  readonly loaded: number;
  readonly total: number;
}

/**
 * Downloads an onnxruntime-web .wasm whose size the build recorded, reporting bytes as they arrive, so the
 * page can show the runtime's download next to the model's. The browser undoes the transfer's
 * Content-Encoding (br, gzip), so `loaded` counts the file's own bytes. A body longer or shorter than the
 * recorded size (a wrong file, a truncated transfer) fails with a {@link BackendError}, as does an HTTP
 * error; backend-web then reports it as the reason the device did not start.
 *
 * @example
 * const bytes = await downloadRuntimeWasm({ file: "ort-wasm-simd-threaded.wasm", url, bytes: 14239897, onProgress: (p) => bar.value = p.loaded });
 * bytes.byteLength // 14239897
 */
export async function downloadRuntimeWasm(params: {
  file: string;
  url: string;
  /** The file's size, recorded at build time. */
  bytes: number;
  onProgress?: (progress: RuntimeProgress) => void;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}): Promise<Uint8Array> {
  const { file, url, bytes: total } = params;
  const fail = (reason: string) =>
    new BackendError({ message: `could not download onnxruntime-web's ${file} from ${url}: ${reason}` });
  const response = await fetchWithTimeouts({ url, fetch: params.fetch });
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const out = new Uint8Array(total);
  let loaded = 0;
  params.onProgress?.({ file, loaded, total });
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > total) {
      await reader.cancel().catch(() => undefined);
      throw fail(`the body is larger than the ${total} bytes the build recorded (a different file?)`);
    }
    out.set(value, loaded);
    loaded += value.byteLength;
    params.onProgress?.({ file, loaded, total });
  }
  if (loaded !== total) throw fail(`the body ended after ${loaded} of ${total} bytes`);
  return out;
}
