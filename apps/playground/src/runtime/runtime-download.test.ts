import { BackendError } from "@mobilenetv1/core";
import { expect, it } from "vitest";
import { downloadRuntimeWasm, type RuntimeProgress } from "./runtime-download.js";

const FILE = "ort-wasm-simd-threaded.wasm";

/** A fetch answering with `chunks` as the body, one read each. */
function fetchOf(chunks: Uint8Array[], status = 200): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
      { status },
    );
}

it("returns the file's bytes and reports progress chunk by chunk, from 0 to the recorded size", async () => {
  const seen: RuntimeProgress[] = [];
  const bytes = await downloadRuntimeWasm({
    file: FILE,
    url: "http://127.0.0.1/assets/ort.wasm",
    bytes: 5,
    onProgress: (p) => seen.push(p),
    fetch: fetchOf([new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])]),
  });
  expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5]);
  expect(seen.map((p) => p.loaded)).toEqual([0, 2, 5]);
  expect(seen.every((p) => p.total === 5 && p.file === FILE)).toBe(true);
});

it("refuses an HTTP error, a body longer than recorded and a truncated one, naming the file and URL", async () => {
  const url = "http://127.0.0.1/assets/ort.wasm";
  const download = (fetchImpl: typeof globalThis.fetch) =>
    downloadRuntimeWasm({ file: FILE, url, bytes: 4, fetch: fetchImpl });
  const notFound = download(fetchOf([], 404));
  await expect(notFound).rejects.toThrow(BackendError);
  await expect(notFound).rejects.toThrow(`${FILE} from ${url}: HTTP 404`);
  await expect(download(fetchOf([new Uint8Array(3), new Uint8Array(3)]))).rejects.toThrow(
    /larger than the 4 bytes the build recorded/,
  );
  await expect(download(fetchOf([new Uint8Array(3)]))).rejects.toThrow(/ended after 3 of 4 bytes/);
});
