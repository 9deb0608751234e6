/**
 * Worker thread of {@link createPreprocessPool}: decodes and preprocesses images with its own
 * `MobileNetV1ImageProcessor`, so the server's main thread only does HTTP (Pillow-exact resizing and the PNG
 * fast path are synchronous JavaScript/zlib work).
 */
import { parentPort, workerData } from "node:worker_threads";
import { MobileNetError } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";

const { configText, maxImagePixels } = workerData as { configText: string; maxImagePixels: number };
const processor = MobileNetV1ImageProcessor.fromConfigText(configText);

parentPort!.on("message", async (message: { id: number; images: Uint8Array[] }) => {
  try {
    const { pixelValues } = await processor.preprocess(message.images, { decode: { maxImagePixels } });
    const data = pixelValues.data as Float32Array;
    parentPort!.postMessage({ id: message.id, dims: pixelValues.dims, data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    // Typed errors cross the thread boundary as their code, message and fields.
    const fields = error instanceof MobileNetError ? { ...error } : {};
    parentPort!.postMessage({
      id: message.id,
      error: {
        name: error instanceof Error ? error.name : "Error",
        code: error instanceof MobileNetError ? error.code : undefined,
        message: error instanceof Error ? error.message : String(error),
        fields: JSON.parse(JSON.stringify(fields)),
      },
    });
  }
});
